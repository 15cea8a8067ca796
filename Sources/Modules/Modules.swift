import LuaHost
import Linalg
