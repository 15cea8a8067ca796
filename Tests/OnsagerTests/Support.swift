import Foundation
import Linalg
import XCTest
@testable import Onsager

/// A smooth random field on `grid` (a few sines), for identities that hold for any state.
func randomField(on grid: PeriodicGrid, seed: UInt32, maxWaveNumber: Int = 5, amplitude: Double = 1) -> [Double] {
    var rng = RandomGenerator(seed: seed)
    return RandomSines(terms: 4, maxWaveNumber: maxWaveNumber, scaling: .amplitude(amplitude)).sample(on: grid, using: &rng)
}

/// max |a_i - b_i| / max |b_i|.
func relativeDifference(_ a: [Double], _ b: [Double]) -> Double {
    zip(a, b).map { abs($0 - $1) }.max()! / max(b.map(abs).max()!, 1e-300)
}

/// The central finite-difference derivative of `f` at 0.
func centralDifference(step h: Double, _ f: (Double) -> Double) -> Double {
    (f(h) - f(-h)) / (2 * h)
}

/// Integer wave numbers of the 1D modes as used in tests (the grid length is 2π).
func waveNumbers(_ transform: SpectralTransform) -> [Double] { transform.kx }

/// The identities every learned model must satisfy, checked on one state: μ is the finite-
/// difference gradient of the reported V (at a few points), and dV/dt along the flow is
/// -⟨μ, Mμ⟩ with the Parseval weights.
func assertEnergyIdentities(_ model: OnsagerModel, at u: [Double], file: StaticString = #filePath, line: UInt = #line) {
    let mu = model.chemicalPotential(u)
    let scale = max(1, mu.map(abs).max()!)
    for x in stride(from: 0, to: u.count, by: max(1, u.count / 5)) {
        let derivative = centralDifference(step: 1e-5) { h in
            var v = u
            v[x] += h
            return model.freeEnergy(v)
        }
        XCTAssertEqual(derivative / model.grid.cellVolume, mu[x], accuracy: 1e-5 * scale, "μ at point \(x)", file: file, line: line)
    }
    let f = model.velocity(u)
    let step = 1e-6 / max(1, f.map(abs).max()!)
    let rate = centralDifference(step: step) { h in model.freeEnergy(axpy(u, h, f)) }
    let dissipation = model.dissipationRate(u)
    XCTAssertEqual(rate, -dissipation, accuracy: 1e-5 * max(1, abs(dissipation)), "energy law", file: file, line: line)
}

/// Rolls every trajectory of `data` out with `method` at the frame spacing.
func stepperPrediction(_ model: OnsagerModel, _ method: StepMethod, frames: Int, spacing: Double)
    -> ([Double]) throws(OnsagerError) -> Matrix
{
    { u throws(OnsagerError) in try FieldStepper(model: model, method: method, timeStep: spacing).rollout(from: u, frames: frames).frames }
}

/// The modes whose share of the data's spectral energy is at least `share` and whose true
/// rate |σ(k) L(k)| Δt is at most `resolution`: the modes a free symbol can be read on.
func resolvedModes(_ data: Dataset, truth: OnsagerModel, share: Double = 1e-6, resolution: Double = 1) -> [Int] {
    let t = truth.transform
    var energy = [Double](repeating: 0, count: t.modeCount)
    for i in 0..<data.trajectories.count {
        for n in 0..<data.frameCount {
            let s = t.forward(data.frame(n, of: i))
            for k in 0..<t.modeCount { energy[k] += s.real[k] * s.real[k] + s.imag[k] * s.imag[k] }
        }
    }
    let total = energy.reduce(0, +)
    return (1..<t.modeCount).filter { k in
        let rate = hypot(truth.mobility[k], truth.conservative[k]) * abs(truth.linear[k]) * data.frameSpacing
        return energy[k] >= share * total && rate <= resolution
    }
}
