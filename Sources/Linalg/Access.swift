import CLinearAlgebra

// Rows, columns, blocks and reshaping. Every slice returned here is a COPY: changing it does not
// change the matrix it came from (copy-on-write makes whole-matrix copies cheap, not slices).

extension Matrix {
    /// The element at column-major position `k` (element (k % rows, k / rows)): for a vector,
    /// simply its k-th element.
    ///
    /// - Precondition: `0 <= k < count`.
    @inlinable public subscript(k: Int) -> Double {
        get { storage[k] }
        set { storage[k] = newValue }
    }

    /// The elements in row-major order (row 0 left to right, then row 1, ...), the order of a
    /// C-ordered NumPy array or of a text file.
    public var rowMajorElements: [Double] { transposed().storage }

    /// A copy of row `i` as a 1 x cols row vector.
    ///
    /// - Precondition: `0 <= i < rows`.
    public func row(_ i: Int) -> Matrix {
        block(rows: i..<(i + 1), cols: 0..<cols)
    }

    /// A copy of column `j` as a rows x 1 column vector.
    ///
    /// - Precondition: `0 <= j < cols`.
    public func column(_ j: Int) -> Matrix {
        block(rows: 0..<rows, cols: j..<(j + 1))
    }

    /// A copy of the rows in `range` (any range expression: `1..<3`, `2...`, `..<4`), all columns.
    ///
    /// - Precondition: the range lies within 0 ..< rows.
    public func rows<R: RangeExpression<Int>>(_ range: R) -> Matrix {
        block(rows: range.relative(to: 0..<rows), cols: 0..<cols)
    }

    /// A copy of the columns in `range`, all rows.
    ///
    /// - Precondition: the range lies within 0 ..< cols.
    public func columns<R: RangeExpression<Int>>(_ range: R) -> Matrix {
        block(rows: 0..<rows, cols: range.relative(to: 0..<cols))
    }

    /// A copy of the block of rows `rowRange` and columns `colRange`.
    ///
    /// - Precondition: both ranges lie within the matrix.
    public func block<R: RangeExpression<Int>, C: RangeExpression<Int>>(rows rowRange: R, cols colRange: C) -> Matrix {
        let r = rowRange.relative(to: 0..<rows), c = colRange.relative(to: 0..<cols)
        precondition(r.lowerBound >= 0 && r.upperBound <= rows && c.lowerBound >= 0 && c.upperBound <= cols,
                     "Matrix block out of range")
        if r.isEmpty || c.isEmpty { return Matrix(rows: r.count, cols: c.count) }
        return storage.withUnsafeBufferPointer { src in
            Matrix.make(rows: r.count, cols: c.count) { out in
                for (jOut, j) in c.enumerated() {
                    let from = src.baseAddress! + r.lowerBound + j * rows
                    (out.baseAddress! + jOut * r.count).initialize(from: from, count: r.count)
                }
            }
        }
    }

    /// Overwrites the block whose top-left element is (`row`, `col`) with `block`.
    ///
    /// - Throws: ``LinalgError/shapeMismatch(operation:lhs:rhs:)`` when `block` placed at
    ///   (`row`, `col`) does not fit inside the matrix (or the corner is negative).
    public mutating func setBlock(row: Int, col: Int, to block: Matrix) throws(LinalgError) {
        guard row >= 0, col >= 0, row + block.rows <= rows, col + block.cols <= cols else {
            throw .shapeMismatch(operation: "setBlock at (\(row), \(col))", lhs: shape, rhs: block.shape)
        }
        if block.count == 0 { return }
        let height = block.rows, stride = rows
        storage.withUnsafeMutableBufferPointer { dst in
            block.storage.withUnsafeBufferPointer { src in
                for j in 0..<block.cols {
                    (dst.baseAddress! + row + (col + j) * stride)
                        .update(from: src.baseAddress! + j * height, count: height)
                }
            }
        }
    }

    /// The transpose, a cols x rows matrix (OpenBLAS's cache-blocked `domatcopy`).
    public func transposed() -> Matrix {
        if rows <= 1 || cols <= 1 { return Matrix(rows: cols, cols: rows, columnMajor: storage) }
        return storage.withUnsafeBufferPointer { src in
            Matrix.make(rows: cols, cols: rows) { out in
                cblas_domatcopy(CblasColMajor, CblasTrans, blasInt(rows), blasInt(cols), 1,
                                src.baseAddress, blasInt(rows), out.baseAddress, blasInt(cols))
            }
        }
    }

    /// The same elements in a `rows` x `cols` shape, read in column-major order (Julia's
    /// `reshape`, NumPy's `reshape(order='F')`).
    ///
    /// - Precondition: `rows * cols == count`.
    public func reshaped(rows: Int, cols: Int) -> Matrix {
        var m = self
        m.reshape(rows: rows, cols: cols)
        return m
    }

    /// All elements as one column vector, in column-major order (Julia's `vec`).
    public func flattened() -> Matrix {
        reshaped(rows: count, cols: 1)
    }

    /// The matrices side by side, `[A B C]`.
    ///
    /// - Throws: ``LinalgError/shapeMismatch(operation:lhs:rhs:)`` when the row counts differ.
    /// - Returns: the 0 x 0 matrix for an empty list.
    public static func hcat(_ matrices: [Matrix]) throws(LinalgError) -> Matrix {
        guard let first = matrices.first else { return Matrix(rows: 0, cols: 0) }
        if let odd = matrices.first(where: { $0.rows != first.rows }) {
            throw .shapeMismatch(operation: "hcat", lhs: first.shape, rhs: odd.shape)
        }
        // Column-major storage makes horizontal concatenation a concatenation of element arrays,
        // copied once into storage of the final size.
        return Matrix.make(rows: first.rows, cols: matrices.reduce(0) { $0 + $1.cols }) { out in
            var next = out.baseAddress
            for matrix in matrices where matrix.count > 0 {
                matrix.storage.withUnsafeBufferPointer { next!.initialize(from: $0.baseAddress!, count: $0.count) }
                next! += matrix.count
            }
        }
    }

    /// The matrices stacked top to bottom, `[A; B; C]`.
    ///
    /// - Throws: ``LinalgError/shapeMismatch(operation:lhs:rhs:)`` when the column counts differ.
    /// - Returns: the 0 x 0 matrix for an empty list.
    public static func vcat(_ matrices: [Matrix]) throws(LinalgError) -> Matrix {
        guard let first = matrices.first else { return Matrix(rows: 0, cols: 0) }
        if let odd = matrices.first(where: { $0.cols != first.cols }) {
            throw .shapeMismatch(operation: "vcat", lhs: first.shape, rhs: odd.shape)
        }
        var result = Matrix(rows: matrices.reduce(0) { $0 + $1.rows }, cols: first.cols)
        var top = 0
        for m in matrices {
            try result.setBlock(row: top, col: 0, to: m)
            top += m.rows
        }
        return result
    }
}

/// A dimension converted to BLAS's integer type.
func blasInt(_ n: Int) -> blasint {
    precondition(n <= Int(blasint.max), "Matrix dimension too large for BLAS")
    return blasint(n)
}
