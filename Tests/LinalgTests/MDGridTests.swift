import XCTest
import TestSupport
@testable import Linalg

final class MDGridTests: XCTestCase {
    private func decode(_ text: String) throws -> MDGrid {
        try MDGrid.decode(Array(text.utf8), path: "g.MD")
    }

    func testRowsAreYAndColumnsAreX() throws {
        let g = try decode("3 2 0.5 1.5\n1 2 3\n4 5 6\n\n\n")
        XCTAssertEqual(g.field, Matrix(rows: 2, cols: 3, rowMajor: [1, 2, 3, 4, 5, 6]))
        XCTAssertEqual(g.base, 0.5)
        XCTAssertEqual(g.range, 1.5)
        XCTAssertEqual(try decode("2 1 0 1\r\n7 8 \r\n").field, Matrix(row: [7, 8]))
    }

    func testMalformedGrids() {
        func reason(_ text: String) -> String? {
            do { _ = try decode(text); return nil } catch { return "\(error)" }
        }
        XCTAssertEqual(reason("3 3 0 1\n1 2 3\n4 5 6\n"), "g.MD: not a valid MD grid file: expected 3 lines of values after the header, found 2")
        XCTAssertEqual(reason("3 2 0 1\n1 2 3\n4 5\n"), "g.MD: not a valid MD grid file: line 3: expected 3 values, found 2")
        XCTAssertEqual(reason("2 1 0 1\n1 2\n3 4\n"), "g.MD: not a valid MD grid file: line 3: more than the 1 lines of values the header announces")
        XCTAssertEqual(reason("2 1 0\n1 2\n"), "g.MD: not a valid MD grid file: line 1: header must be 'nx ny base range', found 3 numbers")
        XCTAssertEqual(reason("2.5 1 0 1\n1 2\n"), "g.MD: not a valid MD grid file: line 1: grid size 2.5 x 1.0 is not two positive integers")
        XCTAssertEqual(reason("2 1 0 1\n1 x\n"), "g.MD:2: column 2: 'x' is not a number")
        XCTAssertEqual(reason(""), "g.MD: not a valid MD grid file: empty file")
        XCTAssertNotNil(reason("99999999999 99999999999 0 1\n1\n"))
    }

    func testWriteReadRoundTrip() throws {
        var rng = RandomGenerator(seed: 9)
        let grid = MDGrid(field: Matrix.uniform(rows: 4, cols: 5, low: -3.4, high: -3.3, using: &rng), base: 0.05, range: 1.42)
        let path = try temporaryDirectory(for: self).appendingPathComponent("pe.MD.7").path
        try grid.write(to: path)
        XCTAssertEqual(try MDGrid.read(from: path), grid)
        XCTAssertTrue(try String(contentsOfFile: path, encoding: .utf8).hasPrefix("5 4 0.05 1.42\n"))
    }

    /// The real CuZr reference data: pe.MD.0 has CRLF line endings.
    func testReadsRealPotentialEnergyFrameWithCRLF() throws {
        let grid = try MDGrid.read(from: SharedData.path("data/CuZr_Ref/pe.MD.0"))
        XCTAssertEqual(grid.field.shape, Shape(rows: 32, cols: 32))
        XCTAssertEqual([grid.base, grid.range], [0, 1])
        XCTAssertEqual(try grid.field.min(), -3.360617, accuracy: 5e-7)
        XCTAssertEqual(try grid.field.max(), -3.358562, accuracy: 5e-7)
    }

    func testReadsRealStrainFrame() throws {
        let grid = try MDGrid.read(from: SharedData.path("data/CuZr_Ref/Exy.MD.100"))
        XCTAssertEqual(grid.field.shape, Shape(rows: 32, cols: 32))
        XCTAssertEqual(grid.field.mean(), 0.500019, accuracy: 5e-7)
        XCTAssertEqual(try grid.field.min(), 0.05099, accuracy: 5e-6)
        XCTAssertEqual(grid.base, 0.05099)
    }
}
