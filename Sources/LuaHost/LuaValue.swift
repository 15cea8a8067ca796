/// A Lua value copied into Swift: scalars by value, other types by their type name.
public enum LuaValue: Equatable, Sendable, CustomStringConvertible {
    /// nil.
    case `nil`
    /// A boolean.
    case boolean(Bool)
    /// An integer.
    case integer(Int)
    /// A float.
    case number(Double)
    /// A string.
    case string(String)
    /// A value of another type (table, function, userdata, thread), by its type name.
    case other(String)

    /// The value at `index` of `stack`.
    public init(at index: Int32, in stack: LuaStack) {
        switch stack.type(at: index) {
        case .none, .nil: self = .nil
        case .boolean: self = .boolean(stack.boolean(at: index))
        case .number:
            if stack.isInteger(at: index), let value = stack.integer(at: index) {
                self = .integer(value)
            } else {
                self = .number(stack.number(at: index) ?? .nan)
            }
        case .string: self = .string(stack.string(at: index) ?? "")
        default: self = .other(stack.typeName(at: index))
        }
    }

    /// The value as a Double when it is a number.
    public var doubleValue: Double? {
        switch self {
        case .integer(let value): return Double(value)
        case .number(let value): return value
        default: return nil
        }
    }

    /// A short rendering for test messages.
    public var description: String {
        switch self {
        case .nil: return "nil"
        case .boolean(let value): return String(value)
        case .integer(let value): return String(value)
        case .number(let value): return String(value)
        case .string(let value): return "\"\(value)\""
        case .other(let type): return type
        }
    }
}
