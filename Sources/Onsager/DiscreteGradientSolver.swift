/// An implicit discrete-gradient step u → v written as a root-finding problem
/// R(v) = v - u + Δt K ḡ(u, v) = 0 (K the operator M + W, ḡ the discrete gradient).
protocol DiscreteGradientProblem {
    /// R(v) for a step of size `timeStep` from `u`.
    func residual(from u: [Double], to v: [Double], timeStep: Double) -> [Double]
    /// A Newton correction δ with J(v) δ ≈ -r, J the Jacobian of R at v.
    func newtonCorrection(from u: [Double], at v: [Double], residual r: [Double], timeStep: Double)
        throws(OnsagerError) -> [Double]
}

/// Damped Newton for ``DiscreteGradientProblem`` with step rejection: a step whose solve does not
/// converge is rejected and retried as two half steps, up to `maxHalvings` nested times. A step
/// is never accepted unconverged, which is what keeps V(v) ≤ V(u) to solver tolerance.
struct DiscreteGradientSolver {
    let options: ImplicitSolverOptions

    /// One step of size `timeStep` from `u` (made of sub-steps if it had to be split).
    func step<P: DiscreteGradientProblem>(_ problem: P, from u: [Double], timeStep: Double)
        throws(OnsagerError) -> (state: [Double], statistics: StepStatistics)
    {
        try advance(problem, from: u, timeStep: timeStep, depth: 0)
    }

    private func advance<P: DiscreteGradientProblem>(_ problem: P, from u: [Double], timeStep: Double, depth: Int)
        throws(OnsagerError) -> (state: [Double], statistics: StepStatistics)
    {
        var statistics = StepStatistics()
        if let v = try attempt(problem, from: u, timeStep: timeStep, statistics: &statistics) { return (v, statistics) }
        guard depth < options.maxHalvings else {
            throw .noConvergence(function: "step", message: "the AVF solve did not converge, even for a step of \(timeStep)")
        }
        statistics.rejections += 1
        let (half, first) = try advance(problem, from: u, timeStep: timeStep / 2, depth: depth + 1)
        let (full, second) = try advance(problem, from: half, timeStep: timeStep / 2, depth: depth + 1)
        return (full, statistics + first + second)
    }

    /// Damped Newton from v = u; nil when it does not converge.
    private func attempt<P: DiscreteGradientProblem>(
        _ problem: P, from u: [Double], timeStep: Double, statistics: inout StepStatistics
    ) throws(OnsagerError) -> [Double]? {
        let target = options.tolerance * max(1, maxAbs(u))
        var v = u
        var r = problem.residual(from: u, to: v, timeStep: timeStep)
        var size = maxAbs(r)
        for _ in 0..<options.maxIterations {
            if size <= target { return v }
            guard size.isFinite else { return nil }
            statistics.newtonIterations += 1
            let delta = try problem.newtonCorrection(from: u, at: v, residual: r, timeStep: timeStep)
            var damping = 1.0, improved = false
            for _ in 0..<12 {
                let trial = axpy(v, damping, delta)
                let trialResidual = problem.residual(from: u, to: trial, timeStep: timeStep)
                let trialSize = maxAbs(trialResidual)
                if trialSize < size {
                    (v, r, size, improved) = (trial, trialResidual, trialSize, true)
                    break
                }
                damping /= 2
            }
            // No decrease: converged to rounding if close to the target, otherwise failed.
            if !improved { return size <= 100 * target ? v : nil }
        }
        return size <= target ? v : nil
    }
}
