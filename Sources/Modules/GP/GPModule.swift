import Linalg
import LuaHost
import Optimize
import Surrogate

/// The `gp` Lua module: Gaussian-process regression.
enum GPModule {
    static var module: LuaModule {
        LuaModule(
            name: "gp",
            doc: """
                gp: Gaussian-process regression.

                m = gp.fit(X, y, {kernel = "matern52", restarts = 10}) fits the hyperparameters by
                maximum marginal likelihood; m:predict(Xs) gives means and standard deviations,
                m:add(X, y) conditions on more data. Kernels from gp.kernel compose with + and *.
                """,
            functions: [fit],
            types: [kernelType, modelType],
            fields: [("kernel", GPKernels.table)])
    }

    static let fitOptions = ["kernel", "restarts", "seed", "normalize_y", "alpha", "optimize", "max_iter", "jitter"]

    static let fit = NativeFunction(
        "fit",
        doc: """
            gp.fit(X, y [, {kernel = "matern52", restarts = 0, seed = 0, normalize_y = true, alpha = 1e-10, optimize = true}]) -> model

            A Gaussian process on the rows of X with targets y. kernel is a gp.Kernel or a name
            (rbf, matern12, matern32, matern52, rq): a name means constant * name(ARD length
            scales 1) + white(1e-5, bounds {1e-10, 1}). Hyperparameters maximise the log marginal
            likelihood (L-BFGS-B, analytic gradient) from the kernel's values and from restarts
            seeded starts; optimize = false keeps them. alpha is added to the diagonal;
            normalize_y standardises y.
            """
    ) { call in
        let x = try call.matrix(1)
        let y = try call.vector(2)
        let options = try call.options(3, allowed: fitOptions)
        let kernel = try options.withValue("kernel") { stack throws -> Kernel in
            if let name = stack.string(at: -1) { return try defaultKernel(name, dimension: x.cols, options: options) }
            switch kernelType.lookup(at: -1, in: stack) {
            case .value(let box): return box.value
            default: throw options.error("kernel", "kernel or kernel name expected, got \(stack.typeName(at: -1))")
            }
        } ?? defaultKernel("matern52", dimension: x.cols, options: options)
        var settings = GaussianProcessOptions()
        settings.normalizeTargets = try options.boolean("normalize_y", default: true)
        settings.alpha = try options.number("alpha", default: settings.alpha)
        settings.optimizeHyperparameters = try options.boolean("optimize", default: true)
        settings.restarts = try options.integer("restarts", default: 0)
        guard settings.restarts >= 0 && settings.restarts <= 10_000 else {
            throw options.error("restarts", "must be in 0..10000, got \(settings.restarts)")
        }
        settings.seed = try seed(options)
        settings.optimizer.maxIterations = try options.integer("max_iter", default: settings.optimizer.maxIterations)
        settings.jitter = try options.number("jitter", default: settings.jitter)
        guard settings.alpha >= 0 && settings.alpha.isFinite else { throw options.error("alpha", "must be finite and non-negative") }
        guard settings.jitter >= 0 && settings.jitter.isFinite else { throw options.error("jitter", "must be finite and non-negative") }
        return call.returning(try GaussianProcess.fit(inputs: x, targets: y, kernel: kernel, options: settings,
                                                      interruption: luaInterruption))
    }

    /// The kernel a name stands for in `gp.fit`: signal variance times the named kernel with ARD
    /// length scales, plus fitted white noise.
    static func defaultKernel(_ name: String, dimension: Int, options: LuaOptions) throws -> Kernel {
        guard ["rbf", "matern12", "matern32", "matern52", "rq"].contains(name) else {
            throw options.error("kernel", "unknown kernel '\(name)'; expected one of: rbf, matern12, matern32, matern52, rq")
        }
        return try .constant(1) * Kernel.named(name, dimension: Swift.max(1, dimension)) + .white(noiseLevel: 1e-5, bounds: 1e-10...1)
    }

    /// Option `seed` as a generator seed (0 ..< 2^32), default 0.
    static func seed(_ options: LuaOptions) throws(ArgumentError) -> UInt32 {
        let value = try options.integer("seed", default: 0)
        guard let seed = UInt32(exactly: value) else { throw options.error("seed", "must be in 0 ..< 2^32, got \(value)") }
        return seed
    }
}
