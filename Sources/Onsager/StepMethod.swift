import Foundation

/// A time-stepping method for the field tier (``FieldStepper``).
///
/// - `euler`, `rk2` (Heun) and `rk4` (classical) are explicit: cheap, and consistent with
///   training by rollout, but their discrete energy dissipation is only conditional: a step of
///   a conservative model changes V by O(Δt²), and the stiff |k|² part limits Δt (Euler and RK2
///   are unstable for Allen–Cahn at Δt ≥ 2/(b k_max²)).
/// - `sbdf1(stabilization: S)`: linearly implicit, diagonal in Fourier:
///   (u' - u)/Δt = -σ [(L + S) û' + F'(u)^ - S û]. Unconditionally stable for the linear part
///   (|1 + Δt σ (L + S)| ≥ 1 because m ≥ 0); for gradient flows with S ≥ Lip(F')/2 it is known
///   to be energy-stable. S = 0 is the paper's classical solver.
/// - `averageVectorField`: the AVF discrete-gradient step u' = u - Δt (M + W) ḡ with
///   ḡ = ∫₀¹ μ(u + s(u' - u)) ds, solved by Newton's method (GMRES inside, Fourier-diagonal
///   preconditioner) with step rejection. It satisfies V(u') - V(u) = -Δt ⟨ḡ, M ḡ⟩ ≤ 0 for any
///   Δt, to the tolerance of the nonlinear solve, and conserves V exactly when M = 0.
public enum StepMethod: Sendable, Equatable {
    /// Explicit Euler.
    case euler
    /// Heun's second-order Runge–Kutta method.
    case rk2
    /// The classical fourth-order Runge–Kutta method.
    case rk4
    /// Stabilised semi-implicit backward differentiation, first order.
    case sbdf1(stabilization: Double)
    /// The average-vector-field discrete-gradient step.
    case averageVectorField

    /// The method's name: `euler`, `rk2`, `rk4`, `sbdf1` or `avf`.
    public var name: String {
        switch self {
        case .euler: return "euler"
        case .rk2: return "rk2"
        case .rk4: return "rk4"
        case .sbdf1: return "sbdf1"
        case .averageVectorField: return "avf"
        }
    }
}

/// Settings of the implicit solve inside the AVF step.
public struct ImplicitSolverOptions: Sendable, Equatable {
    /// Newton stops when the max-norm of the residual is at most `tolerance` times
    /// max(1, max|u|).
    public var tolerance: Double
    /// Newton iterations allowed per attempt.
    public var maxIterations: Int
    /// How many times a step may be rejected and retried as two half steps (nested).
    public var maxHalvings: Int

    /// The defaults: tolerance 1e-13, 30 Newton iterations, 8 nested halvings.
    public init(tolerance: Double = 1e-13, maxIterations: Int = 30, maxHalvings: Int = 8) {
        self.tolerance = tolerance
        self.maxIterations = maxIterations
        self.maxHalvings = maxHalvings
    }
}

/// What one step of a stepper did.
public struct StepStatistics: Sendable, Equatable {
    /// Newton iterations (AVF; 0 otherwise).
    public var newtonIterations = 0
    /// Steps rejected and retried as two half steps (AVF; 0 otherwise).
    public var rejections = 0

    /// No work recorded.
    public init() {}

    static func + (a: StepStatistics, b: StepStatistics) -> StepStatistics {
        var s = StepStatistics()
        s.newtonIterations = a.newtonIterations + b.newtonIterations
        s.rejections = a.rejections + b.rejections
        return s
    }
}

/// Advances fields of an ``OnsagerModel`` by steps of a fixed size with one ``StepMethod``.
public struct FieldStepper: Sendable {
    /// The model.
    public let model: OnsagerModel
    /// The method.
    public let method: StepMethod
    /// The step size Δt (time units of the model).
    public let timeStep: Double
    /// Settings of the AVF solve.
    public let solverOptions: ImplicitSolverOptions

    /// A stepper of `model` by `method` with step `timeStep`.
    ///
    /// - Throws: ``OnsagerError/invalidArgument(function:message:)`` unless Δt is positive and
    ///   finite, S ≥ 0, and the solver settings are sensible.
    public init(model: OnsagerModel, method: StepMethod, timeStep: Double, solverOptions: ImplicitSolverOptions = .init())
        throws(OnsagerError)
    {
        try require(timeStep > 0 && timeStep.isFinite, "step", "the time step must be positive and finite, got \(timeStep)")
        if case .sbdf1(let s) = method {
            try require(s >= 0 && s.isFinite, "step", "the SBDF1 stabilisation must be non-negative, got \(s)")
        }
        try require(solverOptions.tolerance > 0 && solverOptions.maxIterations >= 1 && solverOptions.maxHalvings >= 0,
                    "step", "the implicit solver needs a positive tolerance and at least one iteration")
        self.model = model
        self.method = method
        self.timeStep = timeStep
        self.solverOptions = solverOptions
    }

    /// One step from `u`, with the work it took.
    ///
    /// - Throws: ``OnsagerError/noConvergence(function:message:)`` when the AVF solve fails
    ///   even after the allowed halvings; ``OnsagerError/invalidArgument(function:message:)``
    ///   when `u` does not fit the grid.
    public func step(_ u: [Double]) throws(OnsagerError) -> (state: [Double], statistics: StepStatistics) {
        try require(u.count == model.grid.count, "step", "the field has \(u.count) values, the grid \(model.grid.count)")
        switch method {
        case .euler: return (model.eulerStep(u, timeStep), StepStatistics())
        case .rk2: return (model.heunStep(u, timeStep), StepStatistics())
        case .rk4: return (model.rungeKutta4Step(u, timeStep), StepStatistics())
        case .sbdf1(let s): return (model.sbdf1Step(u, timeStep, stabilization: s), StepStatistics())
        case .averageVectorField:
            let solver = DiscreteGradientSolver(options: solverOptions)
            return try solver.step(FieldAVFProblem(model: model), from: u, timeStep: timeStep)
        }
    }
}
