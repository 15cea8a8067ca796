import CLinearAlgebra

// Shared plumbing for the LAPACKE calls: argument checks done before LAPACK sees the data, and the
// one place where LAPACK's `info` becomes a `LinalgError`.

/// LAPACKE's storage-order flag for column-major matrices.
let columnMajorLayout = LAPACK_COL_MAJOR

/// LAPACKE's integer type: `lapack_int` is a C macro (so Swift cannot name it), `int32_t` in
/// Debian's LP64 build; an ILP64 build would make every call below fail to compile, not misbehave.
typealias LAPACKInt = Int32

/// A dimension converted to LAPACK's integer type.
func lapackInt(_ n: Int) -> LAPACKInt {
    precondition(n <= Int(LAPACKInt.max), "Matrix dimension too large for LAPACK")
    return LAPACKInt(n)
}

/// A leading dimension for LAPACK: at least 1, even for an empty matrix.
func leadingDimension(_ n: Int) -> LAPACKInt {
    lapackInt(Swift.max(1, n))
}

/// A LAPACK option letter (`"N"`, `"S"`, `"L"`, ...).
func lapackOption(_ letter: Unicode.Scalar) -> CChar {
    CChar(UInt8(ascii: letter))
}

/// Maps the `info` returned by LAPACKE `routine` to an error: a negative value (an argument
/// LAPACK refused, or a workspace LAPACKE could not allocate) becomes
/// ``LinalgError/lapackFailure(function:routine:info:)``; a positive one means something
/// routine-specific, which `failure` turns into the right case (or into `nil` when the caller
/// handles that outcome itself).
func checkLAPACK(
    _ info: LAPACKInt, function: String, routine: String, failure: (Int) -> LinalgError?
) throws(LinalgError) {
    if info < 0 { throw .lapackFailure(function: function, routine: routine, info: Int(info)) }
    if info > 0, let error = failure(Int(info)) { throw error }
}

extension Matrix {
    /// Throws ``LinalgError/notSquare(function:shape:)`` unless the matrix is square.
    func requireSquare(_ function: String) throws(LinalgError) {
        guard rows == cols else { throw .notSquare(function: function, shape: shape) }
    }

    /// Throws ``LinalgError/nonFinite(function:argument:shape:)`` if an element is NaN or infinite,
    /// so that LAPACK never runs on (and never hangs or fails obscurely on) such input.
    func requireFinite(_ function: String, argument: String = "matrix") throws(LinalgError) {
        guard allFinite else { throw .nonFinite(function: function, argument: argument, shape: shape) }
    }

    /// The lower triangle (`lower`) or upper triangle, with the rest set to zero.
    func triangle(lower: Bool) -> Matrix {
        var t = self
        for j in 0..<cols {
            for i in 0..<rows where lower ? i < j : i > j { t.storage[i + j * rows] = 0 }
        }
        return t
    }
}
