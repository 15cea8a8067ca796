/// A Swift value that can be pushed onto a Lua stack.
public protocol LuaPushable {
    /// Pushes the value onto `stack` (exactly one Lua value).
    func push(onto stack: LuaStack)
}

extension Double: LuaPushable {
    /// Pushes the number as a Lua float.
    public func push(onto stack: LuaStack) { stack.push(self) }
}

extension Int: LuaPushable {
    /// Pushes the number as a Lua integer.
    public func push(onto stack: LuaStack) { stack.push(self) }
}

extension Bool: LuaPushable {
    /// Pushes the Lua boolean.
    public func push(onto stack: LuaStack) { stack.push(self) }
}

extension String: LuaPushable {
    /// Pushes the Lua string.
    public func push(onto stack: LuaStack) { stack.push(self) }
}

extension Optional: LuaPushable where Wrapped: LuaPushable {
    /// Pushes the wrapped value, or nil.
    public func push(onto stack: LuaStack) {
        switch self {
        case .some(let value): value.push(onto: stack)
        case .none: stack.pushNil()
        }
    }
}

extension Array: LuaPushable where Element: LuaPushable {
    /// Pushes a new sequence table holding the elements at 1...count.
    public func push(onto stack: LuaStack) {
        stack.pushTable(arrayCount: count)
        for (offset, element) in enumerated() {
            element.push(onto: stack)
            stack.rawSet(-2, at: offset + 1)
        }
    }
}

extension Dictionary: LuaPushable where Key == String, Value: LuaPushable {
    /// Pushes a new table with one field per entry.
    public func push(onto stack: LuaStack) {
        stack.pushTable(fieldCount: count)
        for (key, value) in self {
            value.push(onto: stack)
            stack.rawSet(-2, field: key)
        }
    }
}

/// A pushable Lua nil, for `returning(LuaNil(), "message")`.
public struct LuaNil: LuaPushable {
    /// Creates the nil value.
    public init() {}
    /// Pushes nil.
    public func push(onto stack: LuaStack) { stack.pushNil() }
}
