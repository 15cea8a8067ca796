/// A field on a regular grid in the text format of the CuZr molecular-dynamics reference data
/// (`pe.MD.N`, `Exy.MD.N`): a header line `nx ny base range`, then `ny` lines of `nx`
/// whitespace-separated values. Line j of the body is y index j (from the bottom), value i of a
/// line is x index i; so the field has `ny` rows (y) and `nx` columns (x).
///
/// The last two header numbers are the data's own: `0 1` in the potential-energy files, the
/// minimum and the range of the values in the strain files. LF and CRLF line endings, trailing
/// spaces and blank lines are accepted.
public struct MDGrid: Sendable, Equatable {
    /// The values, `ny` rows (y index) by `nx` columns (x index), in the file's units (eV per
    /// atom for `pe`, dimensionless strain for `Exy`).
    public var field: Matrix
    /// The third header number (`base`).
    public var base: Double
    /// The fourth header number (`range`).
    public var range: Double

    /// A grid holding `field` with the given header numbers.
    public init(field: Matrix, base: Double = 0, range: Double = 1) {
        self.field = field
        self.base = base
        self.range = range
    }

    /// The grid in the file at `path`.
    ///
    /// - Throws: ``FileError/malformed(path:format:reason:)`` for a bad header, a line with the
    ///   wrong number of values, too few or too many lines;
    ///   ``FileError/invalidNumber(path:line:column:text:)`` for a value that is not a number.
    public static func read(from path: String) throws(FileError) -> MDGrid {
        try decode(FileIO.read(path), path: path)
    }

    /// The grid in the bytes `bytes`; `path` names their origin in errors.
    ///
    /// - Throws: as ``read(from:)``.
    public static func decode(_ bytes: [UInt8], path: String) throws(FileError) -> MDGrid {
        let malformed = { (reason: String) in FileError.malformed(path: path, format: "MD grid", reason: reason) }
        let lines = TextFields.lines(bytes).filter { !$0.text.allSatisfy(\.isWhitespace) }
        guard let headerLine = lines.first else { throw malformed("empty file") }
        let header = try TextFields.numbers(headerLine, delimiter: nil, path: path)
        guard header.count == 4 else { throw malformed("line \(headerLine.number): header must be 'nx ny base range', found \(header.count) numbers") }
        guard let nx = Int(exactly: header[0]), let ny = Int(exactly: header[1]), nx > 0, ny > 0 else {
            throw malformed("line \(headerLine.number): grid size \(header[0]) x \(header[1]) is not two positive integers")
        }
        let body = lines.dropFirst()
        guard body.count >= ny else { throw malformed("expected \(ny) lines of values after the header, found \(body.count)") }
        if body.count > ny { throw malformed("line \(body[body.startIndex + ny].number): more than the \(ny) lines of values the header announces") }
        var rowMajor = [Double]()
        for line in body {
            let values = try TextFields.numbers(line, delimiter: nil, path: path)
            guard values.count == nx else { throw malformed("line \(line.number): expected \(nx) values, found \(values.count)") }
            rowMajor += values
        }
        return MDGrid(field: Matrix(rows: ny, cols: nx, rowMajor: rowMajor), base: header[2], range: header[3])
    }

    /// Writes the grid to `path` (atomically) in the same format, LF line endings, numbers in
    /// their shortest exact form.
    public func write(to path: String) throws(FileError) {
        let header = [Double(field.cols), Double(field.rows), base, range].map(TextFields.text).joined(separator: " ")
        let rows = (0..<field.rows).map { y in (0..<field.cols).map { TextFields.text(field[y, $0]) }.joined(separator: " ") }
        try FileIO.write(Array(([header] + rows).joined(separator: "\n").utf8 + [UInt8(ascii: "\n")]), to: path)
    }
}
