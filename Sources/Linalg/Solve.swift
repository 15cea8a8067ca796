import CLinearAlgebra
import Foundation

/// The result of a linear least-squares solve, `min ||A x - b||` over x.
public struct LeastSquaresSolution: Sendable {
    /// The minimum-norm solution, n x (columns of b).
    public let solution: Matrix
    /// The effective rank of A: the number of singular values above `rcond` times the largest.
    public let rank: Int
    /// The singular values of A, in descending order.
    public let singularValues: [Double]
}

extension Matrix {
    /// The solution `x` of `self * x = b` for a square, general matrix (LU with partial pivoting,
    /// LAPACK `dgesv`); `b` may have several columns.
    ///
    /// - Throws: ``LinalgError/notSquare(function:shape:)``,
    ///   ``LinalgError/shapeMismatch(operation:lhs:rhs:)`` when `b.rows != rows`,
    ///   ``LinalgError/nonFinite(function:argument:shape:)``, and
    ///   ``LinalgError/singular(function:pivot:)`` when U has an exact zero on its diagonal.
    public func solve(_ b: Matrix) throws(LinalgError) -> Matrix {
        try checkSystem(b, function: "solve")
        var lu = self, x = b
        var pivots = [LAPACKInt](repeating: 0, count: rows)
        let info = LAPACKE_dgesv(columnMajorLayout, lapackInt(rows), lapackInt(b.cols), &lu.storage,
                                 leadingDimension(rows), &pivots, &x.storage, leadingDimension(rows))
        try checkLAPACK(info, function: "solve", routine: "dgesv") { .singular(function: "solve", pivot: $0) }
        return x
    }

    /// The solution `x` of `self * x = b` for a symmetric positive-definite matrix (Cholesky,
    /// LAPACK `dposv`). Only the lower triangle of the matrix is read.
    ///
    /// - Throws: as ``solve(_:)``, with ``LinalgError/notPositiveDefinite(function:order:jitter:)``
    ///   in place of `singular`.
    public func solveSPD(_ b: Matrix) throws(LinalgError) -> Matrix {
        try checkSystem(b, function: "solveSPD")
        var factor = self, x = b
        let info = LAPACKE_dposv(columnMajorLayout, lapackOption("L"), lapackInt(rows), lapackInt(b.cols),
                                 &factor.storage, leadingDimension(rows), &x.storage, leadingDimension(rows))
        try checkLAPACK(info, function: "solveSPD", routine: "dposv") {
            .notPositiveDefinite(function: "solveSPD", order: $0, jitter: 0)
        }
        return x
    }

    /// The minimum-norm least-squares solution of `self * x ≈ b` (SVD-based LAPACK `dgelsd`),
    /// for any shape: overdetermined, underdetermined or rank-deficient.
    ///
    /// - Parameter rcond: singular values at or below `rcond` times the largest count as zero;
    ///   by default machine epsilon times max(m, n) (NumPy's `lstsq` default).
    /// - Throws: ``LinalgError/shapeMismatch(operation:lhs:rhs:)`` when `b.rows != rows`,
    ///   ``LinalgError/nonFinite(function:argument:shape:)``, and
    ///   ``LinalgError/noConvergence(function:routine:info:)`` if the SVD fails to converge.
    public func leastSquares(_ b: Matrix, rcond: Double? = nil) throws(LinalgError) -> LeastSquaresSolution {
        guard b.rows == rows else { throw .shapeMismatch(operation: "leastSquares", lhs: shape, rhs: b.shape) }
        try requireFinite("leastSquares")
        try b.requireFinite("leastSquares", argument: "right-hand side")
        let m = rows, n = cols, k = Swift.min(m, n)
        if k == 0 { return LeastSquaresSolution(solution: Matrix(rows: n, cols: b.cols), rank: 0, singularValues: []) }
        // dgelsd overwrites b with x, so b lives in a max(m, n)-row buffer.
        var a = self
        var x = Matrix(rows: Swift.max(m, n), cols: b.cols)
        try x.setBlock(row: 0, col: 0, to: b)
        var s = [Double](repeating: 0, count: k)
        var rank: LAPACKInt = 0
        let info = LAPACKE_dgelsd(columnMajorLayout, lapackInt(m), lapackInt(n), lapackInt(b.cols), &a.storage,
                                  leadingDimension(m), &x.storage, leadingDimension(x.rows), &s,
                                  rcond ?? Double.ulpOfOne * Double(Swift.max(m, n)), &rank)
        try checkLAPACK(info, function: "leastSquares", routine: "dgelsd") {
            .noConvergence(function: "leastSquares", routine: "dgelsd", info: $0)
        }
        return LeastSquaresSolution(solution: x.rows(0..<n), rank: Int(rank), singularValues: s)
    }

    /// The inverse of a square matrix (LAPACK `dgetrf` then `dgetri`). To solve a system,
    /// ``solve(_:)`` is faster and more accurate than multiplying by the inverse.
    ///
    /// - Throws: ``LinalgError/notSquare(function:shape:)``,
    ///   ``LinalgError/nonFinite(function:argument:shape:)`` and
    ///   ``LinalgError/singular(function:pivot:)``.
    public func inverse() throws(LinalgError) -> Matrix {
        var lu = try luFactorization(function: "inverse")
        if let pivot = lu.zeroPivot { throw .singular(function: "inverse", pivot: pivot) }
        if rows == 0 { return self }
        let info = LAPACKE_dgetri(columnMajorLayout, lapackInt(rows), &lu.factors.storage, leadingDimension(rows),
                                  lu.pivots)
        try checkLAPACK(info, function: "inverse", routine: "dgetri") { .singular(function: "inverse", pivot: $0) }
        return lu.factors
    }

    /// The determinant, from the LU factorisation (0 for a singular matrix; may overflow to
    /// ±infinity for large matrices, where ``logDeterminant()`` does not).
    ///
    /// - Throws: ``LinalgError/notSquare(function:shape:)`` and
    ///   ``LinalgError/nonFinite(function:argument:shape:)``.
    public func determinant() throws(LinalgError) -> Double {
        let lu = try luFactorization(function: "determinant")
        var det = 1.0
        for k in 0..<rows { det *= lu.factors.storage[k + k * rows] }
        return lu.swapCount % 2 == 0 ? det : -det
    }

    /// The sign and the natural logarithm of the absolute value of the determinant, so that
    /// `det = sign * exp(logAbs)` without overflow (NumPy's `slogdet`): `(0, -inf)` for a
    /// singular matrix.
    ///
    /// - Throws: ``LinalgError/notSquare(function:shape:)`` and
    ///   ``LinalgError/nonFinite(function:argument:shape:)``.
    public func logDeterminant() throws(LinalgError) -> (sign: Double, logAbs: Double) {
        let lu = try luFactorization(function: "logDeterminant")
        if lu.zeroPivot != nil { return (0, -.infinity) }
        var sign: Double = lu.swapCount % 2 == 0 ? 1 : -1, logAbs = 0.0
        for k in 0..<rows {
            let u = lu.factors.storage[k + k * rows]
            if u < 0 { sign = -sign }
            logAbs += Foundation.log(Swift.abs(u))
        }
        return (sign, logAbs)
    }

    /// An LU factorisation `P A = L U` (`dgetrf`): the packed factors, the 1-based pivots, and the
    /// 1-based index of the first exact zero on U's diagonal, if any.
    private func luFactorization(
        function: String
    ) throws(LinalgError) -> (factors: Matrix, pivots: [LAPACKInt], zeroPivot: Int?, swapCount: Int) {
        try requireSquare(function)
        try requireFinite(function)
        var factors = self
        var pivots = [LAPACKInt](repeating: 0, count: rows)
        if rows == 0 { return (factors, pivots, nil, 0) }
        let info = LAPACKE_dgetrf(columnMajorLayout, lapackInt(rows), lapackInt(cols), &factors.storage,
                                  leadingDimension(rows), &pivots)
        // A positive info is U's first zero pivot: the caller decides whether that is an error.
        try checkLAPACK(info, function: function, routine: "dgetrf") { _ in nil }
        let zeroPivot = info > 0 ? Int(info) : nil
        let swaps = pivots.enumerated().count(where: { Int($0.element) != $0.offset + 1 })
        return (factors, pivots, zeroPivot, swaps)
    }

    /// The checks shared by the square solvers: square, matching right-hand side, finite inputs.
    private func checkSystem(_ b: Matrix, function: String) throws(LinalgError) {
        try requireSquare(function)
        guard b.rows == rows else { throw .shapeMismatch(operation: function, lhs: shape, rhs: b.shape) }
        try requireFinite(function)
        try b.requireFinite(function, argument: "right-hand side")
    }
}
