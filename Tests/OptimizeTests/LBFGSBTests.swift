import XCTest
import TestSupport
import Linalg
@testable import Optimize

/// The n-dimensional Rosenbrock function and its gradient.
func rosenbrock(_ x: [Double]) -> (value: Double, gradient: [Double]) {
    var f = 0.0, g = [Double](repeating: 0, count: x.count)
    for i in 0..<(x.count - 1) {
        let a = x[i + 1] - x[i] * x[i], b = 1 - x[i]
        f += 100 * a * a + b * b
        g[i] += -400 * x[i] * a - 2 * b
        g[i + 1] += 200 * a
    }
    return (f, g)
}

final class LBFGSBTests: XCTestCase {
    func testUnconstrainedRosenbrockReachesTheMinimum() throws {
        let result = try lbfgsb(rosenbrock, x0: [-1.2, 1])
        XCTAssertEqual(result.x[0], 1, accuracy: 1e-4)
        XCTAssertEqual(result.x[1], 1, accuracy: 1e-4)
        XCTAssertEqual(result.history.first ?? 0, 24.2, accuracy: 1e-12)
        XCTAssertEqual(result.history.last, result.value)
        XCTAssertTrue(zip(result.history, result.history.dropFirst()).allSatisfy { $0 >= $1 }, "monotone history")
    }

    /// With x ≤ 0.5 the constrained minimiser of the 2-D Rosenbrock function is (0.5, 0.25), where
    /// f = 0.25 and ∂f/∂x = -1 pushes against the bound (the KKT conditions hold).
    func testBoundedRosenbrockStopsAtTheKnownConstrainedMinimum() throws {
        let bounds = try Bounds(lower: [-1.5, -1.5], upper: [0.5, 2])
        let result = try lbfgsb(rosenbrock, x0: [-1.2, 1], bounds: bounds)
        XCTAssertEqual(result.x[0], 0.5)
        XCTAssertEqual(result.x[1], 0.25, accuracy: 1e-6)
        XCTAssertEqual(result.value, 0.25, accuracy: 1e-10)
        XCTAssertEqual(result.stopReason, .gradientTolerance)
    }

    func testBoundedQuadraticLandsOnTheProjectionOfItsCentre() throws {
        let centre = [3.0, -2, 0.5, 10, -7]
        let bounds = try Bounds(lower: [0, 0, 0, -1, -1], upper: [1, 1, 1, 1, 1])
        let weights = [1.0, 10, 100, 0.1, 3]
        let result = try lbfgsb({ x in
            var f = 0.0, g = [Double](repeating: 0, count: x.count)
            for i in x.indices {
                f += weights[i] * (x[i] - centre[i]) * (x[i] - centre[i])
                g[i] = 2 * weights[i] * (x[i] - centre[i])
            }
            return (f, g)
        }, x0: [0.5, 0.5, 0.5, 0, 0], bounds: bounds)
        for (x, expected) in zip(result.x, bounds.clamp(centre)) { XCTAssertEqual(x, expected, accuracy: 1e-8) }
    }

    /// 10-D Rosenbrock in a box that excludes the unconstrained minimum, against SciPy's L-BFGS-B.
    func testTenDimensionalBoundedRosenbrockMatchesSciPy() throws {
        let lower = (0..<10).map { $0 % 3 == 0 ? -2.0 : 1.5 }, upper = [Double](repeating: 2.5, count: 10)
        let x0 = [Double](repeating: 2, count: 10)
        let result = try lbfgsb(rosenbrock, x0: x0, bounds: Bounds(lower: lower, upper: upper))
        let expected = try Python.numbers("""
            import numpy as np, sys
            from scipy.optimize import minimize, rosen, rosen_der
            lo = [(-2.0 if i % 3 == 0 else 1.5) for i in range(10)]
            r = minimize(rosen, np.full(10, 2.0), jac=rosen_der, method="L-BFGS-B", bounds=list(zip(lo, [2.5] * 10)))
            print(float(r.fun), *map(float, r.x))
            """)
        XCTAssertEqual(result.value, expected[0], accuracy: 1e-7)
        for (x, e) in zip(result.x, expected.dropFirst()) { XCTAssertEqual(x, e, accuracy: 1e-4) }
    }

    func testStateCarriesTheMemoryAndCountsAcrossCalls() throws {
        var state = LBFGSBState()
        var config = LBFGSBConfiguration()
        config.maxIterations = 5
        let first = try lbfgsb(rosenbrock, x0: [-1.2, 1], configuration: config, state: &state)
        XCTAssertEqual(first.stopReason, .maxIterations)
        XCTAssertEqual(state.iterations, 5)
        config.maxIterations = 1000
        let second = try lbfgsb(rosenbrock, x0: first.x, configuration: config, state: &state)
        XCTAssertEqual(second.x[0], 1, accuracy: 1e-4)
        XCTAssertEqual(state.iterations, 5 + second.iterations)
        XCTAssertEqual(state.evaluations, first.evaluations + second.evaluations)
    }

    func testNonFiniteTrialPointsAreAvoided() throws {
        // log barrier: not finite for x <= 0, minimum of x - log(x) at x = 1.
        let result = try lbfgsb({ x in (x[0] - Foundation.log(x[0]), [1 - 1 / x[0]]) }, x0: [20])
        XCTAssertEqual(result.x[0], 1, accuracy: 1e-5)
    }

    func testInvalidInputIsReported() {
        XCTAssertThrowsError(try lbfgsb(rosenbrock, x0: [1, 2], bounds: Bounds.unbounded(dimension: 3))) {
            XCTAssertEqual($0 as? OptimizeError, .dimensionMismatch(function: "lbfgsb", expected: 3, got: 2))
        }
        XCTAssertThrowsError(try lbfgsb({ _ in (.nan, [0]) }, x0: [1])) {
            XCTAssertEqual($0 as? OptimizeError, .nonFiniteStart(function: "lbfgsb"))
        }
        XCTAssertThrowsError(try Bounds(lower: [0, 2], upper: [1, 1])) {
            XCTAssertEqual($0 as? OptimizeError, .invalidBounds(index: 1, lower: 2, upper: 1))
        }
        XCTAssertThrowsError(try Bounds(lower: [.nan], upper: [1]))
    }

    func testObjectiveErrorsPassThrough() {
        struct Boom: Error {}
        XCTAssertThrowsError(try lbfgsb({ _ in throw Boom() }, x0: [1])) { XCTAssertTrue($0 is Boom) }
    }

    func testInterruptionStopsTheLoop() {
        XCTAssertThrowsError(try lbfgsb(rosenbrock, x0: [-1.2, 1], interruption: Interruption { true })) {
            XCTAssertTrue($0 is Interrupted)
        }
    }
}
