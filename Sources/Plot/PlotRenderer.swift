import Foundation
import Linalg

/// Renders figures with gnuplot: writes the script and data into a temporary folder, runs
/// gnuplot on it (with a time-out), and returns or saves what it drew.
public struct PlotRenderer: Sendable {
    /// The gnuplot program; `nil` looks on the `PATH`, then at `/usr/bin/gnuplot`.
    public var gnuplot: String?
    /// Seconds gnuplot may run before it is stopped.
    public var timeout: Double
    /// Polled while gnuplot runs; a request stops it.
    public var interruption: Interruption

    /// A renderer using `gnuplot` (or the one found), stopping it after `timeout` seconds or when
    /// `interruption` is requested.
    public init(gnuplot: String? = nil, timeout: Double = 60, interruption: Interruption = .never) {
        self.gnuplot = gnuplot
        self.timeout = timeout
        self.interruption = interruption
    }

    /// The gnuplot program that will run.
    public func locateGnuplot() throws(PlotError) -> String {
        let fileManager = FileManager.default
        if let gnuplot {
            guard fileManager.isExecutableFile(atPath: gnuplot) else { throw .gnuplotMissing(looked: "at \(gnuplot)") }
            return gnuplot
        }
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        let candidates = path.split(separator: ":").map { "\($0)/gnuplot" } + ["/usr/bin/gnuplot"]
        guard let found = candidates.first(where: fileManager.isExecutableFile(atPath:)) else {
            throw .gnuplotMissing(looked: "on the PATH and at /usr/bin/gnuplot")
        }
        return found
    }

    /// Writes `figure` to `path`, in the format its extension names (`.png`, `.svg`, `.pdf`,
    /// `.txt`). The file is replaced atomically: it is either the old one or the complete new one.
    public func write(_ figure: Figure, to path: String) throws(PlotError) {
        let bytes = try render(figure, as: OutputFormat(path: path, figure: figure))
        do {
            try Data(bytes).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw .cannotWrite(path: path, reason: Self.reason(error))
        }
    }

    /// The bytes of `figure` drawn as `format`.
    public func render(_ figure: Figure, as format: OutputFormat) throws(PlotError) -> [UInt8] {
        let program = try locateGnuplot()
        let folder = try Self.makeWorkFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let output = "\(folder)/figure.\(format.fileExtension)"
        let script = GnuplotScript(figure: figure, format: format, output: output, dataFolder: folder)
        let scriptPath = "\(folder)/figure.gp"
        do {
            for file in script.dataFiles { try Data(file.bytes).write(to: URL(fileURLWithPath: "\(folder)/\(file.name)")) }
            try Data(script.text.utf8).write(to: URL(fileURLWithPath: scriptPath))
        } catch {
            throw .cannotWrite(path: folder, reason: Self.reason(error))
        }
        let result: Subprocess.Result
        do {
            result = try Subprocess.run(program, ["-d", scriptPath], timeout: timeout, interruption: interruption)
        } catch {
            switch error {
            case .cannotStart(let errno): throw .gnuplotMissing(looked: "at \(program): \(String(cString: strerror(errno)))")
            case .timedOut: throw .timedOut(seconds: timeout)
            case .interrupted: throw .interrupted
            }
        }
        guard result.status == 0, let bytes = FileManager.default.contents(atPath: output), !bytes.isEmpty else {
            throw .gnuplotFailed(status: result.status, message: Self.errorMessage(result.errors, script: scriptPath))
        }
        // The text terminal starts each page with a form feed.
        if case .text = format { return bytes.filter { $0 != 0x0c } }
        return Array(bytes)
    }

    /// gnuplot's last error line without its `"script" line N:` prefix (it points into a
    /// temporary script the user never sees).
    static func errorMessage(_ errors: [UInt8], script: String) -> String {
        let lines = String(decoding: errors, as: UTF8.self).split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        guard let last = lines.last(where: { !$0.isEmpty }) else { return "no message" }
        let prefix = "\"\(script)\" line "
        guard last.hasPrefix(prefix), let colon = last.dropFirst(prefix.count).firstIndex(of: ":") else { return last }
        return last[last.index(after: colon)...].trimmingCharacters(in: .whitespaces)
    }

    private static func makeWorkFolder() throws(PlotError) -> String {
        var template = Array((NSTemporaryDirectory() + "/cglab-plot-XXXXXX").utf8CString)
        guard let made = mkdtemp(&template) else {
            throw .cannotWrite(path: NSTemporaryDirectory(), reason: String(cString: strerror(errno)))
        }
        return String(cString: made)
    }

    private static func reason(_ error: any Error) -> String {
        let underlying = (error as NSError).userInfo[NSUnderlyingErrorKey] as? NSError
        if let code = underlying?.code, underlying?.domain == NSPOSIXErrorDomain { return String(cString: strerror(Int32(code))) }
        return error.localizedDescription
    }
}
