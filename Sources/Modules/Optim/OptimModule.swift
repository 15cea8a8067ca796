import Linalg
import LuaHost
import Optimize

/// The `optim` Lua module: samplers, optimisers, acquisition functions and parallel evaluation;
/// the EGO loop itself is Lua (`stdlib/optim/ego.lua`, installed as `optim.ego`).
enum OptimModule {
    static var module: LuaModule {
        LuaModule(
            name: "optim",
            doc: """
                optim: designs, optimisers and Bayesian optimisation.

                Samplers lhs, sobol, uniform; optimisers lbfgsb (alias lbfgs) and nelder_mead with
                the torch/optim convention x, fx = optim.lbfgsb(f, x0, config, state); acquisition
                functions ei, pi, lcb and maximize_acquisition; evaluate runs an objective in
                parallel Lua states; ego{...} is the EGO loop (Lua, stdlib/optim/ego.lua).
                """,
            functions: OptimSamplers.functions + OptimOptimizers.functions + OptimAcquisition.functions
                + [OptimParallel.evaluate],
            types: [lbfgsbStateType])
    }
}

extension OptimizeError: LuaReportableError {
    /// The message without the Swift function name.
    public var luaMessage: String {
        let text = description
        guard let colon = text.firstIndex(of: ":"), !text.hasPrefix("bounds") else { return text }
        return String(text[text.index(after: colon)...].dropFirst())
    }
}

extension LuaCall {
    /// Argument `position` as bounds: a table of `{lower, upper}` pairs, one per variable (or a
    /// d x 2 matrix).
    func bounds(_ position: Int) throws -> Bounds {
        let pairs = try matrix(position)
        guard pairs.cols == 2, pairs.rows > 0 else {
            throw ArgumentError(position, "bounds expected as a table of {lower, upper} pairs, got a \(pairs.shape) matrix")
        }
        do {
            return try Bounds(lower: pairs.column(0).elements, upper: pairs.column(1).elements)
        } catch {
            throw ArgumentError(position, error.description)
        }
    }

    /// Argument `position` as a count of points, at most `limit` elements in all with `columns`.
    func pointCount(_ position: Int, columns: Int) throws -> Int {
        let count = try dimension(position, what: "number of points")
        guard count.multipliedReportingOverflow(by: Swift.max(1, columns)).partialValue <= 1 << 27 else {
            throw ArgumentError(position, "\(count) points in \(columns) dimensions are too many")
        }
        return count
    }
}

extension LuaOptions {
    /// The generator option `rng` (a `linalg.Random`, advanced in place) or `seed` (default 0),
    /// passed to `body`.
    func withGenerator<R>(_ body: (inout RandomGenerator) throws -> R) throws -> R {
        if let box = try withValue("rng", { stack throws(ArgumentError) -> UserdataBox<RandomGenerator> in
            guard case .value(let box) = randomType.lookup(at: -1, in: stack) else {
                throw error("rng", "random generator expected, got \(stack.typeName(at: -1))")
            }
            return box
        }) {
            return try body(&box.value)
        }
        let seed = try integer("seed", default: 0)
        guard let value = UInt32(exactly: seed) else { throw error("seed", "must be in 0 ..< 2^32, got \(seed)") }
        var generator = RandomGenerator(seed: value)
        return try body(&generator)
    }
}
