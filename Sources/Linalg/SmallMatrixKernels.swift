// What the small-matrix path of the SVD (SmallSVD) is built from: LAPACK's unblocked Householder
// kernels written on raw pointers, and the scaling that makes them safe.

/// Householder reflectors H = I - tau v v' with v[0] = 1, on raw column-major memory.
enum Householder {
    /// The reflector with H x = (beta, 0, ..., 0)' for the `count` elements of x at `x` with
    /// `stride` (LAPACK's `dlarfg`): returns (beta, tau), and v[1...] replaces x[1...]. tau is 0
    /// (H = I, beta = x[0]) when x[1...] is zero. The caller scales the matrix (see
    /// ``SmallMatrixScaling``) so that these squares neither overflow nor matter when they
    /// underflow.
    static func reflector(_ x: UnsafeMutablePointer<Double>, count: Int, stride: Int) -> (beta: Double, tau: Double) {
        var tailSquares = 0.0
        for i in 1..<Swift.max(1, count) { tailSquares += x[i * stride] * x[i * stride] }
        let alpha = x[0]
        let norm = (alpha * alpha + tailSquares).squareRoot()
        guard tailSquares > 0, norm > 0 else { return (alpha, 0) }
        let beta = alpha >= 0 ? -norm : norm
        let factor = 1 / (alpha - beta)
        for i in 1..<count { x[i * stride] *= factor }
        return (beta, (beta - alpha) / beta)
    }

    /// Applies H (v at `v` with `stride`, `cols` long) from the right to the `rows` x `cols`
    /// block at `block`: w = B v, then B -= tau w v'. `work` holds `rows` elements of scratch.
    static func applyFromRight(
        vector v: UnsafeMutablePointer<Double>, stride: Int, tau: Double, to block: UnsafeMutablePointer<Double>,
        rows: Int, cols: Int, leadingDimension ld: Int, work: UnsafeMutablePointer<Double>
    ) {
        guard tau != 0 else { return }
        for i in 0..<rows { work[i] = block[i] }
        for j in 1..<Swift.max(1, cols) {
            let vj = v[j * stride], column = block + j * ld
            for i in 0..<rows { work[i] += vj * column[i] }
        }
        for j in 0..<cols {
            let factor = tau * (j == 0 ? 1 : v[j * stride]), column = block + j * ld
            for i in 0..<rows { column[i] -= factor * work[i] }
        }
    }

    /// Applies H (v at `v`, `rows` long) from the left to the `rows` x `cols` block at `block`.
    static func applyFromLeft(
        vector v: UnsafeMutablePointer<Double>, tau: Double, rows: Int, to block: UnsafeMutablePointer<Double>,
        cols: Int, leadingDimension ld: Int
    ) {
        guard tau != 0 else { return }
        for j in 0..<cols {
            let column = block + j * ld
            var s = column[0]
            for i in 1..<rows { s += v[i] * column[i] }
            s *= tau
            column[0] -= s
            for i in 1..<rows { column[i] -= s * v[i] }
        }
    }
}

/// The power-of-two scaling of a small matrix before the unblocked kernels: exact, it brings the
/// largest element into [1, 2), where sums of squares of a few dozen elements cannot overflow.
enum SmallMatrixScaling {
    /// The largest dimension the small-matrix path takes; LAPACK's blocked algorithms win beyond.
    static let maximumDimension = 32

    /// Whether `matrix` has the shape of the small-matrix path: not empty, and no dimension above
    /// ``maximumDimension``.
    static func fits(_ matrix: Matrix) -> Bool {
        Swift.min(matrix.rows, matrix.cols) > 0 && Swift.max(matrix.rows, matrix.cols) <= maximumDimension
    }

    /// The factor for the finite `matrix`, or nil when the matrix is not one for the small-matrix
    /// path: it does not ``fits(_:)``, or its nonzero elements are so much smaller than the
    /// largest that their squares could underflow (LAPACK's drivers rescale as they go).
    static func factor(for matrix: Matrix) -> Double? {
        guard fits(matrix) else { return nil }
        var largest = 0.0, smallest = Double.infinity
        for x in matrix.storage where x != 0 {
            largest = Swift.max(largest, Swift.abs(x))
            smallest = Swift.min(smallest, Swift.abs(x))
        }
        guard largest > 0 else { return 1 }
        let scale = Double(sign: .plus, exponent: -largest.exponent, significand: 1)
        return smallest * scale >= 0x1p-500 ? scale : nil
    }
}
