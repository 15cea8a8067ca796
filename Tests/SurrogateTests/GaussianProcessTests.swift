import XCTest
import Linalg
import Optimize
@testable import Surrogate

final class GaussianProcessTests: XCTestCase {
    /// Two observations under an RBF kernel with fixed hyperparameters: the posterior by the 2x2
    /// inverse written out by hand.
    func testPosteriorMatchesTheClosedFormOnTwoPoints() throws {
        let alpha = 0.01, ell = 0.8
        let kernel = try Kernel.rbf(lengthScale: [ell], bounds: nil)
        var options = GaussianProcessOptions()
        options.alpha = alpha
        let x = Matrix(column: [0, 1]), y = [1.0, 2.0]
        let gp = try GaussianProcess(inputs: x, targets: y, kernel: kernel, options: options)
        func k(_ a: Double, _ b: Double) -> Double { Foundation.exp(-0.5 * (a - b) * (a - b) / (ell * ell)) }
        let a = 1 + alpha, rho = k(0, 1), det = a * a - rho * rho
        let inv = [[a / det, -rho / det], [-rho / det, a / det]]
        let tests = [0.3, 1.7, -0.5]
        let p = try gp.predict(Matrix(column: tests), covariance: true)
        for (t, xs) in tests.enumerated() {
            let ks = [k(xs, 0), k(xs, 1)]
            let w = [inv[0][0] * y[0] + inv[0][1] * y[1], inv[1][0] * y[0] + inv[1][1] * y[1]]
            let mean = ks[0] * w[0] + ks[1] * w[1]
            let quad = ks[0] * (inv[0][0] * ks[0] + inv[0][1] * ks[1]) + ks[1] * (inv[1][0] * ks[0] + inv[1][1] * ks[1])
            XCTAssertEqual(p.mean[t], mean, accuracy: 1e-12)
            XCTAssertEqual(p.standardDeviation[t], (1 - quad).squareRoot(), accuracy: 1e-12)
            for (s, xt) in tests.enumerated() {
                let kt = [k(xt, 0), k(xt, 1)]
                let cross = ks[0] * (inv[0][0] * kt[0] + inv[0][1] * kt[1]) + ks[1] * (inv[1][0] * kt[0] + inv[1][1] * kt[1])
                XCTAssertEqual(p.covariance![t, s], k(xs, xt) - cross, accuracy: 1e-12)
            }
        }
        let lml = -0.5 * (y[0] * (inv[0][0] * y[0] + inv[0][1] * y[1]) + y[1] * (inv[1][0] * y[0] + inv[1][1] * y[1]))
            - 0.5 * Foundation.log(det) - Foundation.log(2 * Double.pi)
        XCTAssertEqual(gp.logMarginalLikelihood, lml, accuracy: 1e-12)
    }

    /// Every kind of kernel, alone and composed: the analytic gradient of the log marginal
    /// likelihood against central finite differences in log space.
    func testLikelihoodGradientsMatchFiniteDifferences() throws {
        var g = RandomGenerator(seed: 5)
        let x = Matrix.uniform(rows: 25, cols: 3, low: -1, high: 2, using: &g)
        let y = (0..<25).map { Foundation.sin(3 * x[$0, 0]) + x[$0, 1] * x[$0, 2] + 0.1 * g.standardNormal() }
        let kernels: [Kernel] = [
            try .rbf(lengthScale: [0.7]),
            try .rbf(lengthScale: [0.5, 1.5, 0.9]),
            try .matern(.oneHalf, lengthScale: [0.6, 1.1, 0.8]),
            try .matern(.threeHalves, lengthScale: [0.6, 1.1, 0.8]),
            try .matern(.fiveHalves, lengthScale: [0.6, 1.1, 0.8]),
            try .rationalQuadratic(lengthScale: [0.6, 1.1, 0.8], alpha: 0.7),
            try .constant(0.8) * .matern(.fiveHalves, lengthScale: [0.6, 1.1, 0.8]) + .white(noiseLevel: 0.05),
            try .constant(2) * .rbf(lengthScale: [1, 1, 1]) + .constant(0.5),
            try (.rbf(lengthScale: [0.9]) + .white(noiseLevel: 0.1)) * .matern(.threeHalves, lengthScale: [1.3]),
        ]
        var options = GaussianProcessOptions()
        options.alpha = 1e-6
        for kernel in kernels {
            for normalize in [false, true] {
                options.normalizeTargets = normalize
                let gp = try GaussianProcess(inputs: x, targets: y, kernel: kernel, options: options)
                let theta = kernel.theta
                let (value, gradient) = try gp.logMarginalLikelihood(theta: theta)
                XCTAssertEqual(value, gp.logMarginalLikelihood, accuracy: 1e-9 * Swift.abs(value))
                XCTAssertEqual(gradient.count, theta.count)
                for p in theta.indices {
                    let h = 1e-5
                    var up = theta, down = theta
                    up[p] += h
                    down[p] -= h
                    let numeric = (try gp.logMarginalLikelihood(theta: up).value - gp.logMarginalLikelihood(theta: down).value) / (2 * h)
                    XCTAssertEqual(gradient[p], numeric, accuracy: 1e-5 * Swift.max(1, Swift.abs(numeric)),
                                   "\(kernel) \(kernel.hyperparameters[p].name)")
                }
            }
        }
    }

    func testFittingRaisesTheLikelihoodToAStationaryPoint() throws {
        var g = RandomGenerator(seed: 11)
        let x = Matrix.uniform(rows: 40, cols: 2, low: 0, high: 1, using: &g)
        let y = (0..<40).map { Foundation.sin(6 * x[$0, 0]) + 0.3 * x[$0, 1] }
        let kernel = try Kernel.constant(1) * .matern(.fiveHalves, lengthScale: [1, 1]) + .white(noiseLevel: 1e-3)
        var options = GaussianProcessOptions()
        options.restarts = 3
        options.normalizeTargets = true
        let initial = try GaussianProcess(inputs: x, targets: y, kernel: kernel, options: options)
        let fitted = try GaussianProcess.fit(inputs: x, targets: y, kernel: kernel, options: options)
        XCTAssertGreaterThan(fitted.logMarginalLikelihood, initial.logMarginalLikelihood)
        let (_, gradient) = try fitted.logMarginalLikelihood(theta: fitted.kernel.theta)
        for (p, bounds) in fitted.kernel.thetaBounds.enumerated() {
            let atBound = Swift.abs(fitted.kernel.theta[p] - bounds.lowerBound) < 1e-6
                || Swift.abs(fitted.kernel.theta[p] - bounds.upperBound) < 1e-6
            if !atBound { XCTAssertEqual(gradient[p], 0, accuracy: 1e-3) }
        }
        // Same seed, same fit; a warm start from the fitted kernel stays there.
        let again = try GaussianProcess.fit(inputs: x, targets: y, kernel: kernel, options: options)
        XCTAssertEqual(again.kernel, fitted.kernel)
        options.restarts = 0
        let warm = try GaussianProcess.fit(inputs: x, targets: y, kernel: fitted.kernel, options: options)
        XCTAssertEqual(warm.logMarginalLikelihood, fitted.logMarginalLikelihood, accuracy: 1e-6)
    }

    func testNormalizedTargetsPredictInOriginalUnits() throws {
        let x = Matrix(column: [0, 0.25, 0.5, 0.75, 1]), y = [100.0, 102, 101, 99, 103]
        var options = GaussianProcessOptions()
        options.normalizeTargets = true
        options.alpha = 1e-8
        let gp = try GaussianProcess(inputs: x, targets: y, kernel: .rbf(lengthScale: [0.3], bounds: nil), options: options)
        let p = try gp.predict(x)
        for i in 0..<5 {
            XCTAssertEqual(p.mean[i], y[i], accuracy: 1e-4)
            XCTAssertLessThan(p.standardDeviation[i], 1e-2)
        }
        // Far away the prediction reverts to the mean with the targets' spread.
        let far = try gp.predict(Matrix(column: [50]))
        XCTAssertEqual(far.mean[0], y.reduce(0, +) / 5, accuracy: 1e-9)
        XCTAssertEqual(far.standardDeviation[0], gp.targetScale, accuracy: 1e-9)
    }

    func testAddingObservationsEqualsConditioningOnAllData() throws {
        var g = RandomGenerator(seed: 2)
        let x = Matrix.uniform(rows: 30, cols: 2, low: 0, high: 1, using: &g)
        let y = (0..<30).map { x[$0, 0] * x[$0, 0] - x[$0, 1] }
        let kernel = try Kernel.constant(0.7) * .matern(.fiveHalves, lengthScale: [0.4, 0.6]) + .white(noiseLevel: 1e-4)
        var options = GaussianProcessOptions()
        options.normalizeTargets = true
        let first = try GaussianProcess(inputs: x.rows(0..<22), targets: Array(y[0..<22]), kernel: kernel, options: options)
        let grown = try first.adding(inputs: x.rows(22...), targets: Array(y[22...]))
        let direct = try GaussianProcess(inputs: x, targets: y, kernel: kernel, options: options)
        let test = Matrix.uniform(rows: 10, cols: 2, low: 0, high: 1, using: &g)
        let a = try grown.predict(test), b = try direct.predict(test)
        for i in 0..<10 {
            XCTAssertEqual(a.mean[i], b.mean[i], accuracy: 1e-9)
            XCTAssertEqual(a.standardDeviation[i], b.standardDeviation[i], accuracy: 1e-9)
        }
        XCTAssertEqual(grown.logMarginalLikelihood, direct.logMarginalLikelihood, accuracy: 1e-8)
        XCTAssertEqual(grown.count, 30)
    }

    func testPredictionGradientsMatchFiniteDifferences() throws {
        var g = RandomGenerator(seed: 8)
        let x = Matrix.uniform(rows: 15, cols: 2, low: 0, high: 1, using: &g)
        let y = (0..<15).map { Foundation.cos(4 * x[$0, 0]) + x[$0, 1] }
        for kernel in [try Kernel.constant(1.3) * .matern(.fiveHalves, lengthScale: [0.3, 0.5]) + .white(noiseLevel: 1e-3),
                       try .rationalQuadratic(lengthScale: [0.4], alpha: 2) * .constant(2),
                       try .rbf(lengthScale: [0.3, 0.2])] {
            var options = GaussianProcessOptions()
            options.normalizeTargets = true
            let gp = try GaussianProcess(inputs: x, targets: y, kernel: kernel, options: options)
            let point = [0.37, 0.61], h = 1e-6
            let analytic = try gp.predictWithGradient(at: point)
            let direct = try gp.predict(Matrix(row: point))
            XCTAssertEqual(analytic.mean, direct.mean[0], accuracy: 1e-12)
            XCTAssertEqual(analytic.standardDeviation, direct.standardDeviation[0], accuracy: 1e-12)
            for c in 0..<2 {
                var up = point, down = point
                up[c] += h
                down[c] -= h
                let pu = try gp.predict(Matrix(row: up)), pd = try gp.predict(Matrix(row: down))
                XCTAssertEqual(analytic.meanGradient[c], (pu.mean[0] - pd.mean[0]) / (2 * h), accuracy: 1e-6)
                XCTAssertEqual(analytic.standardDeviationGradient[c],
                               (pu.standardDeviation[0] - pd.standardDeviation[0]) / (2 * h), accuracy: 1e-6)
            }
        }
    }

    func testBatchPredictionAcrossBlocksMatchesSinglePoints() throws {
        var g = RandomGenerator(seed: 4)
        let x = Matrix.uniform(rows: 20, cols: 3, low: 0, high: 1, using: &g)
        let y = (0..<20).map { x[$0, 0] + x[$0, 1] * x[$0, 2] }
        let gp = try GaussianProcess(inputs: x, targets: y, kernel: .matern(.threeHalves, lengthScale: [0.5, 0.5, 0.5]))
        let test = Matrix.uniform(rows: GaussianProcess.predictionBlock + 7, cols: 3, low: 0, high: 1, using: &g)
        let batch = try gp.predict(test)
        for i in [0, 1, GaussianProcess.predictionBlock - 1, GaussianProcess.predictionBlock, test.rows - 1] {
            let single = try gp.predict(test.row(i))
            XCTAssertEqual(batch.mean[i], single.mean[0], accuracy: 1e-12)
            XCTAssertEqual(batch.standardDeviation[i], single.standardDeviation[0], accuracy: 1e-12)
        }
    }

    func testJitterRescuesDuplicatedPoints() throws {
        var options = GaussianProcessOptions()
        options.alpha = 0
        let x = Matrix(column: [0, 0, 1]), y = [1.0, 1.0, 0.0]
        let gp = try GaussianProcess(inputs: x, targets: y, kernel: .rbf(lengthScale: [1], bounds: nil), options: options)
        XCTAssertGreaterThan(gp.jitter, 0)
        XCTAssertEqual(try gp.predict(Matrix(column: [0])).mean[0], 1, accuracy: 1e-4)
    }

    func testInvalidInputIsReported() throws {
        let kernel = try Kernel.rbf(lengthScale: [1, 1])
        func expect(_ error: SurrogateError, _ body: () throws -> Void, line: UInt = #line) {
            XCTAssertThrowsError(try body(), line: line) { XCTAssertEqual($0 as? SurrogateError, error, line: line) }
        }
        expect(.emptyData(function: "fit")) { _ = try GaussianProcess.fit(inputs: Matrix(rows: 0, cols: 2), targets: [], kernel: kernel) }
        expect(.sampleCountMismatch(function: "fit", inputs: 2, targets: 3)) {
            _ = try GaussianProcess.fit(inputs: Matrix(rows: 2, cols: 2), targets: [1, 2, 3], kernel: kernel)
        }
        expect(.dimensionMismatch(function: "fit", expected: 2, got: 3)) {
            _ = try GaussianProcess.fit(inputs: Matrix(rows: 2, cols: 3), targets: [1, 2], kernel: kernel)
        }
        expect(.nonFiniteData(function: "fit", argument: "targets")) {
            _ = try GaussianProcess.fit(inputs: Matrix(rows: 2, cols: 2), targets: [1, .nan], kernel: kernel)
        }
        expect(.unknownKernel(name: "matern42", known: Kernel.names)) { _ = try Kernel.named("matern42") }
        expect(.invalidHyperparameter(kernel: "rbf", message: "length scale must be positive and finite, got -1.0")) {
            _ = try Kernel.rbf(lengthScale: [-1])
        }
        let gp = try GaussianProcess(inputs: Matrix(rows: 2, cols: 2, columnMajor: [0, 1, 0, 1]), targets: [1, 2], kernel: kernel)
        expect(.dimensionMismatch(function: "predict", expected: 2, got: 1)) { _ = try gp.predict(Matrix(column: [1])) }
        expect(.hyperparameterCount(expected: 2, got: 1)) { _ = try gp.logMarginalLikelihood(theta: [0]) }
    }

    func testKernelThetaRoundTripAndNames() throws {
        let k = try Kernel.constant(2) * .rationalQuadratic(lengthScale: [3, 4], alpha: 5) + .white(noiseLevel: 0.1, bounds: nil)
        XCTAssertEqual(k.hyperparameters.map(\.name),
                       ["constant.value", "rq.alpha", "rq.length_scale[1]", "rq.length_scale[2]"])
        let theta = k.theta
        XCTAssertEqual(theta.map { Foundation.exp($0) }, [2, 5, 3, 4].map { $0 }, accuracy: 1e-12)
        XCTAssertEqual(try k.with(theta: theta.map { $0 + 1 }).theta, theta.map { $0 + 1 }, accuracy: 1e-12)
        XCTAssertEqual(Array(k.description.utf8), Array("2 * rq(length_scale = [3, 4], alpha = 5) + white(0.1)".utf8))
        for name in Kernel.names { XCTAssertNoThrow(try Kernel.named(name, dimension: 2)) }
    }
}

/// Elementwise closeness of two arrays.
func XCTAssertEqual(_ a: [Double], _ b: [Double], accuracy: Double, file: StaticString = #filePath, line: UInt = #line) {
    XCTAssertEqual(a.count, b.count, file: file, line: line)
    for (x, y) in zip(a, b) { XCTAssertEqual(x, y, accuracy: accuracy, file: file, line: line) }
}
