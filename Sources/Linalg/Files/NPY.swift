/// NumPy's `.npy` array files, so that Python users load every result with `numpy.load`.
///
/// Reading accepts format versions 1.0, 2.0 and 3.0; the dtypes `f4`, `f8`, `i1`, `i2`, `i4`,
/// `i8`, `u1`, `u2`, `u4`, `u8` and `b1` in either byte order (converted to `Double`); C and
/// Fortran order; 0-D arrays (as 1 x 1), 1-D arrays (as column vectors) and 2-D arrays.
/// Writing produces version 1.0, little-endian `<f8`, 2-D in Fortran order (the matrix's own
/// column-major layout, so no transposition), or 1-D for a vector when asked.
public enum NPY {
    static let magic: [UInt8] = [0x93] + Array("NUMPY".utf8)

    /// The matrix stored in the `.npy` file at `path`.
    ///
    /// - Throws: ``FileError`` naming the file: unreadable, malformed (wrong magic, truncated
    ///   header or data, a header that is not a valid dictionary) or unsupported (dtype, more
    ///   than two dimensions).
    public static func read(from path: String) throws(FileError) -> Matrix {
        try decode(FileIO.read(path), path: path)
    }

    /// Writes `matrix` to `path` as a version 1.0 `.npy` file (atomically).
    ///
    /// - Parameter oneDimensional: write a vector (one row or one column) as a 1-D array of
    ///   shape `(n,)` instead of a 2-D one.
    public static func write(_ matrix: Matrix, to path: String, oneDimensional: Bool = false) throws(FileError) {
        try FileIO.write(encode(matrix, oneDimensional: oneDimensional), to: path)
    }

    /// The bytes of a version 1.0 `.npy` file holding `matrix`; see ``write(_:to:oneDimensional:)``.
    public static func encode(_ matrix: Matrix, oneDimensional: Bool = false) -> [UInt8] {
        let flat = oneDimensional && matrix.isVector
        // Fortran order for 2-D: NumPy reads the column-major elements as they are.
        return encode(shape: flat ? [matrix.count] : [matrix.rows, matrix.cols], fortranOrder: !flat, values: matrix.elements)
    }

    /// The bytes of a version 1.0 `.npy` file holding an array of any number of dimensions
    /// (`<f8`), its values in C order (the last index fastest), as `numpy.save` writes it.
    ///
    /// - Precondition: `values.count` is the product of `shape`.
    public static func encode(shape: [Int], rowMajor values: [Double]) -> [UInt8] {
        precondition(shape.reduce(1, *) == values.count, "value count does not match the shape")
        return encode(shape: shape, fortranOrder: false, values: values)
    }

    private static func encode(shape: [Int], fortranOrder: Bool, values: [Double]) -> [UInt8] {
        let dimensions = shape.count == 1 ? "(\(shape[0]),)" : "(" + shape.map(String.init).joined(separator: ", ") + ")"
        var header = "{'descr': '<f8', 'fortran_order': \(fortranOrder ? "True" : "False"), 'shape': \(dimensions), }"
        // Pad with spaces and end with a newline so the data starts on a 64-byte boundary.
        let unpadded = magic.count + 2 + 2 + header.utf8.count + 1
        header += String(repeating: " ", count: (64 - unpadded % 64) % 64) + "\n"
        var bytes = magic + [1, 0]
        bytes.appendLittleEndian(UInt16(header.utf8.count))
        bytes += Array(header.utf8)
        bytes.reserveCapacity(bytes.count + 8 * values.count)
        for x in values { bytes.appendLittleEndian(x.bitPattern) }
        return bytes
    }

    /// The matrix stored in the `.npy` bytes `bytes`; `path` names their origin in errors.
    ///
    /// - Throws: as ``read(from:)``.
    public static func decode(_ bytes: [UInt8], path: String) throws(FileError) -> Matrix {
        let reader = ByteReader(bytes: bytes, path: path, format: ".npy")
        guard bytes.starts(with: magic) else { throw reader.malformed("bad magic string (expected \\x93NUMPY)") }
        let major = try reader.unsigned(at: 6, size: 1, what: "version")
        let lengthSize: Int
        switch major {
        case 1: lengthSize = 2
        case 2, 3: lengthSize = 4
        default: throw FileError.unsupported(path: path, format: ".npy", feature: "format version \(major)")
        }
        let headerLength = Int(try reader.unsigned(at: 8, size: lengthSize, what: "header length"))
        let headerStart = 8 + lengthSize
        let headerBytes = try reader.slice(headerStart, headerLength, "header")
        guard let header = String(validating: headerBytes, as: UTF8.self) else {
            throw reader.malformed("header is not text")
        }
        let description = try Header(header, reader)
        return try description.matrix(from: reader, at: headerStart + headerLength)
    }

    /// The fields of a `.npy` header dictionary that this reader uses.
    private struct Header {
        let dtype: DType
        let fortranOrder: Bool
        let shape: [Int]

        init(_ text: String, _ reader: ByteReader) throws(FileError) {
            guard case .dictionary(let entries)? = try? PythonLiteral.parse(text) else {
                throw reader.malformed("header is not a Python dictionary literal: \(text.prefix(80))")
            }
            let fields = Dictionary(entries, uniquingKeysWith: { _, last in last })
            guard case .string(let descr)? = fields["descr"] else {
                if fields["descr"] != nil {
                    throw FileError.unsupported(path: reader.path, format: ".npy", feature: "structured dtype")
                }
                throw reader.malformed("header has no 'descr'")
            }
            guard case .boolean(let fortran)? = fields["fortran_order"] else {
                throw reader.malformed("header has no boolean 'fortran_order'")
            }
            guard case .tuple(let items)? = fields["shape"] else { throw reader.malformed("header has no 'shape' tuple") }
            var shape = [Int]()
            for item in items {
                guard case .integer(let n) = item, n >= 0 else { throw reader.malformed("shape \(items) is not non-negative integers") }
                shape.append(n)
            }
            guard shape.count <= 2 else {
                throw FileError.unsupported(path: reader.path, format: ".npy", feature: "\(shape.count)-dimensional array")
            }
            guard let dtype = DType(descr) else {
                throw FileError.unsupported(path: reader.path, format: ".npy", feature: "dtype '\(descr)'")
            }
            (self.dtype, self.fortranOrder, self.shape) = (dtype, fortran, shape)
        }

        /// The array at `offset`: a 1 x 1 matrix for 0-D, a column vector for 1-D.
        func matrix(from reader: ByteReader, at offset: Int) throws(FileError) -> Matrix {
            let (rows, cols) = switch shape.count {
            case 0: (1, 1)
            case 1: (shape[0], 1)
            default: (shape[0], shape[1])
            }
            let (count, overflow) = rows.multipliedReportingOverflow(by: cols)
            let (byteCount, overflow2) = count.multipliedReportingOverflow(by: dtype.size)
            guard !overflow && !overflow2 else { throw reader.malformed("shape \(shape) is too large") }
            let data = try reader.slice(offset, byteCount, "data of shape \(shape) and dtype \(dtype.size * 8)-bit")
            let start = data.startIndex
            // C order stores row by row: element (i, j) of a 2-D array is number i * cols + j.
            let rowMajor = !fortranOrder && shape.count == 2
            return Matrix(rows: rows, cols: cols) { i, j in
                let k = rowMajor ? i * cols + j : i + j * rows
                return dtype.value(data, at: start + k * dtype.size)
            }
        }
    }

    /// A NumPy scalar type this reader converts to `Double`.
    private struct DType {
        enum Kind { case float, signed, unsigned, boolean }
        let kind: Kind
        let size: Int
        let bigEndian: Bool

        /// Parses a descr such as `<f8`, `>i4`, `|u1` or `|b1` (`=` is native: little-endian here).
        init?(_ descr: String) {
            let chars = Array(descr)
            guard chars.count >= 3, "<>|=".contains(chars[0]), let size = Int(String(chars[2...])) else { return nil }
            switch (chars[1], size) {
            case ("f", 4), ("f", 8): kind = .float
            case ("i", 1), ("i", 2), ("i", 4), ("i", 8): kind = .signed
            case ("u", 1), ("u", 2), ("u", 4), ("u", 8): kind = .unsigned
            case ("b", 1): kind = .boolean
            default: return nil
            }
            self.size = size
            bigEndian = chars[0] == ">"
        }

        /// The element whose bytes start at `offset` of `data`.
        func value(_ data: ArraySlice<UInt8>, at offset: Int) -> Double {
            var bits: UInt64 = 0
            for k in 0..<size {
                let byte = UInt64(data[offset + (bigEndian ? k : size - 1 - k)])
                bits = bits << 8 | byte
            }
            switch (kind, size) {
            case (.float, 4): return Double(Float(bitPattern: UInt32(bits)))
            case (.float, _): return Double(bitPattern: bits)
            case (.signed, _):
                let shift = UInt64(64 - 8 * size)  // sign-extend from `size` bytes
                return Double(Int64(bitPattern: bits << shift) >> shift)
            case (.unsigned, _): return Double(bits)
            case (.boolean, _): return bits == 0 ? 0 : 1
            }
        }
    }
}
