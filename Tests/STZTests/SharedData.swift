import Foundation
import XCTest

/// Locates files in the workplace's `../shared` directory (MD data, golden solver output).
///
/// The skip rule: when a file is missing and the environment variable `CI` is not set, the test
/// is skipped with a message saying why; under `CI` its absence is a failure.
enum SharedData {
    /// `../shared` relative to the package root (this file is Tests/STZTests/SharedData.swift).
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("shared").path

    /// The path of `relative` under `../shared`, or a skip (or, under CI, a failure) when absent.
    static func path(_ relative: String, file: StaticString = #filePath, line: UInt = #line) throws -> String {
        let path = (root as NSString).appendingPathComponent(relative)
        if FileManager.default.fileExists(atPath: path) { return path }
        let message = "\(path) is missing: the shared MD data and golden output are not checked out next to this package"
        if ProcessInfo.processInfo.environment["CI"] != nil {
            XCTFail(message + " (required under CI)", file: file, line: line)
            throw CocoaError(.fileNoSuchFile)
        }
        throw XCTSkip(message, file: file, line: line)
    }
}
