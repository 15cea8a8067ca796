import CLua
import CLuaShim

/// A Lua error seen from Swift: a failed `pcall`, a syntax error, or an error to raise from a
/// native function.
public struct LuaError: Error, CustomStringConvertible, Sendable {
    /// What kind of failure this is.
    public enum Kind: Sendable {
        /// A runtime error (`LUA_ERRRUN`).
        case runtime
        /// A syntax error while compiling (`LUA_ERRSYNTAX`).
        case syntax
        /// A memory error (`LUA_ERRMEM`).
        case memory
        /// An error inside the message handler (`LUA_ERRERR`).
        case handler
        /// A file could not be opened or read (`LUA_ERRFILE`).
        case file
    }

    /// The kind of failure.
    public let kind: Kind
    /// The error message (with a traceback when the call asked for one).
    public let message: String
    /// `true` when the original error object is parked in the registry and must be re-raised
    /// unchanged if this error leaves a native function (see ``NativeFunction``).
    let carriesOriginal: Bool

    /// A runtime error with `message`.
    public init(_ message: String, kind: Kind = .runtime) {
        self.kind = kind
        self.message = message
        self.carriesOriginal = false
    }

    init(kind: Kind, message: String, carriesOriginal: Bool) {
        self.kind = kind
        self.message = message
        self.carriesOriginal = carriesOriginal
    }

    /// The message.
    public var description: String { message }

    /// `true` when a syntax error means only that the input ended too early: Lua reports it with
    /// the `<eof>` marker at the end of the message (used for REPL continuation lines).
    public var isIncompleteInput: Bool { kind == .syntax && message.hasSuffix("<eof>") }

    /// Registry key under which the last propagating error object is parked.
    static let pendingKey = "cglab.pending_error"

    /// Pops the error object on top of `stack` and builds the error. The original object is
    /// parked in the registry so that a native function can re-raise it unchanged.
    static func fromTop(of stack: LuaStack, status: Int32) -> LuaError {
        let kind: Kind
        switch status {
        case LUA_ERRSYNTAX: kind = .syntax
        case LUA_ERRMEM: kind = .memory
        case LUA_ERRERR: kind = .handler
        case LUA_ERRERR + 1: kind = .file  // LUA_ERRFILE
        default: kind = .runtime
        }
        let message = stack.string(at: -1) ?? stack.stringOrNumber(at: -1)
            ?? "(error object is a \(stack.typeName(at: -1)) value)"
        stack.pushRegistry()
        stack.insertTop(at: -2)
        stack.rawSet(-2, field: pendingKey)
        stack.pop()
        return LuaError(kind: kind, message: message, carriesOriginal: true)
    }
}

/// An error in an argument of a native function, reported as Lua's
/// `bad argument #2 to 'solve' (message)`.
public struct ArgumentError: Error, CustomStringConvertible, Sendable {
    /// The 1-based position of the argument as the function sees it (self is #1 in methods).
    public let position: Int
    /// What was wrong, e.g. `number expected, got string`.
    public let message: String

    /// An error in argument `position` described by `message`.
    public init(_ position: Int, _ message: String) {
        self.position = position
        self.message = message
    }

    /// `bad argument #position (message)`, without the function name.
    public var description: String { "bad argument #\(position) (\(message))" }
}

/// An error that knows how to read after the name of the native function that threw it:
/// reported as `name: luaMessage` (for library errors whose own description names a Swift
/// function the Lua user never sees).
public protocol LuaReportableError: Error {
    /// The message without any function name.
    var luaMessage: String { get }
}
