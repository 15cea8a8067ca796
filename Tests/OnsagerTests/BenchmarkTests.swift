import Foundation
import Linalg
import XCTest
@testable import Onsager

/// The benchmarks B1–B5 of the Onsager plan: known members of the class, each with its pass
/// criterion. (B6 and B7, the chains, are in ChainBenchmarkTests.)
final class BenchmarkTests: XCTestCase {
    private let grid = try! PeriodicGrid(points: 256)
    private let cubic = PointwiseBasis.polynomial(degree: 3)

    /// B1, Allen–Cahn 1D: the coefficients are recovered within 1e-3 after the gauge fix b = 1;
    /// V never increases under the AVF step of the learned model for steps up to 20 times the
    /// frame spacing; rollouts 100 times the data horizon stay bounded and settle into ±1
    /// plateaus joined by kinks.
    func testB1AllenCahnRecoveryAndEnergyStability() throws {
        let problem = try InClassProblem.allenCahn(grid: grid)
        let data = try problem.generate(trajectories: 16, frames: 61, frameSpacing: 1e-3, seed: 11)
        let fit = try ALSFit.fit(data, hypothesis: Hypothesis(symbolForm: .free, basis: cubic))
        let learned = fit.model.energy.parameters, truth = problem.truth.energy.parameters
        let scale = truth.map(abs).max()!
        for (name, (a, b)) in zip(fit.model.energy.parameterNames, zip(learned, truth)) {
            XCTAssertEqual(a, b, accuracy: 1e-3 * scale, "coefficient \(name)")
        }
        XCTAssertTrue(fit.identifiability.isIdentifiable)
        XCTAssertTrue(fit.model.energy.isCoercive)
        for k in resolvedModes(data, truth: problem.truth) { XCTAssertEqual(fit.model.mobility[k], 1, accuracy: 1e-3, "m(\(k))") }
        assertEnergyIdentities(fit.model, at: data.frame(3, of: 0))

        let start = data.frame(0, of: 1)
        for factor in [1.0, 5, 20] {
            let rollout = try FieldStepper(model: fit.model, method: .averageVectorField, timeStep: factor * 1e-3)
                .rollout(from: start, frames: 100)
            XCTAssertFalse(rollout.diverged)
            XCTAssertLessThanOrEqual(rollout.maxEnergyIncrease, 1e-12, "AVF at \(factor)x the frame spacing")
        }
        // 100 x the data horizon T = 0.1, with steps 20 x the frame spacing.
        let long = try FieldStepper(model: fit.model, method: .averageVectorField, timeStep: 0.02).rollout(from: start, frames: 500)
        let final = Array(long.frames.column(500).elements)
        XCTAssertFalse(long.diverged)
        let c = fit.model.energy.coefficients, plateau = (-c[1] / c[3]).squareRoot()  // the learned wells ±plateau
        XCTAssertEqual(plateau, 1, accuracy: 1e-6)
        XCTAssertLessThanOrEqual(final.map(abs).max()!, plateau * (1 + 1e-9))
        XCTAssertGreaterThan(Double(final.filter { abs(abs($0) - 1) < 0.05 }.count) / Double(final.count), 0.6)
        XCTAssertLessThan(fit.model.dissipationRate(final), 1e-6 * fit.model.dissipationRate(start))
    }

    /// The class on a 2D grid: Allen–Cahn 2D coefficients and the free symbol are recovered,
    /// the symbol is even (M symmetric), and the AVF step dissipates.
    func testAllenCahn2DRecovery() throws {
        let square = try PeriodicGrid(nx: 32, ny: 32)
        let problem = try InClassProblem.allenCahn(grid: square, epsilon: 0.15, maxWaveNumber: 4)
        let data = try problem.generate(trajectories: 4, frames: 21, frameSpacing: 1e-3, seed: 21)
        let fit = try ALSFit.fit(data, hypothesis: Hypothesis(symbolForm: .free, basis: cubic))
        let scale = problem.truth.energy.coefficients.map(abs).max()!
        for (a, b) in zip(fit.model.energy.parameters, problem.truth.energy.parameters) { XCTAssertEqual(a, b, accuracy: 1e-3 * scale) }
        let t = fit.model.transform
        for k in resolvedModes(data, truth: problem.truth) {
            XCTAssertEqual(fit.model.mobility[k], 1, accuracy: 1e-3)
            XCTAssertEqual(fit.model.mobility[k], fit.model.mobility[t.partner[k]])
            XCTAssertEqual(fit.model.conservative[k], -fit.model.conservative[t.partner[k]])
        }
        assertEnergyIdentities(fit.model, at: data.frame(2, of: 0))
        let rollout = try FieldStepper(model: fit.model, method: .averageVectorField, timeStep: 0.01).rollout(from: data.frame(0, of: 1), frames: 10)
        XCTAssertLessThanOrEqual(rollout.maxEnergyIncrease, 1e-12)
    }

    /// B2, Cahn–Hilliard 1D: m(k)/k² is flat within 2 % on the resolved excited modes, ∫u is
    /// recognised as a Casimir (c₀ dropped, m(0) = 0), and learned rollouts keep the mass to 1e-12.
    func testB2CahnHilliardMobilityAndMassConservation() throws {
        let problem = try InClassProblem.cahnHilliard(grid: grid)
        let data = try problem.generate(trajectories: 16, frames: 61, frameSpacing: 1e-3, substeps: 40, seed: 12)
        let fit = try ALSFit.fit(data, hypothesis: Hypothesis(symbolForm: .free, basis: cubic))
        let t = fit.model.transform
        let modes = resolvedModes(data, truth: problem.truth)
        XCTAssertGreaterThanOrEqual(modes.count, 4)
        let ratios = modes.map { fit.model.mobility[$0] / t.kSquared[$0] }
        XCTAssertLessThan(ratios.max()! / ratios.min()! - 1, 0.02, "m(k)/k² on modes \(modes): \(ratios)")
        XCTAssertEqual(fit.identifiability.casimirs, ["c0"])
        XCTAssertEqual(fit.model.mobility[0], 0)
        assertEnergyIdentities(fit.model, at: data.frame(2, of: 0))

        let start = data.frame(0, of: 3)
        let mass = { (u: [Double]) in u.reduce(0, +) * self.grid.cellVolume }
        for method in [StepMethod.averageVectorField, .sbdf1(stabilization: 0)] {
            let rollout = try FieldStepper(model: fit.model, method: method, timeStep: 5e-3).rollout(from: start, frames: 100)
            let drift = (0...100).map { abs(mass(Array(rollout.frames.column($0).elements)) - mass(start)) }.max()!
            XCTAssertLessThanOrEqual(drift, 1e-12, method.name)
        }
    }

    /// B3, KdV: the learned mobility is zero and w(k)/k constant on the resolved modes (free
    /// symbol), ∫u is a Casimir; with the local symbol (m ≡ 0 exactly) the AVF step conserves V
    /// to 1e-10 per step, while explicit Euler changes it by O(Δt²) (fitted slope ≈ 2).
    func testB3KdVConservativeLimit() throws {
        let problem = try InClassProblem.kdv(grid: grid)
        let data = try problem.generate(trajectories: 16, frames: 61, frameSpacing: 1e-3, seed: 13)
        let free = try ALSFit.fit(data, hypothesis: Hypothesis(symbolForm: .free, basis: cubic))
        let t = free.model.transform
        let modes = resolvedModes(data, truth: problem.truth)
        XCTAssertGreaterThanOrEqual(modes.count, 6)
        let largest = modes.map { abs(free.model.conservative[$0]) }.max()!
        for k in modes {
            XCTAssertLessThanOrEqual(free.model.mobility[k], 1e-3 * largest, "m(\(k))")
            XCTAssertEqual(free.model.conservative[k] / t.kx[k], -1, accuracy: 0.02, "w(\(k))/k")
        }
        XCTAssertEqual(free.identifiability.casimirs, ["c0"])

        let local = try ALSFit.fit(data, hypothesis: Hypothesis(symbolForm: .local(mobilityTerms: 1, conservativeTerms: 2), basis: cubic))
        XCTAssertEqual(local.model.symbol.mobilityParameters, [0])
        XCTAssertEqual(local.model.symbol.conservativeParameters[0], -1, accuracy: 0.01)
        assertEnergyIdentities(local.model, at: data.frame(5, of: 0))
        let start = data.frame(0, of: 2)
        let avf = try FieldStepper(model: local.model, method: .averageVectorField, timeStep: 1e-3).rollout(from: start, frames: 50)
        let drift = (0..<50).map { abs(avf.energies[$0 + 1] - avf.energies[$0]) }.max()!
        XCTAssertLessThanOrEqual(drift, 1e-10)

        let steps = (0..<6).map { 1e-7 * pow(2, Double($0)) }
        let changes = try steps.map { h in
            abs(local.model.freeEnergy(try FieldStepper(model: local.model, method: .euler, timeStep: h).step(start).state)
                - local.model.freeEnergy(start))
        }
        let slope = try Diagnostics.affineFit(x: steps.map(log), y: changes.map(log)).slope
        XCTAssertEqual(slope, 2, accuracy: 0.1)
    }

    /// B4, a mixed dissipative–dispersive member: M and W are recovered separately, with one
    /// common scale (1 after the gauge b = 1): free symbol within 1 % on the resolved modes, local
    /// coefficients and energy within 1e-3.
    func testB4MixedCaseSplitsMobilityAndPoissonParts() throws {
        let problem = try InClassProblem.mixed(grid: grid)
        let data = try problem.generate(trajectories: 16, frames: 61, frameSpacing: 1e-3, seed: 14)
        let free = try ALSFit.fit(data, hypothesis: Hypothesis(symbolForm: .free, basis: cubic))
        let modes = resolvedModes(data, truth: problem.truth)
        XCTAssertGreaterThanOrEqual(modes.count, 5)
        let common = free.model.mobility[modes[0]] / problem.truth.mobility[modes[0]]
        XCTAssertEqual(common, 1, accuracy: 0.01)
        for k in modes {
            XCTAssertEqual(free.model.mobility[k] / problem.truth.mobility[k], common, accuracy: 0.01 * common, "m(\(k))")
            XCTAssertEqual(free.model.conservative[k] / problem.truth.conservative[k], common, accuracy: 0.01 * common, "w(\(k))")
        }
        let local = try ALSFit.fit(data, hypothesis: Hypothesis(symbolForm: .local(mobilityTerms: 2, conservativeTerms: 2), basis: cubic))
        XCTAssertEqual(local.model.symbol.mobilityParameters[1], 0.05, accuracy: 0.05e-3)
        XCTAssertEqual(local.model.symbol.conservativeParameters[0], 1, accuracy: 1e-3)
        for (a, b) in zip(local.model.energy.parameters, problem.truth.energy.parameters) { XCTAssertEqual(a, b, accuracy: 3e-3) }
        assertEnergyIdentities(local.model, at: data.frame(4, of: 1))
    }

    /// B5, the negative control: for linear dynamics (quadratic V) only σ(k)(|k|² + c₁) is
    /// identifiable. The fit reproduces those products, the identifiability report names the
    /// flat direction (c₁), and moving along it leaves the dynamics unchanged; Allen–Cahn, in
    /// contrast, has no flat direction (B1).
    func testB5LinearControlReportsTheNonIdentifiableDirection() throws {
        let problem = try InClassProblem.linear(grid: grid, mass: 1)
        let data = try problem.generate(trajectories: 16, frames: 41, frameSpacing: 1e-3, seed: 15)
        let fit = try ALSFit.fit(data, hypothesis: Hypothesis(symbolForm: .free, basis: .polynomial(degree: 1)))
        let report = fit.identifiability
        XCTAssertFalse(report.isIdentifiable)
        XCTAssertEqual(report.flatDirections.count, 1)
        let direction = report.direction(report.flatDirections[0])
        XCTAssertEqual(abs(direction["c1"]!), 1, accuracy: 1e-9)
        XCTAssertLessThan(abs(direction["c0"]!), 1e-6)

        let t = fit.model.transform, c1 = fit.model.energy.coefficients[1]
        for k in resolvedModes(data, truth: problem.truth) {
            XCTAssertEqual(fit.model.mobility[k] * (t.kSquared[k] + c1), t.kSquared[k] + 1, accuracy: 1e-6 * (t.kSquared[k] + 1))
        }
        // Another point of the flat valley: c₁' = c₁ + 0.5 with σ' = σ (|k|² + c₁)/(|k|² + c₁').
        let shifted = c1 + 0.5
        let other = try OnsagerModel(
            transform: t,
            symbol: .free(mobility: (0..<t.modeCount).map { fit.model.mobility[$0] * (t.kSquared[$0] + c1) / (t.kSquared[$0] + shifted) },
                          conservative: fit.model.conservative, on: t),
            energy: Energy(gradientCoefficient: 1, basis: .polynomial(degree: 1), coefficients: [fit.model.energy.coefficients[0], shifted]))
        let u = data.frame(7, of: 2)
        XCTAssertLessThan(relativeDifference(other.velocity(u), fit.model.velocity(u)), 1e-9)
    }
}
