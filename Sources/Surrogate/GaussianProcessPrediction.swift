import Foundation
import Linalg
import Optimize

extension GaussianProcess {
    /// The number of test points handled per block of BLAS calls: bounds the memory of the
    /// cross-covariance (n x 4096 doubles) whatever the number of test points.
    static let predictionBlock = 4096

    /// The predictive mean and standard deviation at every row of `x`, and optionally the joint
    /// covariance: `μ = K_*ᵀ a`, `V = L⁻¹ K_*`, `σ² = diag K_** - colsum(V∘V)`, `Σ = K_** - VᵀV`,
    /// mapped back to the targets' units. The cross-covariance of a block of test points is one
    /// array, multiplied by one `dgemv` and solved by one `dtrsm`; without `covariance`, blocks of
    /// ``predictionBlock`` points bound the memory.
    ///
    /// - Parameter interruption: polled before each block.
    /// - Throws: ``SurrogateError/dimensionMismatch(function:expected:got:)`` and
    ///   ``SurrogateError/nonFiniteData(function:argument:)`` for bad test points; ``Interrupted``.
    public func predict(_ x: Matrix, covariance: Bool = false, interruption: Interruption = .never) throws -> Prediction {
        guard x.cols == inputs.cols else {
            throw SurrogateError.dimensionMismatch(function: "predict", expected: inputs.cols, got: x.cols)
        }
        guard x.allFinite else { throw SurrogateError.nonFiniteData(function: "predict", argument: "points") }
        let m = x.rows, n = count
        var mean = [Double](repeating: 0, count: m), deviation = mean
        var joint: Matrix?
        let block = covariance ? Swift.max(m, 1) : Self.predictionBlock
        for start in stride(from: 0, to: m, by: block) {
            try interruption.check()
            let points = x.rows(start..<Swift.min(m, start + block)), mb = points.rows
            var v = kernel.node.cross(inputs, points)
            let blockMean = v.withUnsafeBufferPointer { transposedTimes($0, rows: n, cols: mb, weights) }
            triangularSolve(lower, order: n, &v, columns: mb)
            let prior = kernel.node.diagonal(points)
            v.withUnsafeBufferPointer { solved in
                for t in 0..<mb {
                    var explained = 0.0
                    for i in 0..<n { explained += solved[i + t * n] * solved[i + t * n] }
                    mean[start + t] = blockMean[t] * targetScale + targetMean
                    deviation[start + t] = Swift.max(prior[t] - explained, 0).squareRoot() * targetScale
                }
            }
            if covariance {
                var c = kernel.node.cross(points, points)
                subtractGram(v, rows: n, cols: mb, from: &c)
                var k = Matrix(rows: mb, cols: mb, columnMajor: c.map { $0 * targetScale * targetScale })
                // The diagonal is the predictive variance, white noise included, as above.
                for t in 0..<mb { k[t, t] = deviation[start + t] * deviation[start + t] }
                joint = k
            }
        }
        return Prediction(mean: mean, standardDeviation: deviation, covariance: joint)
    }
}

extension GaussianProcess: ProbabilisticModel {
    /// The number of input columns.
    public var inputDimension: Int { inputs.cols }

    /// The predictive means and standard deviations at the rows of `x` (see ``predict(_:covariance:)``).
    public func predictMeanAndStandardDeviation(_ x: Matrix) throws -> (mean: [Double], standardDeviation: [Double]) {
        let p = try predict(x)
        return (p.mean, p.standardDeviation)
    }

    /// The prediction at one point with the gradients of its mean, `∂μ/∂x = (∂k_*/∂x)ᵀ a`, and of
    /// its standard deviation, `∂σ/∂x = -(∂k_*/∂x)ᵀ K⁻¹ k_* / σ` (stationary kernels have a
    /// constant prior variance).
    public func predictWithGradient(at x: [Double]) throws -> PredictionGradient {
        guard x.count == inputs.cols else {
            throw SurrogateError.dimensionMismatch(function: "predict", expected: inputs.cols, got: x.count)
        }
        let n = count
        let (k, dk) = kernel.node.crossGradient(at: x, inputs)
        var v = k
        triangularSolve(lower, order: n, &v, columns: 1)
        let prior = kernel.node.diagonal(Matrix(row: x))[0]
        let variance = Swift.max(prior - dot(v, v), 0), sigma = variance.squareRoot()
        var w = v
        triangularSolve(lower, order: n, &w, columns: 1, transposed: true)
        let meanGradient = dk.map { dot($0, weights) * targetScale }
        let sigmaGradient = dk.map { sigma > 0 ? -dot($0, w) / sigma * targetScale : 0 }
        return PredictionGradient(mean: dot(k, weights) * targetScale + targetMean, standardDeviation: sigma * targetScale,
                                  meanGradient: meanGradient, standardDeviationGradient: sigmaGradient)
    }
}

/// The dot product of two equally long arrays.
func dot(_ a: [Double], _ b: [Double]) -> Double {
    var sum = 0.0
    for i in a.indices { sum += a[i] * b[i] }
    return sum
}
