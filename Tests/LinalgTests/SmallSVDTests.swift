import XCTest
@testable import Linalg

/// The small-matrix path of `svd()` and `singularValues()` (``SmallSVD``, up to 32 x 32),
/// against matrices built from known singular values and against LAPACK's `dgesdd`.
final class SmallSVDTests: XCTestCase {
    private var rng = RandomGenerator(seed: 41)

    /// A random m x k matrix with orthonormal columns.
    private func orthonormal(_ m: Int, _ k: Int) throws -> Matrix {
        try Matrix.normal(rows: m, cols: k, using: &rng).qr().q
    }

    /// U diag(values) V' for random orthonormal U (m x k) and V (n x k), k = values.count.
    private func withSingularValues(_ values: [Double], rows m: Int, cols n: Int) throws -> Matrix {
        let u = try orthonormal(m, values.count), v = try orthonormal(n, values.count)
        return try u.multipliedElementwise(by: Matrix(row: values)) * v.transposed()
    }

    /// Fails unless `f` is a thin SVD of `a`: shapes, descending non-negative values,
    /// orthonormal factors, reconstruction within `tolerance` times the largest value.
    private func assertThinSVD(_ f: SingularValueDecomposition, of a: Matrix, tolerance: Double = 1e-14,
                               file: StaticString = #filePath, line: UInt = #line) throws {
        let k = Swift.min(a.rows, a.cols)
        XCTAssertEqual(f.u.shape, Shape(rows: a.rows, cols: k), file: file, line: line)
        XCTAssertEqual(f.vt.shape, Shape(rows: k, cols: a.cols), file: file, line: line)
        XCTAssertEqual(f.singularValues, f.singularValues.sorted(by: >), file: file, line: line)
        XCTAssertGreaterThanOrEqual(f.singularValues.last ?? 0, 0, file: file, line: line)
        let scale = Swift.max(f.singularValues.first ?? 0, .leastNormalMagnitude)
        assertClose(try f.u.transposed() * f.u, .identity(k), tolerance: 1e-14, "U'U", file: file, line: line)
        assertClose(try f.vt * f.vt.transposed(), .identity(k), tolerance: 1e-14, "V'V", file: file, line: line)
        let rebuilt = try f.u.multipliedElementwise(by: Matrix(row: f.singularValues)) * f.vt
        assertClose(try (rebuilt - a) / scale, Matrix(rows: a.rows, cols: a.cols), tolerance: tolerance, "U S V' - A",
                    file: file, line: line)
    }

    func testKnownSingularValuesForTallWideAndSquareShapes() throws {
        for (m, n) in [(1, 1), (1, 7), (7, 1), (2, 2), (10, 10), (12, 5), (5, 12), (32, 32), (32, 9), (9, 32)] {
            let k = Swift.min(m, n)
            let values = (0..<k).map { 3 * pow(0.7, Double($0)) }
            let a = try withSingularValues(values, rows: m, cols: n)
            let computed = try a.singularValues()
            for (x, y) in zip(computed, values) { XCTAssertEqual(x, y, accuracy: 1e-14, "\(m)x\(n)") }
            let f = try a.svd()
            for (x, y) in zip(f.singularValues, values) { XCTAssertEqual(x, y, accuracy: 1e-14, "\(m)x\(n)") }
            try assertThinSVD(f, of: a)
        }
    }

    func testRankDeficientGradedAndZeroMatrices() throws {
        // Rank 2 in 10 x 10: eight values at rounding level.
        let rankTwo = try withSingularValues([2, 1], rows: 10, cols: 10)
        let s = try rankTwo.singularValues()
        XCTAssertEqual(s[0], 2, accuracy: 1e-14)
        XCTAssertEqual(s[1], 1, accuracy: 1e-14)
        XCTAssertLessThan(s[2], 1e-14)
        try assertThinSVD(try rankTwo.svd(), of: rankTwo)
        // Values spread over 30 orders of magnitude: each within rounding of the largest.
        let graded = [1e10, 1e3, 1, 1e-5, 1e-12, 1e-20]
        let g = try withSingularValues(graded, rows: 8, cols: 6)
        for (x, y) in zip(try g.singularValues(), graded) { XCTAssertEqual(x, y, accuracy: 1e10 * 1e-14) }
        try assertThinSVD(try g.svd(), of: g)
        XCTAssertEqual(try Matrix(rows: 4, cols: 3).singularValues(), [0, 0, 0])
        try assertThinSVD(try Matrix(rows: 3, cols: 4).svd(), of: Matrix(rows: 3, cols: 4))
    }

    func testSameValuesAsLAPACKBeyondTheSizeLimit() throws {
        // A zero row does not change the singular values but takes the matrix past the limit,
        // to LAPACK's dgesdd.
        let size = SmallMatrixScaling.maximumDimension
        let a = Matrix.normal(rows: size, cols: size - 3, using: &rng)
        let padded = try Matrix.vcat([a, Matrix(rows: 1, cols: size - 3)])
        XCTAssertNotNil(SmallMatrixScaling.factor(for: a))
        XCTAssertNil(SmallMatrixScaling.factor(for: padded))
        for (x, y) in zip(try a.singularValues(), try padded.singularValues()) { XCTAssertEqual(x, y, accuracy: 1e-13) }
        try assertThinSVD(try a.svd(), of: a, tolerance: 1e-13)
    }

    func testExtremeMagnitudesAreScaledOrLeftToLAPACK() throws {
        // Uniformly huge or tiny matrices are scaled exactly by a power of two.
        for magnitude in [1e-300, 1e300] {
            let a = try withSingularValues([2, 1, 0.5], rows: 4, cols: 3) * magnitude
            XCTAssertNotNil(SmallMatrixScaling.factor(for: a))
            for (x, y) in zip(try a.singularValues(), [2, 1, 0.5]) { XCTAssertEqual(x / magnitude, y, accuracy: 1e-14) }
        }
        // Elements 1e-200 beside 1: their squares would underflow, so LAPACK takes the matrix.
        let mixed = Matrix(rows: 2, cols: 2, rowMajor: [1, 1e-200, 0, 1e-200])
        XCTAssertNil(SmallMatrixScaling.factor(for: mixed))
        let s = try mixed.singularValues()
        XCTAssertEqual(s[0], 1, accuracy: 1e-15)
        XCTAssertEqual(s[1], 1e-200, accuracy: 1e-214)
    }

    func testFullSVDOfASmallWideMatrixStillHasSquareFactors() throws {
        let a = Matrix.normal(rows: 3, cols: 5, using: &rng)
        let f = try a.svd(full: true)
        XCTAssertEqual(f.u.shape, Shape(rows: 3, cols: 3))
        XCTAssertEqual(f.vt.shape, Shape(rows: 5, cols: 5))
        assertClose(try f.vt * f.vt.transposed(), .identity(5), tolerance: 1e-14)
    }
}
