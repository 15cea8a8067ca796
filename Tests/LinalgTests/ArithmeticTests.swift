import XCTest
@testable import Linalg

final class ArithmeticTests: XCTestCase {
    let a = Matrix(rows: 2, cols: 3, rowMajor: [1, 2, 3, 4, 5, 6])

    func testScalarOnEitherSide() {
        XCTAssertEqual(a + 1, Matrix(rows: 2, cols: 3, rowMajor: [2, 3, 4, 5, 6, 7]))
        XCTAssertEqual(1 + a, a + 1)
        XCTAssertEqual(10 - a, Matrix(rows: 2, cols: 3, rowMajor: [9, 8, 7, 6, 5, 4]))
        XCTAssertEqual(a - 1, Matrix(rows: 2, cols: 3, rowMajor: [0, 1, 2, 3, 4, 5]))
        XCTAssertEqual(2 * a, a * 2)
        XCTAssertEqual(a / 2, Matrix(rows: 2, cols: 3, rowMajor: [0.5, 1, 1.5, 2, 2.5, 3]))
        XCTAssertEqual(12 / a, Matrix(rows: 2, cols: 3, rowMajor: [12, 6, 4, 3, 2.4, 2]))
        XCTAssertEqual(-a, Matrix(rows: 2, cols: 3, rowMajor: [-1, -2, -3, -4, -5, -6]))
    }

    func testBroadcastingRowColumnAndScalarLike() throws {
        let row = Matrix(row: [10, 20, 30]), col = Matrix(column: [100, 200])
        XCTAssertEqual(try a + row, Matrix(rows: 2, cols: 3, rowMajor: [11, 22, 33, 14, 25, 36]))
        XCTAssertEqual(try row + a, try a + row)
        XCTAssertEqual(try a - col, Matrix(rows: 2, cols: 3, rowMajor: [-99, -98, -97, -196, -195, -194]))
        XCTAssertEqual(try col - a, Matrix(rows: 2, cols: 3, rowMajor: [99, 98, 97, 196, 195, 194]))
        XCTAssertEqual(try a + Matrix(row: [1]), a + 1)
        XCTAssertEqual(try Matrix(row: [1]) - a, 1 - a)
        XCTAssertEqual(try col + row, Matrix(rows: 2, cols: 3, rowMajor: [110, 120, 130, 210, 220, 230]))
        XCTAssertEqual(try a.multipliedElementwise(by: row), Matrix(rows: 2, cols: 3, rowMajor: [10, 40, 90, 40, 100, 180]))
        XCTAssertEqual(try col.dividedElementwise(by: a), Matrix(rows: 2, cols: 3, rowMajor: [100, 50, 100.0 / 3, 50, 40, 200.0 / 6]))
    }

    func testShapeMismatchNamesOperationAndShapes() {
        let b = Matrix.ones(rows: 3, cols: 2)
        assertThrows(.shapeMismatch(operation: "+", lhs: a.shape, rhs: b.shape)) { try a + b }
        assertThrows(.shapeMismatch(operation: "*", lhs: a.shape, rhs: a.shape)) { try a * a }
        do {
            _ = try Matrix.ones(rows: 3, cols: 4) + .ones(rows: 4, cols: 3)
            XCTFail("no error")
        } catch {
            XCTAssertEqual(error.description, "shape mismatch in +: 3x4 and 4x3")
        }
    }

    func testInPlaceVariants() throws {
        var m = a
        try m.add(Matrix(row: [1, 1, 1]))
        try m.subtract(Matrix(column: [1, 2]))
        XCTAssertEqual(m, Matrix(rows: 2, cols: 3, rowMajor: [1, 2, 3, 3, 4, 5]))
        m.scale(by: 2)
        try m.multiplyElementwise(by: Matrix(row: [1, 0, -1]))
        XCTAssertEqual(m, Matrix(rows: 2, cols: 3, rowMajor: [2, 0, -6, 6, 0, -10]))
        try m.divideElementwise(by: Matrix(row: [2]))
        try m.add(a, scaledBy: 3)
        XCTAssertEqual(m, Matrix(rows: 2, cols: 3, rowMajor: [4, 6, 6, 15, 15, 13]))
        m += 1; m -= 2; m *= 3; m /= 3
        try m += a
        try m -= a
        XCTAssertEqual(m, Matrix(rows: 2, cols: 3, rowMajor: [3, 5, 5, 14, 14, 12]))
        // A row vector cannot grow in place into a matrix.
        var r = Matrix(row: [1, 2, 3])
        assertThrows(.shapeMismatch(operation: "+=", lhs: r.shape, rhs: a.shape)) { try r.add(a) }
        assertThrows(.shapeMismatch(operation: "axpy", lhs: r.shape, rhs: a.shape)) { try r.add(a, scaledBy: 1) }
    }

    func testMatrixProductAgainstHandComputation() throws {
        let b = Matrix(rows: 3, cols: 2, rowMajor: [7, 8, 9, 10, 11, 12])
        XCTAssertEqual(try a * b, Matrix(rows: 2, cols: 2, rowMajor: [58, 64, 139, 154]))
        XCTAssertEqual(try a * Matrix(column: [1, 0, -1]), Matrix(column: [-2, -2]))
        XCTAssertEqual(try Matrix(row: [1, 1]) * a, Matrix(row: [5, 7, 9]))
        XCTAssertEqual(try Matrix(rows: 2, cols: 0) * Matrix(rows: 0, cols: 3), .zeros(rows: 2, cols: 3))
    }

    func testProductMatchesNaiveLoopOnRandomMatrices() throws {
        var g = RandomGenerator(seed: 4)
        let x = Matrix.normal(rows: 37, cols: 23, using: &g), y = Matrix.normal(rows: 23, cols: 41, using: &g)
        let naive = Matrix(rows: 37, cols: 41) { i, j in (0..<23).reduce(0) { $0 + x[i, $1] * y[$1, j] } }
        assertClose(try x * y, naive, tolerance: 1e-12)
    }

    func testGemmWithTransposesAndBeta() throws {
        var g = RandomGenerator(seed: 8)
        let x = Matrix.normal(rows: 5, cols: 4, using: &g), y = Matrix.normal(rows: 6, cols: 5, using: &g)
        var c = Matrix.ones(rows: 4, cols: 6)
        try gemm(alpha: 2, x, transposeA: true, y, transposeB: true, beta: -1, into: &c)
        assertClose(c, try 2 * (x.transposed() * y.transposed()) - Matrix.ones(rows: 4, cols: 6))
        var v = Matrix(column: [.nan, .nan, .nan, .nan])  // beta = 0 ignores previous contents
        try gemm(x, transposeA: true, Matrix.ones(rows: 5, cols: 1), into: &v)
        assertClose(v, x.sum(along: .rows).transposed())
        assertThrows(.shapeMismatch(operation: "gemm output", lhs: Shape(rows: 4, cols: 1), rhs: Shape(rows: 5, cols: 1))) {
            try gemm(x, Matrix.ones(rows: 4, cols: 1), into: &v)
        }
        assertThrows(.shapeMismatch(operation: "gemm", lhs: Shape(rows: 5, cols: 4), rhs: Shape(rows: 5, cols: 6))) {
            try gemm(x, y, transposeB: true, into: &c)
        }
    }

    func testElementwiseFunctions() throws {
        let x = Matrix(row: [0, 1, 4, -1])
        XCTAssertEqual(x.exp()[1], M_E)
        XCTAssertEqual(x.abs(), Matrix(row: [0, 1, 4, 1]))
        XCTAssertEqual(x.sqrt()[2], 2)
        XCTAssertTrue(x.sqrt()[3].isNaN)
        XCTAssertEqual(x.log()[0], -.infinity)
        XCTAssertEqual(x.pow(2), Matrix(row: [0, 1, 16, 1]))
        XCTAssertEqual(x.pow(3), Matrix(row: [0, 1, 64, -1]))
        XCTAssertEqual(try x.pow(Matrix(row: [2, 3, 0.5, 2])), Matrix(row: [0, 1, 2, 1]))
        XCTAssertEqual(x.clamped(min: 0, max: 2), Matrix(row: [0, 1, 2, 0]))
        XCTAssertTrue(Matrix(row: [.nan]).clamped(min: 0, max: 1)[0].isNaN)
        XCTAssertEqual(x.map { $0 * 10 + 1 }, Matrix(row: [1, 11, 41, -9]))
        struct Stop: Error {}
        XCTAssertThrowsError(try x.map { v throws(Stop) in if v > 3 { throw Stop() }; return v })
        var y = x
        y.apply { $0 + 1 }
        XCTAssertEqual(y, x + 1)
    }
}
