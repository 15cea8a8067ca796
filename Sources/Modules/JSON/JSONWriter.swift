import Linalg
import LuaHost

/// Writes the Lua value at a stack index as JSON text (raw access: no metamethods run).
struct JSONWriter {
    let stack: LuaStack
    /// Spaces per nesting level; 0 writes everything on one line.
    let indent: Int
    /// Whether object keys are sorted (stable text for the same table).
    let sortKeys: Bool
    private var output = ""
    private var visiting: Set<UnsafeRawPointer> = []
    private static let maximumDepth = 200

    init(stack: LuaStack, indent: Int, sortKeys: Bool) {
        self.stack = stack
        self.indent = max(0, indent)
        self.sortKeys = sortKeys
    }

    /// The JSON text of the value at `index`.
    mutating func text(of index: Int32) throws -> String {
        output = ""
        try write(stack.absolute(index), depth: 0)
        return output
    }

    private mutating func newline(_ depth: Int) {
        guard indent > 0 else { return }
        output += "\n" + String(repeating: " ", count: indent * depth)
    }

    private mutating func write(_ index: Int32, depth: Int) throws {
        guard depth < Self.maximumDepth else { throw LuaError("encode: tables nested deeper than \(Self.maximumDepth)") }
        switch stack.type(at: index) {
        case .nil, .none: output += "null"
        case .boolean: output += stack.boolean(at: index) ? "true" : "false"
        case .number:
            if stack.isInteger(at: index), let value = stack.integer(at: index) {
                output += String(value)
            } else {
                output += Self.number(stack.number(at: index) ?? .nan)
            }
        case .string: output += Self.quoted(stack.string(at: index) ?? "")
        case .lightUserdata where stack.lightUserdata(at: index) == JSONNull.sentinel: output += "null"
        case .userdata:
            guard case .value(let box) = matrixType.lookup(at: index, in: stack) else {
                throw LuaError("encode: cannot encode a \(stack.typeName(at: index))")
            }
            writeMatrix(box.value)
        case .table: try writeTable(index, depth: depth)
        default: throw LuaError("encode: cannot encode a \(stack.typeName(at: index))")
        }
    }

    /// A finite number in its shortest exact form; null for NaN and infinities.
    static func number(_ value: Double) -> String {
        guard value.isFinite else { return "null" }
        return value == value.rounded() && Swift.abs(value) < 1e15 ? String(format: "%.1f", value) : "\(value)"
    }

    /// A JSON string literal.
    static func quoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case _ where scalar.value < 0x20: result += String(format: "\\u%04x", scalar.value)
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }

    private mutating func writeMatrix(_ matrix: Matrix) {
        if matrix.isVector {
            output += "[" + matrix.elements.map(Self.number).joined(separator: ", ") + "]"
            return
        }
        output += "[" + (0..<matrix.rows).map { i in
            "[" + (0..<matrix.cols).map { Self.number(matrix[i, $0]) }.joined(separator: ", ") + "]"
        }.joined(separator: ", ") + "]"
    }

    private func isMarkedArray(_ index: Int32) -> Bool {
        guard stack.pushMetatable(of: index) else { return false }
        defer { stack.pop(2) }
        stack.pushRegistry()
        stack.rawGet(-1, field: JSONModule.arrayMarkerKey)
        stack.remove(at: -2)
        return stack.rawEqual(-1, -2)
    }

    private mutating func writeTable(_ index: Int32, depth: Int) throws {
        guard let identity = stack.pointer(at: index), visiting.insert(identity).inserted else {
            throw LuaError("encode: a table contains itself")
        }
        defer { visiting.remove(identity) }
        guard stack.ensureSpace(4) else { throw LuaError("encode: stack overflow") }
        let length = stack.rawLength(at: index)
        var keyCount = 0
        stack.forEachPair(index) {
            keyCount += 1
            return true
        }
        if keyCount == length && (length > 0 || isMarkedArray(index)) {
            output += "["
            for k in stride(from: 1, through: length, by: 1) {
                if k > 1 { output += "," }
                newline(depth + 1)
                stack.rawGet(index, at: k)
                defer { stack.pop() }
                try write(stack.top, depth: depth + 1)
            }
            if length > 0 { newline(depth) }
            output += "]"
            return
        }
        var keys: [String] = []
        var badKey: String?
        stack.forEachPair(index) {
            switch stack.type(at: -2) {
            case .string: keys.append(stack.string(at: -2) ?? "")
            case .number: keys.append(stack.stringOrNumber(at: -2) ?? "")
            default:
                badKey = stack.typeName(at: -2)
                return false
            }
            return true
        }
        if let badKey { throw LuaError("encode: a table has a \(badKey) key; JSON object keys are strings") }
        if sortKeys { keys.sort() }
        output += "{"
        for (position, key) in keys.enumerated() {
            if position > 0 { output += "," }
            newline(depth + 1)
            output += Self.quoted(key) + (indent > 0 ? ": " : ":")
            if stack.rawGet(index, field: key) == .nil, let number = Int(key) {
                stack.pop()
                stack.rawGet(index, at: number)
            }
            defer { stack.pop() }
            try write(stack.top, depth: depth + 1)
        }
        if !keys.isEmpty { newline(depth) }
        output += "}"
    }
}
