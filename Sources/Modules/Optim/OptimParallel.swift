import Dispatch
import Foundation
import Linalg
import LuaHost

/// `optim.evaluate`: an objective evaluated at many points in parallel, each worker thread with a
/// Lua state of its own (one `lua_State` is never shared between threads).
enum OptimParallel {
    static let evaluate = NativeFunction(
        "evaluate",
        doc: """
            optim.evaluate(points, {module = name | file = path, workers = 2, timeout = seconds, details = false})
              -> values, statuses, messages [, details]

            f at every row of points, in parallel: each of workers threads makes a fresh cglab Lua
            state with this state's package.path, loads the objective with require(module) or
            dofile(file) (a function, or a table with a field objective) and calls it with a
            table of numbers. Failures do not stop the others: their value is NaN and their
            status "error", "timeout" or "nan" (message in messages). With details = true the
            objective's second result (JSON-compatible data: tables, numbers, strings, matrices)
            is carried back too, one entry per point (nil where there was none).
            """
    ) { call in
        let points = try call.matrix(1)
        let options = try call.options(2, allowed: ["module", "file", "workers", "timeout", "details"])
        let module = try options.string("module"), file = try options.string("file")
        guard (module == nil) != (file == nil) else {
            throw ArgumentError(2, "give exactly one of the options 'module' and 'file'")
        }
        let workers = try options.integer("workers", default: 2)
        guard workers >= 1 && workers <= 256 else { throw options.error("workers", "must be in 1..256, got \(workers)") }
        let timeout = try options.number("timeout", default: 0)
        guard timeout >= 0 && !timeout.isNaN else { throw options.error("timeout", "must be non-negative (0: none)") }
        let source = module.map(ObjectiveSource.module) ?? .file(file!)
        let details = try options.boolean("details", default: false)
        let setup = WorkerSetup(source: source, timeout: timeout, packagePath: try packageField(call, "path"),
                                packageCPath: try packageField(call, "cpath"), stdlib: try stdlibPath(call),
                                details: details)
        let rows = (0..<points.rows).map { points.row($0).elements }
        let outcomes = runParallel(rows, workers: workers, setup: setup)
        let results = call.returning(outcomes.map(\.value), outcomes.map(\.status), outcomes.map(\.message))
        guard details else { return results }
        try pushDetails(outcomes.map(\.details), onto: call.stack)
        return results + 1
    }

    /// A table with each outcome's details decoded from its JSON text (holes where there were none).
    private static func pushDetails(_ texts: [String?], onto stack: LuaStack) throws {
        stack.pushTable(arrayCount: texts.count)
        for (index, text) in texts.enumerated() {
            guard let text else { continue }
            var parser = JSONParser(text: Array(text.utf8), stack: stack, source: "details")
            try parser.parseDocument()
            stack.rawSet(-2, at: index + 1)
        }
    }

    /// Where a worker finds the objective.
    enum ObjectiveSource: Sendable {
        case module(String)
        case file(String)
    }

    /// What every worker needs to build its state.
    struct WorkerSetup: Sendable {
        let source: ObjectiveSource
        let timeout: Double
        let packagePath: String?
        let packageCPath: String?
        let stdlib: String?
        /// Whether the objective's second result is carried back as JSON text.
        let details: Bool
    }

    /// The result of one evaluation.
    struct Outcome: Sendable {
        var value = Double.nan
        var status = "error"
        var message = ""
        /// The objective's second result as JSON text, when asked for and present.
        var details: String?
    }

    /// Evaluates every point on `workers` threads pulling the next index from a shared counter.
    static func runParallel(_ rows: [[Double]], workers: Int, setup: WorkerSetup) -> [Outcome] {
        let results = OutcomeStore(count: rows.count)
        DispatchQueue.concurrentPerform(iterations: Swift.min(workers, Swift.max(rows.count, 1))) { _ in
            var worker: Worker?
            var failure: String?
            do { worker = try Worker(setup) } catch { failure = "cannot load the objective: \(error)" }
            while let index = results.next() {
                guard let worker else {
                    results.set(index, Outcome(message: failure ?? "no worker"))
                    continue
                }
                results.set(index, worker.evaluate(rows[index]))
            }
        }
        return results.outcomes
    }

    /// A Lua state holding the objective, used by one thread only.
    final class Worker {
        let lua: LuaState
        let details: Bool

        init(_ setup: WorkerSetup) throws {
            details = setup.details
            lua = try Environment.makeState(stdlib: setup.stdlib)
            let stack = lua.stack
            try stack.protectedGetGlobal("package")
            for (key, value) in [("path", setup.packagePath), ("cpath", setup.packageCPath)] {
                if let value {
                    stack.push(value)
                    stack.rawSet(-2, field: key)
                }
            }
            stack.pop()
            switch setup.source {
            case .module(let name): try load("return require(...)", argument: name)
            case .file(let path): try load("return dofile(...)", argument: path)
            }
            // The objective (or its table's field objective) becomes the global
            // __cglab_objective, wrapped in a count hook that enforces the time-out and Ctrl-C.
            try lua.run("""
                local loaded = __cglab_loaded
                local f = type(loaded) == "table" and loaded.objective or loaded
                if type(f) ~= "function" then
                  error("the objective must be a function or a table with a field 'objective', got " .. type(loaded), 0)
                end
                local timeout = \(setup.timeout)
                __cglab_objective = function(x)
                  local deadline = timeout > 0 and cglab.clock() + timeout or math.huge
                  debug.sethook(function()
                    if cglab.clock() > deadline then error("timeout after " .. timeout .. " s", 0) end
                    if cglab.interrupted() then error("interrupted!", 0) end
                  end, "", 1000)
                  local ok, y, details = pcall(f, x)
                  debug.sethook()
                  if not ok then error(y, 0) end
                  return y, details
                end
                """)
        }

        /// Runs `loader` with one string argument and stores its result as `__cglab_loaded`.
        private func load(_ loader: String, argument: String) throws {
            let stack = lua.stack
            try stack.load(loader, chunkName: "=objective")
            stack.push(argument)
            try stack.protectedCall(arguments: 1, results: 1)
            try stack.protectedSetGlobal("__cglab_loaded")
        }

        func evaluate(_ x: [Double]) -> Outcome {
            let stack = lua.stack, base = stack.top
            defer { stack.setTop(base) }
            do {
                try stack.protectedGetGlobal("__cglab_objective")
                x.push(onto: stack)
                try stack.protectedCall(arguments: 1, results: 2)
                guard stack.type(at: -2) == .number, let value = stack.number(at: -2) else {
                    return Outcome(message: "the objective returned a \(stack.typeName(at: -2)) value")
                }
                var outcome = value.isNaN ? Outcome(value: value, status: "nan") : Outcome(value: value, status: "ok")
                if details && stack.type(at: -1) != .nil {
                    var writer = JSONWriter(stack: stack, indent: 0, sortKeys: false)
                    do {
                        outcome.details = try writer.text(of: -1)
                    } catch {
                        return Outcome(message: "the objective's details (its second result): \(error)")
                    }
                }
                return outcome
            } catch {
                let message = error.message
                return Outcome(status: message.hasPrefix("timeout after") ? "timeout" : "error", message: message)
            }
        }
    }

    /// The outcomes, filled by index from several threads, and the next index to evaluate.
    final class OutcomeStore: @unchecked Sendable {
        private let lock = NSLock()
        private var values: [Outcome]
        private var nextIndex = 0

        init(count: Int) { values = Array(repeating: Outcome(), count: count) }

        func next() -> Int? {
            lock.lock()
            defer { lock.unlock() }
            guard nextIndex < values.count else { return nil }
            nextIndex += 1
            return nextIndex - 1
        }

        func set(_ index: Int, _ outcome: Outcome) {
            lock.lock()
            values[index] = outcome
            lock.unlock()
        }

        var outcomes: [Outcome] {
            lock.lock()
            defer { lock.unlock() }
            return values
        }
    }

    /// `package.<key>` of the calling state.
    static func packageField(_ call: LuaCall, _ key: String) throws -> String? {
        let stack = call.stack, base = stack.top
        defer { stack.setTop(base) }
        try stack.protectedGetGlobal("package")
        guard stack.type(at: -1) == .table, stack.rawGet(-1, field: key) == .string else { return nil }
        return stack.string(at: -1)
    }

    /// `cglab.stdlib` of the calling state (the standard library folder it was made with).
    static func stdlibPath(_ call: LuaCall) throws -> String? {
        let stack = call.stack, base = stack.top
        defer { stack.setTop(base) }
        try stack.protectedGetGlobal("cglab")
        guard stack.type(at: -1) == .table, stack.rawGet(-1, field: "stdlib") == .string else { return nil }
        return stack.string(at: -1)
    }
}
