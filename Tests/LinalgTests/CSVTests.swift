import XCTest
import TestSupport
@testable import Linalg

final class CSVTests: XCTestCase {
    private func decode(_ text: String, delimiter: Character? = ",", header: CSVHeader = .detect) throws -> CSVTable {
        try CSV.decode(Array(text.utf8), path: "t.csv", delimiter: delimiter, header: header)
    }

    func testHeaderCommentsQuotesAndCRLF() throws {
        let table = try decode("# produced by a test\r\n\"x\", \"y\"\r\n1, 2.5 # inline comment\r\n\r\n-3,1e-3\r\nnan,inf\r\n")
        XCTAssertEqual(table.header, ["x", "y"])
        XCTAssertEqual(table.matrix.shape, Shape(rows: 3, cols: 2))
        XCTAssertEqual(table.matrix.row(1), Matrix(row: [-3, 0.001]))
        XCTAssertTrue(table.matrix[2, 0].isNaN)
        XCTAssertEqual(table.matrix[2, 1], .infinity)
    }

    func testHeaderOptionsAndWhitespaceDelimiter() throws {
        XCTAssertNil(try decode("1,2\n3,4\n").header)
        XCTAssertEqual(try decode("1,2\n3,4\n", header: .present).header, ["1", "2"])
        XCTAssertThrowsError(try decode("a,b\n1,2\n", header: .absent))
        let spaced = try decode("  1\t2   3\n4 5 6  \n", delimiter: nil)
        XCTAssertEqual(spaced.matrix, Matrix(rows: 2, cols: 3, rowMajor: [1, 2, 3, 4, 5, 6]))
        XCTAssertEqual(try decode("1;2\n", delimiter: ";").matrix, Matrix(row: [1, 2]))
        XCTAssertEqual(try decode("a,b\n").matrix.shape, Shape(rows: 0, cols: 2))
        XCTAssertEqual(try decode("").matrix.shape, Shape(rows: 0, cols: 0))
    }

    func testBadCellNamesLineAndColumn() {
        XCTAssertThrowsError(try decode("x,y\n1,2\n3,abc\n")) { error in
            XCTAssertEqual(error as? FileError, .invalidNumber(path: "t.csv", line: 3, column: 2, text: "abc"))
            XCTAssertEqual("\(error)", "t.csv:3: column 2: 'abc' is not a number")
        }
        XCTAssertThrowsError(try decode("1,2\n3,\n")) { error in
            XCTAssertEqual("\(error)", "t.csv:2: column 2: empty field")
        }
        XCTAssertThrowsError(try decode("1,2\n3,4,5\n")) { error in
            XCTAssertEqual(error as? FileError, .malformed(path: "t.csv", format: "CSV", reason: "line 2: expected 2 fields, found 3"))
        }
        XCTAssertThrowsError(try CSV.decode([0xff, 0xfe, 0x31, 0x0a], path: "bin.csv", header: .absent))
    }

    func testWriteReadRoundTripIsExact() throws {
        var g = RandomGenerator(seed: 12)
        let m = try Matrix.hcat([Matrix.normal(rows: 5, cols: 3, using: &g), Matrix(column: [1, -0.0, 1e-300, .nan, 32])])
        let path = try temporaryDirectory(for: self).appendingPathComponent("m.csv").path
        try CSV.write(m, to: path, header: ["a", "b", "c", "d"])
        let back = try CSV.read(from: path)
        XCTAssertEqual(back.header, ["a", "b", "c", "d"])
        XCTAssertEqual(back.matrix.elements.map(\.bitPattern), m.elements.map(\.bitPattern))
        XCTAssertThrowsError(try CSV.write(m, to: path, header: ["only one"])) { error in
            XCTAssertEqual(error as? FileError, .invalidData(path: path, format: "CSV", reason: "1 column names for 4 columns"))
        }
    }

    func testNumPyReadsWhatSwiftWrites() throws {
        let path = try temporaryDirectory(for: self).appendingPathComponent("n.csv").path
        try CSV.write(Matrix(rows: 2, cols: 2, rowMajor: [0.1, 2, -3e-7, .infinity]), to: path, header: ["p", "q"])
        XCTAssertEqual(try Python.run("import sys, numpy as np; print(np.loadtxt(sys.argv[1], delimiter=',', skiprows=1).tolist())", [path]),
                       "[[0.1, 2.0], [-3e-07, inf]]\n")
    }
}
