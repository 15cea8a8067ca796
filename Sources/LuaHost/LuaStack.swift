import CLua
import CLuaShim

/// The kinds of Lua values, as `lua_type` reports them.
public enum LuaType: Int32, Sendable {
    case none = -1
    case `nil` = 0
    case boolean = 1
    case lightUserdata = 2
    case number = 3
    case string = 4
    case table = 5
    case function = 6
    case userdata = 7
    case thread = 8

    /// The name Lua uses for the type (`"nil"`, `"number"`, `"no value"` ...).
    public var name: String {
        switch self {
        case .none: return "no value"
        case .nil: return "nil"
        case .boolean: return "boolean"
        case .lightUserdata, .userdata: return "userdata"
        case .number: return "number"
        case .string: return "string"
        case .table: return "table"
        case .function: return "function"
        case .thread: return "thread"
        }
    }
}

/// A non-owning view of a Lua stack with the operations Swift may perform on it.
///
/// Every method here calls only Lua API functions that cannot raise a Lua error (the manual's
/// `-` and `m` classes; memory errors cannot longjmp over Swift, see `cglab_newstate`), or goes
/// through a protected helper of the C shim. Metamethods never run from here except through the
/// `protected...` methods, which report failures as thrown ``LuaError``s.
public struct LuaStack {
    /// The underlying `lua_State *`.
    public let state: OpaquePointer

    /// A view of the stack of `state`.
    public init(_ state: OpaquePointer) {
        self.state = state
    }

    // MARK: Stack shape

    /// The index of the top element (the number of elements on the stack).
    public var top: Int32 { lua_gettop(state) }

    /// Sets the stack top, popping or pushing nils. (`lua_settop` runs `__close` only for
    /// to-be-closed slots, which Swift never creates, so it cannot raise here.)
    public func setTop(_ index: Int32) { lua_settop(state, index) }

    /// Pops `count` values.
    public func pop(_ count: Int32 = 1) { cglab_pop(state, count) }

    /// Converts a relative (negative) index into an absolute one.
    public func absolute(_ index: Int32) -> Int32 { lua_absindex(state, index) }

    /// Makes room for `count` more values; returns `false` when the stack cannot grow.
    public func ensureSpace(_ count: Int32) -> Bool { lua_checkstack(state, count) != 0 }

    /// Pushes a copy of the value at `index`.
    public func pushCopy(of index: Int32) { lua_pushvalue(state, index) }

    /// Moves the top value to `index`, shifting the values above it up.
    public func insertTop(at index: Int32) { cglab_insert(state, index) }

    /// Removes the value at `index`, shifting the values above it down.
    public func remove(at index: Int32) { cglab_remove(state, index) }

    // MARK: Types

    /// The type of the value at `index`.
    public func type(at index: Int32) -> LuaType { LuaType(rawValue: lua_type(state, index)) ?? .none }

    /// The type name of the value at `index`, using `__name` for typed userdata (as Lua's
    /// `luaL_typeerror` does).
    public func typeName(at index: Int32) -> String {
        if type(at: index) == .userdata, lua_getmetatable(state, index) != 0 {
            defer { pop() }
            lua_pushstring(state, "__name")
            if lua_rawget(state, -2) == LUA_TSTRING, let name = string(at: -1) {
                pop()
                return name
            }
            pop()
        }
        return type(at: index).name
    }

    /// `true` for nil or no value at `index`.
    public func isNoneOrNil(_ index: Int32) -> Bool { lua_type(state, index) <= 0 }

    // MARK: Pushing

    /// Pushes nil.
    public func pushNil() { lua_pushnil(state) }
    /// Pushes a boolean.
    public func push(_ value: Bool) { lua_pushboolean(state, value ? 1 : 0) }
    /// Pushes a float.
    public func push(_ value: Double) { lua_pushnumber(state, value) }
    /// Pushes an integer.
    public func push(_ value: Int) { lua_pushinteger(state, lua_Integer(value)) }
    /// Pushes a string (UTF-8 bytes, may contain zeros).
    public func push(_ value: String) {
        var text = value
        text.withUTF8 { bytes in
            _ = bytes.withMemoryRebound(to: CChar.self) { lua_pushlstring(state, $0.baseAddress, $0.count) }
        }
    }
    /// Pushes a string given as raw bytes.
    public func push(bytes: UnsafeBufferPointer<UInt8>) {
        _ = bytes.withMemoryRebound(to: CChar.self) { lua_pushlstring(state, $0.baseAddress, $0.count) }
    }
    /// Pushes a new empty table with room for `arrayCount` array and `fieldCount` hash entries.
    public func pushTable(arrayCount: Int = 0, fieldCount: Int = 0) {
        lua_createtable(state, Int32(clamping: arrayCount), Int32(clamping: fieldCount))
    }
    /// Pushes the global table.
    public func pushGlobals() { cglab_pushglobaltable(state) }
    /// Pushes the registry.
    public func pushRegistry() { lua_pushvalue(state, cglab_registryindex()) }
    /// Pushes a light userdata (a bare pointer Lua compares by address).
    public func push(lightUserdata pointer: UnsafeMutableRawPointer) { lua_pushlightuserdata(state, pointer) }
    /// Pushes a Swift-implemented function.
    public func push(_ function: NativeFunction) {
        if function.slot >= 0 {
            cglab_push_native_slot(state, function.slot)
        } else {
            cglab_pushnative(state, Unmanaged.passUnretained(function).toOpaque())
        }
    }

    // MARK: Reading

    /// The number at `index` when it is a number or a string convertible to one.
    public func number(at index: Int32) -> Double? {
        var isNumber: Int32 = 0
        let value = lua_tonumberx(state, index, &isNumber)
        return isNumber != 0 ? value : nil
    }

    /// The integer at `index` when it is an integer, a float with an exact integer value, or a
    /// string convertible to one.
    public func integer(at index: Int32) -> Int? {
        var isInteger: Int32 = 0
        let value = lua_tointegerx(state, index, &isInteger)
        return isInteger != 0 ? Int(value) : nil
    }

    /// `true` when the value at `index` is stored as a Lua integer (not a float).
    public func isInteger(at index: Int32) -> Bool { lua_isinteger(state, index) != 0 }

    /// The truth value of `index` in Lua's sense (only nil and false are false).
    public func boolean(at index: Int32) -> Bool { lua_toboolean(state, index) != 0 }

    /// The string at `index` when it is a string (numbers are not converted).
    public func string(at index: Int32) -> String? {
        guard lua_type(state, index) == LUA_TSTRING else { return nil }
        var length = 0
        guard let pointer = lua_tolstring(state, index, &length) else { return nil }
        return pointer.withMemoryRebound(to: UInt8.self, capacity: length) {
            String(decoding: UnsafeBufferPointer(start: $0, count: length), as: UTF8.self)
        }
    }

    /// The string at `index`, or a number at `index` formatted as Lua would (`tostring`).
    public func stringOrNumber(at index: Int32) -> String? {
        switch type(at: index) {
        case .string: return string(at: index)
        case .number:
            pushCopy(of: index)
            defer { pop() }
            var length = 0
            guard let pointer = lua_tolstring(state, -1, &length) else { return nil }
            return String(cString: pointer)
        default: return nil
        }
    }

    /// The pointer of a light userdata at `index`.
    public func lightUserdata(at index: Int32) -> UnsafeMutableRawPointer? {
        lua_type(state, index) == LUA_TLIGHTUSERDATA ? lua_touserdata(state, index) : nil
    }

    /// The identity of a table, function, userdata or thread at `index` (for cycle detection).
    public func pointer(at index: Int32) -> UnsafeRawPointer? { lua_topointer(state, index) }

    /// Whether the values at two indices are primitively equal (no `__eq`).
    public func rawEqual(_ first: Int32, _ second: Int32) -> Bool { lua_rawequal(state, first, second) != 0 }

    /// The length of a string or the border of a table at `index`, without metamethods.
    public func rawLength(at index: Int32) -> Int { Int(lua_rawlen(state, index)) }

    // MARK: Raw table access (no metamethods)

    /// Pushes `t[key]` for the table at `index`, raw. Returns the type of the value.
    @discardableResult
    public func rawGet(_ index: Int32, field key: String) -> LuaType {
        let table = absolute(index)
        push(key)
        return LuaType(rawValue: lua_rawget(state, table)) ?? .none
    }

    /// Pushes `t[i]` for the table at `index`, raw. Returns the type of the value.
    @discardableResult
    public func rawGet(_ index: Int32, at i: Int) -> LuaType {
        LuaType(rawValue: lua_rawgeti(state, index, lua_Integer(i))) ?? .none
    }

    /// Sets `t[key] = v` raw, for the table at `index` and the value on top (popped).
    public func rawSet(_ index: Int32, field key: String) {
        let table = absolute(index)
        push(key)
        insertTop(at: -2)
        lua_rawset(state, table)
    }

    /// Sets `t[i] = v` raw, for the table at `index` and the value on top (popped).
    public func rawSet(_ index: Int32, at i: Int) {
        lua_rawseti(state, index, lua_Integer(i))
    }

    /// Sets `t[k] = v` raw, for the table at `index`, with k and v on top (both popped).
    public func rawSetPair(_ index: Int32) {
        lua_rawset(state, index)
    }

    /// Pushes `t[k]` raw for the table at `index` and the key on top (popped).
    @discardableResult
    public func rawGetKeyOnTop(_ index: Int32) -> LuaType {
        LuaType(rawValue: lua_rawget(state, index)) ?? .none
    }

    /// Calls `body` for each key-value pair of the table at `index`, with the key at -2 and the
    /// value at -1; `body` must leave the stack as it found it. Stops when `body` returns false.
    ///
    /// `lua_next` raises only for a key that is not in the table, which cannot happen here
    /// because the key passed back is always the one it returned.
    public func forEachPair(_ index: Int32, _ body: () throws -> Bool) rethrows {
        let table = absolute(index)
        pushNil()
        while lua_next(state, table) != 0 {
            let keepGoing = try body()
            pop()
            if !keepGoing {
                pop()
                return
            }
        }
    }

    // MARK: Metatables and userdata

    /// Pushes the metatable of the value at `index` and returns `true`, or pushes nothing.
    public func pushMetatable(of index: Int32) -> Bool { lua_getmetatable(state, index) != 0 }

    /// Sets the metatable of the value at `index` to the table on top (popped).
    public func setMetatable(of index: Int32) { lua_setmetatable(state, index) }

    /// The block of a full userdata at `index` whose metatable is the registered `name`.
    public func userdata(at index: Int32, named name: String) -> UnsafeMutableRawPointer? {
        luaL_testudata(state, index, name)
    }

    // MARK: Protected operations (may run metamethods)

    /// `tostring(v)` for the value at `index`, running `__tostring` and `__name` as Lua does.
    public func protectedToString(at index: Int32) throws(LuaError) -> String {
        try check(cglab_ptolstring(state, index))
        defer { pop() }
        return string(at: -1) ?? ""
    }

    /// Pushes `t[k]` for the table at `index` and the key on top (popped), running `__index`.
    public func protectedGet(_ index: Int32) throws(LuaError) {
        try check(cglab_pgettable(state, index))
    }

    /// Sets `t[k] = v` for the value at `index` with k and v on top (popped), running
    /// `__newindex`.
    public func protectedSet(_ index: Int32) throws(LuaError) {
        try check(cglab_psettable(state, index))
    }

    /// Pushes the global `name` (the global table may have metamethods).
    public func protectedGetGlobal(_ name: String) throws(LuaError) {
        try check(cglab_pgetglobal(state, name))
    }

    /// Sets the global `name` to the value on top (popped).
    public func protectedSetGlobal(_ name: String) throws(LuaError) {
        try check(cglab_psetglobal(state, name))
    }

    /// Pushes `require(name)`.
    public func protectedRequire(_ name: String) throws(LuaError) {
        try check(cglab_prequire(state, name))
    }

    /// Calls the function below `argumentCount` arguments on top, protected. With `traceback`
    /// the error message carries a stack traceback. Results are left on the stack
    /// (`resultCount` of them, or all with `LUA_MULTRET`).
    public func protectedCall(arguments argumentCount: Int32, results resultCount: Int32, traceback: Bool = false)
        throws(LuaError)
    {
        guard traceback else {
            try check(cglab_pcall(state, argumentCount, resultCount, 0))
            return
        }
        let base = top - argumentCount
        lua_pushcclosure(state, cglab_traceback_handler, 0)
        insertTop(at: base)
        let status = cglab_pcall(state, argumentCount, resultCount, base)
        remove(at: base)
        try check(status)
    }

    /// Throws the error on top of the stack (popped) when `status` is not `LUA_OK`.
    func check(_ status: Int32) throws(LuaError) {
        guard status != LUA_OK else { return }
        throw LuaError.fromTop(of: self, status: status)
    }

    // MARK: Loading code

    /// Compiles `source` and pushes the resulting function. `chunkName` follows Lua's
    /// conventions (`=stdin`, `@file.lua`). Throws ``LuaError`` with the syntax error.
    public func load(_ source: String, chunkName: String, mode: String = "bt") throws(LuaError) {
        var text = source
        let status = text.withUTF8 { bytes in
            bytes.withMemoryRebound(to: CChar.self) {
                luaL_loadbufferx(state, $0.baseAddress, $0.count, chunkName, mode)
            }
        }
        try check(status)
    }

    /// Compiles the file at `path` (or standard input when `nil`) and pushes the function.
    public func loadFile(_ path: String?) throws(LuaError) {
        try check(luaL_loadfilex(state, path, nil))
    }
}
