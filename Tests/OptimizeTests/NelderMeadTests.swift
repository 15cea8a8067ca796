import XCTest
import Linalg
@testable import Optimize

final class NelderMeadTests: XCTestCase {
    func testSmoothQuadraticConverges() throws {
        let result = try nelderMead({ x in (x[0] - 1) * (x[0] - 1) + 10 * (x[1] + 2) * (x[1] + 2) + (x[2] - 0.5) * (x[2] - 0.5) },
                                    x0: [0, 0, 0])
        XCTAssertEqual(result.stopReason, .simplexTolerance)
        XCTAssertEqual(result.x[0], 1, accuracy: 1e-3)
        XCTAssertEqual(result.x[1], -2, accuracy: 1e-3)
        XCTAssertEqual(result.x[2], 0.5, accuracy: 1e-3)
    }

    func testRosenbrockConvergesWithTighterTolerances() throws {
        var config = NelderMeadConfiguration()
        config.pointTolerance = 1e-8
        config.valueTolerance = 1e-10
        config.maxIterations = 5000
        config.maxEvaluations = 10000
        let result = try nelderMead({ rosenbrock($0).value }, x0: [-1.2, 1], configuration: config)
        XCTAssertEqual(result.x[0], 1, accuracy: 1e-5)
        XCTAssertEqual(result.x[1], 1, accuracy: 1e-5)
    }

    func testBoundsAreHonouredAndTheConstrainedMinimumFound() throws {
        let bounds = try Bounds(lower: [-1.5, -1.5], upper: [0.5, 2])
        var config = NelderMeadConfiguration()
        config.pointTolerance = 1e-8
        config.valueTolerance = 1e-12
        config.maxIterations = 5000
        config.maxEvaluations = 10000
        var outside = false
        let result = try nelderMead({ x in
            if x[0] > 0.5 || x[0] < -1.5 || x[1] < -1.5 || x[1] > 2 { outside = true }
            return rosenbrock(x).value
        }, x0: [-1.2, 1], bounds: bounds, configuration: config)
        XCTAssertFalse(outside)
        XCTAssertEqual(result.x[0], 0.5, accuracy: 1e-5)
        XCTAssertEqual(result.x[1], 0.25, accuracy: 1e-4)
    }

    func testNaNValuesCountAsInfinity() throws {
        let result = try nelderMead({ x in x[0] < 0 ? .nan : (x[0] - 2) * (x[0] - 2) }, x0: [0.5])
        XCTAssertEqual(result.x[0], 2, accuracy: 1e-3)
    }
}
