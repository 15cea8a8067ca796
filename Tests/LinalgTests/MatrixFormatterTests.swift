import XCTest
@testable import Linalg

final class MatrixFormatterTests: XCTestCase {
    func testSmallMatrixFixedPointAligned() {
        let m = Matrix(rows: 2, cols: 3, rowMajor: [1, -2.5, 3.25, 10, 0, -0.125])
        XCTAssertEqual(MatrixFormatter().string(for: m), """
            2x3 matrix
              1.0    -2.5     3.25
             10.0     0.0    -0.125
            """)
    }

    func testIntegersPrintWithoutDecimalPoint() {
        XCTAssertEqual(Matrix.identity(2).description, "2x2 matrix\n 1  0\n 0  1")
    }

    func testPrecisionIsSignificantDigits() {
        let m = Matrix(row: [Double.pi, 2.0 / 3])
        XCTAssertEqual(MatrixFormatter().string(for: m), "1x2 matrix\n 3.142   0.6667")
        XCTAssertEqual(MatrixFormatter(precision: 2).string(for: m), "1x2 matrix\n 3.1   0.67")
    }

    func testScientificForWideRangesTinyAndHugeValues() {
        XCTAssertEqual(MatrixFormatter().string(for: Matrix(row: [1, 2000])), "1x2 matrix\n 1e+00  2e+03")
        XCTAssertEqual(MatrixFormatter().string(for: Matrix(row: [1.5e-5, 2.25e-5])), "1x2 matrix\n 1.50e-05  2.25e-05")
        XCTAssertEqual(MatrixFormatter().string(for: Matrix(row: [123456789])), "1x1 matrix\n 1.235e+08")
    }

    func testNonFiniteValues() {
        XCTAssertEqual(Matrix(row: [.nan, .infinity, -.infinity, 0.5]).description,
                       "1x4 matrix\n  nan   inf  -inf   0.5")
        XCTAssertEqual(Matrix(row: [.nan]).description, "1x1 matrix\n nan")
    }

    func testEmptyMatrices() {
        XCTAssertEqual(Matrix(rows: 0, cols: 3).description, "0x3 matrix")
        XCTAssertEqual(Matrix(rows: 2, cols: 0).description, "2x0 matrix")
    }

    func testLargeMatrixShowsCornersOnly() {
        let big = Matrix(rows: 1000, cols: 1000) { i, j in Double(i * 1000 + j) }
        let lines = MatrixFormatter(lineWidth: 200).string(for: big).split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.count, 1 + 3 + 1 + 3)
        XCTAssertEqual(lines[0], "1000x1000 matrix")
        XCTAssertTrue(lines[4].allSatisfy { " ⋮…".contains($0) }, lines[4])
        XCTAssertEqual(lines[1].split(separator: " ").count, 7)  // 3 + … + 3
        XCTAssertTrue(lines[1].contains("…"))
        XCTAssertTrue(lines[1].hasPrefix(" 0.000e+00  1.000e+00"), lines[1])
        XCTAssertTrue(lines[7].hasSuffix("1.000e+06"), lines[7])  // 999999 is the last element
    }

    func testLinesFitTheTerminalWidth() {
        let wide = Matrix(rows: 2, cols: 40) { i, j in Double(j) + 0.5 * Double(i) }  // 80 elements: not summarised
        for width in [20, 40, 80, 120] {
            let text = MatrixFormatter(lineWidth: width).string(for: wide)
            for line in text.split(separator: "\n").dropFirst() {
                XCTAssertLessThanOrEqual(line.count, width, "width \(width): \(line)")
            }
            XCTAssertTrue(text.contains("…"))
            XCTAssertTrue(text.contains("39.5"), "last column kept at width \(width)")
        }
        // A single column wider than the terminal is still shown.
        XCTAssertEqual(MatrixFormatter(lineWidth: 3).string(for: Matrix(row: [1.5, 2.5, 3.5])), "1x3 matrix\n 1.5  …")
    }

    func testShowsAllPrintsEverything() {
        let m = Matrix(rows: 40, cols: 40) { i, j in Double(i + j) }
        let text = MatrixFormatter(threshold: 10, showsAll: true).string(for: m)
        XCTAssertFalse(text.contains("…") || text.contains("⋮"))
        XCTAssertEqual(text.split(separator: "\n").count, 41)
        XCTAssertEqual(text.split(separator: "\n")[1].split(separator: " ").count, 40)
    }
}
