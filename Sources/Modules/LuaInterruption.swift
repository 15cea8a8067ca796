import Linalg
import LuaHost

/// The interruption every native loop called from Lua polls: Ctrl-C, as the host's SIGINT
/// handler reports it.
let luaInterruption = Interruption { LuaInterrupt.isRequested }
