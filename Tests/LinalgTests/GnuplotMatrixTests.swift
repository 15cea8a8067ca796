import XCTest
import TestSupport
@testable import Linalg

final class GnuplotMatrixTests: XCTestCase {
    func testRoundTripAndLayout() throws {
        let field = Matrix(rows: 2, cols: 3, rowMajor: [1, 2, 3, 4, 5, 6.5])
        let g = try GnuplotMatrix(field: field, x: [0, 12.5, 25], y: [6.25, 18.75])
        let bytes = g.encode()
        XCTAssertEqual(bytes.count, 4 * 3 * 4)
        // Row 0 is nx then x; row 1 starts with y[0]: the fifth float is 6.25.
        XCTAssertEqual(Float(bitPattern: UInt32(bytes[16]) | UInt32(bytes[17]) << 8 | UInt32(bytes[18]) << 16 | UInt32(bytes[19]) << 24), 6.25)
        XCTAssertEqual(try GnuplotMatrix.decode(bytes, path: "f"), g)
        XCTAssertThrowsError(try GnuplotMatrix(field: field, x: [0, 1], y: [0, 1])) { error in
            XCTAssertEqual("\(error)", "GnuplotMatrix: expected a field of 2 rows (y) by 2 columns (x), got 2x3")
        }
    }

    func testMalformedFiles() throws {
        let good = try GnuplotMatrix(field: .ones(rows: 2, cols: 2), x: [0, 1], y: [0, 1]).encode()
        func reason(_ bytes: [UInt8]) -> String? {
            do { _ = try GnuplotMatrix.decode(bytes, path: "f.bin"); return nil } catch { return "\(error)" }
        }
        XCTAssertEqual(reason(Array(good.dropLast(2))), "f.bin: not a valid Gnuplot binary matrix file: size 34 is not a whole number of 4-byte floats")
        XCTAssertEqual(reason(Array(good.dropLast(4))), "f.bin: not a valid Gnuplot binary matrix file: 8 floats do not make whole rows of 2 + 1")
        XCTAssertNotNil(reason([]))
        XCTAssertNotNil(reason([0, 0, 0xc0, 0x7f]))  // NaN column count
        XCTAssertNotNil(reason([0, 0, 0x80, 0x3f, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]))
    }

    /// The golden STZ solver output against its own summary, read with this library's CSV reader.
    func testGoldenSolverFramesMatchTheirSummary() throws {
        let summary = try CSV.read(from: SharedData.path("golden/stz-setB/summary.csv"))
        let header = try XCTUnwrap(summary.header)
        func value(_ column: String, frame: Int) throws -> Double {
            summary.matrix[frame, try XCTUnwrap(header.firstIndex(of: column), column)]
        }
        for (field, frame, prefix) in [("tau", 0, "mean_tau_physical"), ("tau", 100, "mean_tau_physical"),
                                       ("Exy", 100, "Exy_mean"), ("tem", 0, "tem_mean")] {
            let g = try GnuplotMatrix.read(from: SharedData.path("golden/stz-setB/sct_q.out/\(field).\(frame)"))
            XCTAssertEqual(g.field.shape, Shape(rows: 32, cols: 32))
            let mean = try value(prefix, frame: frame)
            XCTAssertEqual(g.field.mean(), mean, accuracy: 1e-6 * Swift.max(1, Swift.abs(mean)), "\(field).\(frame)")
        }
        let exy = try GnuplotMatrix.read(from: SharedData.path("golden/stz-setB/sct_q.out/Exy.100"))
        XCTAssertEqual(try exy.field.min(), try value("Exy_min", frame: 100), accuracy: 1e-7)
        XCTAssertEqual(try exy.field.max(), try value("Exy_max", frame: 100), accuracy: 1e-7)
        // Corner fields sit at 12.5 i A, cell-centred ones at (i + 1/2) 12.5 A.
        XCTAssertEqual(exy.x, (0..<32).map { 12.5 * Double($0) })
        XCTAssertEqual(exy.y, exy.x)
        let tau = try GnuplotMatrix.read(from: SharedData.path("golden/stz-setB/sct_q.out/tau.0"))
        XCTAssertEqual(tau.x, (0..<32).map { 12.5 * (Double($0) + 0.5) })
        XCTAssertEqual(try tau.field.max(), 0)
    }
}
