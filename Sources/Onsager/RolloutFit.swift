import Foundation
import Linalg
import Optimize

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
    /// L-BFGS-B iterations allowed.
    public var maxIterations = 50
    /// Stop when the largest component of the projected gradient, in the scaled coordinates
    /// and relative to the starting loss, falls below this.
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
    /// L-BFGS-B iterations and loss evaluations.
    public let iterations: Int, evaluations: Int
    /// `true` when a tolerance stopped L-BFGS-B before the iteration limit.
    public let converged: Bool
    /// Wall-clock seconds.
    public let time: Double
}

/// Stage 2 of the fit: L-BFGS-B (from the Optimize library) on the multi-step rollout loss
/// (``RolloutLoss``), the objective the paper trains on, from a model of the class (usually the
/// stage-1 ``ALSFit`` result), with gradients by the hand-written adjoint. Every iterate stays in
/// the class: m ≥ 0 and the sign constraints of the energy are bounds on the scaled coordinates
/// (``RolloutParameterization``). The loss is divided by its starting value, so that the
/// tolerances are relative.
public enum RolloutFit {
    /// Refines `model` on `data`, calling `progress` after every loss evaluation with the number
    /// of evaluations so far and the loss (for a progress display; the library never prints).
    ///
    /// - Throws: ``OnsagerError/invalidArgument(function:message:)`` for bad settings, a stepper
    ///   other than euler, sbdf1 or AVF, an unknown gauge, or data on another grid;
    ///   ``OnsagerError/interrupted``.
    public static func fit(
        _ data: Dataset, from model: OnsagerModel, options: RolloutFitOptions = .init(),
        interruption: Interruption = .never, progress: ((_ evaluations: Int, _ loss: Double) -> Void)? = nil
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
        guard initialLoss.isFinite && initialLoss > 0 && options.maxIterations > 0 else {
            return RolloutFitResult(model: model, initialLoss: initialLoss, finalLoss: initialLoss, iterations: 0, evaluations: 1,
                                    converged: false, time: Date().timeIntervalSince(started))
        }
        var configuration = LBFGSBConfiguration()
        configuration.maxIterations = options.maxIterations
        configuration.gradientTolerance = options.gradientTolerance
        configuration.functionTolerance = options.functionTolerance
        let bounds = try optimizing { try Bounds(lower: map.entries.map(\.lower), upper: map.entries.map { _ in .infinity }) }
        var evaluations = 0
        let result = try optimizing {
            try lbfgsb({ x in
                let candidate: OnsagerModel
                do { candidate = try map.model(at: x) } catch { return (.infinity, x.map { _ in 0 }) }
                let (value, gradient) = try loss.evaluate(candidate, withGradient: true, interruption: interruption)
                evaluations += 1
                progress?(evaluations, value)
                return (value / initialLoss, map.pullback(gradient).map { $0 / initialLoss })
            }, x0: map.start, bounds: bounds, configuration: configuration, interruption: interruption)
        }
        let improved = result.value < 1
        // Keep the starting model if L-BFGS-B could not improve on it.
        return RolloutFitResult(
            model: improved ? try map.model(at: result.x) : model, initialLoss: initialLoss,
            finalLoss: improved ? result.value * initialLoss : initialLoss, iterations: result.iterations,
            evaluations: result.evaluations,
            converged: result.stopReason == .gradientTolerance || result.stopReason == .functionTolerance,
            time: Date().timeIntervalSince(started))
    }
}

/// Runs an Optimize call, passing the library's own errors through and mapping the optimiser's:
/// an interruption to ``OnsagerError/interrupted``, anything else to
/// ``OnsagerError/invalidArgument(function:message:)`` of `fit`.
func optimizing<T>(_ body: () throws -> T) throws(OnsagerError) -> T {
    do {
        return try body()
    } catch let error as OnsagerError {
        throw error
    } catch is Interrupted {
        throw .interrupted
    } catch {
        throw .invalidArgument(function: "fit", message: String(describing: error))
    }
}
