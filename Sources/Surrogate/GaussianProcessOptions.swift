import Optimize

/// How ``GaussianProcess/fit(inputs:targets:kernel:options:interruption:)`` conditions and
/// fits; the defaults are scikit-learn's `GaussianProcessRegressor`.
public struct GaussianProcessOptions: Sendable, Equatable {
    /// Added to the diagonal of the training covariance: a nugget for numerical stability, or the
    /// known noise variance of the targets (in normalised units when ``normalizeTargets``).
    public var alpha = 1e-10
    /// Standardise the targets (subtract the mean, divide by the standard deviation) before
    /// fitting; predictions are mapped back.
    public var normalizeTargets = false
    /// Maximise the log marginal likelihood over the kernel's free hyperparameters; false keeps
    /// the kernel as given.
    public var optimizeHyperparameters = true
    /// Extra optimiser runs from starting points drawn uniformly in the log bounds (after the run
    /// from the kernel's own hyperparameters).
    public var restarts = 0
    /// The seed of the generator drawing the restart points (`RandomState(seed)`, so the starts
    /// equal scikit-learn's for the same `random_state`).
    public var seed: UInt32 = 0
    /// The settings of each L-BFGS-B run.
    public var optimizer = LBFGSBConfiguration()
    /// When the final covariance is not numerically positive definite, retry its Cholesky
    /// factorisation with `jitter * mean(diag K) * 10^k` added to the diagonal, k = 0, 1, ...
    public var jitter = 1e-10
    /// The number of jitter levels tried.
    public var jitterAttempts = 8

    /// The default options.
    public init() {}
}
