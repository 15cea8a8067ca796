import Linalg

/// Settings of ``nelderMead(_:x0:bounds:configuration:interruption:)``; the defaults are SciPy's
/// (`scipy.optimize.minimize(method="Nelder-Mead", options={"adaptive": True})`).
public struct NelderMeadConfiguration: Sendable, Equatable {
    /// Use the dimension-dependent coefficients of Gao and Han (2012) instead of the classic
    /// (1, 2, 1/2, 1/2); better beyond a few variables.
    public var adaptive = true
    /// Stop when every vertex is within this distance (per component) of the best one...
    public var pointTolerance = 1e-4
    /// ... and every vertex value is within this of the best value.
    public var valueTolerance = 1e-4
    /// The most iterations; nil means 200 times the number of variables.
    public var maxIterations: Int?
    /// The most objective evaluations; nil means 200 times the number of variables.
    public var maxEvaluations: Int?
    /// The relative size of the initial simplex along each nonzero coordinate (zero coordinates
    /// step by 0.00025), as SciPy builds it.
    public var initialStep = 0.05

    /// The default settings.
    public init() {}
}

/// Minimises `objective` by the Nelder-Mead simplex method, derivative-free; bounds are honoured
/// by clipping every trial point into the box (SciPy's rule). Non-finite values count as +∞, so
/// an objective may return NaN where it fails.
///
/// - Throws: ``OptimizeError`` for mismatched sizes or invalid settings, ``Interrupted``, and
///   whatever `objective` throws.
public func nelderMead(
    _ objective: ([Double]) throws -> Double, x0: [Double], bounds: Bounds? = nil,
    configuration: NelderMeadConfiguration = NelderMeadConfiguration(), interruption: Interruption = .never
) throws -> OptimizationResult {
    let n = x0.count
    let bounds = bounds ?? .unbounded(dimension: n)
    try bounds.requireDimension(of: x0, function: "nelder_mead")
    guard n > 0 else { throw OptimizeError.invalidArgument(function: "nelder_mead", message: "no variables") }
    let dim = Double(n), adaptive = configuration.adaptive
    let rho = 1.0, chi = adaptive ? 1 + 2 / dim : 2, psi = adaptive ? 0.75 - 1 / (2 * dim) : 0.5
    let sigma = adaptive ? 1 - 1 / dim : 0.5
    let maxIterations = configuration.maxIterations ?? 200 * n
    let maxEvaluations = configuration.maxEvaluations ?? 200 * n

    var evaluations = 0
    func f(_ x: [Double]) throws -> Double {
        evaluations += 1
        let value = try objective(x)
        return value.isFinite ? value : .infinity
    }
    /// `a * p + b * q`, clipped into the box.
    func combine(_ a: Double, _ p: [Double], _ b: Double, _ q: [Double]) -> [Double] {
        bounds.clamp(zip(p, q).map { a * $0 + b * $1 })
    }

    let start = bounds.clamp(x0)
    var simplex = [start]
    for k in 0..<n {
        var y = start
        y[k] = y[k] != 0 ? (1 + configuration.initialStep) * y[k] : 0.00025
        // A vertex beyond the upper bound is reflected back inside, then clipped.
        if y[k] > bounds.upper[k] { y[k] = 2 * bounds.upper[k] - y[k] }
        simplex.append(bounds.clamp(y))
    }
    var values = try simplex.map(f)
    func sortSimplex() {
        let order = values.indices.sorted { values[$0] < values[$1] }
        simplex = order.map { simplex[$0] }
        values = order.map { values[$0] }
    }
    sortSimplex()
    var history = [values[0]], iterations = 0
    var reason = StopReason.maxIterations
    while true {
        let spread = simplex.dropFirst().map { v in zip(v, simplex[0]).map { Swift.abs($0 - $1) }.max() ?? 0 }.max() ?? 0
        let valueSpread = values.dropFirst().map { Swift.abs($0 - values[0]) }.max() ?? 0
        if spread <= configuration.pointTolerance && valueSpread <= configuration.valueTolerance {
            reason = .simplexTolerance
            break
        }
        if iterations >= maxIterations { reason = .maxIterations; break }
        if evaluations >= maxEvaluations { reason = .maxEvaluations; break }
        try interruption.check()

        var centroid = [Double](repeating: 0, count: n)
        for v in simplex.dropLast() { addScaled(v, 1 / dim, to: &centroid) }
        let worst = simplex[n]
        let reflected = combine(1 + rho, centroid, -rho, worst)
        let fr = try f(reflected)
        var shrink = false
        if fr < values[0] {
            let expanded = combine(1 + rho * chi, centroid, -rho * chi, worst)
            let fe = try f(expanded)
            (simplex[n], values[n]) = fe < fr ? (expanded, fe) : (reflected, fr)
        } else if fr < values[n - 1] {
            (simplex[n], values[n]) = (reflected, fr)
        } else if fr < values[n] {
            let contracted = combine(1 + psi * rho, centroid, -psi * rho, worst)
            let fc = try f(contracted)
            if fc <= fr { (simplex[n], values[n]) = (contracted, fc) } else { shrink = true }
        } else {
            let contracted = combine(1 - psi, centroid, psi, worst)
            let fc = try f(contracted)
            if fc < values[n] { (simplex[n], values[n]) = (contracted, fc) } else { shrink = true }
        }
        if shrink {
            for j in 1...n {
                simplex[j] = combine(1 - sigma, simplex[0], sigma, simplex[j])
                values[j] = try f(simplex[j])
            }
        }
        iterations += 1
        sortSimplex()
        history.append(values[0])
    }
    return OptimizationResult(x: simplex[0], value: values[0], history: history, stopReason: reason,
                              iterations: iterations, evaluations: evaluations)
}
