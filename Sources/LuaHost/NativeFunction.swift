import CLua
import CLuaShim

/// The Swift body of a native Lua function: reads its arguments from `call`, pushes its results
/// and returns how many it pushed. Errors it throws become Lua errors (see ``NativeFunction``).
public typealias NativeBody = (LuaCall) throws -> Int

/// A Lua function implemented in Swift, with a name and a docstring.
///
/// Lua sees a light C function from the shim's pool of trampolines, bound to this object for
/// the life of the process (the object is then never released; when the pool of 2048 is used
/// up, a closure of a general trampoline with an upvalue pointing here is used instead). The
/// trampoline calls the Swift body; when the body throws, the error object is pushed and the
/// trampoline raises it with `lua_error` after the Swift frame has returned, so no longjmp ever
/// crosses Swift code and every Swift object alive in the body is released normally.
///
/// Thrown errors are reported as:
/// - ``ArgumentError``: `bad argument #2 to 'solve' (message)`, counting arguments as Lua's
///   `luaL_argerror` does (self excluded in method calls: `calling 'f' on bad self`);
/// - ``LuaError`` from a Lua call made by the body: the original error object, unchanged;
/// - ``LuaReportableError``: `name: luaMessage` (just `luaMessage` for a metamethod);
/// - any other error: `name: description`.
/// Messages get the caller's position prefix (`script.lua:12: `), like `luaL_error`.
public final class NativeFunction: @unchecked Sendable {
    /// The name used in error messages and help (`solve`).
    public let name: String
    /// The docstring: a usage line, a blank line and one paragraph.
    public let doc: String?
    let body: NativeBody
    /// The trampoline slot bound to this function, or -1 (closure trampoline).
    private(set) var slot: Int32 = -1

    /// A native function called `name`, documented by `doc`, running `body`.
    public init(_ name: String, doc: String? = nil, _ body: @escaping NativeBody) {
        self.name = name
        self.doc = doc
        self.body = body
        let retained = Unmanaged.passRetained(self)
        slot = cglab_bind_native_slot(retained.toOpaque())
        if slot < 0 { retained.release() }
    }

    /// The same function under another name and docstring (for aliases such as a module
    /// function that is also a method under a different name).
    public func renamed(_ name: String, doc: String?) -> NativeFunction {
        NativeFunction(name, doc: doc, body)
    }

    /// Runs the body for the trampoline: the result count, or the error sentinel with the error
    /// object pushed.
    @inline(__always)
    func invoke(_ state: OpaquePointer, argumentCount: Int32) -> Int32 {
        let stack = LuaStack(state)
        do {
            let call = LuaCall(stack: stack, function: self, argumentCount: Int(argumentCount))
            return Int32(truncatingIfNeeded: try body(call))
        } catch {
            pushError(error, on: stack)
            return CGLAB_NATIVE_ERROR
        }
    }

    private func pushError(_ error: any Error, on stack: LuaStack) {
        if let luaError = error as? LuaError, luaError.carriesOriginal {
            stack.pushRegistry()
            stack.rawGet(-1, field: LuaError.pendingKey)
            stack.pushNil()
            stack.rawSet(-3, field: LuaError.pendingKey)
            stack.remove(at: -2)
            return
        }
        let message: String
        if let argument = error as? ArgumentError {
            message = argumentMessage(argument, stack: stack)
        } else if let luaError = error as? LuaError {
            message = luaError.message
        } else if let reportable = error as? LuaReportableError {
            // Metamethods are reached through operators, not by name: no name prefix.
            message = name.hasPrefix("__") ? reportable.luaMessage : "\(name): \(reportable.luaMessage)"
        } else {
            let text = String(describing: error)
            message = text.hasPrefix(name + ":") ? text : "\(name): \(text)"
        }
        stack.push(callerPosition(stack) + message)
    }

    /// `bad argument #n to 'name' (message)`, with luaL_argerror's treatment of methods.
    private func argumentMessage(_ error: ArgumentError, stack: LuaStack) -> String {
        var position = error.position
        var calledName = name
        var info = lua_Debug()
        if lua_getstack(stack.state, 0, &info) != 0, lua_getinfo(stack.state, "n", &info) != 0 {
            if let namewhat = info.namewhat, String(cString: namewhat) == "method" {
                position -= 1
                if position == 0 {
                    return "calling '\(info.name.map { String(cString: $0) } ?? name)' on bad self (\(error.message))"
                }
            }
            if let called = info.name { calledName = String(cString: called) }
        }
        return "bad argument #\(position) to '\(calledName)' (\(error.message))"
    }

    /// The `chunk:line: ` prefix of the Lua code that called the function (luaL_where(L, 1)).
    private func callerPosition(_ stack: LuaStack) -> String {
        luaL_where(stack.state, 1)
        defer { stack.pop() }
        return stack.string(at: -1) ?? ""
    }
}

/// The trampoline's entry into Swift: runs the ``NativeFunction`` the closure's upvalue points at.
let nativeDispatch: @convention(c) (OpaquePointer?, UnsafeMutableRawPointer?, Int32) -> Int32 = { state, box, count in
    guard let state, let box else { return 0 }
    return Unmanaged<NativeFunction>.fromOpaque(box)._withUnsafeGuaranteedRef { $0.invoke(state, argumentCount: count) }
}

/// The arguments and stack of one call of a native function.
public struct LuaCall {
    /// The Lua stack; arguments are at indices 1 through ``argumentCount``.
    public let stack: LuaStack
    /// The function being called.
    public unowned(unsafe) let function: NativeFunction
    /// The number of arguments passed.
    public let argumentCount: Int

    init(stack: LuaStack, function: NativeFunction, argumentCount: Int) {
        self.stack = stack
        self.function = function
        self.argumentCount = argumentCount
    }

    /// The called function's name, for messages.
    public var name: String { function.name }
}
