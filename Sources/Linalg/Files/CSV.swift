/// Whether the first (non-comment) line of a CSV file is a header of column names.
public enum CSVHeader: Sendable {
    /// There is no header: every line is data.
    case absent
    /// The first line is a header.
    case present
    /// The first line is a header when one of its fields is not a number.
    case detect
}

/// A matrix read from a CSV file, with the column names of its header if it had one.
public struct CSVTable: Sendable, Equatable {
    /// The numbers, one matrix row per data line.
    public var matrix: Matrix
    /// The column names, or nil when the file had no header.
    public var header: [String]?

    /// A table of `matrix` with optional column names.
    public init(matrix: Matrix, header: [String]? = nil) {
        self.matrix = matrix
        self.header = header
    }
}

/// Numeric CSV (and whitespace-separated) text files.
///
/// Reading skips blank lines and comments (from `#` to the end of the line), trims spaces and
/// double quotes around fields, and requires every data line to have the same number of fields,
/// each a number (`nan` and `inf` included).
public enum CSV {
    /// The table in the file at `path`.
    ///
    /// - Parameters:
    ///   - delimiter: the field separator (`","` by default); nil splits at runs of spaces and tabs.
    ///   - header: whether the first line names the columns (by default, detected).
    /// - Throws: ``FileError/invalidNumber(path:line:column:text:)`` with the line and column of a
    ///   field that is not a number; ``FileError/malformed(path:format:reason:)`` for a line with
    ///   the wrong number of fields.
    public static func read(from path: String, delimiter: Character? = ",", header: CSVHeader = .detect) throws(FileError) -> CSVTable {
        try decode(FileIO.read(path), path: path, delimiter: delimiter, header: header)
    }

    /// The table in the CSV bytes `bytes`; `path` names their origin in errors. See
    /// ``read(from:delimiter:header:)``.
    public static func decode(
        _ bytes: [UInt8], path: String, delimiter: Character? = ",", header: CSVHeader = .detect
    ) throws(FileError) -> CSVTable {
        let lines = TextFields.lines(bytes).compactMap { line -> TextLine? in
            let content = line.text.prefix { $0 != "#" }
            return content.allSatisfy(\.isWhitespace) ? nil : TextLine(number: line.number, text: content)
        }
        var names: [String]?
        var dataLines = lines[...]
        if let first = lines.first {
            let fields = TextFields.fields(first.text, delimiter: delimiter)
            if header == .present || (header == .detect && fields.contains { Double($0) == nil }) {
                names = fields.map(String.init)
                dataLines = lines.dropFirst()
            }
        }
        var rows = [[Double]]()
        for line in dataLines {
            let values = try TextFields.numbers(line, delimiter: delimiter, path: path)
            let expected = rows.first?.count ?? names?.count ?? values.count
            guard values.count == expected else {
                throw .malformed(path: path, format: "CSV",
                                 reason: "line \(line.number): expected \(expected) fields, found \(values.count)")
            }
            rows.append(values)
        }
        let cols = rows.first?.count ?? names?.count ?? 0
        return CSVTable(matrix: Matrix(rows: rows.count, cols: cols, rowMajor: rows.flatMap { $0 }), header: names)
    }

    /// Writes `matrix` to `path` (atomically), one line per row, numbers in their shortest
    /// exact form, preceded by a header line when `header` names the columns.
    ///
    /// - Throws: ``FileError/invalidData(path:format:reason:)`` when `header` does not have one
    ///   name per column; ``FileError/cannotWrite(path:reason:)``.
    public static func write(
        _ matrix: Matrix, to path: String, delimiter: Character = ",", header: [String]? = nil
    ) throws(FileError) {
        if let header, header.count != matrix.cols {
            throw .invalidData(path: path, format: "CSV", reason: "\(header.count) column names for \(matrix.cols) columns")
        }
        var lines = header.map { [$0.joined(separator: String(delimiter))] } ?? []
        for i in 0..<matrix.rows {
            lines.append((0..<matrix.cols).map { TextFields.text(matrix[i, $0]) }.joined(separator: String(delimiter)))
        }
        try FileIO.write(Array((lines.joined(separator: "\n") + "\n").utf8), to: path)
    }
}
