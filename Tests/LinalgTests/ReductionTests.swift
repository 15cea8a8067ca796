import XCTest
@testable import Linalg

final class ReductionTests: XCTestCase {
    let a = Matrix(rows: 2, cols: 3, rowMajor: [1, 5, 3, 4, 2, 6])

    func testSumMeanStd() {
        XCTAssertEqual(a.sum(), 21)
        XCTAssertEqual(a.mean(), 3.5)
        XCTAssertEqual(a.sum(along: .rows), Matrix(row: [5, 7, 9]))
        XCTAssertEqual(a.sum(along: .columns), Matrix(column: [9, 12]))
        XCTAssertEqual(a.mean(along: .columns), Matrix(column: [3, 4]))
        // Population variance of 1...6 is 35/12; the sample variance is 3.5.
        XCTAssertEqual(a.variance(), 35.0 / 12, accuracy: 1e-15)
        XCTAssertEqual(a.standardDeviation(ddof: 1), 3.5.squareRoot(), accuracy: 1e-15)
        XCTAssertEqual(a.standardDeviation(along: .rows), Matrix(row: [1.5, 1.5, 1.5]))
        XCTAssertEqual(a.standardDeviation(along: .columns, ddof: 1), Matrix(column: [2, 2]))
        XCTAssertTrue(Matrix(row: [1]).variance(ddof: 1).isNaN)
        XCTAssertEqual(Matrix(rows: 0, cols: 3).sum(), 0)
        XCTAssertTrue(Matrix(rows: 0, cols: 3).mean().isNaN)
    }

    func testExtremaAndTheirPositions() throws {
        XCTAssertEqual(try a.min(), 1)
        XCTAssertEqual(try a.max(), 6)
        XCTAssertTrue(try a.argmin() == (0, 0))
        XCTAssertTrue(try a.argmax() == (1, 2))
        XCTAssertEqual(try a.min(along: .rows), Matrix(row: [1, 2, 3]))
        XCTAssertEqual(try a.max(along: .columns), Matrix(column: [5, 6]))
        XCTAssertEqual(try a.argmin(along: .rows), [0, 1, 0])
        XCTAssertEqual(try a.argmax(along: .columns), [1, 2])
        let withNaN = Matrix(row: [3, .nan, 1])
        XCTAssertTrue(try withNaN.min().isNaN)
        XCTAssertTrue(try withNaN.argmax() == (0, 1))
        assertThrows(.empty(function: "max", shape: Shape(rows: 0, cols: 2))) { try Matrix(rows: 0, cols: 2).max() }
        assertThrows(.empty(function: "argmin", shape: Shape(rows: 0, cols: 2))) { try Matrix(rows: 0, cols: 2).argmin(along: .rows) }
        XCTAssertEqual(try Matrix(rows: 0, cols: 2).min(along: .columns).shape, Shape(rows: 0, cols: 1))
    }

    func testNormsTraceDot() throws {
        let v = Matrix(column: [3, -4])
        XCTAssertEqual(v.norm(), 5)
        XCTAssertEqual(v.norm(.two), 5)
        XCTAssertEqual(v.norm(.one), 7)
        XCTAssertEqual(v.norm(.infinity), 4)
        let m = Matrix(rows: 2, cols: 2, rowMajor: [1, -2, 3, 4])
        XCTAssertEqual(m.norm(), 30.0.squareRoot(), accuracy: 1e-15)
        XCTAssertEqual(m.norm(.one), 6)
        XCTAssertEqual(m.norm(.infinity), 7)
        // Spectral norm of diag(3, -7) rotated stays 7.
        let c = 0.6, s = 0.8
        let q = Matrix(rows: 2, cols: 2, rowMajor: [c, -s, s, c])
        XCTAssertEqual(try (q * Matrix(diagonal: [3, -7])).norm(.two), 7, accuracy: 1e-14)
        XCTAssertTrue(Matrix(rows: 2, cols: 2, rowMajor: [1, .nan, 0, 1]).norm(.two).isNaN)
        XCTAssertEqual(m.trace(), 5)
        XCTAssertEqual(try v.dot(Matrix(row: [1, 1])), -1)
        XCTAssertEqual(try m.dot(m), 30)
        assertThrows(.shapeMismatch(operation: "dot", lhs: m.shape, rhs: v.shape)) { try m.dot(v) }
    }

    func testFiniteness() {
        let m = Matrix(row: [1, .nan, .infinity, -.infinity, 0])
        XCTAssertEqual(m.nonFiniteCount(), 3)
        XCTAssertFalse(m.allFinite)
        XCTAssertTrue(Matrix.ones(rows: 2, cols: 2).allFinite)
    }
}
