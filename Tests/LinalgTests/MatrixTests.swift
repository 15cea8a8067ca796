import XCTest
@testable import Linalg

final class MatrixCoreTests: XCTestCase {
    func testColumnMajorLayoutAndRowMajorInit() {
        let a = Matrix(rows: 2, cols: 3, rowMajor: [1, 2, 3, 4, 5, 6])
        XCTAssertEqual(a.elements, [1, 4, 2, 5, 3, 6])
        XCTAssertEqual(a[1, 2], 6)
    }
}
