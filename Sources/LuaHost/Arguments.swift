import CLua

/// Reading and checking arguments, with the messages of Lua's `luaL_check*` functions.
extension LuaCall {
    /// An ``ArgumentError`` for argument `position`: `expected` expected, got the actual type.
    public func typeError(_ position: Int, expected: String) -> ArgumentError {
        ArgumentError(position, "\(expected) expected, got \(typeName(position))")
    }

    /// The type name of argument `position` (`no value` when absent; `__name` for userdata).
    public func typeName(_ position: Int) -> String {
        stack.typeName(at: Int32(position))
    }

    /// `true` when argument `position` is nil or absent.
    public func isNil(_ position: Int) -> Bool { stack.isNoneOrNil(Int32(position)) }

    /// The type of argument `position`.
    public func type(_ position: Int) -> LuaType { stack.type(at: Int32(position)) }

    /// Argument `position` as a number (numeric strings are accepted, as in Lua).
    public func number(_ position: Int) throws(ArgumentError) -> Double {
        guard let value = stack.number(at: Int32(position)) else { throw typeError(position, expected: "number") }
        return value
    }

    /// Argument `position` as a number, or `defaultValue` when it is nil or absent.
    public func number(_ position: Int, default defaultValue: Double) throws(ArgumentError) -> Double {
        isNil(position) ? defaultValue : try number(position)
    }

    /// Argument `position` as a number, or `nil` when it is nil or absent.
    public func optionalNumber(_ position: Int) throws(ArgumentError) -> Double? {
        isNil(position) ? nil : try number(position)
    }

    /// Argument `position` as an integer (floats with an integral value are accepted).
    public func integer(_ position: Int) throws(ArgumentError) -> Int {
        if let value = stack.integer(at: Int32(position)) { return value }
        if stack.number(at: Int32(position)) != nil {
            throw ArgumentError(position, "number has no integer representation")
        }
        throw typeError(position, expected: "number")
    }

    /// Argument `position` as an integer, or `defaultValue` when it is nil or absent.
    public func integer(_ position: Int, default defaultValue: Int) throws(ArgumentError) -> Int {
        isNil(position) ? defaultValue : try integer(position)
    }

    /// Argument `position` as an integer, or `nil` when it is nil or absent.
    public func optionalInteger(_ position: Int) throws(ArgumentError) -> Int? {
        isNil(position) ? nil : try integer(position)
    }

    /// Argument `position` as a string (numbers are converted, as in Lua).
    public func string(_ position: Int) throws(ArgumentError) -> String {
        guard let value = stack.stringOrNumber(at: Int32(position)) else { throw typeError(position, expected: "string") }
        return value
    }

    /// Argument `position` as a string, or `defaultValue` when it is nil or absent.
    public func string(_ position: Int, default defaultValue: String) throws(ArgumentError) -> String {
        isNil(position) ? defaultValue : try string(position)
    }

    /// Argument `position` as a string, or `nil` when it is nil or absent.
    public func optionalString(_ position: Int) throws(ArgumentError) -> String? {
        isNil(position) ? nil : try string(position)
    }

    /// Argument `position` as a boolean, or `defaultValue` when it is nil or absent.
    public func boolean(_ position: Int, default defaultValue: Bool) throws(ArgumentError) -> Bool {
        switch type(position) {
        case .none, .nil: return defaultValue
        case .boolean: return stack.boolean(at: Int32(position))
        default: throw typeError(position, expected: "boolean")
        }
    }

    /// Checks that argument `position` is a table.
    public func checkTable(_ position: Int) throws(ArgumentError) {
        guard type(position) == .table else { throw typeError(position, expected: "table") }
    }

    /// Checks that argument `position` is a function.
    public func checkFunction(_ position: Int) throws(ArgumentError) {
        guard type(position) == .function else { throw typeError(position, expected: "function") }
    }

    /// Checks that argument `position` is present (any value, nil included, if passed).
    public func checkPresent(_ position: Int) throws(ArgumentError) {
        guard type(position) != .none else { throw ArgumentError(position, "value expected") }
    }

    /// One of `choices`, chosen by the string argument `position` (default when nil).
    public func choice(_ position: Int, from choices: [String], default defaultValue: String? = nil)
        throws(ArgumentError) -> String
    {
        if isNil(position), let defaultValue { return defaultValue }
        let value = try string(position)
        guard choices.contains(value) else {
            throw ArgumentError(position, "invalid option '\(value)'; expected one of: \(choices.joined(separator: ", "))")
        }
        return value
    }
}

/// Pushing results.
extension LuaCall {
    /// Pushes nothing and returns 0.
    public func returningNothing() -> Int { 0 }

    /// Pushes `value` and returns 1.
    public func returning<A: LuaPushable>(_ value: A) -> Int {
        value.push(onto: stack)
        return 1
    }

    /// Pushes `first` and `second` and returns 2.
    public func returning<A: LuaPushable, B: LuaPushable>(_ first: A, _ second: B) -> Int {
        first.push(onto: stack)
        second.push(onto: stack)
        return 2
    }

    /// Pushes `first`, `second` and `third` and returns 3.
    public func returning<A: LuaPushable, B: LuaPushable, C: LuaPushable>(_ first: A, _ second: B, _ third: C) -> Int {
        first.push(onto: stack)
        second.push(onto: stack)
        third.push(onto: stack)
        return 3
    }

    /// Pushes each value and returns how many were pushed.
    public func returning(_ values: any LuaPushable...) -> Int {
        for value in values { value.push(onto: stack) }
        return values.count
    }
}
