// The one broadcasting engine behind every elementwise binary operation (+, -, elementwise *
// and /, pow with a matrix exponent, and their in-place forms).
//
// Rule (NumPy's, in two dimensions): in each dimension the two extents must be equal, or one of
// them must be 1, in which case that operand repeats along the dimension. So a 1 x n row vector
// or an m x 1 column vector combines with an m x n matrix on either side, a 1 x 1 matrix acts as
// a scalar, and an m x 1 column with a 1 x n row gives an m x n table.

extension Matrix {
    /// The shape of `lhs op rhs` under broadcasting, or a shape-mismatch error naming `operation`.
    static func broadcastShape(_ lhs: Shape, _ rhs: Shape, operation: String) throws(LinalgError) -> Shape {
        func extent(_ a: Int, _ b: Int) -> Int? {
            a == b ? a : a == 1 ? b : b == 1 ? a : nil
        }
        guard let rows = extent(lhs.rows, rhs.rows), let cols = extent(lhs.cols, rhs.cols) else {
            throw .shapeMismatch(operation: operation, lhs: lhs, rhs: rhs)
        }
        return Shape(rows: rows, cols: cols)
    }

    /// Writes `op(lhs[i, j], rhs[i, j])` (indices broadcast) into `out`, a `shape` buffer, column by
    /// column; `out` may alias `lhs` (the in-place forms), never `rhs`.
    @inline(__always)
    private static func combine(
        _ lhs: UnsafePointer<Double>, _ lhsShape: Shape, _ rhs: UnsafePointer<Double>, _ rhsShape: Shape,
        into out: UnsafeMutablePointer<Double>, _ shape: Shape, _ op: (Double, Double) -> Double
    ) {
        let count = shape.rows * shape.cols
        if lhsShape == shape && rhsShape == shape {
            for k in 0..<count { out[k] = op(lhs[k], rhs[k]) }
            return
        }
        // Element (i, j) of an operand sits at i * rowStep + j * colStep; a step of 0 repeats it.
        let lhsRowStep = lhsShape.rows == 1 ? 0 : 1, lhsColStep = lhsShape.cols == 1 ? 0 : lhsShape.rows
        let rhsRowStep = rhsShape.rows == 1 ? 0 : 1, rhsColStep = rhsShape.cols == 1 ? 0 : rhsShape.rows
        for j in 0..<shape.cols {
            let a = lhs + j * lhsColStep, b = rhs + j * rhsColStep, c = out + j * shape.rows
            switch (lhsRowStep, rhsRowStep) {
            case (1, 1): for i in 0..<shape.rows { c[i] = op(a[i], b[i]) }
            case (0, 1): let x = a[0]; for i in 0..<shape.rows { c[i] = op(x, b[i]) }
            case (1, 0): let y = b[0]; for i in 0..<shape.rows { c[i] = op(a[i], y) }
            default: for i in 0..<shape.rows { c[i] = op(a[0], b[0]) }
            }
        }
    }

    /// `op` applied elementwise to `lhs` and `rhs` with broadcasting.
    ///
    /// - Throws: ``LinalgError/shapeMismatch(operation:lhs:rhs:)`` naming `operation`.
    @inline(__always)
    static func broadcast(
        _ lhs: Matrix, _ rhs: Matrix, operation: String, _ op: (Double, Double) -> Double
    ) throws(LinalgError) -> Matrix {
        let shape = try broadcastShape(lhs.shape, rhs.shape, operation: operation)
        if shape.rows * shape.cols == 0 { return Matrix(rows: shape.rows, cols: shape.cols) }
        return lhs.storage.withUnsafeBufferPointer { a in
            rhs.storage.withUnsafeBufferPointer { b in
                Matrix.make(rows: shape.rows, cols: shape.cols) { out in
                    combine(a.baseAddress!, lhs.shape, b.baseAddress!, rhs.shape,
                            into: out.baseAddress!, shape, op)
                }
            }
        }
    }

    /// Replaces `self` by `op(self, rhs)` with `rhs` broadcast; the result must keep the shape of
    /// `self` (a row vector may be added to a matrix in place, not the other way round).
    ///
    /// - Throws: ``LinalgError/shapeMismatch(operation:lhs:rhs:)`` naming `operation`.
    @inline(__always)
    mutating func broadcastInPlace(
        _ rhs: Matrix, operation: String, _ op: (Double, Double) -> Double
    ) throws(LinalgError) {
        let shape = try Matrix.broadcastShape(self.shape, rhs.shape, operation: operation)
        guard shape == self.shape else { throw .shapeMismatch(operation: operation, lhs: self.shape, rhs: rhs.shape) }
        if count == 0 { return }
        let ownShape = self.shape
        rhs.storage.withUnsafeBufferPointer { b in
            storage.withUnsafeMutableBufferPointer { a in
                Matrix.combine(a.baseAddress!, ownShape, b.baseAddress!, rhs.shape, into: a.baseAddress!, shape, op)
            }
        }
    }
}
