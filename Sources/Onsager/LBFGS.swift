import Foundation

/// Limited-memory BFGS (two-loop recursion, backtracking Armijo line search) for the rollout
/// fit: small, unconstrained, deterministic. An infinite or NaN objective counts as "too far"
/// and shortens the step.
struct LBFGS {
    /// Correction pairs kept.
    var memory = 10
    /// Iterations allowed.
    var maxIterations = 100
    /// Stop when max |gradient| falls below this times its initial value.
    var gradientTolerance = 1e-8
    /// Stop when an iteration lowers f by less than this times |f|.
    var functionTolerance = 1e-12

    /// What the minimisation reached.
    struct Result {
        var x: [Double]
        var value: Double
        var iterations: Int
        var evaluations: Int
        var converged: Bool
    }

    /// Minimises `objective` (value and gradient) from `start`.
    func minimize(
        from start: [Double], _ objective: ([Double]) throws(OnsagerError) -> (value: Double, gradient: [Double])
    ) throws(OnsagerError) -> Result {
        var x = start
        var (f, g) = try objective(x)
        var evaluations = 1
        guard f.isFinite else { return Result(x: x, value: f, iterations: 0, evaluations: 1, converged: false) }
        let initialGradient = max(maxAbs(g), 1e-300)
        var pairs: [(s: [Double], y: [Double], rho: Double)] = []
        for iteration in 0..<maxIterations {
            if maxAbs(g) <= gradientTolerance * initialGradient {
                return Result(x: x, value: f, iterations: iteration, evaluations: evaluations, converged: true)
            }
            var direction = twoLoop(g, pairs)
            var slope = dot(direction, g)
            if !(slope < 0) {  // not a descent direction: restart from steepest descent
                pairs.removeAll()
                direction = g.map { -$0 }
                slope = dot(direction, g)
            }
            var step = pairs.isEmpty ? min(1, 1 / maxAbs(g)) : 1
            var accepted: (x: [Double], f: Double, g: [Double])?
            for _ in 0..<40 {
                let trial = axpy(x, step, direction)
                let (ft, gt) = try objective(trial)
                evaluations += 1
                if ft.isFinite && ft <= f + 1e-4 * step * slope {
                    accepted = (trial, ft, gt)
                    break
                }
                step /= 2
            }
            guard let next = accepted else {
                return Result(x: x, value: f, iterations: iteration, evaluations: evaluations, converged: false)
            }
            let s = (0..<x.count).map { next.x[$0] - x[$0] }, y = (0..<x.count).map { next.g[$0] - g[$0] }
            let sy = dot(s, y)
            if sy > 1e-12 * norm(s) * norm(y) {
                pairs.append((s, y, 1 / sy))
                if pairs.count > memory { pairs.removeFirst() }
            }
            let decrease = f - next.f
            (x, f, g) = (next.x, next.f, next.g)
            if decrease <= functionTolerance * abs(f) {
                return Result(x: x, value: f, iterations: iteration + 1, evaluations: evaluations, converged: true)
            }
        }
        return Result(x: x, value: f, iterations: maxIterations, evaluations: evaluations, converged: false)
    }

    /// -H g by the two-loop recursion, H the L-BFGS inverse-Hessian approximation.
    private func twoLoop(_ g: [Double], _ pairs: [(s: [Double], y: [Double], rho: Double)]) -> [Double] {
        var q = g
        var alphas = [Double](repeating: 0, count: pairs.count)
        for i in stride(from: pairs.count - 1, through: 0, by: -1) {
            alphas[i] = pairs[i].rho * dot(pairs[i].s, q)
            for j in 0..<q.count { q[j] -= alphas[i] * pairs[i].y[j] }
        }
        if let last = pairs.last {
            let gamma = dot(last.s, last.y) / dot(last.y, last.y)
            for j in 0..<q.count { q[j] *= gamma }
        }
        for i in 0..<pairs.count {
            let beta = pairs[i].rho * dot(pairs[i].y, q)
            for j in 0..<q.count { q[j] += (alphas[i] - beta) * pairs[i].s[j] }
        }
        return q.map { -$0 }
    }
}
