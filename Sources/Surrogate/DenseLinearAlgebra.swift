import CLinearAlgebra

// The few BLAS/LAPACK calls of Gaussian-process fitting and prediction, on column-major arrays
// (the hot loop of hyperparameter fitting factorises a fresh n x n matrix per evaluation, so it
// works in place rather than through `Matrix` copies).

/// LAPACK's integer type in Debian's LP64 build.
private func int32(_ n: Int) -> Int32 {
    precondition(n <= Int(Int32.max), "dimension too large for LAPACK")
    return Int32(n)
}

/// Overwrites the lower triangle of the n x n matrix `a` by its Cholesky factor (`dpotrf`);
/// false when the matrix is not numerically positive definite.
func choleskyInPlace(_ a: inout [Double], order n: Int) -> Bool {
    if n == 0 { return true }
    let info = LAPACKE_dpotrf(LAPACK_COL_MAJOR, CChar(UInt8(ascii: "L")), int32(n), &a, int32(n))
    return info == 0
}

/// Solves (L Lᵀ) X = B in place for the `columns` columns of `b` (`dpotrs`).
func choleskySolve(_ lower: [Double], order n: Int, _ b: inout [Double], columns: Int = 1) {
    if n == 0 || columns == 0 { return }
    _ = LAPACKE_dpotrs(LAPACK_COL_MAJOR, CChar(UInt8(ascii: "L")), int32(n), int32(columns), lower, int32(n), &b, int32(n))
}

/// The lower triangle of (L Lᵀ)⁻¹ from the factor L (`dpotri`).
func choleskyInverse(_ lower: [Double], order n: Int) -> [Double] {
    var inverse = lower
    if n > 0 { _ = LAPACKE_dpotri(LAPACK_COL_MAJOR, CChar(UInt8(ascii: "L")), int32(n), &inverse, int32(n)) }
    return inverse
}

/// B := L⁻¹ B (or L⁻ᵀ B when `transposed`) for the n x `columns` matrix `b` (`dtrsm`).
func triangularSolve(_ lower: [Double], order n: Int, _ b: inout [Double], columns: Int, transposed: Bool = false) {
    if n == 0 || columns == 0 { return }
    cblas_dtrsm(CblasColMajor, CblasLeft, CblasLower, transposed ? CblasTrans : CblasNoTrans, CblasNonUnit,
                int32(n), int32(columns), 1, lower, int32(n), &b, int32(n))
}

/// Aᵀ x for the n x m matrix `a` (`dgemv`).
func transposedTimes(_ a: UnsafeBufferPointer<Double>, rows n: Int, cols m: Int, _ x: [Double]) -> [Double] {
    var y = [Double](repeating: 0, count: m)
    if n == 0 || m == 0 { return y }
    cblas_dgemv(CblasColMajor, CblasTrans, int32(n), int32(m), 1, a.baseAddress, int32(n), x, 1, 0, &y, 1)
    return y
}

/// C := C - AᵀA for the k x m matrix `a` and the m x m matrix `c` (`dgemm`).
func subtractGram(_ a: [Double], rows k: Int, cols m: Int, from c: inout [Double]) {
    if k == 0 || m == 0 { return }
    cblas_dgemm(CblasColMajor, CblasTrans, CblasNoTrans, int32(m), int32(m), int32(k), -1, a, int32(k), a, int32(k),
                1, &c, int32(m))
}
