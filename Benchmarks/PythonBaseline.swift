import Foundation

/// Runs the Python baselines of `Benchmarks/python` in a virtual environment of their own,
/// `.build/bench-venv`, created (with numpy, scipy and scikit-learn from PyPI) on first use.
enum PythonBaseline {
    /// The package root, two levels above this file.
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    /// The environment's interpreter.
    static let python = root.appendingPathComponent(".build/bench-venv/bin/python3").path

    /// Why the baseline cannot run (python3 missing, installation failed), or nil when it can.
    static let unavailable: String? = {
        if FileManager.default.isExecutableFile(atPath: python),
           (try? run(python, ["-c", "import sklearn, scipy, numpy"])) != nil {
            return nil
        }
        guard (try? run("/usr/bin/env", ["python3", "--version"])) != nil else { return "python3 not found" }
        do {
            print("  (creating .build/bench-venv with numpy, scipy, scikit-learn)")
            _ = try run("/usr/bin/env", ["python3", "-m", "venv", root.appendingPathComponent(".build/bench-venv").path])
            _ = try run(python, ["-m", "pip", "install", "-q", "numpy", "scipy", "scikit-learn"])
            return nil
        } catch {
            return "could not set up the Python environment: \(error)"
        }
    }()

    /// Runs `script` (a file in `Benchmarks/python`) with `arguments` and decodes its JSON output.
    static func json(_ script: String, _ arguments: [String]) throws -> [String: Any] {
        let path = root.appendingPathComponent("Benchmarks/python/\(script)").path
        let output = try run(python, [path] + arguments)
        guard let object = try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any] else {
            throw Failure(description: "\(script) printed no JSON object")
        }
        return object
    }

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// Runs an executable and returns its standard output; throws on a non-zero exit.
    private static func run(_ executable: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        let errorData = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw Failure(description: "\(executable) exited with \(process.terminationStatus): "
                + String(decoding: errorData, as: UTF8.self).suffix(500))
        }
        return String(decoding: data, as: UTF8.self)
    }
}
