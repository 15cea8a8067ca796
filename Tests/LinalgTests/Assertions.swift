import XCTest
@testable import Linalg

/// Fails unless `a` and `b` have the same shape and every element differs by at most
/// `tolerance` (absolute).
func assertClose(
    _ a: Matrix, _ b: Matrix, tolerance: Double = 1e-12, _ message: String = "",
    file: StaticString = #filePath, line: UInt = #line
) {
    guard a.shape == b.shape else {
        XCTFail("shape \(a.shape) != \(b.shape) \(message)", file: file, line: line)
        return
    }
    let worst = zip(a.elements, b.elements).map { Swift.abs($0 - $1) }.max() ?? 0
    XCTAssertLessThanOrEqual(worst, tolerance, "largest difference \(worst) \(message)", file: file, line: line)
}

/// Fails unless `body` throws exactly `expected`.
func assertThrows<T>(
    _ expected: LinalgError, _ body: () throws -> T,
    file: StaticString = #filePath, line: UInt = #line
) {
    do {
        _ = try body()
        XCTFail("expected \(expected), nothing thrown", file: file, line: line)
    } catch {
        XCTAssertEqual(error as? LinalgError, expected, "\(error)", file: file, line: line)
    }
}

/// A temporary directory removed when the test ends.
func temporaryDirectory(for test: XCTestCase) throws -> URL {
    let url = FileManager.default.temporaryDirectory
        .appendingPathComponent("linalg-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    test.addTeardownBlock { try? FileManager.default.removeItem(at: url) }
    return url
}
