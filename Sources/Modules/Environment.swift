import Foundation
import LuaHost

/// Builds the Lua environment every cglab entry point shares (REPL, scripts, notebooks, tests):
/// the standard libraries, every native module as a global and in `package.loaded`, the
/// project's Lua standard library first on `package.path`, and the prelude (`display`, `help`).
public enum Environment {
    /// The program version.
    public static let version = "0.1.0"

    /// The native modules, in installation order.
    static func nativeModules(stdlib: String?) -> [LuaModule] {
        [
            CglabModule.module(stdlib: stdlib), LinalgModule.module, JSONModule.module, STZModule.module,
            GrassmannModule.module, PlotModule.module, GPModule.module, OptimModule.module,
            OnsagerModule.module,
        ]
    }

    /// A new state ready for user code.
    ///
    /// - Parameters:
    ///   - ignoreEnvironment: ignore `LUA_PATH`/`LUA_CPATH` (lua's `-E`).
    ///   - stdlib: the folder of cglab's Lua standard library; `nil` runs without it (no
    ///     `display`/`help` prelude).
    public static func makeState(ignoreEnvironment: Bool = false, stdlib: String? = StdlibLocator.locate())
        throws(LuaError) -> LuaState
    {
        let lua = LuaState(libraries: true, ignoreEnvironment: ignoreEnvironment)
        for module in nativeModules(stdlib: stdlib) { lua.install(module) }
        if let stdlib {
            try prependToPackagePath(stdlib, in: lua)
            try lua.stack.protectedRequire("cglab.prelude")
            lua.stack.pop()
        }
        return lua
    }

    /// Puts `stdlib/?.lua;stdlib/?/init.lua` in front of `package.path`.
    private static func prependToPackagePath(_ stdlib: String, in lua: LuaState) throws(LuaError) {
        let stack = lua.stack
        try stack.protectedGetGlobal("package")
        defer { stack.pop() }
        guard stack.type(at: -1) == .table else { throw LuaError("the package library is not loaded") }
        let current = stack.rawGet(-1, field: "path") == .string ? stack.string(at: -1) ?? "" : ""
        stack.pop()
        stack.push("\(stdlib)/?.lua;\(stdlib)/?/init.lua;" + current)
        stack.rawSet(-2, field: "path")
    }
}

/// Finds cglab's Lua standard library folder.
public enum StdlibLocator {
    /// A file every stdlib folder contains.
    static let marker = "cglab/prelude.lua"

    /// `CGLAB_STDLIB` when set; otherwise the first `stdlib` folder found next to the executable
    /// or in one of its parent folders (a build tree), or `share/cglab/stdlib` beside its `bin`.
    public static func locate() -> String? {
        let fileManager = FileManager.default
        if let explicit = ProcessInfo.processInfo.environment["CGLAB_STDLIB"], !explicit.isEmpty {
            return explicit
        }
        guard let executable = try? fileManager.destinationOfSymbolicLink(atPath: "/proc/self/exe") else { return nil }
        var folder = URL(fileURLWithPath: executable).deletingLastPathComponent()
        for _ in 0..<6 {
            for candidate in ["stdlib", "share/cglab/stdlib", "../share/cglab/stdlib"] {
                let path = folder.appendingPathComponent(candidate).standardizedFileURL.path
                if fileManager.fileExists(atPath: path + "/" + marker) { return path }
            }
            folder.deleteLastPathComponent()
        }
        return nil
    }
}
