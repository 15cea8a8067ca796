/// The eigendecomposition of a small symmetric matrix, the kind Grassmann computations take by
/// the thousand (10 x 10 Gram matrices of cross products and of tangent vectors).
///
/// At these sizes LAPACK's `dsyevd` spends most of its time around the arithmetic (workspace
/// queries, the dispatch between blocked and unblocked code). This is the classical algorithm
/// without that overhead: Householder tridiagonalisation of the lower triangle (LAPACK's
/// `dsytd2`), then the implicit QL iteration with Wilkinson shifts: with vectors, on the
/// orthogonal factor (`dorgtr`) with the rotations accumulated into it (EISPACK's `tql2`, the
/// algorithm of LAPACK's `dsteqr`); without, in its rational form free of square roots
/// (EISPACK's `tqlrat`, as LAPACK's `dsterf`). Like `dsyevd` it is backward stable: the eigenvalues
/// are exact for a symmetric matrix within a few units of the machine epsilon times the norm of
/// the input.
///
/// The matrix is first scaled by a power of two (see ``SmallMatrixScaling``, which also says
/// which matrices are left to LAPACK's driver).
enum SmallSymmetricEigen {
    /// Iterations allowed per eigenvalue before the matrix is left to LAPACK; the QL iteration
    /// needs about two.
    private static let iterationsPerValue = 30

    /// The eigenvalues (ascending) of the symmetric `matrix`, read from its lower triangle, and
    /// with `vectors` the orthonormal eigenvectors; nil when the matrix is not one for this path
    /// (see ``SmallMatrixScaling/factor(for:)``) or, in theory, when the iteration does not
    /// converge. The caller has checked that the matrix is square and finite.
    static func decomposition(of matrix: Matrix, vectors: Bool) -> SymmetricEigendecomposition? {
        guard let scale = SmallMatrixScaling.factor(for: matrix) else { return nil }
        let n = matrix.rows
        return withUnsafeTemporaryAllocation(of: Double.self, capacity: 2 * n * n + 3 * n) { buffer in
            let base = buffer.baseAddress!
            let a = base, z = base + n * n, d = base + 2 * n * n, e = d + n, taus = e + n
            for j in 0..<n {
                for i in j..<n {
                    a[i + j * n] = matrix.storage[i + j * n] * scale
                    a[j + i * n] = a[i + j * n]
                }
            }
            tridiagonalize(a, n: n, d: d, e: e, taus: taus, work: z)  // z is free until Q is formed
            if vectors {
                formOrthogonalFactor(from: a, n: n, taus: taus, into: z)
                guard diagonalize(n: n, d: d, e: e, vectors: z) else { return nil }
            } else {
                guard eigenvalues(n: n, d: d, squaredSubdiagonal: e) else { return nil }
            }
            let order = (0..<n).sorted { d[$0] < d[$1] }
            let values = order.map { d[$0] / scale }
            guard vectors else { return SymmetricEigendecomposition(values: values, vectors: Matrix(rows: 0, cols: 0)) }
            let eigenvectors = Matrix(rows: n, cols: n) { i, j in z[i + order[j] * n] }
            return SymmetricEigendecomposition(values: values, vectors: eigenvectors)
        }
    }

    /// Reduces the symmetric n x n matrix `a` (both triangles stored) to the tridiagonal T =
    /// Q' A Q with diagonal `d` and subdiagonal `e` (n - 1 elements). Reflector H(k) = I -
    /// tau v v' acts on coordinates k + 1...; its vector lies in column k of `a` from row k + 1
    /// (v[0] = 1 implicit there), its tau in `taus[k]`. `work` holds n elements of scratch.
    private static func tridiagonalize(
        _ a: UnsafeMutablePointer<Double>, n: Int, d: UnsafeMutablePointer<Double>, e: UnsafeMutablePointer<Double>,
        taus: UnsafeMutablePointer<Double>, work w: UnsafeMutablePointer<Double>
    ) {
        for k in 0..<Swift.max(0, n - 2) {
            let v = a + (k + 1) + k * n, m = n - k - 1
            let (beta, tau) = Householder.reflector(v, count: m, stride: 1)
            e[k] = beta
            taus[k] = tau
            guard tau != 0 else { continue }
            // The trailing block B = A[k+1..., k+1...] becomes H B H: with p = tau B v and
            // w = p - (tau/2)(p'v) v, B -= v w' + w v'.
            let block = a + (k + 1) + (k + 1) * n
            for i in 0..<m { w[i] = 0 }
            for j in 0..<m {
                let vj = j == 0 ? 1 : v[j]
                for i in 0..<m { w[i] += block[i + j * n] * vj }
            }
            var pv = 0.0
            for i in 0..<m {
                w[i] *= tau
                pv += w[i] * (i == 0 ? 1 : v[i])
            }
            let half = 0.5 * tau * pv
            for i in 0..<m { w[i] -= half * (i == 0 ? 1 : v[i]) }
            for j in 0..<m {
                let vj = j == 0 ? 1 : v[j], wj = w[j]
                for i in 0..<m { block[i + j * n] -= (i == 0 ? 1 : v[i]) * wj + w[i] * vj }
            }
        }
        for k in 0..<n { d[k] = a[k + k * n] }
        if n >= 2 { e[n - 2] = a[(n - 1) + (n - 2) * n] }
    }

    /// Writes Q = H(0) H(1) ... H(n - 3) (n x n, column-major) to `q`.
    private static func formOrthogonalFactor(
        from a: UnsafeMutablePointer<Double>, n: Int, taus: UnsafeMutablePointer<Double>, into q: UnsafeMutablePointer<Double>
    ) {
        for i in 0..<(n * n) { q[i] = 0 }
        for i in 0..<n { q[i + i * n] = 1 }
        // Backwards, each H(k) only changes the columns after k, rows after k.
        for k in stride(from: n - 3, through: 0, by: -1) {
            Householder.applyFromLeft(vector: a + (k + 1) + k * n, tau: taus[k], rows: n - k - 1,
                                      to: q + (k + 1) + (k + 1) * n, cols: n - k - 1, leadingDimension: n)
        }
    }

    /// The implicit QL iteration on the tridiagonal (`d`, `e`): on return `d` holds the
    /// eigenvalues, unordered, and the columns of `vectors` (holding Q on entry) the
    /// eigenvectors. Returns false if an eigenvalue needed more than ``iterationsPerValue``
    /// iterations.
    private static func diagonalize(
        n: Int, d: UnsafeMutablePointer<Double>, e: UnsafeMutablePointer<Double>, vectors z: UnsafeMutablePointer<Double>
    ) -> Bool {
        guard n > 1 else { return true }
        e[n - 1] = 0
        for l in 0..<n {
            var iterations = 0
            while true {
                // The first negligible subdiagonal element at or after l splits off the block l...m.
                var m = l
                while m < n - 1, Swift.abs(e[m]) > Double.ulpOfOne * (Swift.abs(d[m]) + Swift.abs(d[m + 1])) { m += 1 }
                if m == l { break }
                iterations += 1
                if iterations > iterationsPerValue { return false }
                // Wilkinson's shift from the leading 2 x 2, then the rotations chase the bulge up.
                var g = (d[l + 1] - d[l]) / (2 * e[l])
                var r = (g * g + 1).squareRoot()
                g = d[m] - d[l] + e[l] / (g + (g >= 0 ? r : -r))
                var s = 1.0, c = 1.0, p = 0.0
                var i = m - 1
                var deflated = false
                while i >= l {
                    let f = s * e[i], b = c * e[i]
                    r = (f * f + g * g).squareRoot()
                    e[i + 1] = r
                    if r == 0 {  // underflow: the block splits at i + 1
                        d[i + 1] -= p
                        e[m] = 0
                        deflated = true
                        break
                    }
                    let inverse = 1 / r
                    s = f * inverse
                    c = g * inverse
                    g = d[i + 1] - p
                    r = (d[i] - g) * s + 2 * c * b
                    p = s * r
                    d[i + 1] = g + p
                    g = c * r - b
                    let left = z + i * n, right = z + (i + 1) * n
                    for k in 0..<n {
                        let zr = right[k]
                        right[k] = s * left[k] + c * zr
                        left[k] = c * left[k] - s * zr
                    }
                    i -= 1
                }
                if deflated { continue }
                d[l] -= p
                e[l] = g
                e[m] = 0
            }
        }
        return true
    }

    /// The eigenvalues alone of the tridiagonal (`d`, `e`) by the rational QL iteration without
    /// square roots (EISPACK's `tqlrat`, the algorithm of LAPACK's `dsterf`), on the squares of
    /// the subdiagonal, which replace `e`: on return `d` holds the eigenvalues in ascending
    /// order. Returns false if an eigenvalue needed more than ``iterationsPerValue`` iterations.
    private static func eigenvalues(n: Int, d: UnsafeMutablePointer<Double>, squaredSubdiagonal e2: UnsafeMutablePointer<Double>) -> Bool {
        guard n > 1 else { return true }
        for i in 0..<(n - 1) { e2[i] *= e2[i] }
        e2[n - 1] = 0
        // f: the shift accumulated so far; b, c: the negligible size of a subdiagonal element and
        // of its square, from the largest |d[l]| + |e[l]| met.
        var f = 0.0, largest = 0.0, b = 0.0, c = 0.0
        for l in 0..<n {
            let size = Swift.abs(d[l]) + e2[l].squareRoot()
            if largest <= size {
                largest = size
                b = largest * Double.ulpOfOne
                c = b * b
            }
            var m = l
            while e2[m] > c { m += 1 }  // e2[n - 1] = 0 stops the search
            var iterations = 0
            while m > l {
                iterations += 1
                if iterations > iterationsPerValue { return false }
                // The shift: the eigenvalue of the leading 2 x 2 nearer d[l], subtracted from d.
                var s = e2[l].squareRoot()
                var g = d[l]
                var p = (d[l + 1] - g) / (2 * s)
                var r = (p * p + 1).squareRoot()
                d[l] = s / (p + (p >= 0 ? r : -r))
                var h = g - d[l]
                for i in (l + 1)..<n { d[i] -= h }
                f += h
                // The rational QL transformation, from m - 1 up to l.
                g = d[m] == 0 ? b : d[m]
                h = g
                s = 0
                for i in stride(from: m - 1, through: l, by: -1) {
                    p = g * h
                    r = p + e2[i]
                    e2[i + 1] = s * r
                    s = e2[i] / r
                    d[i + 1] = h + s * (h + d[i])
                    g = d[i] - e2[i] / g
                    if g == 0 { g = b }
                    h = g * p / r
                }
                e2[l] = s * g
                d[l] = h
                // Converged when the new e2[l] is negligible (tested before its rescaling, which
                // could underflow).
                if h == 0 || Swift.abs(e2[l]) <= Swift.abs(c / h) { break }
                e2[l] *= h
                if e2[l] == 0 { break }
            }
            // d[0..<l] hold the eigenvalues found so far, ascending: insert this one.
            let value = d[l] + f
            var i = l
            while i > 0, value < d[i - 1] {
                d[i] = d[i - 1]
                i -= 1
            }
            d[i] = value
        }
        return true
    }
}
