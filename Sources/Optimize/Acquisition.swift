import Foundation

/// An acquisition function for minimisation: how desirable it is to evaluate the objective at a
/// point, given the model's predictive mean μ and standard deviation σ there and the best
/// (smallest) value observed so far. Larger is better for every case.
public enum Acquisition: Sendable, Equatable {
    /// Expected improvement `E[max(best - ξ - Y, 0)]` = a Φ(a/σ) + σ φ(a/σ) with a = best - ξ - μ;
    /// ξ ≥ 0 trades exploitation for exploration (the paper uses ξ = 0). Where σ = 0 it is
    /// max(a, 0).
    case expectedImprovement(exploration: Double)
    /// Probability of improvement `P[Y < best - ξ]` = Φ(a/σ).
    case probabilityOfImprovement(exploration: Double)
    /// The lower confidence bound μ - κσ, negated so that larger is better: κσ - μ.
    case lowerConfidenceBound(kappa: Double)

    /// The acquisition value at a point with predictive mean `mean` and standard deviation
    /// `standardDeviation`.
    public func value(mean: Double, standardDeviation sigma: Double, best: Double) -> Double {
        switch self {
        case let .expectedImprovement(xi):
            let a = best - xi - mean
            guard sigma > 0 else { return Swift.max(a, 0) }
            let z = a / sigma
            return a * normalCDF(z) + sigma * normalPDF(z)
        case let .probabilityOfImprovement(xi):
            let a = best - xi - mean
            guard sigma > 0 else { return a > 0 ? 1 : 0 }
            return normalCDF(a / sigma)
        case let .lowerConfidenceBound(kappa):
            return kappa * sigma - mean
        }
    }

    /// The acquisition values at many points at once.
    public func values(mean: [Double], standardDeviation: [Double], best: Double) -> [Double] {
        zip(mean, standardDeviation).map { value(mean: $0, standardDeviation: $1, best: best) }
    }

    /// The acquisition value and its gradient with respect to the point, from a prediction with
    /// gradients (the chain rule through μ(x) and σ(x)).
    public func valueAndGradient(_ p: PredictionGradient, best: Double) -> (value: Double, gradient: [Double]) {
        let sigma = p.standardDeviation
        let value = value(mean: p.mean, standardDeviation: sigma, best: best)
        let dMean: Double, dSigma: Double
        switch self {
        case let .expectedImprovement(xi):
            guard sigma > 0 else { return (value, p.meanGradient.map { best - xi - p.mean > 0 ? -$0 : 0 }) }
            let z = (best - xi - p.mean) / sigma
            (dMean, dSigma) = (-normalCDF(z), normalPDF(z))
        case let .probabilityOfImprovement(xi):
            guard sigma > 0 else { return (value, p.meanGradient.map { _ in 0 }) }
            let z = (best - xi - p.mean) / sigma
            (dMean, dSigma) = (-normalPDF(z) / sigma, -normalPDF(z) * z / sigma)
        case let .lowerConfidenceBound(kappa):
            (dMean, dSigma) = (-1, kappa)
        }
        let gradient = zip(p.meanGradient, p.standardDeviationGradient).map { dMean * $0 + dSigma * $1 }
        return (value, gradient)
    }
}

/// The standard normal cumulative distribution function Φ.
public func normalCDF(_ z: Double) -> Double {
    0.5 * erfc(-z / 2.0.squareRoot())
}

/// The standard normal density φ.
public func normalPDF(_ z: Double) -> Double {
    exp(-0.5 * z * z) / (2 * Double.pi).squareRoot()
}
