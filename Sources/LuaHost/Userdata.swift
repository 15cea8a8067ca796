import CLua
import CLuaShim

/// The Swift value held by one Lua userdata. In-place methods mutate ``value``.
public final class UserdataBox<Value> {
    /// The value the userdata holds.
    public var value: Value

    init(_ value: Value) {
        self.value = value
    }
}

/// What ``UserdataType/lookup(at:in:)`` found at a stack index.
public enum UserdataLookup<Value> {
    /// A live userdata of the type.
    case value(UserdataBox<Value>)
    /// A userdata of the type whose value was released by `__close`.
    case closed
    /// Something else.
    case wrongType
}

/// Something a module installs into a state before its functions can be used.
public protocol LuaInstallable {
    /// Installs into `state` (idempotent).
    func install(in state: LuaState)
}

/// A Lua userdata type holding Swift values of type `Value`.
///
/// Each userdata is a pointer-sized block holding a retained ``UserdataBox``; its metatable is
/// registered under ``name`` (so `__name` makes `tostring` and error messages say e.g.
/// `linalg.Matrix`) with `__index` set to a plain table of methods (so completion can walk it
/// with raw access, and scripts may add methods of their own), `__gc` and `__close` releasing the
/// value (after `__close`, methods report "matrix was closed"), plus the given metamethods.
/// Type checks use `luaL_testudata`, so a swapped metatable can never be mistaken for the type.
public final class UserdataType<Value>: LuaInstallable, @unchecked Sendable {
    /// The registered metatable name, e.g. `linalg.Matrix`.
    public let name: String
    /// The word used in messages, e.g. `matrix`.
    public let noun: String
    /// Methods reachable through `__index`.
    public let methods: [NativeFunction]
    /// Metamethods (`__add`, `__tostring`, ...), named by their function's ``NativeFunction/name``.
    public let metamethods: [NativeFunction]
    /// The native memory a value holds outside Lua's heap, in bytes.
    let footprint: (@Sendable (Value) -> Int)?
    private let release: NativeFunction

    /// A userdata type registered as `name`, described as `noun` in messages.
    ///
    /// Lua's collector sees only the pointer-sized block of each userdata. When values own large
    /// native buffers, pass `footprint` (bytes held by a value): each push then advances the
    /// collector as if that much memory had been allocated in Lua, so loops that create big
    /// temporaries are collected at the pace their real memory use demands.
    public init(
        name: String, noun: String, methods: [NativeFunction], metamethods: [NativeFunction] = [],
        footprint: (@Sendable (Value) -> Int)? = nil
    ) {
        self.name = name
        self.noun = noun
        self.methods = methods
        self.metamethods = metamethods
        self.footprint = footprint
        self.release = NativeFunction("__gc") { call in
            if let block = call.stack.userdata(at: 1, named: name) {
                let slot = block.assumingMemoryBound(to: UnsafeMutableRawPointer?.self)
                if let object = slot.pointee {
                    slot.pointee = nil
                    Unmanaged<UserdataBox<Value>>.fromOpaque(object).release()
                }
            }
            return 0
        }
    }

    /// Creates the metatable in `state` unless it exists.
    public func install(in state: LuaState) {
        let stack = state.stack
        guard luaL_newmetatable(stack.state, name) != 0 else {
            stack.pop()
            return
        }
        stack.pushTable(fieldCount: methods.count)
        for method in methods {
            state.pushDocumented(method)
            stack.rawSet(-2, field: method.name)
        }
        stack.rawSet(-2, field: "__index")
        for function in metamethods + [release] {
            state.pushDocumented(function)
            stack.rawSet(-2, field: function.name)
        }
        state.pushDocumented(release)
        stack.rawSet(-2, field: "__close")
        stack.pop()
    }

    /// Pushes a new userdata holding `value`.
    ///
    /// - Precondition: the type is installed in the state.
    public func push(_ value: Value, onto stack: LuaStack) {
        let block = cglab_newuserdata(stack.state, MemoryLayout<UnsafeMutableRawPointer?>.size, 0)!
        block.assumingMemoryBound(to: UnsafeMutableRawPointer?.self).initialize(
            to: Unmanaged.passRetained(UserdataBox(value)).toOpaque())
        let found = cglab_getmetatable_named(stack.state, name)
        precondition(found == LUA_TTABLE, "userdata type \(name) is not installed")
        stack.setMetatable(of: -2)
        if let footprint, case let kilobytes = footprint(value) / 1024, kilobytes > 0 {
            _ = cglab_gc1(stack.state, LUA_GCSTEP, Int32(clamping: kilobytes))
        }
    }

    /// The box of the one value of this type that a state keeps in its registry under `key`
    /// (per-session settings, a default generator), created from `make()` on first use.
    ///
    /// - Precondition: the type is installed in the state.
    public func singleton(_ key: String, in stack: LuaStack, make: () -> Value) -> UserdataBox<Value> {
        stack.pushRegistry()
        defer { stack.pop(2) }
        stack.rawGet(-1, field: key)
        if case .value(let box) = lookup(at: -1, in: stack) { return box }
        stack.pop()
        push(make(), onto: stack)
        stack.pushCopy(of: -1)
        stack.rawSet(-3, field: key)
        guard case .value(let box) = lookup(at: -1, in: stack) else { preconditionFailure("value just pushed") }
        return box
    }

    /// What is at `index`: a live value of this type, a closed one, or something else.
    public func lookup(at index: Int32, in stack: LuaStack) -> UserdataLookup<Value> {
        guard let block = stack.userdata(at: index, named: name) else { return .wrongType }
        guard let object = block.assumingMemoryBound(to: UnsafeMutableRawPointer?.self).pointee else { return .closed }
        return .value(Unmanaged<UserdataBox<Value>>.fromOpaque(object).takeUnretainedValue())
    }
}

extension LuaCall {
    /// The box of the userdata of `type` at argument `position` (for in-place mutation).
    public func box<Value>(_ position: Int, _ type: UserdataType<Value>) throws(ArgumentError) -> UserdataBox<Value> {
        switch type.lookup(at: Int32(position), in: stack) {
        case .value(let box): return box
        case .closed: throw ArgumentError(position, "\(type.noun) was closed")
        case .wrongType: throw typeError(position, expected: type.noun)
        }
    }

    /// The value of the userdata of `type` at argument `position`.
    public func value<Value>(_ position: Int, _ type: UserdataType<Value>) throws(ArgumentError) -> Value {
        try box(position, type).value
    }
}
