import XCTest
@testable import Linalg

final class DecompositionTests: XCTestCase {
    private var rng = RandomGenerator(seed: 20)

    private func random(_ rows: Int, _ cols: Int) -> Matrix {
        Matrix.normal(rows: rows, cols: cols, using: &rng)
    }

    /// A random symmetric positive-definite matrix, `B B' + n I`.
    private func spd(_ n: Int) throws -> Matrix {
        let b = random(n, n)
        return try b * b.transposed() + Matrix.identity(n) * Double(n)
    }

    /// Fails unless the columns of `q` are orthonormal.
    private func assertOrthonormalColumns(_ q: Matrix, file: StaticString = #filePath, line: UInt = #line) throws {
        var gram = Matrix(rows: q.cols, cols: q.cols)
        try gemm(q, transposeA: true, q, into: &gram)
        assertClose(gram, .identity(q.cols), tolerance: 1e-12, "Q'Q", file: file, line: line)
    }

    // MARK: Hand-computed cases

    func testTwoByTwoInverseDeterminantAndSolve() throws {
        let a = Matrix(rows: 2, cols: 2, rowMajor: [4, 7, 2, 6])  // det = 24 - 14 = 10
        XCTAssertEqual(try a.determinant(), 10, accuracy: 1e-14)
        assertClose(try a.inverse(), Matrix(rows: 2, cols: 2, rowMajor: [0.6, -0.7, -0.2, 0.4]), tolerance: 1e-15)
        assertClose(try a.solve(Matrix(column: [1, 2])), Matrix(column: [-0.8, 0.6]), tolerance: 1e-15)
        let (sign, logAbs) = try Matrix(rows: 2, cols: 2, rowMajor: [0, 1, 1, 0]).logDeterminant()
        XCTAssertEqual(sign, -1)
        XCTAssertEqual(logAbs, 0, accuracy: 1e-15)
        XCTAssertEqual(try Matrix(rows: 0, cols: 0).determinant(), 1)
    }

    func testKnownEigenvalues() throws {
        // [[2, 1], [1, 2]] has eigenvalues 1 and 3 with eigenvectors (1, -1)/√2 and (1, 1)/√2.
        let s = try Matrix(rows: 2, cols: 2, rowMajor: [2, 1, 1, 2]).symmetricEigen()
        XCTAssertEqual(s.values[0], 1, accuracy: 1e-15)
        XCTAssertEqual(s.values[1], 3, accuracy: 1e-15)
        XCTAssertEqual(Swift.abs(s.vectors[0, 1]), 0.5.squareRoot(), accuracy: 1e-15)
        // A rotation by 90 degrees has eigenvalues ±i.
        let r = try Matrix(rows: 2, cols: 2, rowMajor: [0, -1, 1, 0]).eigenvalues()
        XCTAssertEqual(r.real, [0, 0])
        XCTAssertEqual(r.imaginary, [1, -1])
        // A triangular matrix has its diagonal as eigenvalues.
        let t = try Matrix(rows: 3, cols: 3, rowMajor: [2, 5, 1, 0, -3, 4, 0, 0, 7]).eigenvalues()
        XCTAssertEqual(t.real.sorted(), [-3, 2, 7])
        XCTAssertEqual(t.imaginary, [0, 0, 0])
    }

    // MARK: Residuals on random matrices

    func testSolveResiduals() throws {
        let a = random(30, 30), b = random(30, 4)
        let x = try a.solve(b)
        assertClose(try a * x, b, tolerance: 1e-10)
        let p = try spd(25), c = random(25, 3)
        assertClose(try p * p.solveSPD(c), c, tolerance: 1e-10)
        let chol = try p.cholesky()
        assertClose(try chol.solve(c), try p.solveSPD(c), tolerance: 1e-12)
    }

    func testInverseAndPseudoInverse() throws {
        let a = random(12, 12)
        assertClose(try a * a.inverse(), .identity(12), tolerance: 1e-10)
        let tall = random(9, 4)
        let pinv = try tall.pseudoInverse()
        XCTAssertEqual(pinv.shape, Shape(rows: 4, cols: 9))
        assertClose(try pinv * tall, .identity(4), tolerance: 1e-12)
        // Moore-Penrose conditions on a rank-deficient matrix: A A+ A = A, A+ A A+ = A+.
        let low = try random(6, 2) * random(2, 5)
        let lowPinv = try low.pseudoInverse()
        assertClose(try low * lowPinv * low, low, tolerance: 1e-10)
        assertClose(try lowPinv * low * lowPinv, lowPinv, tolerance: 1e-10)
    }

    func testLeastSquaresOverdeterminedAndRankDeficient() throws {
        let a = random(20, 3), truth = Matrix(column: [1, -2, 0.5])
        let b = try a * truth
        let fit = try a.leastSquares(b)
        XCTAssertEqual(fit.rank, 3)
        assertClose(fit.solution, truth, tolerance: 1e-12)
        // The normal equations hold for a noisy right-hand side: A'(A x - b) = 0.
        let noisy = try b + random(20, 1)
        let x = try a.leastSquares(noisy).solution
        assertClose(try a.transposed() * (a * x - noisy), .zeros(rows: 3, cols: 1), tolerance: 1e-11)
        // Two identical columns: rank 2, minimum-norm solution splits the weight evenly.
        let twin = try Matrix.hcat([a.column(0), a.column(0), a.column(1)])
        let split = try twin.leastSquares(try twin * Matrix(column: [2, 0, 1]))
        XCTAssertEqual(split.rank, 2)
        assertClose(split.solution, Matrix(column: [1, 1, 1]), tolerance: 1e-12)
    }

    func testCholeskyFactorsAndJitter() throws {
        let p = try spd(15)
        let c = try p.cholesky()
        XCTAssertEqual(c.jitter, 0)
        assertClose(try c.lower * c.lower.transposed(), p, tolerance: 1e-11)
        XCTAssertEqual(c.lower, c.lower.triangle(lower: true))
        XCTAssertEqual(c.logDeterminant, try p.logDeterminant().logAbs, accuracy: 1e-10)
        // A rank-one Gram matrix is only semi-definite; jitter escalates until it factors.
        let v = random(6, 1)
        let gram = try v * v.transposed()
        assertThrows(.notPositiveDefinite(function: "cholesky", order: 2, jitter: 0)) { try gram.cholesky() }
        let jittered = try gram.cholesky(jitter: 1e-10)
        XCTAssertGreaterThan(jittered.jitter, 0)
        let shifted = try gram + Matrix.identity(6) * jittered.jitter
        assertClose(try jittered.lower * jittered.lower.transposed(), shifted, tolerance: 1e-12)
        // A matrix with a negative eigenvalue stays indefinite after small jitter.
        let indefinite = Matrix(rows: 2, cols: 2, rowMajor: [1, 2, 2, 1])
        do {
            _ = try indefinite.cholesky(jitter: 1e-8, maxAttempts: 3)
            XCTFail("no error")
        } catch {
            XCTAssertEqual(error, .notPositiveDefinite(function: "cholesky", order: 2, jitter: 1e-6))
            XCTAssertEqual(error.description,
                           "cholesky: matrix is not positive definite (leading minor of order 2), even with diagonal jitter 1e-06")
        }
    }

    func testQRThinAndFull() throws {
        for (m, n) in [(8, 5), (5, 8), (6, 6)] {
            let a = random(m, n), k = Swift.min(m, n)
            let thin = try a.qr()
            XCTAssertEqual(thin.q.shape, Shape(rows: m, cols: k))
            XCTAssertEqual(thin.r.shape, Shape(rows: k, cols: n))
            try assertOrthonormalColumns(thin.q)
            XCTAssertEqual(thin.r, thin.r.triangle(lower: false))
            assertClose(try thin.q * thin.r, a, tolerance: 1e-12)
            let full = try a.qr(full: true)
            XCTAssertEqual(full.q.shape, Shape(rows: m, cols: m))
            XCTAssertEqual(full.r.shape, Shape(rows: m, cols: n))
            try assertOrthonormalColumns(full.q)
            assertClose(try full.q * full.r, a, tolerance: 1e-12)
        }
    }

    func testSVDThinAndFull() throws {
        for (m, n) in [(9, 4), (4, 9), (7, 7)] {
            let a = random(m, n), k = Swift.min(m, n)
            let f = try a.svd()
            XCTAssertEqual(f.u.shape, Shape(rows: m, cols: k))
            XCTAssertEqual(f.vt.shape, Shape(rows: k, cols: n))
            XCTAssertEqual(f.singularValues, f.singularValues.sorted(by: >))
            try assertOrthonormalColumns(f.u)
            try assertOrthonormalColumns(f.vt.transposed())
            assertClose(try f.u * Matrix(diagonal: f.singularValues) * f.vt, a, tolerance: 1e-12)
            let full = try a.svd(full: true)
            XCTAssertEqual(full.u.shape, Shape(rows: m, cols: m))
            XCTAssertEqual(full.vt.shape, Shape(rows: n, cols: n))
            try assertOrthonormalColumns(full.u)
            try assertOrthonormalColumns(full.vt)
            var sigma = Matrix(rows: m, cols: n)
            for (i, s) in full.singularValues.enumerated() { sigma[i, i] = s }
            assertClose(try full.u * sigma * full.vt, a, tolerance: 1e-12)
            assertClose(Matrix(column: try a.singularValues()), Matrix(column: f.singularValues), tolerance: 1e-12)
        }
    }

    func testRankAndConditionNumber() throws {
        let low = try random(7, 3) * random(3, 6)
        XCTAssertEqual(try low.rank(), 3)
        XCTAssertEqual(try low.rank(tolerance: 1e300), 0)
        XCTAssertEqual(try Matrix.identity(4).rank(), 4)
        XCTAssertEqual(try Matrix(diagonal: [10, 2, 0.5]).conditionNumber(), 20, accuracy: 1e-13)
        // Singular: the smallest singular value is 0 or rounding noise, depending on the BLAS kernels.
        XCTAssertGreaterThan(try Matrix(rows: 2, cols: 2, rowMajor: [1, 1, 1, 1]).conditionNumber(), 1 / Double.ulpOfOne)
        assertThrows(.empty(function: "conditionNumber", shape: Shape(rows: 0, cols: 3))) {
            try Matrix(rows: 0, cols: 3).conditionNumber()
        }
    }

    func testSymmetricEigenResidual() throws {
        let p = try spd(20)
        let e = try p.symmetricEigen()
        XCTAssertEqual(e.values, e.values.sorted())
        try assertOrthonormalColumns(e.vectors)
        assertClose(try p * e.vectors, try e.vectors * Matrix(diagonal: e.values), tolerance: 1e-10)
        assertClose(Matrix(column: try p.symmetricEigenvalues()), Matrix(column: e.values), tolerance: 1e-11)
    }

    func testGeneralEigenResidualInComplexArithmetic() throws {
        let a = random(10, 10)
        let e = try a.eigen()
        let vr = try XCTUnwrap(e.vectorsReal), vi = try XCTUnwrap(e.vectorsImaginary)
        XCTAssertTrue(e.imaginary.contains { $0 != 0 }, "seed should give complex pairs")
        // A (Vr + i Vi) = (Vr + i Vi) diag(re + i im), split into real and imaginary parts.
        let re = Matrix(row: e.real), im = Matrix(row: e.imaginary)
        let realPart = try vr.multipliedElementwise(by: re) - vi.multipliedElementwise(by: im)
        let imaginaryPart = try vr.multipliedElementwise(by: im) + vi.multipliedElementwise(by: re)
        assertClose(try a * vr, realPart, tolerance: 1e-10)
        assertClose(try a * vi, imaginaryPart, tolerance: 1e-10)
        let values = try a.eigenvalues()
        assertClose(Matrix(column: values.real), Matrix(column: e.real), tolerance: 1e-12)
        assertClose(Matrix(column: values.imaginary), Matrix(column: e.imaginary), tolerance: 1e-12)
    }

    // MARK: Errors

    func testSingularMatrices() throws {
        let singular = Matrix(rows: 3, cols: 3, rowMajor: [1, 2, 3, 2, 4, 6, 1, 0, 1])
        assertThrows(.singular(function: "solve", pivot: 3)) { try singular.solve(Matrix(column: [1, 2, 3])) }
        assertThrows(.singular(function: "inverse", pivot: 3)) { try singular.inverse() }
        XCTAssertEqual(try singular.determinant(), 0)
        XCTAssertTrue(try singular.logDeterminant() == (0, -.infinity))
        do {
            _ = try singular.solve(.ones(rows: 3, cols: 1))
        } catch {
            XCTAssertEqual(error.description, "solve: matrix is singular (U(3,3) = 0)")
        }
    }

    func testNotPositiveDefinite() {
        let a = Matrix(rows: 3, cols: 3, rowMajor: [4, 0, 0, 0, 1, 0, 0, 0, -1])
        assertThrows(.notPositiveDefinite(function: "solveSPD", order: 3, jitter: 0)) { try a.solveSPD(.ones(rows: 3, cols: 1)) }
        assertThrows(.notPositiveDefinite(function: "cholesky", order: 3, jitter: 0)) { try a.cholesky() }
    }

    func testNonFiniteInputIsRejectedBeforeLAPACK() {
        let bad = Matrix(rows: 2, cols: 2, rowMajor: [1, .nan, 0, 1])
        let shape = Shape(rows: 2, cols: 2)
        assertThrows(.nonFinite(function: "svd", argument: "matrix", shape: shape)) { try bad.svd() }
        assertThrows(.nonFinite(function: "qr", argument: "matrix", shape: shape)) { try bad.qr() }
        assertThrows(.nonFinite(function: "cholesky", argument: "matrix", shape: shape)) { try bad.cholesky() }
        assertThrows(.nonFinite(function: "symmetricEigen", argument: "matrix", shape: shape)) { try bad.symmetricEigen() }
        assertThrows(.nonFinite(function: "eigen", argument: "matrix", shape: shape)) { try bad.eigen() }
        assertThrows(.nonFinite(function: "determinant", argument: "matrix", shape: shape)) { try bad.determinant() }
        assertThrows(.nonFinite(function: "solve", argument: "right-hand side", shape: Shape(rows: 2, cols: 1))) {
            try Matrix.identity(2).solve(Matrix(column: [1, .infinity]))
        }
        XCTAssertEqual(LinalgError.nonFinite(function: "svd", argument: "matrix", shape: shape).description,
                       "svd: matrix (2x2) contains NaN or infinity")
    }

    func testShapeErrors() {
        let rect = Matrix.ones(rows: 2, cols: 3)
        assertThrows(.notSquare(function: "inverse", shape: rect.shape)) { try rect.inverse() }
        assertThrows(.notSquare(function: "symmetricEigen", shape: rect.shape)) { try rect.symmetricEigen() }
        assertThrows(.notSquare(function: "solve", shape: rect.shape)) { try rect.solve(.ones(rows: 2, cols: 1)) }
        assertThrows(.shapeMismatch(operation: "solve", lhs: Shape(rows: 2, cols: 2), rhs: Shape(rows: 3, cols: 1))) {
            try Matrix.identity(2).solve(.ones(rows: 3, cols: 1))
        }
        assertThrows(.shapeMismatch(operation: "leastSquares", lhs: rect.shape, rhs: Shape(rows: 3, cols: 1))) {
            try rect.leastSquares(.ones(rows: 3, cols: 1))
        }
        XCTAssertEqual(LinalgError.notSquare(function: "inverse", shape: rect.shape).description,
                       "inverse: matrix must be square, got 2x3")
    }

    func testEmptyMatrices() throws {
        let e = Matrix(rows: 0, cols: 0)
        XCTAssertEqual(try e.inverse(), e)
        XCTAssertEqual(try e.svd().singularValues, [])
        XCTAssertEqual(try Matrix(rows: 3, cols: 0).qr(full: true).q, .identity(3))
        XCTAssertEqual(try e.symmetricEigen().values, [])
        XCTAssertEqual(try e.cholesky().lower, e)
        XCTAssertEqual(try Matrix(rows: 0, cols: 2).pseudoInverse().shape, Shape(rows: 2, cols: 0))
    }
}
