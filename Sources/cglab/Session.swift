import CLua
import CLuaShim
import Foundation
import LuaHost
import Modules

/// One run of the program: a Lua state and the lua.c-style ways of feeding it code. Every
/// failure is reported on standard error as `cglab: message` (with a traceback for runtime
/// errors) and turns the exit status into a failure.
final class Session {
    /// The program name used in messages.
    static let programName = "cglab"

    /// The state all code of the session runs in.
    let lua: LuaState
    private var stack: LuaStack { lua.stack }

    /// A session whose state is set up as every cglab entry point sets it up.
    init(ignoreEnvironment: Bool) throws(LuaError) {
        lua = try Environment.makeState(ignoreEnvironment: ignoreEnvironment)
        _ = cglab_gc_generational(lua.pointer)
    }

    /// Prints `message` on standard error, prefixed with the program name unless `bare`.
    static func printError(_ message: String, bare: Bool = false) {
        fputs((bare ? "" : "\(programName): ") + message + "\n", stderr)
    }

    /// Runs the function on top of the stack below `arguments` values, with a traceback on
    /// error and Ctrl-C routed to the state; leaves nothing on the stack. Returns success.
    @discardableResult
    func call(arguments: Int32 = 0, bare: Bool = false) -> Bool {
        let base = stack.top - arguments - 1
        defer { stack.setTop(base) }
        do {
            try lua.runInterruptibly { () throws(LuaError) in
                try stack.protectedCall(arguments: arguments, results: LUA_MULTRET, traceback: true)
            }
            return true
        } catch {
            Session.printError(error.message, bare: bare)
            return false
        }
    }

    /// Compiles `source` as chunk `name` and runs it (lua.c's `dostring`).
    @discardableResult
    func runChunk(_ source: String, name: String) -> Bool {
        do {
            try stack.load(source, chunkName: name)
        } catch {
            Session.printError(error.message)
            return false
        }
        return call()
    }

    /// Runs the file at `path`, or standard input when `nil` (lua.c's `dofile`).
    @discardableResult
    func runFile(_ path: String?, arguments: [String] = []) -> Bool {
        do {
            try stack.loadFile(path)
        } catch {
            Session.printError(error.message)
            return false
        }
        for argument in arguments { stack.push(argument) }
        return call(arguments: Int32(arguments.count))
    }

    /// Runs the notebook at `path` with `require("cglab.notebook").run`, writing its documents
    /// into `output` (default: beside it). Prints where they went, or the failing cell's error.
    func runNotebook(_ path: String, output: String?) -> Bool {
        let base = stack.top
        defer { stack.setTop(base) }
        do {
            try lua.runInterruptibly { () throws(LuaError) in
                try stack.protectedRequire("cglab.notebook")
                guard stack.rawGet(-1, field: "run") == .function else { throw LuaError("cglab.notebook.run is missing") }
                stack.push(path)
                stack.pushTable(fieldCount: 1)
                if let output {
                    stack.push(output)
                    stack.rawSet(-2, field: "output")
                }
                try stack.protectedCall(arguments: 2, results: 2, traceback: true)
            }
        } catch {
            Session.printError(error.message)
            return false
        }
        let message = stack.string(at: -1) ?? ""
        guard stack.boolean(at: -2) else {
            Session.printError(message)
            return false
        }
        print(message)
        return true
    }

    /// `global = require(module)` (lua.c's `dolibrary`).
    func requireLibrary(global: String, module: String) -> Bool {
        do {
            try lua.runInterruptibly { () throws(LuaError) in
                try stack.protectedRequire(module)
                try stack.protectedSetGlobal(global)
            }
            return true
        } catch {
            Session.printError(error.message)
            return false
        }
    }

    /// Runs `LUA_INIT_5_4` or else `LUA_INIT`: `@file` runs a file, anything else a chunk.
    func runInitCode() -> Bool {
        let environment = ProcessInfo.processInfo.environment
        let (name, value): (String, String?) =
            environment["LUA_INIT_5_4"] != nil ? ("LUA_INIT_5_4", environment["LUA_INIT_5_4"]) : ("LUA_INIT", environment["LUA_INIT"])
        guard let code = value else { return true }
        if code.hasPrefix("@") { return runFile(String(code.dropFirst())) }
        return runChunk(code, name: "=" + name)
    }

    /// Creates the global `arg`: the script at 0, its arguments at 1..n, the interpreter and
    /// options at negative indices (lua.c's `createargtable`).
    func createArgumentTable(_ arguments: [String], scriptIndex: Int) {
        let script = scriptIndex == arguments.count ? 0 : scriptIndex
        stack.pushTable(arrayCount: max(arguments.count - script - 1, 0), fieldCount: script + 1)
        for (i, argument) in arguments.enumerated() {
            stack.push(argument)
            stack.rawSet(-2, at: i - script)
        }
        stack.pushGlobals()
        stack.insertTop(at: -2)
        stack.rawSet(-2, field: "arg")
        stack.pop()
    }

    /// Turns Lua warnings on (`-W`).
    func enableWarnings() {
        lua_warning(lua.pointer, "@on", 0)
    }

    /// The version banner.
    static var banner: String {
        "cglab \(Environment.version) (Lua \(LUA_VERSION_MAJOR).\(LUA_VERSION_MINOR).\(LUA_VERSION_RELEASE)) "
            + "-- multiscale calibration on Lua, OpenBLAS and LAPACK"
    }
}
