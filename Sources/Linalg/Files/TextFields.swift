// Shared pieces of the text formats (CSV, MD grid): splitting a file into numbered lines,
// splitting a line into fields, parsing and printing numbers.

/// One line of a text file: its 1-based number and its text without the line ending.
struct TextLine {
    let number: Int
    let text: Substring
}

enum TextFields {
    /// The lines of `bytes`, split at LF with a CR before it dropped, so LF and CRLF files read
    /// alike. Invalid UTF-8 is replaced (and then fails to parse as a number, with its position).
    static func lines(_ bytes: [UInt8]) -> [TextLine] {
        let text = String(decoding: bytes, as: UTF8.self)
        // Split on the UTF-8 view: as Characters, "\r\n" is a single grapheme, not a "\n".
        return text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
            .enumerated().map { index, line in
                var content = Substring(line)
                if content.utf8.last == UInt8(ascii: "\r") { content = Substring(content.utf8.dropLast()) }
                return TextLine(number: index + 1, text: content)
            }
    }

    /// The fields of `text`, separated by `delimiter`, or by runs of spaces and tabs when it is
    /// nil; each field trimmed of surrounding spaces and double quotes.
    static func fields(_ text: Substring, delimiter: Character?) -> [Substring] {
        guard let delimiter else { return text.split(whereSeparator: { $0 == " " || $0 == "\t" }) }
        return text.split(separator: delimiter, omittingEmptySubsequences: false).map { field in
            var f = field.drop { $0 == " " || $0 == "\t" }
            while let last = f.last, last == " " || last == "\t" { f = f.dropLast() }
            if f.count >= 2, f.first == "\"", f.last == "\"" { f = f.dropFirst().dropLast() }
            return f
        }
    }

    /// `field` as a number, or ``FileError/invalidNumber(path:line:column:text:)`` at `line`,
    /// `column` (1-based). Accepts what `Double(_:)` does: decimal and exponent forms, `nan`, `inf`.
    static func number(_ field: Substring, path: String, line: Int, column: Int) throws(FileError) -> Double {
        guard let value = Double(field) else {
            throw .invalidNumber(path: path, line: line, column: column, text: String(field))
        }
        return value
    }

    /// The numbers of every field of `line`.
    static func numbers(
        _ line: TextLine, delimiter: Character?, path: String
    ) throws(FileError) -> [Double] {
        var values = [Double]()
        for (k, field) in fields(line.text, delimiter: delimiter).enumerated() {
            values.append(try number(field, path: path, line: line.number, column: k + 1))
        }
        return values
    }

    /// The shortest text that reads back as exactly `x` (`1.5`, `1e-05`, `nan`, `-inf`), with
    /// integral values below 2^53 written without a fraction (`32`, not `32.0`; but `-0.0`).
    static func text(_ x: Double) -> String {
        if x.isFinite && x == x.rounded() && Swift.abs(x) < 9_007_199_254_740_992 && !(x == 0 && x.sign == .minus) {
            return String(Int64(x))
        }
        return x.description
    }
}
