import Foundation
import Linalg
import XCTest
@testable import Onsager

/// The chain benchmarks at test sizes (the full figures come from scripts/onsager_fput.lua and
/// scripts/onsager_langevin.lua): B6, the FPUT chain, whose meso model is unknown but close to
/// KdV; B7, an overdamped Langevin chain coarse-grained to a strain field.
final class ChainBenchmarkTests: XCTestCase {
    /// B6: the learned model is near-conservative (m ≈ 0), its dispersion is close to the KdV
    /// limit w = -k/24, and its AVF rollouts beat DMD at 5 steps and stay bounded.
    func testB6FPUTChainLearnsANearConservativeModel() throws {
        let chain = try FPUTChain()
        let data = try chain.generate(trajectories: 24, frames: 51, seed: 16)
        let train = try data.trajectories(0..<20), test = try data.trajectories(20..<24)
        let fit = try ALSFit.fit(train, hypothesis: Hypothesis(symbolForm: .free, basis: .polynomial(degree: 3)))
        let t = fit.model.transform
        for k in 1...6 {
            XCTAssertLessThanOrEqual(fit.model.mobility[k], 1e-2 * abs(fit.model.conservative[k]), "m(\(k))")
            XCTAssertEqual(fit.model.conservative[k] / t.kx[k], -1.0 / 24, accuracy: 0.05 / 24, "w(\(k))/k")
        }
        assertEnergyIdentities(fit.model, at: test.frame(0, of: 0))
        let learned = try Diagnostics.evaluate(test, horizon: 50,
                                              predict: stepperPrediction(fit.model, .averageVectorField, frames: 50, spacing: 0.01))
        let dmd = try DMDModel(fitting: train, rank: 32)
        let linear = try Diagnostics.evaluate(test, horizon: 50) { u in dmd.rollout(from: u, frames: 50) }
        XCTAssertLessThan(learned.mean(at: 5), linear.mean(at: 5) / 3)
        XCTAssertEqual(learned.stepsBeforeDivergence, [Int](repeating: 50, count: 4))
    }

    /// B7: the coarse-grained Langevin chain conserves strain, so the learned mobility grows as
    /// k² at small k (m/k² flat within 10 % on the three lowest modes) with no conservative part,
    /// and the learned F' matches the temperature-renormalised force up to the scale gauge
    /// (affine fit R² ≥ 0.99). The gauge is c₁ = 1: the microscopic gradient coefficient vanishes.
    func testB7LangevinChainCoarseGrainsToADiffusiveModel() throws {
        let chain = try LangevinChain(sites: 256, block: 8, realizations: 16)
        let data = try chain.generate(trajectories: 20, frames: 31, frameSpacing: 2, seed: 17)
        var options = ALSOptions()
        options.gauge = "c1"
        let fit = try ALSFit.fit(data, hypothesis: Hypothesis(symbolForm: .free, basis: .polynomial(degree: 3)), options: options)
        let t = fit.model.transform
        let ratios = (1...3).map { fit.model.mobility[$0] / t.kSquared[$0] }
        XCTAssertLessThan(ratios.max()! / ratios.min()! - 1, 0.1, "m(k)/k²: \(ratios)")
        for k in 1...3 { XCTAssertLessThan(abs(fit.model.conservative[k]), 0.05 * fit.model.mobility[k], "w(\(k))") }
        XCTAssertEqual(fit.identifiability.casimirs, ["c0"])
        let strains = (0...20).map { -1 + 0.1 * Double($0) }
        let energy = fit.model.energy
        let comparison = try Diagnostics.affineFit(x: chain.renormalizedForce(strains),
                                                   y: strains.map { energy.basis.force(energy.coefficients, $0) })
        XCTAssertGreaterThan(comparison.rSquared, 0.99)
        XCTAssertGreaterThan(comparison.slope, 0)
    }
}
