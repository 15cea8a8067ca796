/// Why an optimiser stopped.
public enum StopReason: String, Sendable, Equatable {
    /// The projected gradient's largest component fell to the gradient tolerance (L-BFGS-B).
    case gradientTolerance = "gradient tolerance"
    /// The relative reduction of the objective in one iteration fell below the tolerance.
    case functionTolerance = "function tolerance"
    /// The simplex shrank below both the point and value tolerances (Nelder-Mead).
    case simplexTolerance = "simplex tolerance"
    /// The iteration budget ran out.
    case maxIterations = "iteration limit"
    /// The evaluation budget ran out.
    case maxEvaluations = "evaluation limit"
    /// The line search could not find a lower point even along steepest descent.
    case lineSearchFailed = "line search failed"
}

/// The outcome of an optimisation: the best point found and the history of the objective, as
/// torch/optim returns `x, {f values}`.
public struct OptimizationResult: Sendable, Equatable {
    /// The best point found.
    public var x: [Double]
    /// The objective at ``x``.
    public var value: Double
    /// The objective after each iteration, starting with its value at the starting point
    /// (Nelder-Mead: the best vertex after each iteration).
    public var history: [Double]
    /// Why the optimiser stopped.
    public var stopReason: StopReason
    /// The iterations performed in this call.
    public var iterations: Int
    /// The objective evaluations made in this call.
    public var evaluations: Int
}
