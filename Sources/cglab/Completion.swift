import CReadline
import Foundation
import LuaHost

/// Tab completion of Lua names for readline: keywords and globals, nested table fields
/// (`linalg.ze`), methods reachable through a metatable's `__index` table (`A:so`), and file
/// names inside string literals. It reads the Lua state with raw access only, so completing
/// never runs Lua code or metamethods.
enum Completion {
    /// The state whose names are completed.
    nonisolated(unsafe) static var lua: LuaState?

    static let keywords = [
        "and", "break", "do", "else", "elseif", "end", "false", "for", "function", "goto", "if", "in",
        "local", "nil", "not", "or", "repeat", "return", "then", "true", "until", "while",
    ]

    /// Hooks completion into readline for `state`.
    static func install(for state: LuaState) {
        lua = state
        rl_attempted_completion_function = attempt
        rl_completer_word_break_characters = UnsafePointer(strdup(" \t\n\"'`@$><=;|&{(,+-*%^~#[]"))
        rl_completer_quote_characters = UnsafePointer(strdup("\"'"))
    }

    private static let attempt: @convention(c) (UnsafePointer<CChar>?, Int32, Int32)
        -> UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = { text, _, _ in
            rl_attempted_completion_over = 1
            guard let text, let lua else { return nil }
            if rl_completion_quote_character != 0 {
                // Inside a string literal: complete file names.
                rl_filename_completion_desired = 1
                return rl_completion_matches(text, rl_filename_completion_function)
            }
            let matches = candidates(for: String(cString: text), in: lua.stack)
            guard !matches.isEmpty else { return nil }
            rl_completion_append_character = matches.count == 1 ? suffix(for: matches[0].type) : 0
            return makeMatchArray(matches.map(\.text))
        }

    /// A completion candidate and the type of the value it names.
    struct Candidate: Equatable {
        let text: String
        let type: LuaType
    }

    private static func suffix(for type: LuaType) -> Int32 {
        switch type {
        case .function: return Int32(UInt8(ascii: "("))
        case .table: return Int32(UInt8(ascii: "."))
        default: return 0
        }
    }

    /// The completions of `text` (a dotted name, possibly ending in `:partial`).
    static func candidates(for text: String, in stack: LuaStack) -> [Candidate] {
        let top = stack.top
        defer { stack.setTop(top) }
        guard stack.ensureSpace(20) else { return [] }
        guard let separator = text.lastIndex(where: { $0 == "." || $0 == ":" }) else {
            stack.pushGlobals()
            let names = fields(ofValueOnTop: stack, methodsOnly: false).filter { $0.text.hasPrefix(text) }
            let words = keywords.filter { $0.hasPrefix(text) }.map { Candidate(text: $0, type: .none) }
            return (words + names).sorted { $0.text < $1.text }
        }
        let path = text[..<separator].split(whereSeparator: { $0 == "." || $0 == ":" }).map(String.init)
        let partial = String(text[text.index(after: separator)...])
        let prefix = String(text[...separator])
        stack.pushGlobals()
        for name in path {
            guard name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }), pushField(name, of: stack) else {
                return []
            }
        }
        let methodsOnly = text[separator] == ":"
        return fields(ofValueOnTop: stack, methodsOnly: methodsOnly)
            .filter { $0.text.hasPrefix(partial) }
            .map { Candidate(text: prefix + $0.text, type: $0.type) }
            .sorted { $0.text < $1.text }
    }

    /// Replaces the value on top with its field `name`, looked up raw in the value (a table)
    /// and then in the `__index` tables of its metatable chain. Returns false when not found.
    private static func pushField(_ name: String, of stack: LuaStack) -> Bool {
        for _ in 0..<8 {
            if stack.type(at: -1) == .table {
                if stack.rawGet(-1, field: name) != .nil {
                    stack.remove(at: -2)
                    return true
                }
                stack.pop()
            }
            guard pushIndexTable(of: stack) else { break }
            stack.remove(at: -2)
        }
        stack.pop()
        return false
    }

    /// Pushes the `__index` table of the metatable of the value on top, if it is a table.
    private static func pushIndexTable(of stack: LuaStack) -> Bool {
        guard stack.pushMetatable(of: -1) else { return false }
        if stack.rawGet(-1, field: "__index") == .table {
            stack.remove(at: -2)
            return true
        }
        stack.pop(2)
        return false
    }

    /// The identifier keys of the value on top (a table, or anything whose metatable has an
    /// `__index` table), following `__index` tables up to a few levels.
    private static func fields(ofValueOnTop stack: LuaStack, methodsOnly: Bool) -> [Candidate] {
        var seen = Set<String>()
        var result: [Candidate] = []
        stack.pushCopy(of: -1)
        for _ in 0..<8 {
            if stack.type(at: -1) == .table {
                stack.forEachPair(-1) {
                    if let key = stack.string(at: -2), isIdentifier(key), !seen.contains(key) {
                        let type = stack.type(at: -1)
                        if !methodsOnly || type == .function {
                            seen.insert(key)
                            result.append(Candidate(text: key, type: type))
                        }
                    }
                    return true
                }
            }
            guard pushIndexTable(of: stack) else { break }
            stack.remove(at: -2)
        }
        stack.pop()
        return result
    }

    private static func isIdentifier(_ text: String) -> Bool {
        guard let first = text.first, first.isLetter || first == "_" else { return false }
        return text.allSatisfy { ($0.isLetter || $0.isNumber || $0 == "_") && $0.isASCII } && !keywords.contains(text)
    }

    /// The NULL-terminated, malloc'd array readline expects: the longest common prefix of the
    /// matches first, then the matches.
    private static func makeMatchArray(_ matches: [String]) -> UnsafeMutablePointer<UnsafeMutablePointer<CChar>?> {
        let common = matches.dropFirst().reduce(matches[0]) { prefix, match in
            String(zip(prefix, match).prefix { $0 == $1 }.map(\.0))
        }
        let entries = matches.count == 1 ? [matches[0]] : [common] + matches
        let array = malloc((entries.count + 1) * MemoryLayout<UnsafeMutablePointer<CChar>?>.stride)!
            .assumingMemoryBound(to: UnsafeMutablePointer<CChar>?.self)
        for (i, entry) in entries.enumerated() { array[i] = strdup(entry) }
        array[entries.count] = nil
        return array
    }
}
