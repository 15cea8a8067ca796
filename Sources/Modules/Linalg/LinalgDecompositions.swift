import Linalg
import LuaHost

/// Solvers and decompositions (LAPACK), available both as `linalg.name(A, ...)` and as methods
/// `A:name(...)`. Inputs with NaN or infinity, singular or non-positive-definite matrices and
/// shape mismatches are errors naming the function and the shapes.
enum LinalgDecompositions {
    static let functions: [NativeFunction] = [
        solve, solveSPD, leastSquares, inverse, pseudoInverse, determinant, logDeterminant, cholesky, qr, svd,
        symmetricEigen, eigen, rank, conditionNumber,
    ]

    static let solve = NativeFunction(
        "solve",
        doc: """
            linalg.solve(A, B) -> X   (also A:solve(B))

            The solution of A X = B for a square A (LU with partial pivoting, LAPACK dgesv);
            B is a vector or a matrix of right-hand sides.
            """
    ) { call in
        call.returning(try call.matrix(1).solve(call.matrix(2)))
    }

    static let solveSPD = NativeFunction(
        "solve_spd",
        doc: """
            linalg.solve_spd(A, B) -> X   (also A:solve_spd(B))

            The solution of A X = B for a symmetric positive definite A (Cholesky, LAPACK dposv);
            faster and more accurate than solve when A is SPD, an error when it is not.
            """
    ) { call in
        call.returning(try call.matrix(1).solveSPD(call.matrix(2)))
    }

    static let leastSquares = NativeFunction(
        "lstsq",
        doc: """
            linalg.lstsq(A, B [, rcond]) -> X, rank, s   (also A:lstsq(B))

            The minimum-norm least-squares solution of A X = B (SVD, LAPACK dgelsd), the
            effective rank of A and its singular values (a column vector). Singular values below
            rcond times the largest are treated as zero (default: machine precision times max(m, n)).
            """
    ) { call in
        let solution = try call.matrix(1).leastSquares(call.matrix(2), rcond: call.optionalNumber(3))
        return call.returning(solution.solution, solution.rank, Matrix(column: solution.singularValues))
    }

    static let inverse = NativeFunction(
        "inv", doc: "linalg.inv(A) -> matrix   (also A:inv())\n\nThe inverse of a square matrix (prefer solve for systems)."
    ) { call in
        call.returning(try call.matrix(1).inverse())
    }

    static let pseudoInverse = NativeFunction(
        "pinv",
        doc: """
            linalg.pinv(A [, rcond]) -> matrix   (also A:pinv())

            The Moore-Penrose pseudo-inverse by SVD, ignoring singular values below rcond times
            the largest (default 1e-15).
            """
    ) { call in
        call.returning(try call.matrix(1).pseudoInverse(rcond: call.number(2, default: 1e-15)))
    }

    static let determinant = NativeFunction(
        "det", doc: "linalg.det(A) -> number   (also A:det())\n\nThe determinant of a square matrix (LU)."
    ) { call in
        call.returning(try call.matrix(1).determinant())
    }

    static let logDeterminant = NativeFunction(
        "logdet",
        doc: """
            linalg.logdet(A) -> log|det A|, sign   (also A:logdet())

            The logarithm of the absolute determinant and the sign of the determinant (1, -1, or
            0 with -inf for a singular matrix), without overflow for large matrices.
            """
    ) { call in
        let (sign, logAbs) = try call.matrix(1).logDeterminant()
        return call.returning(logAbs, sign)
    }

    static let cholesky = NativeFunction(
        "chol",
        doc: """
            linalg.chol(A [, {jitter = 0, attempts = 5}]) -> L, jitter   (also A:chol())

            The lower Cholesky factor L of a symmetric positive definite A (A = L L'). With
            jitter > 0, a failed factorisation is retried with jitter, 10 jitter, ... times the
            mean diagonal added, up to attempts times; the jitter finally used is returned.
            """
    ) { call in
        let matrix = try call.matrix(1)
        let options = try call.options(2, allowed: ["jitter", "attempts"])
        let jitter = try options.number("jitter", default: 0)
        let attempts = try options.integer("attempts", default: 5)
        guard attempts >= 1 else { throw options.error("attempts", "must be at least 1, got \(attempts)") }
        let factor = try matrix.cholesky(jitter: jitter, maxAttempts: attempts)
        return call.returning(factor.lower, factor.jitter)
    }

    static let qr = NativeFunction(
        "qr",
        doc: """
            linalg.qr(A [, {full = false}]) -> Q, R   (also A:qr())

            The QR decomposition A = Q R: thin (Q is m x k, R is k x n, k = min(m, n)) or full
            (Q is m x m orthogonal).
            """
    ) { call in
        let matrix = try call.matrix(1)
        let options = try call.options(2, allowed: ["full"])
        let decomposition = try matrix.qr(full: options.boolean("full", default: false))
        return call.returning(decomposition.q, decomposition.r)
    }

    static let svd = NativeFunction(
        "svd",
        doc: """
            linalg.svd(A [, {full = false}]) -> U, s, V   (also A:svd())

            The singular value decomposition A = U diag(s) V' (divide and conquer, LAPACK dgesdd;
            up to 32 x 32 the same decomposition without LAPACK's overhead): s is a column vector
            in decreasing order; thin by default (U is m x k, V is n x k, k = min(m, n)), full
            with U m x m and V n x n. Note V, not V'.
            """
    ) { call in
        let matrix = try call.matrix(1)
        let options = try call.options(2, allowed: ["full"])
        let decomposition = try matrix.svd(full: options.boolean("full", default: false))
        return call.returning(decomposition.u, Matrix(column: decomposition.singularValues), decomposition.vt.transposed())
    }

    static let symmetricEigen = NativeFunction(
        "eigh",
        doc: """
            linalg.eigh(A) -> values, vectors   (also A:eigh())

            Eigenvalues (a column vector, ascending) and orthonormal eigenvectors (columns) of a
            symmetric matrix (divide and conquer, LAPACK dsyevd; up to 32 x 32 tridiagonalisation
            and implicit QL without LAPACK's overhead). A matrix that is not symmetric to 1e-10
            relative is an error (use eig).
            """
    ) { call in
        let matrix = try call.matrix(1)
        try checkSymmetric(matrix, argument: 1)
        let decomposition = try matrix.symmetricEigen()
        return call.returning(Matrix(column: decomposition.values), decomposition.vectors)
    }

    /// Throws unless `matrix` is square and symmetric to 1e-10 relative to its largest element.
    static func checkSymmetric(_ matrix: Matrix, argument: Int) throws(ArgumentError) {
        guard matrix.rows == matrix.cols else { throw ArgumentError(argument, "square matrix expected, got \(matrix.shape)") }
        let scale = matrix.elements.reduce(0) { Swift.max($0, Swift.abs($1)) }
        var worst = 0.0
        for j in 0..<matrix.cols {
            for i in 0..<j { worst = Swift.max(worst, Swift.abs(matrix[i, j] - matrix[j, i])) }
        }
        guard worst <= 1e-10 * Swift.max(scale, 1e-300) else {
            throw ArgumentError(argument, "matrix is not symmetric (max |A - A'| = \(worst)); use eig for general matrices")
        }
    }

    static let eigen = NativeFunction(
        "eig",
        doc: """
            linalg.eig(A [, {vectors = false}]) -> re, im [, VR, VI]   (also A:eig())

            Eigenvalues of a general square matrix as real and imaginary parts (column vectors,
            LAPACK dgeev) and, with vectors = true, the real and imaginary parts of the right
            eigenvectors (columns).
            """
    ) { call in
        let matrix = try call.matrix(1)
        let options = try call.options(2, allowed: ["vectors"])
        guard try options.boolean("vectors", default: false) else {
            let (real, imaginary) = try matrix.eigenvalues()
            return call.returning(Matrix(column: real), Matrix(column: imaginary))
        }
        let decomposition = try matrix.eigen()
        return call.returning(
            Matrix(column: decomposition.real), Matrix(column: decomposition.imaginary),
            decomposition.vectorsReal ?? Matrix(rows: 0, cols: 0), decomposition.vectorsImaginary ?? Matrix(rows: 0, cols: 0))
    }

    static let rank = NativeFunction(
        "rank",
        doc: """
            linalg.rank(A [, tol]) -> integer   (also A:rank())

            The number of singular values above tol (default: the largest singular value times
            max(m, n) times machine epsilon, as numpy.linalg.matrix_rank).
            """
    ) { call in
        call.returning(try call.matrix(1).rank(tolerance: call.optionalNumber(2)))
    }

    static let conditionNumber = NativeFunction(
        "cond", doc: "linalg.cond(A) -> number   (also A:cond())\n\nThe 2-norm condition number (largest over smallest singular value)."
    ) { call in
        call.returning(try call.matrix(1).conditionNumber())
    }
}
