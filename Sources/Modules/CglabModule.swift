import Foundation
import LuaHost

/// The `cglab` module: facts about the program and the terminal, and a wall clock.
enum CglabModule {
    static func module(stdlib: String?) -> LuaModule {
        var fields: [(String, any LuaPushable)] = [("version", Environment.version), ("blas", BLASKernels.current)]
        if let stdlib { fields.append(("stdlib", stdlib)) }
        return LuaModule(
            name: "cglab",
            doc: """
                cglab: the program, its terminal, a clock, progress displays and output capture.

                Fields: version (string), blas (the OpenBLAS kernels in use), stdlib (the folder of the
                Lua standard library, when found).
                """,
            functions: [clock, isatty, terminalWidth, interrupted, ProgressBinding.constructor, OutputCapture.capture, OutputCapture.captured],
            types: [ProgressBinding.type],
            fields: fields)
    }

    static let clock = NativeFunction(
        "clock",
        doc: """
            cglab.clock() -> seconds

            Monotonic wall-clock time in seconds (for timing; os.clock measures CPU time).
            """
    ) { call in
        call.returning(MonotonicClock.seconds)
    }

    static let isatty = NativeFunction(
        "isatty",
        doc: """
            cglab.isatty([stream]) -> boolean

            Whether stream ("stdin", "stdout" or "stderr"; default "stdout") is a terminal.
            """
    ) { call in
        let stream = try call.choice(1, from: ["stdin", "stdout", "stderr"], default: "stdout")
        let descriptor: Int32 = stream == "stdin" ? 0 : stream == "stdout" ? 1 : 2
        return call.returning(Foundation.isatty(descriptor) != 0)
    }

    static let terminalWidth = NativeFunction(
        "terminal_width",
        doc: """
            cglab.terminal_width() -> columns

            Width of the terminal in characters: from the terminal itself, else the COLUMNS
            environment variable, else 80.
            """
    ) { call in
        call.returning(Terminal.width)
    }

    static let interrupted = NativeFunction(
        "interrupted",
        doc: """
            cglab.interrupted() -> boolean

            Whether Ctrl-C was pressed while the current command runs (long native loops stop on
            it by themselves; Lua loops are stopped by a hook).
            """
    ) { call in
        call.returning(LuaInterrupt.isRequested)
    }
}

/// Facts about the terminal.
public enum Terminal {
    /// The width of standard output in columns (ioctl, then `COLUMNS`, then 80).
    public static var width: Int { width(of: 1) }

    /// The width in columns of the terminal behind `descriptor` (ioctl, then `COLUMNS`, then 80).
    public static func width(of descriptor: Int32) -> Int {
        var size = winsize()
        if ioctl(descriptor, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return Int(size.ws_col) }
        if let columns = ProcessInfo.processInfo.environment["COLUMNS"], let value = Int(columns), value > 0 {
            return value
        }
        return 80
    }
}

/// A clock for measuring durations, unaffected by changes of the system time.
public enum MonotonicClock {
    /// Seconds since an arbitrary fixed point.
    public static var seconds: Double {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return Double(now.tv_sec) + Double(now.tv_nsec) * 1e-9
    }
}
