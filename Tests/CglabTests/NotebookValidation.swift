import Foundation
import XCTest

/// Checks .ipynb files against the nbformat 4 schema with Python's `nbformat` package: the one
/// `python3` imports (Debian's python3-nbformat, which scripts/install-deps.sh installs), or one
/// pip installs into a virtual environment under .build/. Skips (with the reason) when Python is
/// missing or the package cannot be installed.
enum NotebookValidation {
    /// The Python interpreter that can import nbformat (found or set up once per test run).
    nonisolated(unsafe) private static var python: Result<String, XCTSkip>?

    private static func interpreter() throws -> String {
        if let python { return try python.get() }
        let found = findOrInstall()
        python = found
        return try found.get()
    }

    private static func findOrInstall() -> Result<String, XCTSkip> {
        guard let system = ["/usr/bin/python3", "/usr/local/bin/python3"].first(where: FileManager.default.isExecutableFile)
            ?? which("python3")
        else { return .failure(XCTSkip("python3 is not installed: the .ipynb files were not checked with nbformat")) }
        if run(system, ["-c", "import nbformat"]).status == 0 { return .success(system) }
        let venv = packageRoot.appendingPathComponent(".build/nbformat-venv").path
        let venvPython = venv + "/bin/python"
        if run(venvPython, ["-c", "import nbformat"]).status == 0 { return .success(venvPython) }
        let made = run(system, ["-m", "venv", venv])
        let installed = made.status == 0 ? run(venvPython, ["-m", "pip", "install", "--quiet", "nbformat"]) : made
        guard installed.status == 0 else {
            return .failure(XCTSkip("nbformat could not be installed into \(venv): \(installed.error.suffix(400))"))
        }
        return .success(venvPython)
    }

    private static func which(_ program: String) -> String? {
        (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map { "\($0)/\(program)" }
            .first(where: FileManager.default.isExecutableFile)
    }

    private static func run(_ program: String, _ arguments: [String]) -> ProgramRun {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = arguments
        let output = Pipe(), error = Pipe()
        process.standardOutput = output
        process.standardError = error
        guard (try? process.run()) != nil else { return ProgramRun(status: -1, output: "", error: "cannot run \(program)") }
        let out = output.fileHandleForReading.readDataToEndOfFile()
        let err = error.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return ProgramRun(status: process.terminationStatus, output: String(decoding: out, as: UTF8.self),
                          error: String(decoding: err, as: UTF8.self))
    }

    /// Validates the notebook at `path` against the nbformat 4 schema; records a failure with
    /// nbformat's message when it is not valid.
    static func validate(_ path: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let check = run(try interpreter(), ["-c", """
            import sys, nbformat
            notebook = nbformat.read(sys.argv[1], as_version=nbformat.NO_CONVERT)
            assert notebook.nbformat == 4, notebook.nbformat
            nbformat.validate(notebook)
            """, path])
        XCTAssertEqual(check.status, 0, "\(path) is not a valid nbformat 4 notebook:\n\(check.error)", file: file, line: line)
    }
}
