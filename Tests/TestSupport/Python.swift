import Foundation
import XCTest

/// Runs Python snippets with NumPy for cross-checks: the truth for random streams and file
/// formats is NumPy itself. Tests skip (with the reason) when python3 or numpy is missing.
public enum Python {
    /// The outcome of looking for `python3` with `numpy`, computed once.
    private static let availability: String? = {
        do {
            _ = try execute("import numpy")
            return nil
        } catch {
            return "python3 with numpy is not available (\(error))"
        }
    }()

    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    /// Runs `script` with `python3 -c`, passing `arguments` as `sys.argv[1:]`, and returns its
    /// standard output; throws `XCTSkip` when python3 or numpy is missing.
    public static func run(_ script: String, _ arguments: [String] = []) throws -> String {
        if let reason = availability { throw XCTSkip(reason) }
        return try execute(script, arguments)
    }

    /// Runs `script` and parses its output as whitespace-separated numbers (Python `repr` of
    /// floats, which `print(float(x))` writes, round-trips exactly).
    public static func numbers(_ script: String, _ arguments: [String] = []) throws -> [Double] {
        try run(script, arguments).split(whereSeparator: \.isWhitespace).map { token in
            guard let value = Double(token) else { throw Failure(description: "not a number from python: \(token)") }
            return value
        }
    }

    private static func execute(_ script: String, _ arguments: [String] = []) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script] + arguments
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        let errorData = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw Failure(description: "python3 exited with \(process.terminationStatus): "
                + String(decoding: errorData, as: UTF8.self))
        }
        return String(decoding: data, as: UTF8.self)
    }
}
