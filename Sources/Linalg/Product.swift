import CLinearAlgebra

// The matrix product through BLAS: `dgemm`, or `dgemv` when the right factor is one column.

extension Matrix {
    /// The matrix product `lhs * rhs` (BLAS `dgemm`; `dgemv` for a matrix times a column vector).
    ///
    /// - Throws: ``LinalgError/shapeMismatch(operation:lhs:rhs:)`` when `lhs.cols != rhs.rows`.
    public static func * (lhs: Matrix, rhs: Matrix) throws(LinalgError) -> Matrix {
        guard lhs.cols == rhs.rows else { throw .shapeMismatch(operation: "*", lhs: lhs.shape, rhs: rhs.shape) }
        // BLAS does not read C when beta = 0, so the product is written into fresh, unfilled storage.
        var product = Matrix.make(rows: lhs.rows, cols: rhs.cols) { _ in }
        multiply(alpha: 1, lhs, transposeA: false, rhs, transposeB: false, beta: 0, into: &product)
        return product
    }

    /// `c = alpha * op(a) * op(b) + beta * c`, shapes already checked: op(a) is m x k, op(b) is
    /// k x n and `c` is m x n.
    fileprivate static func multiply(
        alpha: Double, _ a: Matrix, transposeA: Bool, _ b: Matrix, transposeB: Bool, beta: Double,
        into c: inout Matrix
    ) {
        let m = c.rows, n = c.cols, k = transposeA ? a.rows : a.cols
        if m == 0 || n == 0 { return }
        if k == 0 {  // an empty sum: BLAS's quick returns would not always apply beta
            if beta == 0 { c.fill(0) } else { c.scale(by: beta) }
            return
        }
        let ta = transposeA ? CblasTrans : CblasNoTrans, tb = transposeB ? CblasTrans : CblasNoTrans
        let lda = blasInt(Swift.max(1, a.rows)), ldb = blasInt(Swift.max(1, b.rows)), ldc = blasInt(Swift.max(1, m))
        a.storage.withUnsafeBufferPointer { pa in
            b.storage.withUnsafeBufferPointer { pb in
                c.storage.withUnsafeMutableBufferPointer { pc in
                    if n == 1 {
                        // op(b) is one column, contiguous whether or not it is transposed.
                        cblas_dgemv(CblasColMajor, ta, blasInt(a.rows), blasInt(a.cols), alpha, pa.baseAddress, lda,
                                    pb.baseAddress, 1, beta, pc.baseAddress, 1)
                    } else {
                        cblas_dgemm(CblasColMajor, ta, tb, blasInt(m), blasInt(n), blasInt(k), alpha,
                                    pa.baseAddress, lda, pb.baseAddress, ldb, beta, pc.baseAddress, ldc)
                    }
                }
            }
        }
    }
}

/// `c = alpha * op(a) * op(b) + beta * c` in place (BLAS `dgemm`), where op(x) is x or its
/// transpose: the allocation-free form of the matrix product for loops.
///
/// With `beta = 0` the previous contents of `c` are ignored (even NaN), as BLAS specifies.
///
/// - Throws: ``LinalgError/shapeMismatch(operation:lhs:rhs:)`` when op(a) and op(b) do not
///   multiply, or when `c` does not have the shape of their product.
public func gemm(
    alpha: Double = 1, _ a: Matrix, transposeA: Bool = false, _ b: Matrix, transposeB: Bool = false,
    beta: Double = 0, into c: inout Matrix
) throws(LinalgError) {
    let opA = transposeA ? Shape(rows: a.cols, cols: a.rows) : a.shape
    let opB = transposeB ? Shape(rows: b.cols, cols: b.rows) : b.shape
    guard opA.cols == opB.rows else { throw .shapeMismatch(operation: "gemm", lhs: opA, rhs: opB) }
    let product = Shape(rows: opA.rows, cols: opB.cols)
    guard c.shape == product else { throw .shapeMismatch(operation: "gemm output", lhs: c.shape, rhs: product) }
    Matrix.multiply(alpha: alpha, a, transposeA: transposeA, b, transposeB: transposeB, beta: beta, into: &c)
}
