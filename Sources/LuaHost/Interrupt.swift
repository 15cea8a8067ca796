import CLuaShim

/// Ctrl-C handling shared by the REPL, the script runner and long native loops.
///
/// The SIGINT handler lives in the C shim. While a state runs (``LuaState/runInterruptibly(_:)``)
/// a press sets a Lua hook that raises `interrupted!` at the next Lua instruction, as lua.c
/// does, and a flag that native loops poll through ``isRequested``. At the prompt a press only
/// sets the flag, which the line editor turns into "clear the line". A third press while the
/// same code still runs ends the process (an escape from native code that does not poll).
public enum LuaInterrupt {
    /// Installs the SIGINT handler (idempotent).
    public static func install() { cglab_interrupt_install() }

    /// `true` when Ctrl-C was pressed since the flag was last cleared.
    public static var isRequested: Bool { cglab_interrupt_requested() != 0 }

    /// Clears the flag.
    public static func clear() { cglab_interrupt_clear() }

    /// Sends SIGINT to the process, as a Ctrl-C would (for tests).
    public static func simulate() { cglab_interrupt_simulate() }
}

extension LuaState {
    /// Runs `body` (which calls into this state) with Ctrl-C routed to this state. The flag is
    /// cleared before and after, and any interrupt hook left behind is removed.
    public func runInterruptibly<R, E: Error>(_ body: () throws(E) -> R) throws(E) -> R {
        LuaInterrupt.clear()
        cglab_interrupt_set_running(pointer)
        defer {
            cglab_interrupt_set_running(nil)
            cglab_interrupt_unhook(pointer)
            LuaInterrupt.clear()
        }
        return try body()
    }
}
