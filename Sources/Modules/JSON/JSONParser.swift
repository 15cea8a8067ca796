import LuaHost

/// Parses JSON text and pushes the Lua value it describes (one value per document).
struct JSONParser {
    private let text: [UInt8]
    private let stack: LuaStack
    private let source: String
    private var position = 0
    private static let maximumDepth = 200

    init(text: [UInt8], stack: LuaStack, source: String = "json") {
        self.text = text
        self.stack = stack
        self.source = source
    }

    /// Pushes the value of the whole text (trailing content other than spaces is an error).
    mutating func parseDocument() throws {
        skipSpaces()
        try parseValue(depth: 0, inArray: false)
        skipSpaces()
        guard position == text.count else {
            stack.pop()
            throw error("unexpected content after the value")
        }
    }

    private func error(_ message: String) -> LuaError {
        var line = 1, column = 1
        for byte in text[..<min(position, text.count)] {
            if byte == UInt8(ascii: "\n") {
                line += 1
                column = 1
            } else {
                column += 1
            }
        }
        return LuaError("decode: \(source):\(line):\(column): \(message)")
    }

    private mutating func skipSpaces() {
        while position < text.count, [32, 9, 10, 13].contains(text[position]) { position += 1 }
    }

    private var current: UInt8? { position < text.count ? text[position] : nil }

    private mutating func expect(_ literal: String) throws {
        let bytes = Array(literal.utf8)
        guard position + bytes.count <= text.count, Array(text[position..<position + bytes.count]) == bytes else {
            throw error("invalid literal")
        }
        position += bytes.count
    }

    /// Pushes one value. `inArray`: a null becomes json.null (to keep its place), else nil.
    private mutating func parseValue(depth: Int, inArray: Bool) throws {
        guard depth < Self.maximumDepth else { throw error("nested deeper than \(Self.maximumDepth)") }
        guard stack.ensureSpace(4) else { throw error("stack overflow") }
        switch current {
        case UInt8(ascii: "{"): try parseObject(depth: depth)
        case UInt8(ascii: "["): try parseArray(depth: depth)
        case UInt8(ascii: "\""): stack.push(try parseString())
        case UInt8(ascii: "t"):
            try expect("true")
            stack.push(true)
        case UInt8(ascii: "f"):
            try expect("false")
            stack.push(false)
        case UInt8(ascii: "n"):
            try expect("null")
            if inArray { JSONNull().push(onto: stack) } else { stack.pushNil() }
        case .some(let byte) where byte == UInt8(ascii: "-") || (48...57).contains(byte): try parseNumber()
        case .none: throw error("unexpected end of text")
        default: throw error("unexpected character '\(Character(UnicodeScalar(current ?? 32)))'")
        }
    }

    private mutating func parseObject(depth: Int) throws {
        position += 1
        stack.pushTable()
        skipSpaces()
        if current == UInt8(ascii: "}") {
            position += 1
            return
        }
        while true {
            skipSpaces()
            guard current == UInt8(ascii: "\"") else {
                stack.pop()
                throw error("expected a string key")
            }
            let key = try parseString()
            skipSpaces()
            guard current == UInt8(ascii: ":") else {
                stack.pop()
                throw error("expected ':' after a key")
            }
            position += 1
            skipSpaces()
            do { try parseValue(depth: depth + 1, inArray: false) } catch {
                stack.pop()
                throw error
            }
            stack.rawSet(-2, field: key)
            skipSpaces()
            if current == UInt8(ascii: ",") {
                position += 1
                continue
            }
            guard current == UInt8(ascii: "}") else {
                stack.pop()
                throw error("expected ',' or '}'")
            }
            position += 1
            return
        }
    }

    private mutating func parseArray(depth: Int) throws {
        position += 1
        stack.pushTable()
        JSONModule.markAsArray(stack)
        skipSpaces()
        if current == UInt8(ascii: "]") {
            position += 1
            return
        }
        var count = 0
        while true {
            skipSpaces()
            do { try parseValue(depth: depth + 1, inArray: true) } catch {
                stack.pop()
                throw error
            }
            count += 1
            stack.rawSet(-2, at: count)
            skipSpaces()
            if current == UInt8(ascii: ",") {
                position += 1
                continue
            }
            guard current == UInt8(ascii: "]") else {
                stack.pop()
                throw error("expected ',' or ']'")
            }
            position += 1
            return
        }
    }

    private mutating func parseString() throws -> String {
        position += 1
        var bytes: [UInt8] = []
        while let byte = current {
            position += 1
            switch byte {
            case UInt8(ascii: "\""): return String(decoding: bytes, as: UTF8.self)
            case UInt8(ascii: "\\"):
                guard let escaped = current else { throw error("unfinished escape") }
                position += 1
                switch escaped {
                case UInt8(ascii: "n"): bytes.append(10)
                case UInt8(ascii: "t"): bytes.append(9)
                case UInt8(ascii: "r"): bytes.append(13)
                case UInt8(ascii: "b"): bytes.append(8)
                case UInt8(ascii: "f"): bytes.append(12)
                case UInt8(ascii: "u"):
                    var scalar = try hexQuad()
                    if (0xD800..<0xDC00).contains(scalar), current == UInt8(ascii: "\\") {
                        position += 1
                        guard current == UInt8(ascii: "u") else { throw error("expected a low surrogate") }
                        position += 1
                        let low = try hexQuad()
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    }
                    bytes.append(contentsOf: Array(String(UnicodeScalar(scalar).map(Character.init) ?? "\u{FFFD}").utf8))
                default: bytes.append(escaped)
                }
            default: bytes.append(byte)
            }
        }
        throw error("unfinished string")
    }

    private mutating func hexQuad() throws -> UInt32 {
        guard position + 4 <= text.count, let value = UInt32(String(decoding: text[position..<position + 4], as: UTF8.self), radix: 16)
        else { throw error("bad \\u escape") }
        position += 4
        return value
    }

    private mutating func parseNumber() throws {
        let start = position
        var isInteger = true
        while let byte = current, (48...57).contains(byte) || [UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "."),
                                                             UInt8(ascii: "e"), UInt8(ascii: "E")].contains(byte) {
            if byte == UInt8(ascii: ".") || byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E") { isInteger = false }
            position += 1
        }
        let literal = String(decoding: text[start..<position], as: UTF8.self)
        if isInteger, let value = Int(literal) {
            stack.push(value)
        } else if let value = Double(literal) {
            stack.push(value)
        } else {
            throw error("bad number '\(literal)'")
        }
    }
}
