import Linalg
import LuaHost
import Onsager

/// Fitting from Lua: the two-stage fit of the field tier, the rollout refinement alone, and the
/// reduced (POD) tier.
enum OnsagerFitting {
    static let functions: [NativeFunction] = [fit, refine, reducedFit]

    private static let refineOptions = ["rollout_steps", "method", "stabilization", "substeps", "stride", "iterations", "gauge", "quiet"]

    /// A progress display of a fit's loss evaluations (a bar on a terminal, one summary line
    /// otherwise, nothing with `quiet`), and the callback that feeds it.
    private static func meter(_ label: String, _ options: LuaOptions) throws(ArgumentError)
        -> (meter: ProgressMeter, update: (Int, Double) -> Void)
    {
        let meter = ProgressMeter(total: nil, label: label, quiet: try options.boolean("quiet", default: false))
        return (meter, { count, loss in meter.update(to: count, fields: [("loss", String(format: "%.3e", loss))]) })
    }

    static let fit = NativeFunction(
        "fit",
        doc: """
            onsager.fit(data [, {symbol = "free", even = 2, odd = 2, basis = "polynomial", degree = 3, centers, width = 1, nonlocal = 0, stencil = "boole", gauge = "b", sweeps = 5000, rollout_steps = 0, method = "sbdf1", substeps = 1, stride = 1, iterations = 50, quiet = false}]) -> model, report

            Fits the class to a dataset without autograd. Stage 1: alternating least squares on the
            bilinear integral relation of the stencil ("central", "trapezoid", "simpson", "boole"), with
            the gauge parameter fixed to 1 and the Casimir c0 dropped when sigma(0) = 0. Symbol "free"
            (per mode) or "local" (even + odd terms). With rollout_steps > 0, stage 2 refines by L-BFGS on
            the rollout loss of that many frames (method "sbdf1", "euler" or "avf"), with adjoint gradients.
            report = {residual, sweeps, converged, unexcited, identifiable, eigenvalues, flat = {{name =
            component, ...}, ...}, casimirs, gauge, stats_time, sweep_time [, rollout = {initial_loss,
            final_loss, iterations, evaluations, time}]}. Stage 2 shows its progress (a bar on a terminal,
            a summary line otherwise) unless quiet.
            """
    ) { call in
        let data = try call.dataset(1)
        let options = try call.options(2, allowed: ["symbol", "even", "odd", "basis", "degree", "centers", "width", "nonlocal",
                                                   "stencil", "sweeps"] + refineOptions)
        let hypothesis = try hypothesisOptions(options)
        var als = ALSOptions()
        let stencil = try options.choice("stencil", from: TimeStencil.all.map(\.name), default: "boole")
        als.stencil = TimeStencil.all.first { $0.name == stencil }!
        als.gauge = try options.string("gauge", default: "b")
        als.maxSweeps = try options.integer("sweeps", default: 5000)
        guard als.maxSweeps >= 1 && als.maxSweeps <= 10_000_000 else { throw options.error("sweeps", "must be 1 to 10^7") }
        let result = try ALSFit.fit(data, hypothesis: hypothesis, options: als, interruption: luaInterruption)
        let report = result.identifiability
        var fields: [(String, any LuaPushable)] = [
            ("residual", result.relativeResidual), ("sweeps", result.sweeps), ("converged", result.converged),
            ("unexcited", result.unexcitedModes.count), ("identifiable", report.isIdentifiable),
            ("eigenvalues", Matrix(column: report.eigenvalues)), ("names", report.parameterNames),
            ("flat", LuaList(items: report.flatDirections.map { report.direction($0) })), ("casimirs", report.casimirs),
            ("gauge", report.gauge), ("stats_time", result.statisticsTime), ("sweep_time", result.sweepTime),
        ]
        var model = result.model
        if try options.integer("rollout_steps", default: 0) > 0 {
            let progress = try meter("fit", options)
            defer { progress.meter.finish() }
            let refined = try RolloutFit.fit(data, from: model, options: rolloutOptions(call, options), interruption: luaInterruption,
                                             progress: progress.update)
            model = refined.model
            fields.append(("rollout", rolloutRecord(refined)))
        }
        return call.returning(model, LuaRecord(fields))
    }

    static let refine = NativeFunction(
        "refine",
        doc: """
            onsager.refine(data, model [, {rollout_steps = 5, method = "sbdf1", stabilization = 0, substeps = 1, stride = 1, iterations = 50, gauge = "b", quiet = false}]) -> model, report

            Stage 2 alone: L-BFGS on the multi-step rollout loss (relative mean-square error of
            rollout_steps-frame rollouts from every stride-th frame, stepped by "sbdf1", "euler" or "avf"),
            with gradients by the hand-written adjoint (through the implicit solve for "avf"); m ≥ 0 and
            the energy's sign constraints are kept.
            report = {initial_loss, final_loss, iterations, evaluations, converged, time}. Shows its
            progress unless quiet.
            """
    ) { call in
        let data = try call.dataset(1)
        let model = try call.onsagerModel(2)
        let options = try call.options(3, allowed: refineOptions)
        let progress = try meter("refine", options)
        defer { progress.meter.finish() }
        let result = try RolloutFit.fit(data, from: model, options: rolloutOptions(call, options, defaultSteps: 5),
                                        interruption: luaInterruption, progress: progress.update)
        return call.returning(result.model, rolloutRecord(result))
    }

    static let reducedFit = NativeFunction(
        "reduced_fit",
        doc: """
            onsager.reduced_fit(data [, {rank = 8, quartic, epsilon = 1e-3, beta = 1e-3, stencil = "simpson", iterations = 300, seed = 1, quiet = false}]) -> reduced, report

            Fits the reduced tier on POD coordinates u ≈ ū + Φz: dz/dt = -(M + W)∇V(z), M = LL' + εI,
            W = A - A', V = h'z + ½z'(RR' + βI)z + ¼Σ(q_j'z)^4 (quartic = number of q_j, default rank), by
            L-BFGS on the stencil's integral relation. report = {initial_loss, final_loss, iterations,
            captured (POD energy share), time}. Shows its progress unless quiet.
            """
    ) { call in
        let data = try call.dataset(1)
        let options = try call.options(2, allowed: ["rank", "quartic", "epsilon", "beta", "stencil", "iterations", "seed", "quiet"])
        var settings = ReducedFitOptions()
        settings.rank = try options.integer("rank", default: 8)
        settings.quarticTerms = try options.integer("quartic")
        settings.epsilon = try options.number("epsilon", default: 1e-3)
        settings.beta = try options.number("beta", default: 1e-3)
        let stencil = try options.choice("stencil", from: TimeStencil.all.map(\.name), default: "simpson")
        settings.stencil = TimeStencil.all.first { $0.name == stencil }!
        settings.maxIterations = try options.integer("iterations", default: 300)
        guard settings.maxIterations >= 0 && settings.maxIterations <= 1_000_000 else { throw options.error("iterations", "must be 0 to 10^6") }
        let seed = try options.integer("seed", default: 1)
        guard seed >= 0 && seed <= Int(UInt32.max) else { throw options.error("seed", "must be 0 to 2^32 - 1") }
        settings.seed = UInt32(seed)
        let progress = try meter("reduced_fit", options)
        defer { progress.meter.finish() }
        let result = try ReducedFit.fit(data, options: settings, interruption: luaInterruption, progress: progress.update)
        return call.returning(result.model, LuaRecord([
            ("initial_loss", result.initialLoss), ("final_loss", result.finalLoss), ("iterations", result.iterations),
            ("captured", result.model.pod.capturedEnergy), ("time", result.time),
        ]))
    }

    /// The hypothesis of the fit options.
    private static func hypothesisOptions(_ options: LuaOptions) throws -> Hypothesis {
        let form: OnsagerSymbol.Form
        switch try options.choice("symbol", from: ["free", "local"], default: "free") {
        case "local": form = .local(mobilityTerms: try options.integer("even", default: 2), conservativeTerms: try options.integer("odd", default: 2))
        default: form = .free
        }
        let basis: PointwiseBasis
        switch try options.choice("basis", from: ["polynomial", "bounded"], default: "polynomial") {
        case "bounded":
            basis = .bounded(centers: try ModelSpec.vector(options, "centers") ?? [-1, 0, 1], width: try options.number("width", default: 1))
        default:
            basis = .polynomial(degree: try options.integer("degree", default: 3))
        }
        return Hypothesis(symbolForm: form, basis: basis, nonlocalShells: try options.integer("nonlocal", default: 0))
    }

    /// The rollout settings of the options.
    private static func rolloutOptions(_ call: LuaCall, _ options: LuaOptions, defaultSteps: Int = 5) throws -> RolloutFitOptions {
        var settings = RolloutFitOptions()
        settings.steps = try options.integer("rollout_steps", default: defaultSteps)
        settings.method = try call.stepMethod(options, default: "sbdf1")
        settings.substeps = try options.integer("substeps", default: 1)
        settings.stride = try options.integer("stride", default: 1)
        settings.maxIterations = try options.integer("iterations", default: 50)
        settings.gauge = try options.string("gauge", default: "b")
        guard settings.steps >= 1 && settings.steps <= 10_000, settings.substeps >= 1 && settings.substeps <= 10_000,
              settings.stride >= 1, settings.maxIterations >= 0 && settings.maxIterations <= 1_000_000 else {
            throw options.error("rollout_steps", "rollout_steps and substeps must be 1 to 10000, stride positive, iterations 0 to 10^6")
        }
        return settings
    }

    private static func rolloutRecord(_ result: RolloutFitResult) -> LuaRecord {
        LuaRecord([
            ("initial_loss", result.initialLoss), ("final_loss", result.finalLoss), ("iterations", result.iterations),
            ("evaluations", result.evaluations), ("converged", result.converged), ("time", result.time),
        ])
    }
}
