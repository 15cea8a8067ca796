import CLinearAlgebra
import Foundation

/// A Cholesky factorisation `A + jitter * I = L * L'` of a symmetric positive-definite matrix.
public struct CholeskyDecomposition: Sendable {
    /// The lower-triangular factor L (zeros above the diagonal).
    public let lower: Matrix
    /// The amount added to every diagonal element before factorising (0 when A itself was
    /// positive definite), in the units of A's elements.
    public let jitter: Double

    /// The solution `x` of `(A + jitter I) x = b` by two triangular solves (LAPACK `dpotrs`).
    ///
    /// - Throws: ``LinalgError/shapeMismatch(operation:lhs:rhs:)`` when `b.rows` differs from the
    ///   order of the factor, ``LinalgError/nonFinite(function:argument:shape:)`` for NaN or
    ///   infinite `b`.
    public func solve(_ b: Matrix) throws(LinalgError) -> Matrix {
        let n = lower.rows
        guard b.rows == n else { throw .shapeMismatch(operation: "cholesky solve", lhs: lower.shape, rhs: b.shape) }
        try b.requireFinite("cholesky solve", argument: "right-hand side")
        if n == 0 { return b }
        var x = b
        let info = LAPACKE_dpotrs(columnMajorLayout, lapackOption("L"), lapackInt(n), lapackInt(b.cols),
                                  lower.storage, leadingDimension(n), &x.storage, leadingDimension(n))
        try checkLAPACK(info, function: "cholesky solve", routine: "dpotrs") { _ in nil }
        return x
    }

    /// `log det(A + jitter I) = 2 * sum(log L[k, k])`.
    public var logDeterminant: Double {
        var sum = 0.0
        for k in 0..<lower.rows { sum += Foundation.log(lower[k, k]) }
        return 2 * sum
    }
}

extension Matrix {
    /// The Cholesky factorisation `A = L L'` (LAPACK `dpotrf`, lower triangle). Only the lower
    /// triangle of the matrix is read.
    ///
    /// With `jitter > 0`, a matrix that is not numerically positive definite (a Gaussian-process
    /// covariance with nearly coincident points) is retried with `jitter * mean(diag(A)) * 10^k`
    /// added to its diagonal for k = 0, 1, ..., `maxAttempts - 1`, stopping at the first success;
    /// the result's ``CholeskyDecomposition/jitter`` reports the amount used.
    ///
    /// - Throws: ``LinalgError/notSquare(function:shape:)``,
    ///   ``LinalgError/nonFinite(function:argument:shape:)``, and
    ///   ``LinalgError/notPositiveDefinite(function:order:jitter:)`` with the order of the first
    ///   non-positive leading minor (of the last attempt) and the largest jitter tried.
    public func cholesky(jitter: Double = 0, maxAttempts: Int = 5) throws(LinalgError) -> CholeskyDecomposition {
        try requireSquare("cholesky")
        try requireFinite("cholesky")
        guard jitter >= 0 && jitter.isFinite else {
            throw .invalidArgument(function: "cholesky", message: "jitter must be finite and non-negative, got \(jitter)")
        }
        var failedOrder = 0
        if let lower = try potrf(adding: 0, failedOrder: &failedOrder) {
            return CholeskyDecomposition(lower: lower, jitter: 0)
        }
        let meanDiagonal = diagonal().mean()
        var added = 0.0
        if jitter > 0 && meanDiagonal > 0 {
            for k in 0..<Swift.max(0, maxAttempts) {
                added = jitter * meanDiagonal * Foundation.pow(10, Double(k))
                if let lower = try potrf(adding: added, failedOrder: &failedOrder) {
                    return CholeskyDecomposition(lower: lower, jitter: added)
                }
            }
        }
        throw .notPositiveDefinite(function: "cholesky", order: failedOrder, jitter: added)
    }

    /// The lower Cholesky factor of `self + shift * I`, or nil with `failedOrder` set to the
    /// first non-positive leading minor. The matrix is square and finite.
    private func potrf(adding shift: Double, failedOrder: inout Int) throws(LinalgError) -> Matrix? {
        var a = self
        for k in 0..<rows { a.storage[k + k * rows] += shift }
        if rows == 0 { return a }
        let info = LAPACKE_dpotrf(columnMajorLayout, lapackOption("L"), lapackInt(rows), &a.storage,
                                  leadingDimension(rows))
        var failed = false
        try checkLAPACK(info, function: "cholesky", routine: "dpotrf") { order in
            failedOrder = order
            failed = true
            return nil
        }
        return failed ? nil : a.triangle(lower: true)
    }
}
