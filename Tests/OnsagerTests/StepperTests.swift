import Foundation
import Linalg
import XCTest
@testable import Onsager

/// The steppers: orders of accuracy, the AVF energy law with step rejection, exact
/// conservation without mobility, and SBDF1's unconditional linear stability.
final class StepperTests: XCTestCase {
    private let grid = try! PeriodicGrid(points: 32)

    /// Observed orders on a smooth problem, against a fine ETDRK4 reference: Euler and SBDF1
    /// first order, RK2 and AVF second, RK4 fourth.
    func testOrdersOfAccuracy() throws {
        let coarse = try PeriodicGrid(points: 16)  // explicit steps stable at Δt = 5e-4
        let problem = try InClassProblem.mixed(grid: coarse, viscosity: 0.2, maxWaveNumber: 2)
        let start = randomField(on: coarse, seed: 2, maxWaveNumber: 2, amplitude: 0.5)
        let horizon = 0.02
        let reference = ExponentialIntegrator(model: problem.truth, timeStep: horizon / 2000).advance(start, steps: 2000)
        let expected: [(StepMethod, Double)] = [(.euler, 1), (.sbdf1(stabilization: 1), 1), (.rk2, 2), (.averageVectorField, 2), (.rk4, 4)]
        for (method, order) in expected {
            let errors = try [40, 80].map { steps -> Double in
                let rollout = try FieldStepper(model: problem.truth, method: method, timeStep: horizon / Double(steps))
                    .rollout(from: start, frames: 1, substeps: steps)
                return norm(axpy(Array(rollout.frames.column(1).elements), -1, reference))
            }
            XCTAssertEqual(log2(errors[0] / errors[1]), order, accuracy: 0.3, method.name)
        }
    }

    /// The AVF step never increases V, for steps far beyond the explicit limit; steps whose
    /// Newton solve fails are rejected and halved, never accepted unconverged.
    func testAVFEnergyLawWithStepRejection() throws {
        let problem = try InClassProblem.allenCahn(grid: PeriodicGrid(points: 128))
        var rng = RandomGenerator(seed: 8)
        let start = problem.initialCondition.sample(on: problem.truth.grid, using: &rng)
        var rejected = 0
        for step in [1e-3, 1e-2, 0.1, 1] {
            let rollout = try FieldStepper(model: problem.truth, method: .averageVectorField, timeStep: step).rollout(from: start, frames: 10)
            XCTAssertFalse(rollout.diverged)
            XCTAssertLessThanOrEqual(rollout.maxEnergyIncrease, 1e-12, "step \(step)")
            rejected += rollout.statistics.rejections
        }
        XCTAssertGreaterThan(rejected, 0)
    }

    /// With M = 0 the AVF step conserves V to solver tolerance even for large steps, while RK4
    /// with the same step does not.
    func testAVFConservesEnergyWithoutMobility() throws {
        let problem = try InClassProblem.mixed(grid: grid, viscosity: 0, maxWaveNumber: 3)
        let start = randomField(on: grid, seed: 4, maxWaveNumber: 3)
        let avf = try FieldStepper(model: problem.truth, method: .averageVectorField, timeStep: 0.05).rollout(from: start, frames: 20)
        let drift = (1...20).map { abs(avf.energies[$0] - avf.energies[0]) }.max()!
        XCTAssertLessThan(drift, 1e-10 * max(1, abs(avf.energies[0])))
        let rk4 = try FieldStepper(model: problem.truth, method: .rk4, timeStep: 1e-4).rollout(from: start, frames: 20)
        XCTAssertGreaterThan(abs(rk4.energies[20] - rk4.energies[0]), 100 * drift)
    }

    /// SBDF1 is stable for any step on the stiff linear part (|1 + Δt σ L| ≥ 1), where explicit
    /// Euler blows up.
    func testSBDF1IsStableWhereEulerIsNot() throws {
        let problem = try InClassProblem.linear(grid: PeriodicGrid(points: 256))
        let start = randomField(on: problem.truth.grid, seed: 5, maxWaveNumber: 10)
        let sbdf1 = try FieldStepper(model: problem.truth, method: .sbdf1(stabilization: 0), timeStep: 1).rollout(from: start, frames: 50)
        XCTAssertFalse(sbdf1.diverged)
        XCTAssertLessThanOrEqual(sbdf1.maxEnergyIncrease, 0)
        let euler = try FieldStepper(model: problem.truth, method: .euler, timeStep: 1e-3).rollout(from: start, frames: 50)
        XCTAssertTrue(euler.diverged)
    }
}
