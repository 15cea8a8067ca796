import Foundation
import XCTest

/// The folder holding the built products (the cglab binary sits next to the test bundle).
let productsFolder: URL = {
    let bundle = Bundle.main.bundleURL
    return bundle.pathExtension == "xctest" ? bundle.deletingLastPathComponent() : bundle
}()

/// The package root (for stdlib/ and the Lua test files).
let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

/// The built cglab executable.
let cglabBinary = productsFolder.appendingPathComponent("cglab").path

/// The result of running a program to completion.
struct ProgramRun {
    let status: Int32
    let output: String
    let error: String
}

/// Runs `cglab` with `arguments`, feeding `input` on standard input.
func runCglab(_ arguments: [String], input: String? = nil, environment: [String: String] = [:],
              directory: URL? = nil) throws -> ProgramRun
{
    let process = Process()
    process.executableURL = URL(fileURLWithPath: cglabBinary)
    process.arguments = arguments
    var merged = ProcessInfo.processInfo.environment
    merged["CGLAB_HISTFILE"] = ""
    for (key, value) in environment { merged[key] = value }
    process.environment = merged
    if let directory { process.currentDirectoryURL = directory }
    let stdin = Pipe(), stdout = Pipe(), stderr = Pipe()
    process.standardInput = stdin
    process.standardOutput = stdout
    process.standardError = stderr
    try process.run()
    if let input { stdin.fileHandleForWriting.write(Data(input.utf8)) }
    try stdin.fileHandleForWriting.close()
    let output = stdout.fileHandleForReading.readDataToEndOfFile()
    let error = stderr.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return ProgramRun(status: process.terminationStatus, output: String(decoding: output, as: UTF8.self),
                      error: String(decoding: error, as: UTF8.self))
}

/// A fresh temporary folder, removed when the test ends.
func temporaryFolder(_ test: XCTestCase) throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("cglab-test-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    test.addTeardownBlock { try? FileManager.default.removeItem(at: url) }
    return url
}

/// The skip rule for data under ../shared: the path when it exists; otherwise a skip (with the
/// reason) outside CI, and a failure under CI (environment variable `CI` set).
func sharedData(_ relativePath: String) throws -> URL {
    let url = packageRoot.deletingLastPathComponent().appendingPathComponent("shared").appendingPathComponent(relativePath)
    if FileManager.default.fileExists(atPath: url.path) { return url }
    let reason = "\(url.path) is missing (the shared data sits beside the checkout)"
    if ProcessInfo.processInfo.environment["CI"] != nil {
        XCTFail("\(reason); under CI this is a failure")
        throw XCTSkip(reason)
    }
    throw XCTSkip("\(reason); skipped outside CI")
}
