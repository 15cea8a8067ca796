import CLinearAlgebra

/// The singular value decomposition of a small matrix, the kind principal angles and Grassmann
/// log maps factorise by the thousand (10 x 10 cross products of subspace bases).
///
/// At these sizes LAPACK's drivers spend much of their time around the arithmetic: workspace
/// queries and allocation, parameter lookups, level-2 BLAS calls on vectors of ten elements. This
/// is the same algorithm with that overhead removed: the Householder bidiagonalisation of
/// `dgebd2`, written here on a stack workspace, then LAPACK's `dbdsqr` for the bidiagonal (the
/// dqds algorithm of `dlasq1` when no vectors are wanted, implicit-shift QR otherwise). Like
/// `dgesdd` it is backward stable: the singular values are exact for a matrix within a few units
/// of the machine epsilon times the norm of the input.
///
/// The matrix is first scaled by a power of two (see ``SmallMatrixScaling``, which also says
/// which matrices are left to LAPACK's drivers).
enum SmallSVD {
    /// The singular values of `matrix` in descending order, or nil when the matrix is not one for
    /// this path (see ``SmallMatrixScaling/factor(for:)``).
    ///
    /// - Throws: ``LinalgError/nonFinite(function:argument:shape:)`` for NaN or infinite input,
    ///   ``LinalgError/noConvergence(function:routine:info:)`` if `dbdsqr` fails.
    static func singularValues(of matrix: Matrix, function: String) throws(LinalgError) -> [Double]? {
        guard let problem = try Problem(matrix, function: function) else { return nil }
        var values = [Double](repeating: 0, count: problem.n)
        let info = problem.withBidiagonal { bidiagonal in
            let info = LAPACKE_dbdsqr_work(columnMajorLayout, lapackOption("U"), lapackInt(problem.n), 0, 0, 0,
                                           bidiagonal.d, bidiagonal.e, nil, 1, nil, 1, nil, 1, bidiagonal.work)
            for i in 0..<problem.n { values[i] = bidiagonal.d[i] / problem.scale }
            return info
        }
        try checkLAPACK(info, function: function, routine: "dbdsqr") { .noConvergence(function: function, routine: "dbdsqr", info: $0) }
        return values
    }

    /// The thin decomposition of `matrix` (U is rows x k, Vt is k x cols, k = min(rows, cols)),
    /// or nil when the matrix is not one for this path.
    ///
    /// - Throws: as ``singularValues(of:function:)``.
    static func thinDecomposition(of matrix: Matrix, function: String) throws(LinalgError) -> SingularValueDecomposition? {
        guard let problem = try Problem(matrix, function: function) else { return nil }
        let (m, n) = (problem.m, problem.n)
        var u = Matrix(rows: m, cols: n), vt = Matrix(rows: n, cols: n)
        var values = [Double](repeating: 0, count: n)
        let info = problem.withBidiagonal { bidiagonal in
            let info = u.storage.withUnsafeMutableBufferPointer { u in
                vt.storage.withUnsafeMutableBufferPointer { vt in
                    // U starts as the product Q of the left reflectors, Vt as P' for the right ones;
                    // dbdsqr multiplies in the bidiagonal's own singular vectors.
                    bidiagonal.formLeftFactor(into: u.baseAddress!)
                    bidiagonal.formRightFactorTransposed(into: vt.baseAddress!)
                    return LAPACKE_dbdsqr_work(columnMajorLayout, lapackOption("U"), lapackInt(n), lapackInt(n), lapackInt(m), 0,
                                               bidiagonal.d, bidiagonal.e, vt.baseAddress, lapackInt(n), u.baseAddress,
                                               lapackInt(m), nil, 1, bidiagonal.work)
                }
            }
            for i in 0..<n { values[i] = bidiagonal.d[i] / problem.scale }
            return info
        }
        try checkLAPACK(info, function: function, routine: "dbdsqr") { .noConvergence(function: function, routine: "dbdsqr", info: $0) }
        // A' = U S Vt gives A = Vt' S U'.
        return problem.transposed
            ? SingularValueDecomposition(u: vt.transposed(), singularValues: values, vt: u.transposed())
            : SingularValueDecomposition(u: u, singularValues: values, vt: vt)
    }

    /// A matrix accepted for this path, as the tall (m >= n) matrix to bidiagonalise.
    private struct Problem {
        /// The input, or its transpose when the input is wide.
        let tall: Matrix
        /// Rows and columns of `tall`.
        let m: Int, n: Int
        /// Whether the input was wide.
        let transposed: Bool
        /// The power of two that brings the largest element into [1, 2).
        let scale: Double

        /// The problem for `matrix`, or nil when the matrix is not one for this path.
        init?(_ matrix: Matrix, function: String) throws(LinalgError) {
            guard SmallMatrixScaling.fits(matrix) else { return nil }
            try matrix.requireFinite(function)
            guard let scale = SmallMatrixScaling.factor(for: matrix) else { return nil }
            self.scale = scale
            transposed = matrix.rows < matrix.cols
            tall = transposed ? matrix.transposed() : matrix
            (m, n) = (tall.rows, tall.cols)
        }

        /// Calls `body` with the bidiagonal form of the scaled matrix, on a stack workspace.
        func withBidiagonal<T>(_ body: (Bidiagonal) -> T) -> T {
            let (m, n) = (self.m, self.n)
            return withUnsafeTemporaryAllocation(of: Double.self, capacity: m * n + 4 * n + Swift.max(m, 4 * n, n * n)) { buffer in
                let base = buffer.baseAddress!
                let bidiagonal = Bidiagonal(m: m, n: n, a: base, tauQ: base + m * n, tauP: base + m * n + n,
                                            d: base + m * n + 2 * n, e: base + m * n + 3 * n, work: base + m * n + 4 * n)
                for i in 0..<(m * n) { bidiagonal.a[i] = tall.storage[i] * scale }
                bidiagonal.reduce()
                return body(bidiagonal)
            }
        }
    }

    /// Householder bidiagonalisation A = Q B P' of an m x n matrix (m >= n) on caller-owned
    /// memory (LAPACK's `dgebd2`, `dorg2r` and `dorgbr`).
    private struct Bidiagonal {
        let m: Int, n: Int
        /// The m x n matrix, column-major; after ``reduce()``, each left reflector's vector lies
        /// below the diagonal of its column and each right reflector's to the right of the
        /// superdiagonal of its row (both with an implicit leading 1).
        let a: UnsafeMutablePointer<Double>
        /// The scalar factors of the n left and n - 1 right reflectors.
        let tauQ: UnsafeMutablePointer<Double>, tauP: UnsafeMutablePointer<Double>
        /// The diagonal (n) and superdiagonal (n - 1) of B.
        let d: UnsafeMutablePointer<Double>, e: UnsafeMutablePointer<Double>
        /// Scratch of max(m, 4n, n^2) elements: the right reflectors' vectors while P is formed,
        /// dbdsqr's workspace afterwards.
        let work: UnsafeMutablePointer<Double>

        /// Reduces `a` to bidiagonal form in place.
        func reduce() {
            for k in 0..<n {
                // Left reflector: zero column k below the diagonal, apply it to the columns on the right.
                (d[k], tauQ[k]) = Householder.reflector(a + k + k * m, count: m - k, stride: 1)
                Householder.applyFromLeft(vector: a + k + k * m, tau: tauQ[k], rows: m - k, to: a + k + (k + 1) * m,
                                          cols: n - k - 1, leadingDimension: m)
                guard k < n - 1 else { continue }
                // Right reflector: zero row k beyond the superdiagonal, apply it to the rows below.
                (e[k], tauP[k]) = Householder.reflector(a + k + (k + 1) * m, count: n - k - 1, stride: m)
                Householder.applyFromRight(vector: a + k + (k + 1) * m, stride: m, tau: tauP[k], to: a + (k + 1) + (k + 1) * m,
                                           rows: m - k - 1, cols: n - k - 1, leadingDimension: m, work: work)
            }
        }

        /// Writes Q's first n columns (m x n, column-major) to `q`.
        func formLeftFactor(into q: UnsafeMutablePointer<Double>) {
            Self.orthogonalFactor(vectors: a, leadingDimension: m, taus: tauQ, rows: m, cols: n, into: q, outputLeadingDimension: m)
        }

        /// Writes P' (n x n, column-major) to `pt`. P acts on coordinates 1..<n only; its
        /// reflectors' vectors run along the rows of `a` from the superdiagonal.
        func formRightFactorTransposed(into pt: UnsafeMutablePointer<Double>) {
            let size = n - 1
            for i in 0..<(n * n) { pt[i] = 0 }
            pt[0] = 1
            guard size > 0 else { return }
            // The vectors as the columns of a size x size matrix (in `work`, free until dbdsqr),
            // the factor P[1..., 1...] into the block of pt, transposed afterwards.
            for k in 0..<size {
                for j in (k + 1)..<n { work[(j - 1) + k * size] = a[k + j * m] }
            }
            Self.orthogonalFactor(vectors: work, leadingDimension: size, taus: tauP, rows: size, cols: size,
                                  into: pt + 1 + n, outputLeadingDimension: n)
            for i in 1..<n {
                for j in (i + 1)..<n { swap(&pt[i + j * n], &pt[j + i * n]) }
            }
        }

        /// The first `cols` columns of the product of `cols` reflectors whose vectors lie below
        /// the diagonal of the `rows` x `cols` matrix at `vectors` (LAPACK's `dorg2r`), written
        /// to `q`.
        private static func orthogonalFactor(
            vectors: UnsafeMutablePointer<Double>, leadingDimension ld: Int, taus: UnsafeMutablePointer<Double>,
            rows: Int, cols: Int, into q: UnsafeMutablePointer<Double>, outputLeadingDimension qld: Int
        ) {
            for k in stride(from: cols - 1, through: 0, by: -1) {
                // H_k acts on rows k...: apply it to the columns on the right (zero above row k),
                // then column k becomes H_k e_k.
                let v = vectors + k + k * ld
                Householder.applyFromLeft(vector: v, tau: taus[k], rows: rows - k, to: q + k + (k + 1) * qld, cols: cols - k - 1,
                                          leadingDimension: qld)
                for i in 0..<k { q[i + k * qld] = 0 }
                q[k + k * qld] = 1 - taus[k]
                for i in 1..<(rows - k) { q[k + i + k * qld] = -taus[k] * v[i] }
            }
        }
    }
}
