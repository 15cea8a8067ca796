import CLinearAlgebra

/// A singular value decomposition `A = U * diag(singularValues) * Vt` of an m x n matrix,
/// with k = min(m, n).
public struct SingularValueDecomposition: Sendable {
    /// The left singular vectors, orthonormal columns: m x k (thin) or m x m (full).
    public let u: Matrix
    /// The k singular values, non-negative, in descending order.
    public let singularValues: [Double]
    /// The right singular vectors as rows (V transposed): k x n (thin) or n x n (full).
    public let vt: Matrix
}

extension Matrix {
    /// The singular value decomposition by LAPACK's divide-and-conquer driver `dgesdd`, or for
    /// matrices up to 32 x 32 by the same algorithm without LAPACK's overhead (``SmallSVD``).
    ///
    /// - Parameter full: `false` (the default) for the thin factors (U is m x k, Vt is k x n),
    ///   `true` for square U (m x m) and Vt (n x n).
    /// - Throws: ``LinalgError/nonFinite(function:argument:shape:)`` for NaN or infinite input,
    ///   ``LinalgError/noConvergence(function:routine:info:)`` if `dgesdd` fails to converge.
    public func svd(full: Bool = false) throws(LinalgError) -> SingularValueDecomposition {
        try decomposition(function: "svd", job: full ? .full : .thin)
    }

    /// The singular values alone, in descending order (`dgesdd` without vectors).
    ///
    /// - Throws: as ``svd(full:)``.
    public func singularValues() throws(LinalgError) -> [Double] {
        try decomposition(function: "singularValues", job: .valuesOnly).singularValues
    }

    /// The numerical rank: the number of singular values above `tolerance`, by default
    /// `max(singular values) * max(m, n) * machine epsilon` (NumPy's `matrix_rank`).
    ///
    /// - Throws: as ``svd(full:)``.
    public func rank(tolerance: Double? = nil) throws(LinalgError) -> Int {
        let s = try decomposition(function: "rank", job: .valuesOnly).singularValues
        let tol = tolerance ?? (s.first ?? 0) * Double(Swift.max(rows, cols)) * Double.ulpOfOne
        return s.count(where: { $0 > tol })
    }

    /// The condition number in the 2-norm, largest over smallest singular value (NumPy's `cond`):
    /// infinity for a singular matrix.
    ///
    /// - Throws: ``LinalgError/empty(function:shape:)`` for an empty matrix, otherwise as
    ///   ``svd(full:)``.
    public func conditionNumber() throws(LinalgError) -> Double {
        let s = try decomposition(function: "conditionNumber", job: .valuesOnly).singularValues
        guard let largest = s.first, let smallest = s.last else {
            throw .empty(function: "conditionNumber", shape: shape)
        }
        return smallest == 0 ? .infinity : largest / smallest
    }

    /// The Moore-Penrose pseudo-inverse, n x m, from the thin SVD: singular values at or below
    /// `rcond * max(singular values)` count as zero (NumPy's `pinv`, whose default is 1e-15).
    ///
    /// - Throws: as ``svd(full:)``.
    public func pseudoInverse(rcond: Double = 1e-15) throws(LinalgError) -> Matrix {
        let f = try decomposition(function: "pseudoInverse", job: .thin)
        let cutoff = rcond * (f.singularValues.first ?? 0)
        // pinv = V * diag(1/s) * U': scale the rows of Vt, then one gemm with both transposed.
        var scaledVt = f.vt
        for (i, s) in f.singularValues.enumerated() {
            let factor = s > cutoff ? 1 / s : 0
            for j in 0..<cols { scaledVt.storage[i + j * scaledVt.rows] *= factor }
        }
        var inverse = Matrix(rows: cols, cols: rows)
        try gemm(scaledVt, transposeA: true, f.u, transposeB: true, into: &inverse)
        return inverse
    }

    /// What `dgesdd` computes: the singular values, with thin or full vectors, or without them.
    private enum SVDJob {
        case valuesOnly, thin, full
    }

    /// What `job` asks for, by ``SmallSVD`` when the matrix is small (full factors of a square
    /// matrix are its thin ones), by `dgesdd` otherwise; `valuesOnly` returns empty `u` and `vt`.
    private func decomposition(function: String, job: SVDJob) throws(LinalgError) -> SingularValueDecomposition {
        switch job {
        case .valuesOnly:
            if let values = try SmallSVD.singularValues(of: self, function: function) {
                return SingularValueDecomposition(u: Matrix(rows: 0, cols: 0), singularValues: values, vt: Matrix(rows: 0, cols: 0))
            }
        case .thin, .full:
            if job == .thin || rows == cols, let small = try SmallSVD.thinDecomposition(of: self, function: function) { return small }
        }
        return try gesdd(function: function, job: job)
    }

    /// Runs `dgesdd` on a copy of the matrix; `valuesOnly` returns empty `u` and `vt`.
    private func gesdd(function: String, job: SVDJob) throws(LinalgError) -> SingularValueDecomposition {
        try requireFinite(function)
        let m = rows, n = cols, k = Swift.min(m, n)
        let (uCols, vtRows) = switch job {
        case .valuesOnly: (0, 0)
        case .thin: (k, k)
        case .full: (m, n)
        }
        if k == 0 {  // nothing to decompose; full factors of an empty matrix are identities
            return SingularValueDecomposition(
                u: .identity(rows: job == .valuesOnly ? 0 : m, cols: uCols), singularValues: [],
                vt: .identity(rows: vtRows, cols: job == .valuesOnly ? 0 : n))
        }
        var a = self
        var s = [Double](repeating: 0, count: k)
        var u = Matrix(rows: job == .valuesOnly ? 0 : m, cols: uCols)
        var vt = Matrix(rows: vtRows, cols: job == .valuesOnly ? 0 : n)
        let option: Unicode.Scalar = switch job {
        case .valuesOnly: "N"
        case .thin: "S"
        case .full: "A"
        }
        let info = LAPACKE_dgesdd(
            columnMajorLayout, lapackOption(option), lapackInt(m), lapackInt(n), &a.storage, leadingDimension(m),
            &s, &u.storage, leadingDimension(m), &vt.storage, leadingDimension(vtRows))
        try checkLAPACK(info, function: function, routine: "dgesdd") {
            .noConvergence(function: function, routine: "dgesdd", info: $0)
        }
        return SingularValueDecomposition(u: u, singularValues: s, vt: vt)
    }
}
