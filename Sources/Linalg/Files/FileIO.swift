import Glibc

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
        // A fresh name per call (process id and a random tag), so concurrent writers never share it.
        let temporary = "\(path).tmp-\(getpid())-\(UInt32.random(in: .min ... .max))"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
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
