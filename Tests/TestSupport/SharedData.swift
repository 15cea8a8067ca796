import Foundation
import XCTest

/// Access to the workplace's shared data (`../shared` beside the package root): the CuZr MD
/// fields and the golden STZ solver output.
///
/// The rule for every test that needs it: when a file is missing and the environment variable
/// `CI` is not set, the test is skipped with a message saying why; under CI a missing file is a
/// failure. Test targets share it through the TestSupport target.
public enum SharedData {
    /// The shared folder, `../shared` relative to the package root.
    public static let root: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // Tests/TestSupport
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()  // package root
        .deletingLastPathComponent()
        .appendingPathComponent("shared")

    /// The error thrown under CI when shared data is missing: it fails the test.
    public struct Missing: Error, CustomStringConvertible {
        public let path: String
        public var description: String { "required shared data missing under CI: \(path)" }
    }

    /// The absolute path of `relative` inside the shared folder, or a thrown `XCTSkip` (outside
    /// CI) or `Missing` (under CI) when it does not exist.
    public static func path(_ relative: String) throws -> String {
        let path = root.appendingPathComponent(relative).path
        if FileManager.default.fileExists(atPath: path) { return path }
        if ProcessInfo.processInfo.environment["CI"] != nil { throw Missing(path: path) }
        throw XCTSkip("shared data not found at \(path) (set CI=1 to make this a failure)")
    }
}
