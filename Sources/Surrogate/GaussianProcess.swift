import Foundation
import Linalg
import Optimize

/// A Gaussian-process regression model conditioned on observations: the prior `kernel`, the
/// data, and the Cholesky factor of the training covariance, ready to predict.
///
/// Make one with ``fit(inputs:targets:kernel:options:interruption:)`` (maximum marginal
/// likelihood) or ``init(inputs:targets:kernel:options:)`` (hyperparameters as given); extend it
/// with ``adding(inputs:targets:)`` without refitting. A fitted model's ``kernel`` holds the
/// fitted hyperparameters, so passing it to a new fit starts the optimiser there (a warm start).
public struct GaussianProcess: Sendable {
    /// The kernel with the hyperparameters used for prediction.
    public let kernel: Kernel
    /// The training inputs, one point per row.
    public let inputs: Matrix
    /// The training targets, in their original units.
    public let targets: [Double]
    /// The options the model was made with.
    public let options: GaussianProcessOptions
    /// The log marginal likelihood of the (normalised) targets under the model.
    public let logMarginalLikelihood: Double
    /// Diagonal jitter added beyond ``GaussianProcessOptions/alpha`` to make the covariance
    /// positive definite (0 when none was needed).
    public let jitter: Double
    /// The mean subtracted from the targets (0 without normalisation).
    public let targetMean: Double
    /// The scale the targets were divided by (1 without normalisation).
    public let targetScale: Double
    /// The lower Cholesky factor of K + (alpha + jitter) I, column-major.
    let lower: [Double]
    /// K⁻¹ y for the normalised targets.
    let weights: [Double]

    /// The number of observations.
    public var count: Int { inputs.rows }

    /// Fits the kernel's free hyperparameters by maximising the log marginal likelihood with
    /// L-BFGS-B on its analytic gradient, from the kernel's own hyperparameters and from
    /// ``GaussianProcessOptions/restarts`` points drawn uniformly in the log bounds, then
    /// conditions on the data with the best hyperparameters found.
    ///
    /// A run whose start has no finite likelihood (the covariance is numerically singular there)
    /// is skipped; where the likelihood is not finite during a run, the line search backs off, as
    /// scikit-learn's `-inf` does. If no run succeeds the kernel is kept as given.
    ///
    /// - Throws: ``SurrogateError`` for empty, mismatched or non-finite data and kernels that do
    ///   not fit the inputs; `LinalgError` when even the largest jitter leaves the covariance
    ///   indefinite; ``Interrupted``.
    public static func fit(
        inputs: Matrix, targets: [Double], kernel: Kernel, options: GaussianProcessOptions = GaussianProcessOptions(),
        interruption: Interruption = .never
    ) throws -> GaussianProcess {
        try validate(inputs: inputs, targets: targets, kernel: kernel, function: "fit")
        guard options.restarts >= 0 else {
            throw SurrogateError.invalidArgument(function: "fit", message: "restarts must be non-negative, got \(options.restarts)")
        }
        var fitted = kernel
        if options.optimizeHyperparameters && !kernel.theta.isEmpty {
            let y = Normalization(targets, enabled: options.normalizeTargets).apply(targets)
            let logBounds = kernel.thetaBounds
            let bounds = try Bounds(lower: logBounds.map(\.lowerBound), upper: logBounds.map(\.upperBound))
            var generator = RandomGenerator(seed: options.seed)
            var best: OptimizationResult?
            for run in 0...options.restarts {
                let start = run == 0 ? kernel.theta : logBounds.map { generator.uniform(low: $0.lowerBound, high: $0.upperBound) }
                try interruption.check()
                do {
                    let result = try lbfgsb({ theta in
                        let (value, gradient) = try negativeLogLikelihood(kernel: kernel, theta: theta, inputs: inputs,
                                                                          targets: y, alpha: options.alpha)
                        return (value, gradient)
                    }, x0: start, bounds: bounds, configuration: options.optimizer, interruption: interruption)
                    if best == nil || result.value < best!.value { best = result }
                } catch OptimizeError.nonFiniteStart {
                    continue
                }
            }
            if let best { fitted = try kernel.with(theta: best.x) }
        }
        return try GaussianProcess(inputs: inputs, targets: targets, kernel: fitted, options: options)
    }

    /// Conditions the Gaussian process with `kernel` as given (no fitting) on the observations.
    ///
    /// - Throws: as ``fit(inputs:targets:kernel:options:interruption:)``.
    public init(
        inputs: Matrix, targets: [Double], kernel: Kernel, options: GaussianProcessOptions = GaussianProcessOptions()
    ) throws {
        try Self.validate(inputs: inputs, targets: targets, kernel: kernel, function: "condition")
        let n = inputs.rows
        var covariance = kernel.node.training(inputs, withGradient: false).k
        for i in 0..<n { covariance[i + i * n] += options.alpha }
        let (lower, jitter) = try Self.factorWithJitter(covariance, order: n, options: options)
        try self.init(kernel: kernel, inputs: inputs, targets: targets, options: options, lower: lower, jitter: jitter)
    }

    /// The model from a factorised covariance: normalises the targets, solves for the weights and
    /// computes the log marginal likelihood.
    init(
        kernel: Kernel, inputs: Matrix, targets: [Double], options: GaussianProcessOptions, lower: [Double], jitter: Double
    ) throws {
        let n = inputs.rows
        let normalization = Normalization(targets, enabled: options.normalizeTargets)
        let y = normalization.apply(targets)
        var weights = y
        choleskySolve(lower, order: n, &weights)
        self.kernel = kernel
        self.inputs = inputs
        self.targets = targets
        self.options = options
        self.jitter = jitter
        self.targetMean = normalization.mean
        self.targetScale = normalization.scale
        self.lower = lower
        self.weights = weights
        self.logMarginalLikelihood = Self.logLikelihood(y: y, weights: weights, lower: lower, order: n)
    }

    /// The log marginal likelihood of the model's (normalised) targets for the kernel with
    /// hyperparameters `exp(theta)`, and its gradient with respect to `theta`; `(-∞, 0)` where the
    /// covariance is not numerically positive definite (scikit-learn's convention).
    ///
    /// - Throws: ``SurrogateError/hyperparameterCount(expected:got:)``.
    public func logMarginalLikelihood(theta: [Double]) throws -> (value: Double, gradient: [Double]) {
        let y = Normalization(targets, enabled: options.normalizeTargets).apply(targets)
        let (value, gradient) = try Self.negativeLogLikelihood(kernel: kernel, theta: theta, inputs: inputs, targets: y,
                                                               alpha: options.alpha)
        return value.isFinite ? (-value, gradient.map { -$0 }) : (-.infinity, gradient)
    }

    /// The negative log marginal likelihood and its gradient: with K = K_θ + alpha I = L Lᵀ and
    /// a = K⁻¹y, `-log p(y) = ½ yᵀa + Σ log L_ii + (n/2) log 2π` and
    /// `∂/∂θ_p = -½ tr((a aᵀ - K⁻¹) ∂K/∂θ_p)`. Not finite (NaN, zero gradient) where the
    /// Cholesky factorisation fails.
    static func negativeLogLikelihood(
        kernel: Kernel, theta: [Double], inputs: Matrix, targets y: [Double], alpha: Double
    ) throws(SurrogateError) -> (value: Double, gradient: [Double]) {
        let n = inputs.rows
        let node = try kernel.with(theta: theta).node
        let covariance = node.training(inputs, withGradient: true)
        var lower = covariance.k
        for i in 0..<n { lower[i + i * n] += alpha }
        guard choleskyInPlace(&lower, order: n) else { return (.nan, [Double](repeating: 0, count: theta.count)) }
        var a = y
        choleskySolve(lower, order: n, &a)
        let value = -logLikelihood(y: y, weights: a, lower: lower, order: n)
        let inverse = choleskyInverse(lower, order: n)
        let gradient = covariance.gradients.map { dK in
            var sum = 0.0
            for j in 0..<n {
                sum += 0.5 * (a[j] * a[j] - inverse[j + j * n]) * dK[j + j * n]
                for i in (j + 1)..<Swift.max(j + 1, n) {
                    sum += (a[i] * a[j] - inverse[i + j * n]) * dK[i + j * n]
                }
            }
            return -sum
        }
        return (value, gradient)
    }

    /// log p(y) = -½ yᵀa - Σ log L_ii - (n/2) log 2π.
    static func logLikelihood(y: [Double], weights: [Double], lower: [Double], order n: Int) -> Double {
        var fit = 0.0, logDet = 0.0
        for i in 0..<n {
            fit += y[i] * weights[i]
            logDet += log(lower[i + i * n])
        }
        return -0.5 * fit - logDet - 0.5 * Double(n) * log(2 * Double.pi)
    }

    /// The Cholesky factor of `covariance` (lower triangle used), retrying with growing diagonal
    /// jitter when it is not numerically positive definite; the factor and the jitter used.
    static func factorWithJitter(
        _ covariance: [Double], order n: Int, options: GaussianProcessOptions
    ) throws(LinalgError) -> (lower: [Double], jitter: Double) {
        var lower = covariance
        if choleskyInPlace(&lower, order: n) { return (lower.lowerTriangle(order: n), 0) }
        var meanDiagonal = 0.0
        for i in 0..<n { meanDiagonal += covariance[i + i * n] / Double(n) }
        var added = 0.0
        for k in 0..<Swift.max(0, options.jitterAttempts) {
            added = options.jitter * meanDiagonal * pow(10, Double(k))
            lower = covariance
            for i in 0..<n { lower[i + i * n] += added }
            if choleskyInPlace(&lower, order: n) { return (lower.lowerTriangle(order: n), added) }
        }
        throw .notPositiveDefinite(function: "gaussian process", order: n, jitter: added)
    }

    /// Throws unless the data are non-empty, consistent, finite and fit the kernel.
    static func validate(inputs: Matrix, targets: [Double], kernel: Kernel, function: String) throws(SurrogateError) {
        guard inputs.rows > 0 else { throw .emptyData(function: function) }
        guard inputs.rows == targets.count else {
            throw .sampleCountMismatch(function: function, inputs: inputs.rows, targets: targets.count)
        }
        guard inputs.allFinite else { throw .nonFiniteData(function: function, argument: "inputs") }
        guard targets.allSatisfy(\.isFinite) else { throw .nonFiniteData(function: function, argument: "targets") }
        if !kernel.node.dimensionsAgree(with: inputs.cols) {
            throw .dimensionMismatch(function: function, expected: kernel.inputDimension ?? inputs.cols, got: inputs.cols)
        }
    }
}

/// The affine map applied to targets before fitting: standardisation, or the identity.
struct Normalization {
    let mean: Double
    let scale: Double

    /// Mean and population standard deviation of `y` (a zero deviation counts as 1, as in
    /// scikit-learn), or the identity when not `enabled`.
    init(_ y: [Double], enabled: Bool) {
        guard enabled, !y.isEmpty else {
            (mean, scale) = (0, 1)
            return
        }
        let m = y.reduce(0, +) / Double(y.count)
        let variance = y.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(y.count)
        mean = m
        scale = variance > 0 ? variance.squareRoot() : 1
    }

    func apply(_ y: [Double]) -> [Double] { y.map { ($0 - mean) / scale } }
}

extension Array where Element == Double {
    /// The n x n column-major matrix with its strict upper triangle set to zero.
    func lowerTriangle(order n: Int) -> [Double] {
        var out = self
        for j in 0..<n { for i in 0..<j { out[i + j * n] = 0 } }
        return out
    }
}
