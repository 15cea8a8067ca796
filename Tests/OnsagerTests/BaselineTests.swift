import Foundation
import Linalg
import XCTest
@testable import Onsager

/// DMD on exactly linear data, the bounded least-squares solver against enumeration, and the
/// rollout fit improving what its stepper predicts (SBDF1, and AVF through its implicit solve).
final class BaselineTests: XCTestCase {
    /// On linear dynamics u_t = u_xx - u, DMD with as many modes as the data excite predicts
    /// exactly, and its eigenvalues are e^{-(k² + 1)Δt}.
    func testDMDIsExactOnLinearData() throws {
        let grid = try PeriodicGrid(points: 64)
        let problem = try InClassProblem.linear(grid: grid, mass: 1, maxWaveNumber: 4)
        let data = try problem.generate(trajectories: 20, frames: 11, frameSpacing: 1e-2, substeps: 40, seed: 2)
        let dmd = try DMDModel(fitting: data, rank: 9)
        let errors = try Diagnostics.evaluate(data, horizon: 10) { u in dmd.rollout(from: u, frames: 10) }
        XCTAssertLessThan(errors.mean(at: 10), 1e-9)
        let moduli = zip(dmd.eigenvalues.real, dmd.eigenvalues.imaginary).map { hypot($0, $1) }.sorted()
        let expected = ([0] + [1, 1, 2, 2, 3, 3, 4, 4]).map { k in exp(-(Double(k * k) + 1) * 1e-2) }.sorted()
        for (a, b) in zip(moduli, expected) { XCTAssertEqual(a, b, accuracy: 1e-9) }
    }

    /// The active-set solver matches the best of all 2ⁿ active sets on small random problems
    /// with free and bounded variables.
    func testBoundedLeastSquaresMatchesEnumeration() throws {
        var rng = RandomGenerator(seed: 11)
        for _ in 0..<20 {
            let a = Matrix(rows: 8, cols: 4) { _, _ in rng.normal(mean: 0, standardDeviation: 1) }
            let b = (0..<8).map { _ in rng.normal(mean: 0, standardDeviation: 1) }
            let lower: [Double?] = [0, nil, 0.3, -0.2]
            let x = try BoundedLeastSquares.solve(a, b, lower: lower)
            func cost(_ x: [Double]) -> Double {
                (0..<8).reduce(0) { s, i in let r = (0..<4).reduce(-b[i]) { $0 + a[i, $1] * x[$1] }; return s + r * r }
            }
            var best = Double.infinity
            for mask in 0..<8 {  // which of the three bounded variables sit at their bound
                let bounded = [0, 2, 3].enumerated().filter { mask & (1 << $0.offset) != 0 }.map(\.element)
                let free = (0..<4).filter { !bounded.contains($0) }
                var shifted = b
                for j in bounded { for i in 0..<8 { shifted[i] -= a[i, j] * lower[j]! } }
                var sub = Matrix(rows: 8, cols: free.count)
                for (c, j) in free.enumerated() { for i in 0..<8 { sub[i, c] = a[i, j] } }
                let y = try sub.leastSquares(Matrix(column: shifted)).solution
                var candidate = lower.map { $0 ?? 0 }
                for (c, j) in free.enumerated() { candidate[j] = y[c, 0] }
                if zip(candidate, lower).allSatisfy({ $1 == nil || $0 >= $1! - 1e-12 }) { best = min(best, cost(candidate)) }
            }
            XCTAssertTrue(zip(x, lower).allSatisfy { $1 == nil || $0 >= $1! - 1e-12 })
            XCTAssertEqual(cost(x), best, accuracy: 1e-10 * max(1, best))
        }
    }

    /// Stage 2 lowers the rollout loss of the SBDF1 training stepper and its held-out 5-step
    /// error, starting from the closed-form fit.
    func testRolloutFitImprovesSBDF1Predictions() throws {
        let grid = try PeriodicGrid(points: 128)
        let problem = try InClassProblem.allenCahn(grid: grid, epsilon: 0.15)
        let data = try problem.generate(trajectories: 14, frames: 31, frameSpacing: 2e-3, seed: 3)
        let train = try data.trajectories(0..<10), test = try data.trajectories(10..<14)
        let stage1 = try ALSFit.fit(train, hypothesis: Hypothesis(symbolForm: .free, basis: .polynomial(degree: 3)))
        var options = RolloutFitOptions()
        options.maxIterations = 15
        options.stride = 3
        let stage2 = try RolloutFit.fit(train, from: stage1.model, options: options)
        XCTAssertLessThan(stage2.finalLoss, 0.9 * stage2.initialLoss)
        func error(_ model: OnsagerModel) throws -> Double {
            try Diagnostics.evaluate(test, horizon: 5,
                                     predict: stepperPrediction(model, .sbdf1(stabilization: 0), frames: 5, spacing: 2e-3)).mean(at: 5)
        }
        XCTAssertLessThan(try error(stage2.model), 0.9 * (try error(stage1.model)))
    }

    /// Training through the AVF step on FPUT data (no meso model in the class is exact) lowers
    /// the AVF rollout loss and the held-out 5-step error of AVF predictions.
    func testRolloutFitTrainsTheAVFStepper() throws {
        let chain = try FPUTChain(sites: 64, gridPoints: 128, substeps: 200)
        let data = try chain.generate(trajectories: 10, frames: 16, seed: 4)
        let train = try data.trajectories(0..<6), test = try data.trajectories(6..<10)
        let stage1 = try ALSFit.fit(train, hypothesis: Hypothesis(symbolForm: .free, basis: .polynomial(degree: 3)))
        var options = RolloutFitOptions()
        options.method = .averageVectorField
        options.maxIterations = 8
        options.stride = 5
        let stage2 = try RolloutFit.fit(train, from: stage1.model, options: options)
        XCTAssertLessThan(stage2.finalLoss, 0.9 * stage2.initialLoss)
        func error(_ model: OnsagerModel) throws -> Double {
            try Diagnostics.evaluate(test, horizon: 5, predict: stepperPrediction(model, .averageVectorField, frames: 5, spacing: 0.01))
                .mean(at: 5)
        }
        XCTAssertLessThan(try error(stage2.model), try error(stage1.model))
    }
}
