import XCTest
import Linalg
@testable import Optimize

/// A model with closed-form mean and standard deviation, for testing acquisition machinery
/// without a Gaussian process: μ(x) = Σ (x_i - c_i)², σ(x) = 0.1 + 0.5 x_0².
struct BowlModel: ProbabilisticModel {
    let centre: [Double]
    var inputDimension: Int { centre.count }

    func predictMeanAndStandardDeviation(_ x: Matrix) throws -> (mean: [Double], standardDeviation: [Double]) {
        let p = (0..<x.rows).map { try! predictWithGradient(at: x.row($0).elements) }
        return (p.map(\.mean), p.map(\.standardDeviation))
    }

    func predictWithGradient(at x: [Double]) throws -> PredictionGradient {
        let mean = zip(x, centre).map { ($0 - $1) * ($0 - $1) }.reduce(0, +)
        var sg = [Double](repeating: 0, count: x.count)
        sg[0] = x[0]
        return PredictionGradient(mean: mean, standardDeviation: 0.1 + 0.5 * x[0] * x[0],
                                  meanGradient: zip(x, centre).map { 2 * ($0 - $1) }, standardDeviationGradient: sg)
    }
}

final class AcquisitionTests: XCTestCase {
    func testExpectedImprovementClosedFormAndLimits() {
        let ei = Acquisition.expectedImprovement(exploration: 0)
        // a = 1, σ = 1: Φ(1) + φ(1).
        XCTAssertEqual(ei.value(mean: 0, standardDeviation: 1, best: 1), 0.8413447460685429 + 0.24197072451914337, accuracy: 1e-12)
        XCTAssertEqual(ei.value(mean: 0, standardDeviation: 0, best: 1), 1)
        XCTAssertEqual(ei.value(mean: 2, standardDeviation: 0, best: 1), 0)
        XCTAssertLessThan(Acquisition.expectedImprovement(exploration: 0.5).value(mean: 0, standardDeviation: 1, best: 1),
                          ei.value(mean: 0, standardDeviation: 1, best: 1))
        XCTAssertEqual(Acquisition.probabilityOfImprovement(exploration: 0).value(mean: 1, standardDeviation: 2, best: 1), 0.5)
        XCTAssertEqual(Acquisition.lowerConfidenceBound(kappa: 2).value(mean: 1, standardDeviation: 3, best: 0), 5)
    }

    func testGradientsMatchFiniteDifferences() throws {
        let model = BowlModel(centre: [0.3, -0.2])
        for acquisition in [Acquisition.expectedImprovement(exploration: 0.01), .probabilityOfImprovement(exploration: 0),
                            .lowerConfidenceBound(kappa: 1.5)] {
            let x = [0.7, 0.4], h = 1e-6
            let (_, gradient) = acquisition.valueAndGradient(try model.predictWithGradient(at: x), best: 0.2)
            for i in 0..<2 {
                var up = x, down = x
                up[i] += h
                down[i] -= h
                let fu = acquisition.valueAndGradient(try model.predictWithGradient(at: up), best: 0.2).value
                let fd = acquisition.valueAndGradient(try model.predictWithGradient(at: down), best: 0.2).value
                XCTAssertEqual(gradient[i], (fu - fd) / (2 * h), accuracy: 1e-6, "\(acquisition) \(i)")
            }
        }
    }

    /// LCB = κσ - μ is largest at the bowl's centre shifted by σ's growth along x_0: the refined
    /// maximiser must beat the best candidate of a coarse set and land on the analytic optimum.
    func testRefinementImprovesOnTheCandidateSet() throws {
        let model = BowlModel(centre: [0.3, -0.2])
        let bounds = try Bounds(lower: [-1, -1], upper: [1, 1])
        let candidates = try sobolSample(count: 16, bounds: bounds, skip: 1)
        let acquisition = Acquisition.lowerConfidenceBound(kappa: 1)
        let coarse = try AcquisitionMaximizer(candidates: candidates, refinementStarts: 0).maximize(
            acquisition, model: model, best: 0, bounds: bounds)
        let refined = try AcquisitionMaximizer(candidates: candidates, refinementStarts: 3).maximize(
            acquisition, model: model, best: 0, bounds: bounds)
        // d/dx0 [0.5 x0² - (x0 - 0.3)²] = 0 at x0 = 0.6; x1 = -0.2.
        XCTAssertEqual(refined.x[0], 0.6, accuracy: 1e-5)
        XCTAssertEqual(refined.x[1], -0.2, accuracy: 1e-5)
        XCTAssertGreaterThan(refined.value, coarse.value)
    }
}
