import CLinearAlgebra

/// A QR factorisation `A = Q * R` of an m x n matrix, with k = min(m, n).
public struct QRDecomposition: Sendable {
    /// The orthonormal factor: m x k (thin) or m x m (full).
    public let q: Matrix
    /// The upper-triangular factor: k x n (thin) or m x n (full).
    public let r: Matrix
}

extension Matrix {
    /// The QR factorisation by Householder reflections (LAPACK `dgeqrf`, then `dorgqr` to form Q).
    ///
    /// - Parameter full: `false` (the default) for the thin factors, `true` for a square Q whose
    ///   last m - k columns complete an orthonormal basis.
    /// - Throws: ``LinalgError/nonFinite(function:argument:shape:)`` for NaN or infinite input.
    public func qr(full: Bool = false) throws(LinalgError) -> QRDecomposition {
        try requireFinite("qr")
        let m = rows, n = cols, k = Swift.min(m, n)
        let qCols = full ? m : k, rRows = full ? m : k
        if k == 0 { return QRDecomposition(q: .identity(rows: m, cols: qCols), r: Matrix(rows: rRows, cols: n)) }

        var a = self
        var tau = [Double](repeating: 0, count: k)
        let info = LAPACKE_dgeqrf(columnMajorLayout, lapackInt(m), lapackInt(n), &a.storage, leadingDimension(m), &tau)
        try checkLAPACK(info, function: "qr", routine: "dgeqrf") { _ in nil }
        // R is the upper triangle of the first rows; the reflectors below it become Q.
        let r = a.rows(0..<rRows).triangle(lower: false)
        var q = Matrix(rows: m, cols: qCols)
        try q.setBlock(row: 0, col: 0, to: a.columns(0..<Swift.min(n, qCols)))
        let orgInfo = LAPACKE_dorgqr(columnMajorLayout, lapackInt(m), lapackInt(qCols), lapackInt(k), &q.storage,
                                     leadingDimension(m), tau)
        try checkLAPACK(orgInfo, function: "qr", routine: "dorgqr") { _ in nil }
        return QRDecomposition(q: q, r: r)
    }
}
