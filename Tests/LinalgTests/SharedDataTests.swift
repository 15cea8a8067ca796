import Foundation
import XCTest
import TestSupport

final class SharedDataTests: XCTestCase {
    /// The skip rule itself: a missing file skips outside CI and fails (throws `Missing`) under CI.
    func testMissingFileSkipsOutsideCIAndFailsUnderCI() {
        let underCI = ProcessInfo.processInfo.environment["CI"] != nil
        do {
            _ = try SharedData.path("no/such/file")
            XCTFail("a missing file was found")
        } catch let skip as XCTSkip {
            XCTAssertFalse(underCI)
            XCTAssertTrue("\(skip)".contains("no/such/file"), "the skip message names the file")
        } catch {
            XCTAssertTrue(underCI)
            XCTAssertTrue(error is SharedData.Missing)
        }
    }
}
