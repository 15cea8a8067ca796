import Linalg
import LuaHost

/// The interruption every native module passes to long numeric loops: Ctrl-C, as the Lua host
/// records it.
let luaInterruption = Interruption { LuaInterrupt.isRequested }
