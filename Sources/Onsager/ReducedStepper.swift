import Linalg

/// Advances the coordinates of a ``ReducedOnsagerModel`` with one ``StepMethod``: the explicit
/// Euler and Runge–Kutta steps, or the AVF discrete-gradient step (exact for the quartic energy:
/// the average of (qᵀz)³ along a segment is (a³ + a²b + ab² + b³)/4), solved by Newton's method
/// with a dense Jacobian and step rejection. SBDF1 has no meaning here (no diagonal linear
/// part) and is rejected.
public struct ReducedStepper: Sendable {
    /// The model.
    public let model: ReducedOnsagerModel
    /// The method.
    public let method: StepMethod
    /// The step size.
    public let timeStep: Double
    /// Settings of the AVF solve.
    public let solverOptions: ImplicitSolverOptions

    /// A stepper of `model` by `method` with step `timeStep`.
    ///
    /// - Throws: ``OnsagerError/invalidArgument(function:message:)`` for SBDF1 or a step that is
    ///   not positive.
    public init(model: ReducedOnsagerModel, method: StepMethod, timeStep: Double,
                solverOptions: ImplicitSolverOptions = .init()) throws(OnsagerError) {
        try require(timeStep > 0 && timeStep.isFinite, "step", "the time step must be positive and finite, got \(timeStep)")
        if case .sbdf1 = method { throw .invalidArgument(function: "step", message: "the reduced tier has no SBDF1 step") }
        self.model = model
        self.method = method
        self.timeStep = timeStep
        self.solverOptions = solverOptions
    }

    /// One step from z.
    ///
    /// - Throws: ``OnsagerError/noConvergence(function:message:)`` when the AVF solve fails.
    public func step(_ z: [Double]) throws(OnsagerError) -> (state: [Double], statistics: StepStatistics) {
        let h = timeStep
        switch method {
        case .euler: return (axpy(z, h, model.velocity(z)), StepStatistics())
        case .rk2:
            let k1 = model.velocity(z), k2 = model.velocity(axpy(z, h, k1))
            return ((0..<z.count).map { z[$0] + 0.5 * h * (k1[$0] + k2[$0]) }, StepStatistics())
        case .rk4, .sbdf1:  // SBDF1 never gets here: the initialiser rejects it
            let k1 = model.velocity(z), k2 = model.velocity(axpy(z, 0.5 * h, k1))
            let k3 = model.velocity(axpy(z, 0.5 * h, k2)), k4 = model.velocity(axpy(z, h, k3))
            return ((0..<z.count).map { z[$0] + h / 6 * (k1[$0] + 2 * k2[$0] + 2 * k3[$0] + k4[$0]) }, StepStatistics())
        case .averageVectorField:
            return try DiscreteGradientSolver(options: solverOptions).step(ReducedAVFProblem(model: model), from: z, timeStep: h)
        }
    }

    /// Steps from the field `initial` (encoded on the POD modes) for `frames` frames of
    /// `substeps` steps, recording the decoded fields and the reduced energy V(z).
    ///
    /// - Throws: as ``step(_:)``, and ``OnsagerError/interrupted``.
    public func rollout(from initial: [Double], frames: Int, substeps: Int = 1, interruption: Interruption = .never)
        throws(OnsagerError) -> Rollout
    {
        try require(initial.count == model.pod.mean.count, "rollout",
                    "the initial field has \(initial.count) values, the POD modes \(model.pod.mean.count)")
        return try runRollout(from: model.pod.encode(initial), frames: frames, substeps: substeps, interruption: interruption,
                              step: step, energy: model.energy, field: model.pod.decode)
    }
}

/// The AVF step of the reduced tier: R(z') = z' - z + Δt (M + W) ḡ(z, z'), with
/// ḡ = h + P(z + z')/2 + Σ_j avg(y³) q_j, y = q_jᵀz along the segment, and the dense Jacobian
/// I + Δt (M + W)(P/2 + Σ_j (a² + 2ab + 3b²)/4 q_j q_jᵀ).
struct ReducedAVFProblem: DiscreteGradientProblem {
    let model: ReducedOnsagerModel

    private func averagedGradient(_ z: [Double], _ v: [Double]) -> [Double] {
        let r = model.rank
        var g = model.linear
        for i in 0..<r {
            for j in 0..<r { g[i] += 0.5 * model.quadratic[i, j] * (z[j] + v[j]) }
        }
        for j in 0..<model.quarticDirections.cols {
            let a = model.projection(j, z), b = model.projection(j, v)
            let average = (a * a * a + a * a * b + a * b * b + b * b * b) / 4
            for i in 0..<r { g[i] += average * model.quarticDirections[i, j] }
        }
        return g
    }

    func residual(from u: [Double], to v: [Double], timeStep: Double) -> [Double] {
        let kg = model.apply(averagedGradient(u, v), scale: timeStep)
        return (0..<u.count).map { v[$0] - u[$0] + kg[$0] }
    }

    func newtonCorrection(from u: [Double], at v: [Double], residual r: [Double], timeStep: Double)
        throws(OnsagerError) -> [Double]
    {
        let n = model.rank
        var hessian = model.quadratic * 0.5
        for j in 0..<model.quarticDirections.cols {
            let a = model.projection(j, u), b = model.projection(j, v)
            let slope = (a * a + 2 * a * b + 3 * b * b) / 4
            for p in 0..<n {
                for q in 0..<n { hessian[p, q] += slope * model.quarticDirections[p, j] * model.quarticDirections[q, j] }
            }
        }
        var jacobian = Matrix.identity(n)
        for p in 0..<n {
            for q in 0..<n {
                for s in 0..<n { jacobian[p, q] += timeStep * (model.mobility[p, s] + model.conservative[p, s]) * hessian[s, q] }
            }
        }
        let delta = try linearAlgebra("step") { () throws(LinalgError) in try jacobian.solve(Matrix(column: r.map { -$0 })) }
        return delta.elements
    }
}
