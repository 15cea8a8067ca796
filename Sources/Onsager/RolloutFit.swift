import Foundation
import Linalg

/// Settings of the rollout fit (``RolloutFit``).
public struct RolloutFitOptions: Sendable, Equatable {
    /// Frames each window is rolled out for (the paper's K: 3 by default in its configs, 5 for
    /// the FPUT chain).
    public var steps = 5
    /// Model steps per frame.
    public var substeps = 1
    /// The training stepper: `.sbdf1(stabilization:)` (default, S = 0), `.euler`, or
    /// `.averageVectorField` (the energy-stable step, trained through its implicit solve).
    public var method = StepMethod.sbdf1(stabilization: 0)
    /// Use a window starting at every `stride`-th frame.
    public var stride = 1
    /// L-BFGS iterations allowed.
    public var maxIterations = 50
    /// Stop when max |gradient| falls below this times its initial value.
    public var gradientTolerance = 1e-6
    /// Stop when an iteration lowers the loss by less than this relative amount.
    public var functionTolerance = 1e-10
    /// The energy parameter held at its value (the scale gauge), `b` by default.
    public var gauge = "b"
    /// The lower bound of the coercive coefficient of F.
    public var coercivityFloor = 1e-8

    /// The defaults.
    public init() {}
}

/// The result of ``RolloutFit/fit(_:from:options:interruption:)``.
public struct RolloutFitResult: Sendable {
    /// The fitted model.
    public let model: OnsagerModel
    /// The rollout loss (relative mean-square error over the windows) before and after.
    public let initialLoss: Double, finalLoss: Double
    /// L-BFGS iterations and loss evaluations.
    public let iterations: Int, evaluations: Int
    /// `true` when a tolerance stopped L-BFGS before the iteration limit.
    public let converged: Bool
    /// Wall-clock seconds.
    public let time: Double
}

/// Stage 2 of the fit: L-BFGS on the multi-step rollout loss (``RolloutLoss``), the objective
/// the paper trains on, from a model of the class (usually the stage-1 ``ALSFit`` result), with
/// gradients by the hand-written adjoint. Every iterate stays in the class: m ≥ 0 and the sign
/// constraints of the energy are built into the coordinates (``RolloutParameterization``).
public enum RolloutFit {
    /// Refines `model` on `data`.
    ///
    /// - Throws: ``OnsagerError/invalidArgument(function:message:)`` for bad settings, a stepper
    ///   other than euler, sbdf1 or AVF, an unknown gauge, or data on another grid;
    ///   ``OnsagerError/interrupted``.
    public static func fit(
        _ data: Dataset, from model: OnsagerModel, options: RolloutFitOptions = .init(),
        interruption: Interruption = .never
    ) throws(OnsagerError) -> RolloutFitResult {
        try require(data.grid == model.grid, "fit", "the data live on \(data.grid), the model on \(model.grid)")
        try require(options.maxIterations >= 0, "fit", "the iteration limit must be non-negative")
        guard let gauge = model.energy.parameterNames.firstIndex(of: options.gauge) else {
            throw .invalidArgument(function: "fit", message: "unknown gauge '\(options.gauge)'")
        }
        let started = Date()
        let loss = try RolloutLoss(data: data, steps: options.steps, substeps: options.substeps, method: options.method,
                                   stride: options.stride)
        let map = RolloutParameterization(model: model, gauge: gauge, coercivityFloor: options.coercivityFloor)
        let initialLoss = try loss.evaluate(model, withGradient: false, interruption: interruption).loss
        let optimizer = LBFGS(maxIterations: options.maxIterations, gradientTolerance: options.gradientTolerance,
                              functionTolerance: options.functionTolerance)
        let result = try optimizer.minimize(from: map.start) { x throws(OnsagerError) in
            let candidate: OnsagerModel
            do { candidate = try map.model(at: x) } catch { return (.infinity, x.map { _ in 0 }) }
            let (value, gradient) = try loss.evaluate(candidate, withGradient: true, interruption: interruption)
            return (value, map.pullback(gradient, at: x))
        }
        // Keep the starting model if L-BFGS could not improve on it.
        let improved = result.value < initialLoss
        return RolloutFitResult(
            model: improved ? try map.model(at: result.x) : model, initialLoss: initialLoss,
            finalLoss: improved ? result.value : initialLoss, iterations: result.iterations, evaluations: result.evaluations,
            converged: result.converged, time: Date().timeIntervalSince(started))
    }
}
