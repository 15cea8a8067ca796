import Foundation
import Linalg
import Optimize

/// Settings of ``ReducedFit``.
public struct ReducedFitOptions: Sendable, Equatable {
    /// The POD rank r.
    public var rank = 8
    /// The number of quartic directions J (default r).
    public var quarticTerms: Int?
    /// ε of M = LLᵀ + εI and β of V's quadratic form.
    public var epsilon = 1e-3, beta = 1e-3
    /// The integral relation between frames.
    public var stencil = TimeStencil.simpson
    /// L-BFGS-B iterations (at least 1).
    public var maxIterations = 300
    /// The seed of the small random start of the quartic directions.
    public var seed: UInt32 = 1

    /// The defaults.
    public init() {}
}

/// The result of ``ReducedFit/fit(_:options:interruption:)``.
public struct ReducedFitResult: Sendable {
    /// The fitted model.
    public let model: ReducedOnsagerModel
    /// The relative residual Σ|Δz + (M + W) G|² / Σ|Δz|² before and after L-BFGS-B.
    public let initialLoss: Double, finalLoss: Double
    /// L-BFGS-B iterations.
    public let iterations: Int
    /// Wall-clock seconds.
    public let time: Double
}

/// Fits the reduced tier by L-BFGS-B (unconstrained; from the Optimize library) on the integral relation of the ``TimeStencil`` in POD
/// coordinates, Δz = z_{n+last} - z_{n+first} ≈ -(M + W) Δt Σ_i w_i ∇V(z_{n+offset_i}), with
/// analytic gradients in L, A, R, h and the quartic directions.
public enum ReducedFit {
    /// Fits a ``ReducedOnsagerModel`` to `data`, calling `progress` after every evaluation of
    /// the loss with the number of evaluations so far and the loss.
    ///
    /// - Throws: ``OnsagerError/invalidArgument(function:message:)`` for a bad rank or
    ///   too-short trajectories; ``OnsagerError/interrupted``.
    public static func fit(
        _ data: Dataset, options: ReducedFitOptions = .init(), interruption: Interruption = .never,
        progress: ((_ evaluations: Int, _ loss: Double) -> Void)? = nil
    ) throws(OnsagerError) -> ReducedFitResult {
        let started = Date()
        let stencil = options.stencil
        try require(data.frameCount >= stencil.width, "reduced_fit", "the trajectories are shorter than the \(stencil.name) stencil")
        let pod = try POD(data: data, rank: options.rank, centered: true)
        let r = pod.rank, quartics = options.quarticTerms ?? r
        try require(quartics >= 0 && quartics <= 64, "reduced_fit", "the number of quartic terms must be 0 to 64")
        let coordinates = (0..<data.trajectories.count).map { t in (0..<data.frameCount).map { pod.encode(data.frame($0, of: t)) } }
        let layout = ReducedLayout(rank: r, quartics: quartics)
        var rng = RandomGenerator(seed: options.seed)
        var start = [Double](repeating: 0, count: layout.count)
        for i in 0..<r {
            start[layout.lower(i, i)] = 1
            start[layout.quadratic(i, i)] = 1
        }
        for j in 0..<quartics {
            for i in 0..<r { start[layout.quartic(i, j)] = 0.1 * rng.uniform(low: -1, high: 1) }
        }
        let objective = ReducedObjective(pod: pod, coordinates: coordinates, stencil: stencil, spacing: data.frameSpacing,
                                         layout: layout, epsilon: options.epsilon, beta: options.beta)
        let initialLoss = try objective.evaluate(start).value
        var configuration = LBFGSBConfiguration()
        configuration.maxIterations = max(options.maxIterations, 1)
        configuration.gradientTolerance = 1e-9
        configuration.functionTolerance = 1e-13
        let result = try optimizing {
            var evaluations = 0
            return try lbfgsb({ x in
                let result = try objective.evaluate(x)
                evaluations += 1
                progress?(evaluations, result.value)
                return result
            }, x0: start, configuration: configuration, interruption: interruption)
        }
        return ReducedFitResult(model: try objective.model(result.x), initialLoss: initialLoss, finalLoss: result.value,
                                iterations: result.iterations, time: Date().timeIntervalSince(started))
    }
}

/// Where each parameter of the reduced model sits in the flat vector: L's lower triangle, A's
/// strict upper triangle, R, h, then the quartic directions.
struct ReducedLayout {
    let rank: Int, quartics: Int

    func lower(_ i: Int, _ j: Int) -> Int { i * (i + 1) / 2 + j }
    func skew(_ i: Int, _ j: Int) -> Int { rank * (rank + 1) / 2 + (j * (j - 1) / 2 + i) }
    func quadratic(_ i: Int, _ j: Int) -> Int { rank * rank + i * rank + j }
    func linear(_ i: Int) -> Int { 2 * rank * rank + i }
    func quartic(_ i: Int, _ j: Int) -> Int { 2 * rank * rank + rank + j * rank + i }
    var count: Int { 2 * rank * rank + rank + quartics * rank }
}

/// The fit's loss and gradient.
struct ReducedObjective {
    let pod: POD
    let coordinates: [[[Double]]]
    let stencil: TimeStencil
    let spacing: Double
    let layout: ReducedLayout
    let epsilon: Double, beta: Double

    func model(_ x: [Double]) throws(OnsagerError) -> ReducedOnsagerModel {
        let r = layout.rank
        var l = Matrix(rows: r, cols: r), a = Matrix(rows: r, cols: r), q = Matrix(rows: r, cols: r)
        var quartic = Matrix(rows: r, cols: layout.quartics)
        for i in 0..<r {
            for j in 0...i { l[i, j] = x[layout.lower(i, j)] }
            for j in (i + 1)..<max(r, i + 1) { a[i, j] = x[layout.skew(i, j)] }
            for j in 0..<r { q[i, j] = x[layout.quadratic(i, j)] }
            for j in 0..<layout.quartics { quartic[i, j] = x[layout.quartic(i, j)] }
        }
        return try ReducedOnsagerModel(pod: pod, lowerFactor: l, skewFactor: a, quadraticFactor: q,
                                       linear: (0..<r).map { x[layout.linear($0)] }, quarticDirections: quartic,
                                       epsilon: epsilon, beta: beta)
    }

    /// Σ|Δz + K G|² / Σ|Δz|² and its gradient.
    func evaluate(_ x: [Double]) throws(OnsagerError) -> (value: Double, gradient: [Double]) {
        let model = try model(x)
        let r = layout.rank
        var loss = 0.0, size = 0.0
        var kBar = Matrix(rows: r, cols: r)
        // Per frame adjoint of ∇V(z_f): a_f = Σ w_i Δt Kᵀ r_s over windows using frame f.
        var frameAdjoints = coordinates.map { frames in frames.map { _ in [Double](repeating: 0, count: r) } }
        for (t, frames) in coordinates.enumerated() {
            let gradients = frames.map { model.gradient($0) }
            for n in (-stencil.first)..<(frames.count - stencil.last) {
                var g = [Double](repeating: 0, count: r)
                for (offset, weight) in zip(stencil.offsets, stencil.weights) {
                    for i in 0..<r { g[i] += weight * spacing * gradients[n + offset][i] }
                }
                let kg = model.apply(g)
                var residual = [Double](repeating: 0, count: r)
                for i in 0..<r {
                    let dz = frames[n + stencil.last][i] - frames[n + stencil.first][i]
                    residual[i] = dz + kg[i]
                    loss += residual[i] * residual[i]
                    size += dz * dz
                }
                for i in 0..<r {
                    for j in 0..<r { kBar[i, j] += 2 * residual[i] * g[j] }
                }
                let back = (0..<r).map { j in (0..<r).reduce(0) { $0 + (model.mobility[$1, j] + model.conservative[$1, j]) * 2 * residual[$1] } }
                for (offset, weight) in zip(stencil.offsets, stencil.weights) {
                    for i in 0..<r { frameAdjoints[t][n + offset][i] += weight * spacing * back[i] }
                }
            }
        }
        let scale = 1 / max(size, 1e-300)
        var grad = [Double](repeating: 0, count: layout.count)
        // K = LLᵀ + εI + A - Aᵀ: dL = (K̄ + K̄ᵀ) L (lower part), dA = K̄ - K̄ᵀ (strict upper).
        for i in 0..<r {
            for j in 0...i {
                var s = 0.0
                for m in 0..<r { s += (kBar[i, m] + kBar[m, i]) * model.lowerFactor[m, j] }
                grad[layout.lower(i, j)] = s * scale
            }
            for j in (i + 1)..<max(r, i + 1) { grad[layout.skew(i, j)] = (kBar[i, j] - kBar[j, i]) * scale }
        }
        // ∇V(z) = h + (RRᵀ + βI) z + Σ_j (q_jᵀz)³ q_j.
        var pBar = Matrix(rows: r, cols: r)
        for (t, frames) in coordinates.enumerated() {
            for (f, z) in frames.enumerated() {
                let a = frameAdjoints[t][f]
                for i in 0..<r {
                    grad[layout.linear(i)] += a[i] * scale
                    for j in 0..<r { pBar[i, j] += a[i] * z[j] }
                }
                for j in 0..<layout.quartics {
                    let y = model.projection(j, z)
                    let qa = (0..<r).reduce(0) { $0 + model.quarticDirections[$1, j] * a[$1] }
                    for i in 0..<r { grad[layout.quartic(i, j)] += (3 * y * y * qa * z[i] + y * y * y * a[i]) * scale }
                }
            }
        }
        for i in 0..<r {
            for j in 0..<r {
                var s = 0.0
                for m in 0..<r { s += (pBar[i, m] + pBar[m, i]) * model.quadraticFactor[m, j] }
                grad[layout.quadratic(i, j)] = s * scale
            }
        }
        return (loss * scale, grad)
    }
}
