import CLinearAlgebra

/// The eigendecomposition `A V = V diag(values)` of a symmetric matrix.
public struct SymmetricEigendecomposition: Sendable {
    /// The eigenvalues in ascending order.
    public let values: [Double]
    /// The orthonormal eigenvectors, column k belonging to `values[k]`.
    public let vectors: Matrix
}

/// The eigenvalues, and optionally the right eigenvectors, of a general real square matrix.
///
/// Complex eigenvalues come in conjugate pairs, stored next to each other with the positive
/// imaginary part first, as LAPACK returns them.
public struct Eigendecomposition: Sendable {
    /// The real parts of the eigenvalues.
    public let real: [Double]
    /// The imaginary parts of the eigenvalues (0 for real eigenvalues).
    public let imaginary: [Double]
    /// The real parts of the right eigenvectors, column k belonging to eigenvalue k, each of
    /// Euclidean norm 1 and largest component real; nil when not computed.
    public let vectorsReal: Matrix?
    /// The imaginary parts of the right eigenvectors (zero columns for real eigenvalues); nil when
    /// not computed.
    public let vectorsImaginary: Matrix?
}

extension Matrix {
    /// The eigenvalues (ascending) and orthonormal eigenvectors of a symmetric matrix
    /// (LAPACK's divide-and-conquer `dsyevd`, or for matrices up to 32 x 32 the classical
    /// algorithm without LAPACK's overhead, ``SmallSymmetricEigen``). Only the lower triangle
    /// is read.
    ///
    /// - Throws: ``LinalgError/notSquare(function:shape:)``,
    ///   ``LinalgError/nonFinite(function:argument:shape:)`` and
    ///   ``LinalgError/noConvergence(function:routine:info:)``.
    public func symmetricEigen() throws(LinalgError) -> SymmetricEigendecomposition {
        try syevd(function: "symmetricEigen", vectors: true)
    }

    /// The eigenvalues of a symmetric matrix in ascending order (`dsyevd` without vectors).
    ///
    /// - Throws: as ``symmetricEigen()``.
    public func symmetricEigenvalues() throws(LinalgError) -> [Double] {
        try syevd(function: "symmetricEigenvalues", vectors: false).values
    }

    /// The eigenvalues and right eigenvectors of a general square matrix (LAPACK `dgeev`).
    ///
    /// - Throws: ``LinalgError/notSquare(function:shape:)``,
    ///   ``LinalgError/nonFinite(function:argument:shape:)`` and
    ///   ``LinalgError/noConvergence(function:routine:info:)``.
    public func eigen() throws(LinalgError) -> Eigendecomposition {
        try geev(function: "eigen", vectors: true)
    }

    /// The eigenvalues of a general square matrix as real and imaginary parts (`dgeev` without
    /// vectors).
    ///
    /// - Throws: as ``eigen()``.
    public func eigenvalues() throws(LinalgError) -> (real: [Double], imaginary: [Double]) {
        let e = try geev(function: "eigenvalues", vectors: false)
        return (e.real, e.imaginary)
    }

    /// What `dsyevd` computes, by ``SmallSymmetricEigen`` when the matrix is small.
    private func syevd(function: String, vectors: Bool) throws(LinalgError) -> SymmetricEigendecomposition {
        try requireSquare(function)
        try requireFinite(function)
        if let small = SmallSymmetricEigen.decomposition(of: self, vectors: vectors) { return small }
        var a = self
        var w = [Double](repeating: 0, count: rows)
        if rows > 0 {
            let info = LAPACKE_dsyevd(columnMajorLayout, lapackOption(vectors ? "V" : "N"), lapackOption("L"),
                                      lapackInt(rows), &a.storage, leadingDimension(rows), &w)
            try checkLAPACK(info, function: function, routine: "dsyevd") {
                .noConvergence(function: function, routine: "dsyevd", info: $0)
            }
        }
        return SymmetricEigendecomposition(values: w, vectors: vectors ? a : Matrix(rows: 0, cols: 0))
    }

    private func geev(function: String, vectors: Bool) throws(LinalgError) -> Eigendecomposition {
        try requireSquare(function)
        try requireFinite(function)
        let n = rows
        var a = self, left = [Double](repeating: 0, count: 1)
        var real = [Double](repeating: 0, count: n), imaginary = real
        var right = Matrix(rows: vectors ? n : 0, cols: vectors ? n : 0)
        if n > 0 {
            let info = LAPACKE_dgeev(columnMajorLayout, lapackOption("N"), lapackOption(vectors ? "V" : "N"),
                                     lapackInt(n), &a.storage, leadingDimension(n), &real, &imaginary,
                                     &left, 1, &right.storage, leadingDimension(n))
            try checkLAPACK(info, function: function, routine: "dgeev") {
                .noConvergence(function: function, routine: "dgeev", info: $0)
            }
        }
        guard vectors else { return Eigendecomposition(real: real, imaginary: imaginary, vectorsReal: nil, vectorsImaginary: nil) }
        // dgeev packs a conjugate pair (j, j + 1) as columns j = Re v and j + 1 = Im v of the first.
        var re = right, im = Matrix(rows: n, cols: n)
        var j = 0
        while j < n {
            if imaginary[j] != 0 && j + 1 < n {
                for i in 0..<n {
                    let y = right[i, j + 1]
                    re[i, j + 1] = right[i, j]
                    im[i, j] = y
                    im[i, j + 1] = -y
                }
                j += 2
            } else {
                j += 1
            }
        }
        return Eigendecomposition(real: real, imaginary: imaginary, vectorsReal: re, vectorsImaginary: im)
    }
}
