import CLua
import CLuaShim
