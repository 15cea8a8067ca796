import Foundation
import Linalg
import XCTest
@testable import Onsager

/// The data generators: accuracy and determinism of the ETDRK4 integration, conservation laws
/// of the data, the FPUT chain's KdV limit, and the Langevin chain's renormalised force.
final class GeneratorTests: XCTestCase {
    /// ETDRK4 is fourth order: halving the sub-step cuts the error by about 16.
    func testExponentialIntegratorIsFourthOrder() throws {
        let problem = try InClassProblem.allenCahn(grid: PeriodicGrid(points: 64), epsilon: 0.3, maxWaveNumber: 4)
        func run(_ substeps: Int) throws -> Matrix {
            try problem.generate(trajectories: 1, frames: 11, frameSpacing: 0.01, substeps: substeps, seed: 4).trajectories[0]
        }
        let reference = try run(256)
        let errors = try [4, 8, 16].map { try (run($0) - reference).norm() }
        XCTAssertGreaterThan(errors[0] / errors[1], 12)
        XCTAssertGreaterThan(errors[1] / errors[2], 12)
    }

    /// The same seed gives the same data; another seed other data.
    func testGenerationIsSeeded() throws {
        let problem = try InClassProblem.kdv(grid: PeriodicGrid(points: 64))
        let a = try problem.generate(trajectories: 3, frames: 4, frameSpacing: 1e-3, seed: 9)
        let b = try problem.generate(trajectories: 3, frames: 4, frameSpacing: 1e-3, seed: 9)
        let c = try problem.generate(trajectories: 3, frames: 4, frameSpacing: 1e-3, seed: 10)
        XCTAssertEqual(a.trajectories, b.trajectories)
        XCTAssertNotEqual(a.trajectories, c.trajectories)
    }

    /// Random sines are rescaled onto [-1, 1] or to the requested amplitude.
    func testRandomSinesScaling() throws {
        let grid = try PeriodicGrid(points: 128)
        var rng = RandomGenerator(seed: 3)
        let ranged = RandomSines().sample(on: grid, using: &rng)
        XCTAssertEqual(ranged.min()!, -1, accuracy: 1e-15)
        XCTAssertEqual(ranged.max()!, 1, accuracy: 1e-15)
        let scaled = RandomSines(maxWaveNumber: 6, scaling: .amplitude(0.3)).sample(on: grid, using: &rng)
        XCTAssertEqual(scaled.map(abs).max()!, 0.3, accuracy: 1e-15)
        XCTAssertEqual(scaled.reduce(0, +), 0, accuracy: 1e-12)
    }

    /// Cahn–Hilliard data conserve the mass ∫u exactly (m(0) = 0).
    func testCahnHilliardDataConserveMass() throws {
        let grid = try PeriodicGrid(points: 128)
        let data = try InClassProblem.cahnHilliard(grid: grid).generate(trajectories: 2, frames: 21, frameSpacing: 1e-3, seed: 5)
        for i in 0..<2 {
            let masses = (0..<21).map { data.frame($0, of: i).reduce(0, +) * grid.cellVolume }
            XCTAssertLessThan(masses.map { abs($0 - masses[0]) }.max()!, 1e-12)
        }
    }

    /// The FPUT chain in KdV scaling follows its KdV limit u_τ + u u_ξ + u_ξξξ/24 = 0 closely over
    /// a few frames (the chain adds O(ε²) corrections).
    func testFPUTChainFollowsItsKdVLimit() throws {
        let chain = try FPUTChain()
        let data = try chain.generate(trajectories: 3, frames: 6, seed: 6)
        let errors = try Diagnostics.evaluate(data, horizon: 5,
                                              predict: stepperPrediction(chain.kdvLimit(), .averageVectorField, frames: 5, spacing: 0.01))
        XCTAssertLessThan(errors.mean(at: 5), 0.02)
        XCTAssertGreaterThan(errors.mean(at: 5), 1e-5)  // but it is not exactly KdV
    }

    /// The Langevin chain conserves the total strain in every realisation, so the coarse field
    /// keeps its mean; the renormalised force is Φ' at T = 0, odd, increasing, and stiffer than
    /// Φ' at small strain when T > 0 (quartic fluctuations).
    func testLangevinChainConservesStrainAndRenormalisesTheForce() throws {
        let chain = try LangevinChain(sites: 64, block: 4, realizations: 4)
        let data = try chain.generate(trajectories: 2, frames: 6, frameSpacing: 0.5, seed: 7)
        for i in 0..<2 {
            let means = (0..<6).map { data.frame($0, of: i).reduce(0, +) }
            XCTAssertLessThan(means.map { abs($0 - means[0]) }.max()!, 1e-11)
        }
        let cold = try LangevinChain(temperature: 0)
        let s = [-1.2, -0.3, 0.4, 1.1]
        XCTAssertEqual(cold.renormalizedForce(s), s.map { $0 + $0 * $0 * $0 })
        let force = chain.renormalizedForce([-0.5, -0.1, 0.1, 0.5])
        XCTAssertEqual(force[0], -force[3], accuracy: 1e-9)
        XCTAssertEqual(force[1], -force[2], accuracy: 1e-9)
        XCTAssertGreaterThan(force[2], 0.1 * 1.001 + 0.001)
        XCTAssertGreaterThan(force[3], force[2])
    }
}
