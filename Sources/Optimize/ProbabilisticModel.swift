import Linalg

/// A regression model with a Gaussian predictive distribution, what the acquisition functions
/// need: Gaussian processes conform, and so can any other surrogate.
public protocol ProbabilisticModel: Sendable {
    /// The number of input variables.
    var inputDimension: Int { get }

    /// The predictive means and standard deviations at the points in the rows of `x`, computed
    /// for all of them at once.
    func predictMeanAndStandardDeviation(_ x: Matrix) throws -> (mean: [Double], standardDeviation: [Double])

    /// The predictive mean and standard deviation at one point with their gradients with respect
    /// to the point.
    func predictWithGradient(at x: [Double]) throws -> PredictionGradient
}

/// The prediction at one point with its derivatives, as acquisition refinement needs it.
public struct PredictionGradient: Sendable, Equatable {
    /// The predictive mean.
    public var mean: Double
    /// The predictive standard deviation.
    public var standardDeviation: Double
    /// d mean / d x.
    public var meanGradient: [Double]
    /// d standardDeviation / d x.
    public var standardDeviationGradient: [Double]

    /// A prediction with its gradients.
    public init(mean: Double, standardDeviation: Double, meanGradient: [Double], standardDeviationGradient: [Double]) {
        self.mean = mean
        self.standardDeviation = standardDeviation
        self.meanGradient = meanGradient
        self.standardDeviationGradient = standardDeviationGradient
    }
}
