/// A trailing options table such as `{kernel = "matern52", restarts = 10}`, read raw (no
/// metamethods) with checked types. Errors name the argument and the option:
/// `bad argument #3 to 'fit' (option 'restarts': number expected, got string)`.
public struct LuaOptions {
    private let call: LuaCall
    /// The argument position of the table.
    public let position: Int
    private let present: Bool

    init(call: LuaCall, position: Int, present: Bool) {
        self.call = call
        self.position = position
        self.present = present
    }

    /// Calls `body` with the value of option `key` pushed on top (at index -1) when it is set
    /// (not nil); returns `nil` when it is not set.
    public func withValue<R, E: Error>(_ key: String, _ body: (LuaStack) throws(E) -> R) throws(E) -> R? {
        guard present else { return nil }
        let stack = call.stack
        let type = stack.rawGet(Int32(position), field: key)
        defer { stack.pop() }
        guard type != .nil else { return nil }
        return try body(stack)
    }

    /// `true` when option `key` is set.
    public func has(_ key: String) -> Bool { withValue(key) { _ in true } ?? false }

    /// An argument error about option `key`.
    public func error(_ key: String, _ message: String) -> ArgumentError {
        ArgumentError(position, "option '\(key)': \(message)")
    }

    private func typeError(_ key: String, expected: String, stack: LuaStack) -> ArgumentError {
        error(key, "\(expected) expected, got \(stack.typeName(at: -1))")
    }

    /// Option `key` as a number, or `nil` when not set.
    public func number(_ key: String) throws(ArgumentError) -> Double? {
        try withValue(key) { stack throws(ArgumentError) in
            guard let value = stack.number(at: -1) else { throw typeError(key, expected: "number", stack: stack) }
            return value
        }
    }

    /// Option `key` as a number, or `defaultValue`.
    public func number(_ key: String, default defaultValue: Double) throws(ArgumentError) -> Double {
        try number(key) ?? defaultValue
    }

    /// Option `key` as an integer, or `nil` when not set.
    public func integer(_ key: String) throws(ArgumentError) -> Int? {
        try withValue(key) { stack throws(ArgumentError) in
            if let value = stack.integer(at: -1) { return value }
            if stack.number(at: -1) != nil { throw error(key, "number has no integer representation") }
            throw typeError(key, expected: "integer", stack: stack)
        }
    }

    /// Option `key` as an integer, or `defaultValue`.
    public func integer(_ key: String, default defaultValue: Int) throws(ArgumentError) -> Int {
        try integer(key) ?? defaultValue
    }

    /// Option `key` as a string, or `nil` when not set.
    public func string(_ key: String) throws(ArgumentError) -> String? {
        try withValue(key) { stack throws(ArgumentError) in
            guard let value = stack.stringOrNumber(at: -1) else { throw typeError(key, expected: "string", stack: stack) }
            return value
        }
    }

    /// Option `key` as a string, or `defaultValue`.
    public func string(_ key: String, default defaultValue: String) throws(ArgumentError) -> String {
        try string(key) ?? defaultValue
    }

    /// Option `key` as a boolean, or `defaultValue`.
    public func boolean(_ key: String, default defaultValue: Bool) throws(ArgumentError) -> Bool {
        try withValue(key) { stack throws(ArgumentError) in
            guard stack.type(at: -1) == .boolean else { throw typeError(key, expected: "boolean", stack: stack) }
            return stack.boolean(at: -1)
        } ?? defaultValue
    }

    /// Option `key`, one of `choices`, or `defaultValue`.
    public func choice(_ key: String, from choices: [String], default defaultValue: String) throws(ArgumentError)
        -> String
    {
        let value = try string(key, default: defaultValue)
        guard choices.contains(value) else {
            throw error(key, "invalid value '\(value)'; expected one of: \(choices.joined(separator: ", "))")
        }
        return value
    }
}

extension LuaCall {
    /// The options table at argument `position` (nil or absent means no options). Every key
    /// must be one of `allowed`; a misspelt key is an error suggesting the closest allowed one.
    public func options(_ position: Int, allowed: [String]) throws(ArgumentError) -> LuaOptions {
        if isNil(position) { return LuaOptions(call: self, position: position, present: false) }
        try checkTable(position)
        var unknown: String?
        stack.forEachPair(Int32(position)) {
            guard let key = stack.string(at: -2), allowed.contains(key) else {
                unknown = stack.string(at: -2) ?? "[\(stack.typeName(at: -2)) key]"
                return false
            }
            return true
        }
        if let unknown {
            var message = "unknown option '\(unknown)'"
            if let suggestion = closestMatch(to: unknown, in: allowed) { message += " (did you mean '\(suggestion)'?)" }
            message += "; options: " + allowed.sorted().joined(separator: ", ")
            throw ArgumentError(position, message)
        }
        return LuaOptions(call: self, position: position, present: true)
    }
}

/// The candidate within edit distance 2 of `word`, if any (the closest one).
func closestMatch(to word: String, in candidates: [String]) -> String? {
    candidates
        .map { ($0, editDistance(word, $0)) }
        .filter { $0.1 <= 2 }
        .min { $0.1 < $1.1 }?.0
}

/// The Levenshtein distance between two strings.
func editDistance(_ a: String, _ b: String) -> Int {
    let b = Array(b)
    var previous = Array(0...b.count)
    for (i, characterOfA) in a.enumerated() {
        var current = [i + 1]
        for (j, characterOfB) in b.enumerated() {
            current.append(min(previous[j + 1] + 1, current[j] + 1, previous[j] + (characterOfA == characterOfB ? 0 : 1)))
        }
        previous = current
    }
    return previous[b.count]
}
