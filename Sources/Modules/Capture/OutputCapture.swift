import CLua
import Foundation
import LuaHost

/// `cglab.capture` and `cglab.captured`: everything a function writes to standard output,
/// collected in order, whoever writes it (Lua's print and io.write, display, native code, child
/// processes), by pointing file descriptor 1 at a temporary file while the function runs.
enum OutputCapture {
    /// A redirection of file descriptor 1 into an anonymous temporary file.
    final class Redirection {
        private let file: Int32
        private let saved: Int32

        /// Flushes pending output and points descriptor 1 at a new temporary file.
        init() throws(LuaError) {
            var template = Array((NSTemporaryDirectory() + "/cglab-capture-XXXXXX").utf8CString)
            let file = mkstemp(&template)
            guard file >= 0 else { throw LuaError("capture: cannot create a temporary file: \(String(cString: strerror(errno)))") }
            unlink(template)
            _ = fcntl(file, F_SETFD, FD_CLOEXEC)
            fflush(nil)
            let saved = fcntl(1, F_DUPFD_CLOEXEC, 0)
            guard saved >= 0, dup2(file, 1) >= 0 else {
                let reason = String(cString: strerror(errno))
                close(file)
                if saved >= 0 { close(saved) }
                throw LuaError("capture: cannot redirect standard output: \(reason)")
            }
            self.file = file
            self.saved = saved
        }

        /// Everything written so far.
        func text() -> String {
            fflush(nil)
            var bytes = [UInt8]()
            var chunk = [UInt8](repeating: 0, count: 1 << 16)
            while true {
                let count = pread(file, &chunk, chunk.count, off_t(bytes.count))
                if count < 0 && errno == EINTR { continue }
                if count <= 0 { break }
                bytes += chunk[0..<count]
            }
            return String(decoding: bytes, as: UTF8.self)
        }

        /// Restores descriptor 1 and returns everything written.
        func finish() -> String {
            let captured = text()
            dup2(saved, 1)
            close(saved)
            close(file)
            return captured
        }
    }

    /// The captures running now, innermost last. Descriptor 1 belongs to the whole process, and
    /// so does this stack; Lua states run on one thread at a time.
    nonisolated(unsafe) private static var active: [Redirection] = []

    static let capture = NativeFunction(
        "capture",
        doc: """
            cglab.capture(f, ...) -> text, ok, ...

            Calls f(...) in protected mode, as pcall does, with everything written to standard
            output collected instead of shown (print, io.write, display, native code, commands run
            with os.execute). Returns the text, then pcall's results (true and f's results, or
            false and the error message).
            """
    ) { call in
        try call.checkFunction(1)
        let stack = call.stack
        let redirection = try Redirection()
        active.append(redirection)
        let ok: Bool
        do throws(LuaError) {
            try stack.protectedCall(arguments: Int32(call.argumentCount - 1), results: LUA_MULTRET)
            ok = true
        } catch {
            stack.push(error.message)
            ok = false
        }
        active.removeLast()
        stack.push(redirection.finish())
        stack.insertTop(at: 1)
        stack.push(ok)
        stack.insertTop(at: 2)
        return Int(stack.top)
    }

    static let captured = NativeFunction(
        "captured",
        doc: """
            cglab.captured() -> text

            What the innermost running cglab.capture has collected so far, or nil outside one.
            """
    ) { call in
        call.returning(active.last?.text())
    }
}
