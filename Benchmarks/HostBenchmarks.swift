import CLuaShim
import Foundation
import LuaHost
import Modules

/// The cost of the Lua <-> Swift boundary and of starting the program.
let hostBenchmarks = BenchmarkGroup(name: "host") {
    try benchmarkTrampoline()
    try benchmarkStartup()
}

/// A trivial native function called from a Lua loop, through the trampoline, against the same
/// trivial function registered directly from C. Loop overhead is measured and subtracted.
private func benchmarkTrampoline() throws {
    let lua = LuaState()
    lua.register(NativeFunction("swift_noop") { _ in 0 })
    cglab_push_c_noop(lua.pointer)
    try lua.stack.protectedSetGlobal("c_noop")
    let calls = 10_000_000
    let bodies = ["function() end", "swift_noop", "c_noop"]
    for body in bodies {
        try lua.stack.load("local f = \(body); for i = 1, \(calls) do f() end", chunkName: "=bench")
    }
    defer { lua.stack.setTop(0) }
    // Interleaved rounds, best of each: a load on the other core hits all three alike.
    var best = [Double](repeating: .infinity, count: bodies.count)
    for _ in 0..<7 {
        for index in bodies.indices {
            let start = now()
            lua.stack.pushCopy(of: Int32(index + 1))
            try lua.stack.protectedCall(arguments: 0, results: 0)
            best[index] = min(best[index], now() - start)
        }
    }
    let (empty, native, direct) = (best[0], best[1], best[2])
    let perEmpty = empty / Double(calls)
    let perNative = native / Double(calls), perC = direct / Double(calls)
    print(String(format: "  (a Lua function call costs %.1f ns; the C function %.1f ns, the Swift one %.1f ns)",
                 perEmpty * 1e9, perC * 1e9, perNative * 1e9))
    report("native call through the trampoline", seconds: perNative, baseline: perC, baselineLabel: "C function",
           target: 1 / 1.5)
}

/// Wall time of `cglab -e ''` next to `lua5.4 -e ''` (best of 20 runs each), spawned with
/// posix_spawn and waitpid (Foundation's Process adds about 50 ms to multi-threaded children),
/// without OPENBLAS_CORETYPE in the environment, so a restart for better kernels is included.
private func benchmarkStartup() throws {
    let executable = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("cglab").path
    guard FileManager.default.isExecutableFile(atPath: executable) else {
        print("  skipped start-up: \(executable) is not built")
        return
    }
    func startup(_ path: String) throws -> Double {
        let words: [String] = [path, "-e", ""]
        let argv = words.map { strdup($0) } + [nil]
        let variables = ProcessInfo.processInfo.environment.filter { $0.key != "OPENBLAS_CORETYPE" }
        let envp = variables.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        return bestTime(repeats: 20) {
            var pid: pid_t = 0
            guard posix_spawn(&pid, path, nil, nil, argv, envp) == 0 else { return }
            var status: Int32 = 0
            waitpid(pid, &status, 0)
        }
    }
    let cglab = try startup(executable)
    guard FileManager.default.isExecutableFile(atPath: "/usr/bin/lua5.4") else {
        print("  start-up of cglab -e '': \(format(cglab)) (lua5.4 is not installed for comparison)")
        return
    }
    let lua = try startup("/usr/bin/lua5.4")
    report("start-up, cglab -e ''", seconds: cglab, baseline: lua, baselineLabel: "lua5.4 -e ''")
    print("  (target: cglab start-up under 50 ms: \(cglab < 0.05 ? "met" : "MISSED"))")
}
