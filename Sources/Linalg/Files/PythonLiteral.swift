/// The subset of Python literal syntax found in `.npy` headers: dictionaries, strings, integers,
/// booleans, `None`, tuples and lists (`{'descr': '<f8', 'fortran_order': False, 'shape': (3,), }`).
enum PythonLiteral {
    case dictionary([(String, PythonLiteral)])
    case string(String)
    case integer(Int)
    case boolean(Bool)
    case none
    case tuple([PythonLiteral])
    case list([PythonLiteral])

    struct SyntaxError: Error {}

    /// Parses `text`, which must hold exactly one literal (surrounding whitespace allowed).
    static func parse(_ text: String) throws(SyntaxError) -> PythonLiteral {
        var parser = Parser(chars: Array(text.unicodeScalars))
        let value = try parser.value()
        parser.skipSpace()
        guard parser.atEnd else { throw SyntaxError() }
        return value
    }

    private struct Parser {
        let chars: [Unicode.Scalar]
        var index = 0
        /// Open brackets around the current position; garbage nested deeper is rejected before
        /// the recursion could exhaust the stack.
        var depth = 0

        var atEnd: Bool { index >= chars.count }

        mutating func skipSpace() {
            while !atEnd && chars[index].properties.isWhitespace { index += 1 }
        }

        /// Consumes `c` (after whitespace) if it is next.
        mutating func take(_ c: Unicode.Scalar) -> Bool {
            skipSpace()
            guard !atEnd && chars[index] == c else { return false }
            index += 1
            return true
        }

        mutating func value() throws(SyntaxError) -> PythonLiteral {
            skipSpace()
            guard !atEnd, depth < 16 else { throw SyntaxError() }
            switch chars[index] {
            case "{":
                index += 1
                var entries = [(String, PythonLiteral)]()
                try items(closing: "}") { (p: inout Parser) throws(SyntaxError) in
                    guard case .string(let key) = try p.value(), p.take(":") else { throw SyntaxError() }
                    entries.append((key, try p.value()))
                }
                return .dictionary(entries)
            case "(", "[":
                let closing: Unicode.Scalar = chars[index] == "(" ? ")" : "]"
                index += 1
                var elements = [PythonLiteral]()
                try items(closing: closing) { (p: inout Parser) throws(SyntaxError) in elements.append(try p.value()) }
                return closing == ")" ? .tuple(elements) : .list(elements)
            case "'", "\"":
                return .string(try string())
            default:
                return try word()
            }
        }

        /// Comma-separated items up to `closing`, a trailing comma allowed.
        mutating func items(
            closing: Unicode.Scalar, _ item: (inout Parser) throws(SyntaxError) -> Void
        ) throws(SyntaxError) {
            depth += 1
            defer { depth -= 1 }
            while !take(closing) {
                try item(&self)
                if !take(",") {
                    guard take(closing) else { throw SyntaxError() }
                    return
                }
            }
        }

        /// A quoted string without escapes (headers never contain them).
        mutating func string() throws(SyntaxError) -> String {
            let quote = chars[index]
            index += 1
            var text = String.UnicodeScalarView()
            while !atEnd && chars[index] != quote && chars[index] != "\\" {
                text.append(chars[index])
                index += 1
            }
            guard !atEnd && chars[index] == quote else { throw SyntaxError() }
            index += 1
            return String(text)
        }

        /// An integer (a trailing `L` of old Python 2 headers allowed), `True`, `False` or `None`.
        mutating func word() throws(SyntaxError) -> PythonLiteral {
            var text = ""
            while !atEnd && (chars[index].properties.isAlphabetic || ("0"..."9").contains(chars[index]) || chars[index] == "-") {
                text.unicodeScalars.append(chars[index])
                index += 1
            }
            switch text {
            case "True": return .boolean(true)
            case "False": return .boolean(false)
            case "None": return .none
            default:
                guard let n = Int(text.hasSuffix("L") ? String(text.dropLast()) : text) else { throw SyntaxError() }
                return .integer(n)
            }
        }
    }
}
