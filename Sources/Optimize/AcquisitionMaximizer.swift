import Linalg

/// Maximises an acquisition function over a box: the best point of a candidate set (all
/// candidates predicted at once), then L-BFGS-B refinement inside the bounds from the best few
/// candidates; the result is the best point of all.
public struct AcquisitionMaximizer: Sendable {
    /// The candidate points, one per row (a Sobol set, or the paper's fixed set).
    public var candidates: Matrix
    /// How many of the best distinct candidates start an L-BFGS-B refinement; 0 means a plain
    /// discrete argmax over the candidates, as the paper does.
    public var refinementStarts: Int
    /// The settings of each refinement.
    public var refinement: LBFGSBConfiguration

    /// A maximiser over `candidates` refining from the best `refinementStarts` of them.
    public init(candidates: Matrix, refinementStarts: Int = 5, refinement: LBFGSBConfiguration = LBFGSBConfiguration()) {
        self.candidates = candidates
        self.refinementStarts = refinementStarts
        self.refinement = refinement
    }

    /// The point of the box with the largest `acquisition` under `model`, and that value.
    ///
    /// - Parameter best: the smallest objective value observed so far.
    /// - Throws: ``OptimizeError/dimensionMismatch(function:expected:got:)`` when the candidates,
    ///   bounds and model disagree on the dimension; ``OptimizeError/invalidArgument(function:message:)``
    ///   for an empty candidate set; errors of the model's predictions; ``Interrupted``.
    public func maximize(
        _ acquisition: Acquisition, model: some ProbabilisticModel, best: Double, bounds: Bounds,
        interruption: Interruption = .never
    ) throws -> (x: [Double], value: Double) {
        let d = bounds.dimension
        guard candidates.cols == d else {
            throw OptimizeError.dimensionMismatch(function: "maximize acquisition", expected: d, got: candidates.cols)
        }
        guard model.inputDimension == d else {
            throw OptimizeError.dimensionMismatch(function: "maximize acquisition", expected: d, got: model.inputDimension)
        }
        guard candidates.rows > 0 else {
            throw OptimizeError.invalidArgument(function: "maximize acquisition", message: "no candidate points")
        }
        let prediction = try model.predictMeanAndStandardDeviation(candidates)
        let scores = acquisition.values(mean: prediction.mean, standardDeviation: prediction.standardDeviation, best: best)
        // NaN scores rank last.
        let order = scores.indices.sorted { (scores[$0].isNaN ? -.infinity : scores[$0]) > (scores[$1].isNaN ? -.infinity : scores[$1]) }
        var bestX = candidates.row(order[0]).elements, bestValue = scores[order[0]]
        var starts: [[Double]] = []
        for i in order where starts.count < refinementStarts {
            let x = candidates.row(i).elements
            if !starts.contains(x) { starts.append(x) }
        }
        // The acquisition is divided by its best candidate value so that the gradient
        // tolerance of L-BFGS-B means the same for an expected improvement of 1e-9 as of 1e3.
        let scale = bestValue.isFinite && bestValue != 0 ? Swift.abs(bestValue) : 1
        for start in starts {
            try interruption.check()
            let result = try lbfgsb({ x in
                let (value, gradient) = acquisition.valueAndGradient(try model.predictWithGradient(at: x), best: best)
                return (-value / scale, gradient.map { -$0 / scale })
            }, x0: start, bounds: bounds, configuration: refinement, interruption: interruption)
            let value = -result.value * scale
            if value > bestValue || bestValue.isNaN {
                bestX = result.x
                bestValue = value
            }
        }
        return (bestX, bestValue)
    }
}
