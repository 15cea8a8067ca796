import Linalg
import LuaHost
import Onsager

/// The data generators of the `onsager` module: PDEs of the class (integrated by ETDRK4), the
/// FPUT chain and the coarse-grained Langevin chain. Each returns a dataset table.
enum OnsagerGenerators {
    static let functions: [NativeFunction] = [allenCahn, cahnHilliard, kdv, mixed, linear, fput, langevin]

    /// Options every in-class generator takes.
    private static let common = ["n", "ny", "length", "length_y", "max_k", "dt", "substeps", "seed", "quiet"]

    /// A progress display of the trajectories generated (a bar on a terminal, a summary line
    /// otherwise, nothing with the option `quiet`), and the callback that feeds it.
    static func meter(_ label: String, trajectories: Int, _ options: LuaOptions) throws(ArgumentError)
        -> (meter: ProgressMeter, update: (Int) -> Void)
    {
        let meter = ProgressMeter(total: trajectories, label: label, quiet: try options.boolean("quiet", default: false))
        return (meter, { meter.update(to: $0) })
    }

    /// Reads the trajectory and frame counts, checks the total size, and runs `problem`.
    private static func generate(_ call: LuaCall, _ options: LuaOptions, problem: (PeriodicGrid, Int) throws -> InClassProblem,
                                 defaultMaxK: Int) throws -> Int {
        let trajectories = try call.count(1, what: "the number of trajectories", limit: OnsagerLimits.trajectories)
        let frames = try call.count(2, what: "the number of frames", limit: OnsagerLimits.frames)
        guard frames >= 2 else { throw ArgumentError(2, "at least 2 frames are needed") }
        let grid = try call.grid(options)
        try checkSize(trajectories, frames, grid.count)
        let spacing = try options.number("dt", default: 1e-3)
        guard spacing > 0 && spacing.isFinite else { throw options.error("dt", "must be positive, got \(spacing)") }
        let substeps = try options.integer("substeps", default: 20)
        guard substeps >= 1 && substeps <= 100_000 else { throw options.error("substeps", "must be 1 to 100000") }
        let seed = try options.integer("seed", default: 1)
        guard seed >= 0 && seed <= Int(UInt32.max) else { throw options.error("seed", "must be 0 to 2^32 - 1") }
        let inClass = try problem(grid, try options.integer("max_k", default: defaultMaxK))
        let progress = try meter(inClass.name, trajectories: trajectories, options)
        defer { progress.meter.finish() }
        let data = try inClass.generate(trajectories: trajectories, frames: frames, frameSpacing: spacing, substeps: substeps,
                                        seed: UInt32(seed), interruption: luaInterruption, progress: progress.update)
        return call.returning(DatasetTable.record(data, extra: [("truth", inClass.truth), ("name", inClass.name)]))
    }

    /// Throws unless trajectories × frames × points is within ``OnsagerLimits/values``.
    static func checkSize(_ trajectories: Int, _ frames: Int, _ points: Int) throws(ArgumentError) {
        let (product, overflow) = trajectories.multipliedReportingOverflow(by: frames)
        guard !overflow, product.multipliedReportingOverflow(by: points).partialValue <= OnsagerLimits.values,
              !product.multipliedReportingOverflow(by: points).overflow else {
            throw ArgumentError(1, "\(trajectories) trajectories of \(frames) frames on \(points) points are too many values")
        }
    }

    static let allenCahn = NativeFunction(
        "allen_cahn",
        doc: """
            onsager.allen_cahn(trajectories, frames [, {n = 256, ny = 1, epsilon = 0.1, max_k = 10, dt = 1e-3, substeps = 20, seed = 1, length = 2pi}]) -> data

            Allen-Cahn data, u_t = Δu + (u - u^3)/epsilon^2 (m = 1, w = 0, b = 1, F' = (u^3 - u)/epsilon^2),
            in 1D or 2D (ny > 1), from 3 random sines up to max_k rescaled to [-1, 1], integrated by
            ETDRK4 with substeps steps per frame. Returns {trajectories = {n x frames matrices},
            dt, grid = {nx, ny, length_x, length_y}, truth = model, name}. Shows its progress (a bar on
            a terminal, a summary line otherwise) unless quiet = true.
            """
    ) { call in
        let options = try call.options(3, allowed: common + ["epsilon"])
        let epsilon = try options.number("epsilon", default: 0.1)
        return try generate(call, options, problem: { try .allenCahn(grid: $0, epsilon: epsilon, maxWaveNumber: $1) }, defaultMaxK: 10)
    }

    static let cahnHilliard = NativeFunction(
        "cahn_hilliard",
        doc: """
            onsager.cahn_hilliard(trajectories, frames [, {n = 256, epsilon = 0.2, max_k = 6, dt = 1e-3, substeps = 20, seed = 1}]) -> data

            Cahn-Hilliard data, u_t = Δ((u^3 - u)/epsilon^2 - Δu): m(k) = k^2, w = 0, b = 1; the
            mass is conserved exactly. Same options and result as allen_cahn.
            """
    ) { call in
        let options = try call.options(3, allowed: common + ["epsilon"])
        let epsilon = try options.number("epsilon", default: 0.2)
        return try generate(call, options, problem: { try .cahnHilliard(grid: $0, epsilon: epsilon, maxWaveNumber: $1) }, defaultMaxK: 6)
    }

    static let kdv = NativeFunction(
        "kdv",
        doc: """
            onsager.kdv(trajectories, frames [, {n = 256, quartic = 0, max_k = 6, dt = 1e-3, substeps = 20, seed = 1}]) -> data

            KdV data, u_t + 6uu_x + u_xxx = 0 (m = 0, w = -k, b = 1, F = -u^3), or with quartic = g > 0
            the coercive variant F = -u^3 + g u^4. Same options and result as allen_cahn.
            """
    ) { call in
        let options = try call.options(3, allowed: common + ["quartic"])
        let quartic = try options.number("quartic", default: 0)
        return try generate(call, options, problem: { try .kdv(grid: $0, quartic: quartic, maxWaveNumber: $1) }, defaultMaxK: 6)
    }

    static let mixed = NativeFunction(
        "mixed",
        doc: """
            onsager.mixed(trajectories, frames [, {n = 256, viscosity = 0.05, max_k = 6, dt = 1e-3, substeps = 20, seed = 1}]) -> data

            A mixed dissipative-dispersive member of the class: m(k) = viscosity k^2, w(k) = k, b = 1,
            F' = -u + 3u^2 + u^3. Same options and result as allen_cahn.
            """
    ) { call in
        let options = try call.options(3, allowed: common + ["viscosity"])
        let viscosity = try options.number("viscosity", default: 0.05)
        return try generate(call, options, problem: { try .mixed(grid: $0, viscosity: viscosity, maxWaveNumber: $1) }, defaultMaxK: 6)
    }

    static let linear = NativeFunction(
        "linear",
        doc: """
            onsager.linear(trajectories, frames [, {n = 256, mass = 1, max_k = 10, dt = 1e-3, substeps = 20, seed = 1}]) -> data

            The negative control: linear dynamics u_t = Δu - mass u (quadratic energy), for which
            only sigma(k)(k^2 + mass) is identifiable. Same options and result as allen_cahn.
            """
    ) { call in
        let options = try call.options(3, allowed: common + ["mass"])
        let mass = try options.number("mass", default: 1)
        return try generate(call, options, problem: { try .linear(grid: $0, mass: mass, maxWaveNumber: $1) }, defaultMaxK: 10)
    }

    static let fput = NativeFunction(
        "fput",
        doc: """
            onsager.fput(trajectories, frames [, {sites = 128, c = 1, alpha = 1, n = 256, dt = 0.01, substeps = 500, seed = 1}]) -> data

            FPUT chain data in KdV scaling (the paper's microscopic benchmark): a periodic chain with
            force F(r) = c^2 r + alpha r^2, Stormer-Verlet with substeps steps per frame, strain read as
            u = r/eps^2 on an n-point co-moving grid, frames dt apart in KdV time. The result also holds
            kdv_limit, the KdV model u_t + (alpha/c) u u_x + (c/24) u_xxx = 0 in the class. Shows its
            progress unless quiet = true.
            """
    ) { call in
        let options = try call.options(3, allowed: ["sites", "c", "alpha", "n", "dt", "substeps", "seed", "quiet"])
        let trajectories = try call.count(1, what: "the number of trajectories", limit: OnsagerLimits.trajectories)
        let frames = try call.count(2, what: "the number of frames", limit: OnsagerLimits.frames)
        guard frames >= 2 else { throw ArgumentError(2, "at least 2 frames are needed") }
        let points = try options.integer("n", default: 256), sites = try options.integer("sites", default: 128)
        guard points >= 4 && points <= 1 << 16 else { throw options.error("n", "must be 4 to 65536") }
        try checkSize(trajectories, frames, points)
        let substeps = try options.integer("substeps", default: 500)
        guard substeps >= 1 && substeps <= 1_000_000 else { throw options.error("substeps", "must be 1 to 1000000") }
        let seed = try options.integer("seed", default: 1)
        guard seed >= 0 && seed <= Int(UInt32.max) else { throw options.error("seed", "must be 0 to 2^32 - 1") }
        let chain = try FPUTChain(sites: sites, soundSpeed: options.number("c", default: 1), nonlinearity: options.number("alpha", default: 1),
                                  gridPoints: points, substeps: substeps)
        let progress = try meter("fput", trajectories: trajectories, options)
        defer { progress.meter.finish() }
        let data = try chain.generate(trajectories: trajectories, frames: frames, frameSpacing: options.number("dt", default: 0.01),
                                      seed: UInt32(seed), interruption: luaInterruption, progress: progress.update)
        return call.returning(DatasetTable.record(data, extra: [("kdv_limit", try chain.kdvLimit()), ("name", "fput")]))
    }

    static let langevin = NativeFunction(
        "langevin",
        doc: """
            onsager.langevin(trajectories, frames [, {sites = 512, block = 16, realizations = 32, temperature = 0.5, quartic = 1, step = 0.02, dt = 5, max_k = 3, seed = 1}]) -> data

            An overdamped Langevin FPU chain (potential r^2/2 + quartic r^4/4) coarse-grained to the
            block-averaged strain over block sites and averaged over realizations noise histories, on a
            grid of sites/block points of length sites; frames dt apart (chain time). Initial strain
            profiles: 3 sines up to max_k, amplitude 1. Compare the learned F' with
            onsager.renormalized_force. Shows its progress unless quiet = true.
            """
    ) { call in
        let options = try call.options(3, allowed: ["sites", "block", "realizations", "temperature", "quartic", "step", "dt", "max_k", "seed", "quiet"])
        let trajectories = try call.count(1, what: "the number of trajectories", limit: OnsagerLimits.trajectories)
        let frames = try call.count(2, what: "the number of frames", limit: OnsagerLimits.frames)
        guard frames >= 2 else { throw ArgumentError(2, "at least 2 frames are needed") }
        let chain = try langevinChain(options)
        let (cost, overflow) = (trajectories * frames).multipliedReportingOverflow(by: chain.sites * chain.realizations)
        guard !overflow, cost <= 1 << 40 else { throw ArgumentError(1, "this chain run is too large") }
        try checkSize(trajectories, frames, chain.sites / chain.block)
        let seed = try options.integer("seed", default: 1)
        guard seed >= 0 && seed <= Int(UInt32.max) else { throw options.error("seed", "must be 0 to 2^32 - 1") }
        let progress = try meter("langevin", trajectories: trajectories, options)
        defer { progress.meter.finish() }
        let data = try chain.generate(trajectories: trajectories, frames: frames, frameSpacing: options.number("dt", default: 5),
                                      seed: UInt32(seed), interruption: luaInterruption, progress: progress.update)
        return call.returning(DatasetTable.record(data, extra: [("name", "langevin")]))
    }

    /// The chain described by the Langevin options (shared with renormalized_force).
    static func langevinChain(_ options: LuaOptions) throws -> LangevinChain {
        let sites = try options.integer("sites", default: 512), block = try options.integer("block", default: 16)
        guard sites >= 4 && sites <= 1 << 20 && block >= 1 && block <= sites else {
            throw options.error("sites", "sites must be 4 to 2^20 and block 1 to sites")
        }
        let maxK = try options.integer("max_k", default: 3)
        guard maxK >= 1 && maxK <= 1 << 16 else { throw options.error("max_k", "must be 1 to 65536") }
        return try LangevinChain(
            sites: sites, block: block, realizations: options.integer("realizations", default: 32),
            temperature: options.number("temperature", default: 0.5), quartic: options.number("quartic", default: 1),
            timeStep: options.number("step", default: 0.02),
            initialCondition: RandomSines(terms: 3, maxWaveNumber: maxK, scaling: .amplitude(1)))
    }
}
