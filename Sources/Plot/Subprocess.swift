import Foundation
import Linalg

/// A child process run to completion with posix_spawn, its standard output and error captured,
/// standard input from /dev/null, killed after a time-out or on interruption.
///
/// posix_spawn and poll rather than Foundation's Process: no extra threads per child, and no
/// hang when a child leaves a descendant holding a pipe open after it exits.
struct Subprocess {
    /// How the child ended.
    struct Result {
        /// The exit status, or 128 + the signal number when a signal ended it.
        let status: Int32
        /// Everything written to standard output.
        let output: [UInt8]
        /// Everything written to standard error.
        let errors: [UInt8]
    }

    /// Why a child could not be run to completion.
    enum Failure: Error {
        /// posix_spawn failed with `errno` (ENOENT: no such program).
        case cannotStart(errno: Int32)
        /// The time-out passed; the child was killed.
        case timedOut
        /// The interruption was requested; the child was killed.
        case interrupted
    }

    /// Runs `executable` with `arguments` (argv[1...]) and waits for it, at most `timeout` seconds.
    static func run(_ executable: String, _ arguments: [String], timeout: Double, interruption: Interruption)
        throws(Failure) -> Result
    {
        var outputPipe: [Int32] = [-1, -1]
        var errorPipe: [Int32] = [-1, -1]
        guard pipe(&outputPipe) == 0 else { throw .cannotStart(errno: errno) }
        guard pipe(&errorPipe) == 0 else {
            outputPipe.forEach { close($0) }
            throw .cannotStart(errno: errno)
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, outputPipe[1], 1)
        posix_spawn_file_actions_adddup2(&actions, errorPipe[1], 2)
        for descriptor in outputPipe + errorPipe { posix_spawn_file_actions_addclose(&actions, descriptor) }
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let status = posix_spawn(&pid, executable, &actions, nil, argv, environ)
        close(outputPipe[1])
        close(errorPipe[1])
        defer {
            close(outputPipe[0])
            close(errorPipe[0])
        }
        guard status == 0 else { throw .cannotStart(errno: status) }
        var streams = [(descriptor: outputPipe[0], bytes: [UInt8]()), (descriptor: errorPipe[0], bytes: [UInt8]())]
        let deadline = Date().addingTimeInterval(timeout)
        var failure: Failure?
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        var open = [true, true]
        while open.contains(true) && failure == nil {
            var descriptors = streams.indices.filter { open[$0] }.map { pollfd(fd: streams[$0].descriptor, events: Int16(POLLIN), revents: 0) }
            let ready = poll(&descriptors, nfds_t(descriptors.count), 100)
            if ready < 0 && errno != EINTR { break }
            for polled in descriptors where polled.revents != 0 {
                guard let k = streams.firstIndex(where: { $0.descriptor == polled.fd }) else { continue }
                let count = read(polled.fd, &buffer, buffer.count)
                if count > 0 { streams[k].bytes += buffer[0..<count] } else if count == 0 || errno != EINTR { open[k] = false }
            }
            if interruption.isRequested { failure = .interrupted } else if Date() > deadline { failure = .timedOut }
        }
        if failure == nil && interruption.isRequested { failure = .interrupted }
        if failure != nil { kill(pid, SIGKILL) }
        var exitStatus: Int32 = 0
        while waitpid(pid, &exitStatus, 0) < 0 && errno == EINTR {}
        if let failure { throw failure }
        let code = exitStatus & 0x7f == 0 ? (exitStatus >> 8) & 0xff : 128 + (exitStatus & 0x7f)
        return Result(status: code, output: streams[0].bytes, errors: streams[1].bytes)
    }
}
