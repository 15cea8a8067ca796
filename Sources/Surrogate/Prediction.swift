import Linalg

/// The predictive distribution of a Gaussian process at a set of points.
public struct Prediction: Sendable, Equatable {
    /// The predictive means, one per point.
    public var mean: [Double]
    /// The predictive standard deviations (noise of a white kernel included).
    public var standardDeviation: [Double]
    /// The joint predictive covariance, when requested.
    public var covariance: Matrix?
}
