import Linalg

/// Settings of ``lbfgsb(_:x0:bounds:configuration:state:interruption:)``; the defaults are
/// SciPy's (`scipy.optimize.minimize(method="L-BFGS-B")`).
public struct LBFGSBConfiguration: Sendable, Equatable {
    /// The number of correction pairs kept (m).
    public var memory = 10
    /// The most iterations per call.
    public var maxIterations = 15000
    /// The most objective evaluations per call.
    public var maxEvaluations = 15000
    /// Stop when the largest component of the projected gradient is at most this (pgtol).
    public var gradientTolerance = 1e-5
    /// Stop when `(f_old - f) / max(|f_old|, |f|, 1)` is at most this (factr times machine
    /// epsilon; SciPy's `ftol`).
    public var functionTolerance = 1e7 * Double.ulpOfOne
    /// The most evaluations of one line search.
    public var maxLineSearchEvaluations = 20

    /// The default settings.
    public init() {}
}

/// What persists between calls of ``lbfgsb(_:x0:bounds:configuration:state:interruption:)``, as
/// the `state` table of torch/optim: the quasi-Newton memory (so that a second call continues
/// where the first stopped) and running counts.
public struct LBFGSBState: Sendable {
    /// Iterations over all calls with this state.
    public internal(set) var iterations = 0
    /// Objective evaluations over all calls with this state.
    public internal(set) var evaluations = 0
    /// The correction pairs.
    var memory: LimitedMemory?

    /// A fresh state.
    public init() {}
}

/// Minimises `objective` subject to box constraints by L-BFGS-B (Byrd, Lu, Nocedal and Zhu
/// 1995, with the subspace projection of version 3.0 by Morales and Nocedal 2011): a limited-
/// memory BFGS model, the generalized Cauchy point along the projected gradient path,
/// minimisation over the free variables, and the Moré–Thuente line search.
///
/// The calling convention is torch/optim's: the objective returns its value and gradient, the
/// result holds the point and the history of values, and `state` carries the memory from one
/// call to the next.
///
/// - Parameters:
///   - objective: the function to minimise, returning `(value, gradient)`; errors it throws stop
///     the optimisation and are rethrown unchanged.
///   - x0: the starting point, projected into the bounds first.
///   - bounds: the box; nil or infinite bounds for unconstrained variables.
///   - interruption: polled once per iteration.
/// - Throws: ``OptimizeError`` for mismatched sizes, invalid settings or a non-finite objective
///   at `x0`; ``Interrupted``; whatever `objective` throws.
public func lbfgsb(
    _ objective: ([Double]) throws -> (value: Double, gradient: [Double]),
    x0: [Double], bounds: Bounds? = nil, configuration: LBFGSBConfiguration = LBFGSBConfiguration(),
    state: inout LBFGSBState, interruption: Interruption = .never
) throws -> OptimizationResult {
    try withoutActuallyEscaping(objective) { objective in
        var solver = try LBFGSBSolver(objective, x0: x0, bounds: bounds, configuration: configuration, state: state)
        defer {
            state.iterations += solver.iterations
            state.evaluations += solver.evaluations
            state.memory = solver.memory
        }
        return try solver.run(interruption: interruption)
    }
}

/// ``lbfgsb(_:x0:bounds:configuration:state:interruption:)`` with a fresh state.
public func lbfgsb(
    _ objective: ([Double]) throws -> (value: Double, gradient: [Double]),
    x0: [Double], bounds: Bounds? = nil, configuration: LBFGSBConfiguration = LBFGSBConfiguration(),
    interruption: Interruption = .never
) throws -> OptimizationResult {
    var state = LBFGSBState()
    return try lbfgsb(objective, x0: x0, bounds: bounds, configuration: configuration, state: &state,
                      interruption: interruption)
}

/// One run of L-BFGS-B: the iterate, its value and gradient, the memory and the counts.
private struct LBFGSBSolver {
    let objective: ([Double]) throws -> (value: Double, gradient: [Double])
    let bounds: Bounds
    let configuration: LBFGSBConfiguration
    var memory: LimitedMemory
    var x: [Double]
    var f = 0.0
    var g: [Double] = []
    var iterations = 0
    var evaluations = 0

    /// Thrown inside a line search when the objective is not finite at a trial point.
    struct NonFiniteTrial: Error {}

    init(
        _ objective: @escaping ([Double]) throws -> (value: Double, gradient: [Double]),
        x0: [Double], bounds: Bounds?, configuration: LBFGSBConfiguration, state: LBFGSBState
    ) throws(OptimizeError) {
        let bounds = bounds ?? .unbounded(dimension: x0.count)
        try bounds.requireDimension(of: x0, function: "lbfgsb")
        guard configuration.memory >= 1, configuration.maxLineSearchEvaluations >= 1 else {
            throw .invalidArgument(function: "lbfgsb", message: "memory and line-search evaluations must be at least 1")
        }
        self.objective = objective
        self.bounds = bounds
        self.configuration = configuration
        if let kept = state.memory, kept.capacity == configuration.memory, kept.dimension == x0.count {
            memory = kept
        } else {
            memory = LimitedMemory(capacity: configuration.memory)
        }
        x = bounds.clamp(x0)
    }

    /// Evaluates the objective, checking the gradient's length.
    mutating func evaluate(_ point: [Double]) throws -> (value: Double, gradient: [Double]) {
        evaluations += 1
        let result = try objective(point)
        guard result.gradient.count == point.count else {
            throw OptimizeError.dimensionMismatch(function: "lbfgsb gradient", expected: point.count, got: result.gradient.count)
        }
        return result
    }

    mutating func run(interruption: Interruption) throws -> OptimizationResult {
        (f, g) = try evaluate(x)
        guard f.isFinite, g.allSatisfy(\.isFinite) else { throw OptimizeError.nonFiniteStart(function: "lbfgsb") }
        var history = [f]
        func result(_ reason: StopReason) -> OptimizationResult {
            OptimizationResult(x: x, value: f, history: history, stopReason: reason, iterations: iterations,
                               evaluations: evaluations)
        }
        while true {
            if projectedGradientNorm() <= configuration.gradientTolerance { return result(.gradientTolerance) }
            if iterations >= configuration.maxIterations { return result(.maxIterations) }
            if evaluations >= configuration.maxEvaluations { return result(.maxEvaluations) }
            try interruption.check()
            let previous = f
            guard try iterate() else {
                if memory.count == 0 { return result(.lineSearchFailed) }
                memory.reset()  // retry along steepest descent, as L-BFGS-B does
                continue
            }
            iterations += 1
            history.append(f)
            if projectedGradientNorm() <= configuration.gradientTolerance { return result(.gradientTolerance) }
            let scale = Swift.max(Swift.abs(previous), Swift.abs(f), 1)
            if previous - f <= configuration.functionTolerance * scale { return result(.functionTolerance) }
        }
    }

    /// One iteration: search direction, line search, memory update. Returns false (leaving the
    /// iterate unchanged) when the direction is not a descent direction or the line search fails.
    mutating func iterate() throws -> Bool {
        let target = searchTarget()
        let d = zip(target, x).map { $0 - $1 }
        let slope = dot(g, d)
        guard slope < 0 else { return false }
        var maxStep = maximumStep(along: d)
        let norm = dot(d, d).squareRoot()
        let unbounded = !bounds.isFinite
        guard maxStep > 0 else { return false }
        var step = iterations == 0 && memory.count == 0 && unbounded ? Swift.min(1 / norm, maxStep) : Swift.min(1, maxStep)

        var trial = (x: x, f: f, g: g)
        var budget = configuration.maxLineSearchEvaluations
        while true {
            let search = MoreThuenteSearch(maxEvaluations: budget)
            var failedStep: Double?
            do {
                let origin = x
                let outcome = try search.search(f0: f, g0: slope, step: step, maxStep: maxStep) { t in
                    budget -= 1
                    let point = t == 1 ? target : bounds.clamp(zip(origin, d).map { $0 + t * $1 })
                    let (value, gradient) = try evaluate(point)
                    guard value.isFinite, gradient.allSatisfy(\.isFinite) else {
                        failedStep = t
                        throw NonFiniteTrial()
                    }
                    trial = (point, value, gradient)
                    return (value, dot(gradient, d))
                }
                if outcome.outcome == .tooManyEvaluations || trial.f > f { return false }
                break
            } catch is NonFiniteTrial {
                // Search again below the step where the objective stopped being finite.
                guard budget > 0, let failed = failedStep else { return false }
                maxStep = failed / 2
                step = Swift.min(step, maxStep)
            }
        }
        let s = zip(trial.x, x).map { $0 - $1 }, y = zip(trial.g, g).map { $0 - $1 }
        let oldSlope = dot(g, s)
        (x, f, g) = trial
        memory.update(s: s, y: y, oldSlope: oldSlope)
        return true
    }

    /// The end point x̄ of the search direction: the Cauchy point refined by the subspace
    /// minimisation (for unconstrained problems with a model, the quasi-Newton step itself).
    func searchTarget() -> [Double] {
        if !bounds.isConstrained && memory.count > 0 {
            let all = Array(x.indices)
            let origin = CauchyPoint.origin(x: x, memory: memory)
            return subspaceMinimum(x: x, g: g, cauchy: origin, free: all, bounds: bounds, memory: memory)
        }
        let cauchy = CauchyPoint.find(x: x, g: g, bounds: bounds, memory: memory)
        let free = x.indices.filter { cauchy.status[$0] == .free }
        return subspaceMinimum(x: x, g: g, cauchy: cauchy, free: free, bounds: bounds, memory: memory)
    }

    /// The largest step t with x + t d inside the bounds (at most 1 on the very first iteration
    /// of a constrained problem, 10^10 without bounds), as `lnsrlb` computes it.
    func maximumStep(along d: [Double]) -> Double {
        guard bounds.isConstrained else { return 1e10 }
        if iterations == 0 && memory.count == 0 { return 1 }
        var limit = 1e10
        for i in d.indices {
            if d[i] < 0 && bounds.lower[i].isFinite {
                let room = bounds.lower[i] - x[i]
                limit = room >= 0 ? 0 : Swift.min(limit, room / d[i])
            } else if d[i] > 0 && bounds.upper[i].isFinite {
                let room = bounds.upper[i] - x[i]
                limit = room <= 0 ? 0 : Swift.min(limit, room / d[i])
            }
            if limit == 0 { break }
        }
        return limit
    }

    /// The largest component of the projected gradient `P(x - g) - x`.
    func projectedGradientNorm() -> Double {
        var norm = 0.0
        for i in x.indices {
            var gi = g[i]
            if gi < 0 {
                if bounds.upper[i].isFinite { gi = Swift.max(x[i] - bounds.upper[i], gi) }
            } else if bounds.lower[i].isFinite {
                gi = Swift.min(x[i] - bounds.lower[i], gi)
            }
            norm = Swift.max(norm, Swift.abs(gi))
        }
        return norm
    }
}

extension CauchyPoint {
    /// The trivial "Cauchy point" x itself with every variable free, used when there are no
    /// bounds and the model already has pairs (L-BFGS-B skips the Cauchy search then).
    static func origin(x: [Double], memory: LimitedMemory) -> CauchyPoint {
        CauchyPoint(point: x, c: [Double](repeating: 0, count: 2 * memory.count),
                    status: [VariableStatus](repeating: .free, count: x.count))
    }
}
