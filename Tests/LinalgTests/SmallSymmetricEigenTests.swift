import XCTest
@testable import Linalg

/// The small-matrix path of `symmetricEigen()` and `symmetricEigenvalues()`
/// (``SmallSymmetricEigen``, up to 32 x 32), against matrices built from known spectra and
/// against LAPACK's `dsyevd` beyond the size limit.
final class SmallSymmetricEigenTests: XCTestCase {
    private var rng = RandomGenerator(seed: 43)

    /// Q diag(values) Q' for a random orthogonal Q.
    private func withEigenvalues(_ values: [Double]) throws -> Matrix {
        let q = try Matrix.normal(rows: values.count, cols: values.count, using: &rng).qr().q
        let a = try q.multipliedElementwise(by: Matrix(row: values)) * q.transposed()
        return try (a + a.transposed()) * 0.5  // exactly symmetric
    }

    /// Fails unless `e` is an eigendecomposition of the symmetric `a`: ascending values,
    /// orthonormal vectors, A V = V diag(values) within `tolerance` times the largest magnitude.
    private func assertEigendecomposition(_ e: SymmetricEigendecomposition, of a: Matrix, tolerance: Double = 1e-14,
                                          file: StaticString = #filePath, line: UInt = #line) throws {
        let n = a.rows
        XCTAssertEqual(e.values, e.values.sorted(), file: file, line: line)
        XCTAssertEqual(e.vectors.shape, Shape(rows: n, cols: n), file: file, line: line)
        assertClose(try e.vectors.transposed() * e.vectors, .identity(n), tolerance: 1e-14, "V'V", file: file, line: line)
        let scale = Swift.max(e.values.map(abs).max() ?? 0, .leastNormalMagnitude)
        let residual = try a * e.vectors - e.vectors.multipliedElementwise(by: Matrix(row: e.values))
        assertClose(residual / scale, Matrix(rows: n, cols: n), tolerance: tolerance, "A V - V L", file: file, line: line)
    }

    func testKnownSpectraOfEverySizeOfThePath() throws {
        for n in [1, 2, 3, 5, 10, 17, 32] {
            let values = (0..<n).map { 3 * sin(Double($0) + 1) }.sorted()
            let a = try withEigenvalues(values)
            for (x, y) in zip(try a.symmetricEigenvalues(), values) { XCTAssertEqual(x, y, accuracy: 1e-14, "n = \(n)") }
            let e = try a.symmetricEigen()
            for (x, y) in zip(e.values, values) { XCTAssertEqual(x, y, accuracy: 1e-14, "n = \(n)") }
            try assertEigendecomposition(e, of: a)
        }
    }

    func testRepeatedClusteredZeroAndDiagonalSpectra() throws {
        // A repeated value, a cluster 1e-12 wide, zeros: the values to rounding, the vectors
        // still an orthonormal basis of each eigenspace.
        let spectra: [[Double]] = [[-1, 2, 2, 2, 5], [0.9, 0.9 + 1e-12, 0.9 + 2e-12, 1, 1], [0, 0, 0, 1e-3]]
        for values in spectra {
            let a = try withEigenvalues(values)
            let e = try a.symmetricEigen()
            for (x, y) in zip(e.values, values) { XCTAssertEqual(x, y, accuracy: 1e-14, "\(values)") }
            try assertEigendecomposition(e, of: a)
        }
        let diagonal = Matrix(rows: 4, cols: 4) { i, j in i == j ? [3, -1, 0, 2][i] : 0 }
        XCTAssertEqual(try diagonal.symmetricEigenvalues(), [-1, 0, 2, 3])
        try assertEigendecomposition(try diagonal.symmetricEigen(), of: diagonal)
        XCTAssertEqual(try Matrix(rows: 3, cols: 3).symmetricEigenvalues(), [0, 0, 0])
        try assertEigendecomposition(try Matrix(rows: 3, cols: 3).symmetricEigen(), of: Matrix(rows: 3, cols: 3))
    }

    func testOnlyTheLowerTriangleIsRead() throws {
        let a = try withEigenvalues([1, 2, 4, 8, 16, 32])
        var upperChanged = a
        for j in 0..<6 { for i in 0..<j { upperChanged[i, j] = 7 } }
        XCTAssertEqual(try upperChanged.symmetricEigenvalues(), try a.symmetricEigenvalues())
        XCTAssertEqual(try upperChanged.symmetricEigen().vectors, try a.symmetricEigen().vectors)
    }

    func testSameAsLAPACKBeyondTheSizeLimit() throws {
        // Each matrix, and the same matrix with a zero row and column appended (one eigenvalue 0
        // more), which takes it past the limit to LAPACK's dsyevd.
        let size = SmallMatrixScaling.maximumDimension
        let a = try withEigenvalues((0..<size).map { Double($0) - 10.5 })
        var padded = Matrix(rows: size + 1, cols: size + 1)
        try padded.setBlock(row: 0, col: 0, to: a)
        XCTAssertNotNil(SmallSymmetricEigen.decomposition(of: a, vectors: false))
        XCTAssertNil(SmallSymmetricEigen.decomposition(of: padded, vectors: false))
        var expected = try a.symmetricEigenvalues() + [0]
        expected.sort()
        assertClose(Matrix(row: try padded.symmetricEigenvalues()), Matrix(row: expected), tolerance: 1e-13, "dsyevd")
    }

    func testExtremeMagnitudesAreScaledOrLeftToLAPACK() throws {
        for magnitude in [1e-300, 1e300] {
            let a = try withEigenvalues([-2, 1, 0.5]) * magnitude
            XCTAssertNotNil(SmallSymmetricEigen.decomposition(of: a, vectors: true))
            for (x, y) in zip(try a.symmetricEigenvalues(), [-2, 0.5, 1]) { XCTAssertEqual(x / magnitude, y, accuracy: 1e-14) }
        }
        // 1e-200 beside 1: squares would underflow, LAPACK takes it.
        let mixed = Matrix(rows: 2, cols: 2, rowMajor: [1, 1e-200, 1e-200, 1e-200])
        XCTAssertNil(SmallSymmetricEigen.decomposition(of: mixed, vectors: false))
        let values = try mixed.symmetricEigenvalues()
        XCTAssertEqual(values[1], 1, accuracy: 1e-15)
        XCTAssertEqual(values[0], 1e-200, accuracy: 1e-214)
    }

    func testErrorsName() {
        XCTAssertThrowsError(try Matrix(rows: 2, cols: 3).symmetricEigen()) { error in
            XCTAssertEqual(error as? LinalgError, .notSquare(function: "symmetricEigen", shape: Shape(rows: 2, cols: 3)))
        }
        let nan = Matrix(rows: 2, cols: 2, rowMajor: [1, 0, .nan, 1])
        XCTAssertThrowsError(try nan.symmetricEigenvalues()) { error in
            XCTAssertEqual(error as? LinalgError, .nonFinite(function: "symmetricEigenvalues", argument: "matrix", shape: Shape(rows: 2, cols: 2)))
        }
    }
}
