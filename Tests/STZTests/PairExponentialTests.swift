import Foundation
import XCTest
@testable import STZ

/// The branch-free exponential of the plastic-rate kernels against the C library's `exp`.
final class PairExponentialTests: XCTestCase {
    func testAccuracyOverTheWholeRange() {
        var worst = 0.0
        for i in 0...200_000 {
            let x = -708 + 1417 * Double(i) / 200_000
            let y = exponential(Pair(x, -x / 3))
            worst = max(worst, abs(y[0] - exp(x)) / exp(x), abs(y[1] - exp(-x / 3)) / exp(-x / 3))
        }
        XCTAssertLessThan(worst, 5e-16)
    }

    func testSpecialValues() {
        let y = exponential(Pair(-1000, 800))
        XCTAssertEqual(y[0], 0)
        XCTAssertEqual(y[1], .infinity)
        XCTAssertTrue(exponential(Pair(.nan, 0))[0].isNaN)
        XCTAssertEqual(exponential(Pair(0, 1))[0], 1)
        XCTAssertEqual(exponential(Pair(0, 1))[1], M_E, accuracy: 4e-16)
    }
}
