import XCTest
@testable import Linalg

final class ConstructionAccessTests: XCTestCase {
    let a = Matrix(rows: 3, cols: 4, rowMajor: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12])

    func testConstructors() {
        XCTAssertEqual(Matrix.zeros(rows: 2, cols: 3).elements, [0, 0, 0, 0, 0, 0])
        XCTAssertEqual(Matrix.ones(rows: 1, cols: 2).elements, [1, 1])
        XCTAssertEqual(Matrix.identity(2), Matrix(rows: 2, cols: 2, rowMajor: [1, 0, 0, 1]))
        XCTAssertEqual(Matrix.identity(rows: 2, cols: 3), Matrix(rows: 2, cols: 3, rowMajor: [1, 0, 0, 0, 1, 0]))
        XCTAssertEqual(Matrix(diagonal: [2, 3]), Matrix(rows: 2, cols: 2, rowMajor: [2, 0, 0, 3]))
        XCTAssertEqual(a.diagonal(), Matrix(column: [1, 6, 11]))
        XCTAssertEqual(Matrix(rows: 2, cols: 3) { i, j in Double(10 * i + j) },
                       Matrix(rows: 2, cols: 3, rowMajor: [0, 1, 2, 10, 11, 12]))
        var f = Matrix(rows: 2, cols: 2)
        f.fill(7)
        XCTAssertEqual(f.elements, [7, 7, 7, 7])
    }

    func testLinspaceMatchesNumPyDefinition() {
        XCTAssertEqual(Matrix.linspace(from: 0, to: 1, count: 5), Matrix(column: [0, 0.25, 0.5, 0.75, 1]))
        XCTAssertEqual(Matrix.linspace(from: 3, to: 7, count: 1), Matrix(column: [3]))
        XCTAssertEqual(Matrix.linspace(from: 3, to: 7, count: 0).shape, Shape(rows: 0, cols: 1))
        let g = Matrix.linspace(from: 0, to: 0.5, count: 501)
        XCTAssertEqual(g[500], 0.5)
        XCTAssertEqual(g[88], 88 * (0.5 / 500))
    }

    func testRowsColumnsBlocksAreCopies() {
        XCTAssertEqual(a.row(1), Matrix(row: [5, 6, 7, 8]))
        XCTAssertEqual(a.column(2), Matrix(column: [3, 7, 11]))
        XCTAssertEqual(a.rows(1...), Matrix(rows: 2, cols: 4, rowMajor: [5, 6, 7, 8, 9, 10, 11, 12]))
        XCTAssertEqual(a.columns(..<2), Matrix(rows: 3, cols: 2, rowMajor: [1, 2, 5, 6, 9, 10]))
        XCTAssertEqual(a.block(rows: 1..<3, cols: 2..<4), Matrix(rows: 2, cols: 2, rowMajor: [7, 8, 11, 12]))
        XCTAssertEqual(a.block(rows: 1..<1, cols: 0..<4).shape, Shape(rows: 0, cols: 4))
        var slice = a.row(0)
        slice[0, 0] = 100
        XCTAssertEqual(a[0, 0], 1)
    }

    func testSetBlock() throws {
        var m = Matrix.zeros(rows: 3, cols: 3)
        try m.setBlock(row: 1, col: 1, to: Matrix(rows: 2, cols: 2, rowMajor: [1, 2, 3, 4]))
        XCTAssertEqual(m, Matrix(rows: 3, cols: 3, rowMajor: [0, 0, 0, 0, 1, 2, 0, 3, 4]))
        assertThrows(.shapeMismatch(operation: "setBlock at (2, 1)", lhs: Shape(rows: 3, cols: 3), rhs: Shape(rows: 2, cols: 2))) {
            try m.setBlock(row: 2, col: 1, to: .ones(rows: 2, cols: 2))
        }
    }

    func testTransposeReshapeFlatten() {
        let t = a.transposed()
        XCTAssertEqual(t.shape, Shape(rows: 4, cols: 3))
        for i in 0..<3 { for j in 0..<4 { XCTAssertEqual(t[j, i], a[i, j]) } }
        XCTAssertEqual(Matrix(row: [1, 2]).transposed(), Matrix(column: [1, 2]))
        XCTAssertEqual(a.rowMajorElements, Array(1...12).map(Double.init))
        XCTAssertEqual(a.reshaped(rows: 2, cols: 6).elements, a.elements)
        XCTAssertEqual(a.flattened().shape, Shape(rows: 12, cols: 1))
        XCTAssertEqual(a[4], 6)  // column-major position 4 is (1, 1)
    }

    func testConcatenation() throws {
        let h = try Matrix.hcat([a.columns(0..<1), a.columns(1..<4)])
        XCTAssertEqual(h, a)
        let v = try Matrix.vcat([a.rows(0..<2), a.rows(2..<3)])
        XCTAssertEqual(v, a)
        XCTAssertEqual(try Matrix.hcat([]).shape, Shape(rows: 0, cols: 0))
        assertThrows(.shapeMismatch(operation: "vcat", lhs: Shape(rows: 3, cols: 4), rhs: Shape(rows: 1, cols: 2))) {
            try Matrix.vcat([a, .ones(rows: 1, cols: 2)])
        }
        assertThrows(.shapeMismatch(operation: "hcat", lhs: Shape(rows: 3, cols: 4), rhs: Shape(rows: 2, cols: 1))) {
            try Matrix.hcat([a, .ones(rows: 2, cols: 1)])
        }
    }
}
