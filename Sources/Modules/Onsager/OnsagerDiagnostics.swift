import Linalg
import LuaHost
import Onsager

/// Diagnostics from Lua: rollout errors of any predictor against data, relative errors, affine
/// fits, the potential scaling order, the Langevin chain's renormalised force, and splitting data.
enum OnsagerDiagnostics {
    static let functions: [NativeFunction] = [evaluate, relativeErrors, affineFit, scalingOrder, renormalizedForce, split]

    static let evaluate = NativeFunction(
        "evaluate",
        doc: """
            onsager.evaluate(data, predictor [, {horizon = frames - 1, steps = {1, 5, 100}, method = "avf", dt = data.dt, substeps = 1, threshold = 1}]) -> report

            Rolls every trajectory out from its first frame with predictor (an onsager.Model stepped by
            method, an onsager.Reduced, or an onsager.DMD) and compares with the data: report = {steps,
            mean = {...}, std = {...} (relative RMSE at those steps), diverged_after = {per trajectory:
            steps before the error first exceeds threshold}, errors = trajectories x (horizon + 1) matrix}.
            """
    ) { call in
        let data = try call.dataset(1)
        let options = try call.options(3, allowed: ["horizon", "steps", "method", "dt", "substeps", "threshold", "stabilization", "tolerance"])
        let horizon = try options.integer("horizon", default: data.frameCount - 1)
        guard horizon >= 1 && horizon < data.frameCount else { throw options.error("horizon", "must be 1 to \(data.frameCount - 1)") }
        let steps = (try ModelSpec.vector(options, "steps") ?? [1, 5, 100]).filter { $0 >= 0 && $0 <= Double(horizon) }.map { Int($0) }
        let dt = try options.number("dt", default: data.frameSpacing)
        let substeps = try options.integer("substeps", default: 1)
        guard substeps >= 1 && substeps <= 1_000_000 else { throw options.error("substeps", "must be 1 to 1000000") }
        let predict: ([Double]) throws(OnsagerError) -> Matrix
        if case .value(let box) = onsagerModelType.lookup(at: 2, in: call.stack) {
            guard box.value.grid == data.grid else { throw ArgumentError(2, "the model's grid differs from the data's") }
            let stepper = try FieldStepper(model: box.value, method: call.stepMethod(options, default: "avf"), timeStep: dt,
                                           solverOptions: call.solverOptions(options))
            predict = { u throws(OnsagerError) in
                try stepper.rollout(from: u, frames: horizon, substeps: substeps, interruption: luaInterruption).frames
            }
        } else if case .value(let box) = reducedType.lookup(at: 2, in: call.stack) {
            guard box.value.pod.mean.count == data.grid.count else { throw ArgumentError(2, "the reduced model's grid differs from the data's") }
            let stepper = try ReducedStepper(model: box.value, method: call.stepMethod(options, default: "avf"), timeStep: dt,
                                             solverOptions: call.solverOptions(options))
            predict = { u throws(OnsagerError) in
                try stepper.rollout(from: u, frames: horizon, substeps: substeps, interruption: luaInterruption).frames
            }
        } else if case .value(let box) = dmdType.lookup(at: 2, in: call.stack) {
            guard box.value.pod.mean.count == data.grid.count else { throw ArgumentError(2, "the DMD model's grid differs from the data's") }
            let dmd = box.value
            predict = { u in dmd.rollout(from: u, frames: horizon) }
        } else {
            throw call.typeError(2, expected: "onsager model, reduced model or DMD model")
        }
        let errors = try Diagnostics.evaluate(data, horizon: horizon, divergenceThreshold: options.number("threshold", default: 1),
                                              interruption: luaInterruption, predict: predict)
        return call.returning(LuaRecord([
            ("steps", steps), ("mean", steps.map { errors.mean(at: $0) }), ("std", steps.map { errors.standardDeviation(at: $0) }),
            ("diverged_after", errors.stepsBeforeDivergence), ("errors", errors.relative),
        ]))
    }

    static let relativeErrors = NativeFunction(
        "rel_rmse",
        doc: "onsager.rel_rmse(P, U) -> row vector\n\nThe relative RMSE |P_n - U_n| / |U_n| of every column n of two matrices of the same shape."
    ) { call in
        call.returning(Matrix(row: try Diagnostics.relativeErrors(predicted: call.matrix(1), truth: call.matrix(2))))
    }

    static let affineFit = NativeFunction(
        "affine_fit",
        doc: """
            onsager.affine_fit(x, y) -> slope, intercept, r2

            The least-squares line y ≈ slope x + intercept and its R² (e.g. learned against true V: the
            scale-and-constant gauge makes them affine).
            """
    ) { call in
        let fit = try Diagnostics.affineFit(x: call.vector(1), y: call.vector(2))
        return call.returning(fit.slope, fit.intercept, fit.rSquared)
    }

    static let scalingOrder = NativeFunction(
        "scaling_order",
        doc: """
            onsager.scaling_order(model, u [, amplitudes]) -> p

            The potential scaling order: the slope of log|V(a u) - V(0)| against log a over the
            amplitudes (default 0.02, 0.04, ..., 0.2); about 1 when a Casimir dominates, 2 for a quadratic V.
            """
    ) { call in
        let model = try call.onsagerModel(1)
        let u = try call.field(2, points: model.grid.count)
        let amplitudes = try call.isNil(3) ? (1...10).map { 0.02 * Double($0) } : call.vector(3)
        guard amplitudes.allSatisfy({ $0 > 0 && $0.isFinite }) else { throw ArgumentError(3, "amplitudes must be positive") }
        return call.returning(try Diagnostics.scalingOrder(of: model, along: u, amplitudes: amplitudes))
    }

    static let renormalizedForce = NativeFunction(
        "renormalized_force",
        doc: """
            onsager.renormalized_force(s [, {temperature = 0.5, quartic = 1}]) -> vector

            The temperature-renormalised force of the Langevin chain at mean strains s: the tension at
            which the equilibrium chain (independent strains with density ∝ exp(-(Φ(r) - τr)/T)) has mean
            strain s, the large-block limit of the block-strain histogram's force.
            """
    ) { call in
        let strains = try call.vector(1)
        guard strains.count <= 1 << 20, strains.allSatisfy({ $0.isFinite && abs($0) < 1e3 }) else {
            throw ArgumentError(1, "strains must be finite, below 1000 in size, at most 2^20 of them")
        }
        let options = try call.options(2, allowed: ["temperature", "quartic"])
        let chain = try LangevinChain(sites: 16, block: 4, realizations: 1, temperature: options.number("temperature", default: 0.5),
                                      quartic: options.number("quartic", default: 1), timeStep: 1e-3,
                                      initialCondition: RandomSines(terms: 1, maxWaveNumber: 1, scaling: .amplitude(1)))
        return call.returning(Matrix(column: chain.renormalizedForce(strains)))
    }

    static let split = NativeFunction(
        "split",
        doc: """
            onsager.split(data, count) -> first, rest

            Splits a dataset into its first count trajectories and the others (both datasets; extra
            fields such as truth are not copied).
            """
    ) { call in
        let data = try call.dataset(1)
        let total = data.trajectories.count
        guard total >= 2 else { throw ArgumentError(1, "a dataset of one trajectory cannot be split") }
        let count = try call.count(2, what: "the number of trajectories", limit: total - 1)
        return call.returning(DatasetTable.record(try data.trajectories(0..<count)),
                              DatasetTable.record(try data.trajectories(count..<total)))
    }
}
