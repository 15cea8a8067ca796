import Grassmann
import LuaHost

/// The metrics a Lua state knows: the built-in ones and those registered with
/// `grassmann.register_metric`, kept in the state's registry (never shared between states).
///
/// A registered metric is a Lua function of the principal angles (a table, ascending) and, when
/// registered with `uses_singular_values`, of the singular values of both points (two more
/// tables). The angles are computed natively, on every core for a distance matrix; the Lua
/// function is then called once per pair on the calling state, since a `lua_State` is never
/// shared between threads.
enum LuaMetrics {
    /// The registry field holding the table `name -> {fn = function, uses_singular_values = boolean}`.
    static let registryKey = "grassmann.metrics"

    /// Pushes this state's table of registered metrics, creating it on first use.
    static func pushStore(_ stack: LuaStack) {
        stack.pushRegistry()
        if stack.rawGet(-1, field: registryKey) != .table {
            stack.pop()
            stack.pushTable()
            stack.pushCopy(of: -1)
            stack.rawSet(-3, field: registryKey)
        }
        stack.remove(at: -2)
    }

    /// The Lua error raised by a registered metric during one native call, so that it leaves the
    /// call unchanged rather than wrapped.
    final class Failure {
        var error: LuaError?
    }

    /// Runs `body` with the metrics of `call`'s state. A Lua error raised inside a registered
    /// metric's function propagates as itself.
    static func run<R>(_ call: LuaCall, _ body: (MetricRegistry) throws -> R) throws -> R {
        let failure = Failure()
        do {
            return try body(registry(call.stack, failure))
        } catch {
            throw failure.error ?? error
        }
    }

    /// The built-in metrics and the registered ones, these calling their Lua function on `stack`.
    private static func registry(_ stack: LuaStack, _ failure: Failure) -> MetricRegistry {
        var registry = MetricRegistry()
        pushStore(stack)
        defer { stack.pop() }
        stack.forEachPair(-1) {
            guard stack.type(at: -2) == .string, let name = stack.string(at: -2), stack.type(at: -1) == .table else { return true }
            stack.rawGet(-1, field: "uses_singular_values")
            let usesSingularValues = stack.boolean(at: -1)
            stack.pop()
            // Names were checked when they were registered.
            try? registry.register(CustomMetric(name: name, usesSingularValues: usesSingularValues) { input throws(GrassmannError) in
                try evaluate(name, input, on: stack, failure)
            })
            return true
        }
        return registry
    }

    /// Calls the Lua function registered as `name` with the angles (and singular values).
    private static func evaluate(
        _ name: String, _ input: MetricInput, on stack: LuaStack, _ failure: Failure
    ) throws(GrassmannError) -> Double {
        pushStore(stack)
        stack.rawGet(-1, field: name)
        stack.rawGet(-1, field: "fn")
        stack.remove(at: -2)
        stack.remove(at: -2)
        input.angles.push(onto: stack)
        var arguments: Int32 = 1
        if let first = input.singularValuesA, let second = input.singularValuesB {
            first.push(onto: stack)
            second.push(onto: stack)
            arguments = 3
        }
        do {
            try stack.protectedCall(arguments: arguments, results: 1)
        } catch {
            failure.error = error
            throw .metricFailed(name: name, message: error.message)
        }
        defer { stack.pop() }
        guard stack.type(at: -1) == .number, let value = stack.number(at: -1) else {
            throw .metricFailed(name: name, message: "returned a \(stack.typeName(at: -1)), expected a number")
        }
        return value
    }

    /// Records `function` (the Lua function at stack index `functionIndex`) as the metric `name`.
    ///
    /// - Throws: ``GrassmannError`` for the name of a built-in metric or an empty name.
    static func register(_ name: String, functionAt functionIndex: Int32, usesSingularValues: Bool, on stack: LuaStack) throws(GrassmannError) {
        var check = MetricRegistry()
        try check.register(CustomMetric(name: name) { _ in 0 })
        pushStore(stack)
        stack.pushTable(fieldCount: 2)
        stack.pushCopy(of: functionIndex)
        stack.rawSet(-2, field: "fn")
        stack.push(usesSingularValues)
        stack.rawSet(-2, field: "uses_singular_values")
        stack.rawSet(-2, field: name)
        stack.pop()
    }
}

extension LuaCall {
    /// Argument `position` as a metric name of `registry` ("geodesic" when nil or absent).
    func metric(_ position: Int, in registry: MetricRegistry) throws -> GrassmannMetric {
        let name = try string(position, default: "geodesic")
        do {
            return try registry.metric(named: name)
        } catch {
            throw ArgumentError(position, error.description)
        }
    }
}
