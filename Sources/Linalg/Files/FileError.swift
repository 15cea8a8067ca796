#if canImport(Glibc)
import Glibc
#endif

/// The errors thrown by the matrix file readers and writers. Every case names the file (or,
/// inside an `.npz` archive, `archive.npz:member.npy`), so a message read in a log says which file
/// is wrong and how.
public enum FileError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The file could not be opened or read; `reason` is the system's message.
    case cannotRead(path: String, reason: String)
    /// The file could not be written; `reason` is the system's message.
    case cannotWrite(path: String, reason: String)
    /// The content is not valid `format` (`.npy`, `.npz`, CSV, MD grid, Gnuplot binary): truncated,
    /// wrong magic, inconsistent sizes, ragged rows...
    case malformed(path: String, format: String, reason: String)
    /// The content is valid but uses something this library does not read or write (a complex
    /// dtype, a 3-D array, an encrypted zip member).
    case unsupported(path: String, format: String, feature: String)
    /// A field of a text file is not a number; `line` and `column` are 1-based (the column counts
    /// fields, not characters).
    case invalidNumber(path: String, line: Int, column: Int, text: String)
    /// The data handed to a writer does not fit the format (a header with the wrong number of
    /// names, coordinates that do not match the field).
    case invalidData(path: String, format: String, reason: String)

    /// A one-line message beginning with the file name.
    public var description: String {
        switch self {
        case let .cannotRead(path, reason): return "\(path): cannot read: \(reason)"
        case let .cannotWrite(path, reason): return "\(path): cannot write: \(reason)"
        case let .malformed(path, format, reason): return "\(path): not a valid \(format) file: \(reason)"
        case let .unsupported(path, format, feature): return "\(path): unsupported \(format) feature: \(feature)"
        case let .invalidNumber(path, line, column, text):
            let shown = text.isEmpty ? "empty field" : "'\(text.prefix(40))' is not a number"
            return "\(path):\(line): column \(column): \(shown)"
        case let .invalidData(path, format, reason): return "\(path): cannot write as \(format): \(reason)"
        }
    }
}

/// Whole-file reads and atomic writes with POSIX calls, reporting the system's reason on failure.
enum FileIO {
    /// The bytes of the file at `path`.
    static func read(_ path: String) throws(FileError) -> [UInt8] {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw .cannotRead(path: path, reason: systemMessage()) }
        defer { close(fd) }
        var bytes = [UInt8]()
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw .cannotRead(path: path, reason: systemMessage())
            }
            if n == 0 { return bytes }
            bytes += chunk[0..<n]
        }
    }

    /// Writes `bytes` to `path` atomically: into a temporary file beside it, then renamed over
    /// it, so a reader (or a crash) never sees a half-written file.
    static func write(_ bytes: [UInt8], to path: String) throws(FileError) {
        let temporary = "\(path).tmp-\(getpid())"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw .cannotWrite(path: path, reason: systemMessage()) }
        var failure: String?
        var offset = 0
        while offset < bytes.count && failure == nil {
            let n = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + offset, $0.count - offset) }
            if n < 0 && errno != EINTR { failure = systemMessage() }
            if n > 0 { offset += n }
        }
        if close(fd) != 0 && failure == nil { failure = systemMessage() }
        if failure == nil && rename(temporary, path) != 0 { failure = systemMessage() }
        if let failure {
            unlink(temporary)
            throw .cannotWrite(path: path, reason: failure)
        }
    }

    private static func systemMessage() -> String {
        String(cString: strerror(errno))
    }
}
