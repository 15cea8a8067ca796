/// A field in Gnuplot's binary matrix format, the output format of the reference STZ solver.
///
/// The file is a (ny + 1) x (nx + 1) array of little-endian 32-bit floats, row by row: element
/// [0][0] is nx, the rest of row 0 holds the x coordinates, and each following row holds its y
/// coordinate then the nx values at that y. Values are stored in single precision, so writing
/// rounds them to about 7 significant digits.
public struct GnuplotMatrix: Sendable, Equatable {
    /// The values, one row per y coordinate, one column per x coordinate.
    public let field: Matrix
    /// The x coordinates of the columns.
    public let x: [Double]
    /// The y coordinates of the rows.
    public let y: [Double]

    /// A field with its coordinates.
    ///
    /// - Throws: ``LinalgError/invalidShape(function:shape:expected:)`` when `x` does not have
    ///   one value per column or `y` one per row.
    public init(field: Matrix, x: [Double], y: [Double]) throws(LinalgError) {
        guard x.count == field.cols, y.count == field.rows else {
            throw .invalidShape(function: "GnuplotMatrix", shape: field.shape,
                                expected: "a field of \(y.count) rows (y) by \(x.count) columns (x)")
        }
        (self.field, self.x, self.y) = (field, x, y)
    }

    /// The field in the file at `path`.
    ///
    /// - Throws: ``FileError/malformed(path:format:reason:)`` when the size is not a whole number
    ///   of floats, element [0][0] is not a positive integer, or the float count does not make
    ///   whole rows of nx + 1.
    public static func read(from path: String) throws(FileError) -> GnuplotMatrix {
        try decode(FileIO.read(path), path: path)
    }

    /// The field in the bytes `bytes`; `path` names their origin in errors.
    ///
    /// - Throws: as ``read(from:)``.
    public static func decode(_ bytes: [UInt8], path: String) throws(FileError) -> GnuplotMatrix {
        let reader = ByteReader(bytes: bytes, path: path, format: "Gnuplot binary matrix")
        guard bytes.count % 4 == 0 else { throw reader.malformed("size \(bytes.count) is not a whole number of 4-byte floats") }
        let count = bytes.count / 4
        func float(_ k: Int) -> Double {
            Double(Float(bitPattern: UInt32(bytes[4 * k]) | UInt32(bytes[4 * k + 1]) << 8
                | UInt32(bytes[4 * k + 2]) << 16 | UInt32(bytes[4 * k + 3]) << 24))
        }
        guard count > 0, let nx = Int(exactly: float(0)), nx > 0, nx < count else {
            throw reader.malformed("element [0][0] must be the column count, a positive integer below the float count")
        }
        guard count % (nx + 1) == 0 else {
            throw reader.malformed("\(count) floats do not make whole rows of \(nx) + 1")
        }
        let ny = count / (nx + 1) - 1
        let field = Matrix(rows: ny, cols: nx) { i, j in float((i + 1) * (nx + 1) + j + 1) }
        return GnuplotMatrix(checked: field, x: (1...nx).map(float), y: (0..<ny).map { float(($0 + 1) * (nx + 1)) })
    }

    /// Writes the field to `path` (atomically) as little-endian 32-bit floats.
    public func write(to path: String) throws(FileError) {
        try FileIO.write(encode(), to: path)
    }

    /// The bytes of the file; see ``write(to:)``.
    public func encode() -> [UInt8] {
        var bytes = [UInt8]()
        bytes.reserveCapacity(4 * (field.rows + 1) * (field.cols + 1))
        let append = { (value: Double) in bytes.appendLittleEndian(Float(value).bitPattern) }
        append(Double(field.cols))
        x.forEach(append)
        for i in 0..<field.rows {
            append(y[i])
            for j in 0..<field.cols { append(field[i, j]) }
        }
        return bytes
    }

    /// A field whose coordinate counts are known to match.
    private init(checked field: Matrix, x: [Double], y: [Double]) {
        (self.field, self.x, self.y) = (field, x, y)
    }
}
