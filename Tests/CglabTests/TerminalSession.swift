import Foundation
import XCTest

/// A program running in a detached tmux terminal, driven by keystrokes and read back as the
/// rendered screen, the way a user sees it.
final class TerminalSession {
    private let socket = "cglab-test-\(UUID().uuidString.prefix(8))"

    /// Starts `command` (a shell command line) in a `width` x `height` terminal. Skips the test
    /// when tmux is missing outside CI.
    init(_ command: String, width: Int = 120, height: Int = 40) throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/tmux") else {
            if ProcessInfo.processInfo.environment["CI"] != nil { XCTFail("tmux is missing (scripts/install-deps.sh installs it)") }
            throw XCTSkip("tmux is not installed; run scripts/install-deps.sh")
        }
        try tmux(["new-session", "-d", "-s", "main", "-x", String(width), "-y", String(height), command], capture: false)
    }

    deinit {
        _ = try? tmux(["kill-server"], capture: false)
    }

    /// Runs a tmux command and returns its standard output (discarded without `capture`).
    ///
    /// posix_spawn and waitpid directly: the command that starts the tmux server leaves a
    /// daemon behind, which Foundation's Process does not always cope with.
    @discardableResult
    private func tmux(_ arguments: [String], capture: Bool = true) throws -> String {
        var output: [Int32] = [-1, -1]
        guard pipe(&output) == 0 else { throw POSIXError(.EIO) }
        var actions: posix_spawn_file_actions_t = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        if capture {
            posix_spawn_file_actions_adddup2(&actions, output[1], 1)
        } else {
            posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        }
        posix_spawn_file_actions_addclose(&actions, output[0])
        posix_spawn_file_actions_addclose(&actions, output[1])
        let argv = (["/usr/bin/tmux", "-L", socket] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let status = posix_spawn(&pid, "/usr/bin/tmux", &actions, nil, argv, environ)
        close(output[1])
        defer { close(output[0]) }
        guard status == 0 else { throw POSIXError(.ENOENT) }
        var data = Data()
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = read(output[0], &buffer, buffer.count)
            if count <= 0 { break }
            data.append(contentsOf: buffer[0..<count])
        }
        var exitStatus: Int32 = 0
        waitpid(pid, &exitStatus, 0)
        return String(decoding: data, as: UTF8.self)
    }

    /// Types `text` literally (tmux reads a trailing `;` as a command separator unless escaped).
    func type(_ text: String) throws {
        try tmux(["send-keys", "-t", "main", "-l", text.hasSuffix(";") ? text.dropLast() + "\\;" : text])
    }

    /// Presses keys by tmux name (`Enter`, `Tab`, `C-c`, `Up`).
    func press(_ keys: String...) throws { try tmux(["send-keys", "-t", "main"] + keys) }

    /// Waits until the program shows a prompt (`> ` or `>> ` on the last line), then types
    /// `line` and presses Enter. Waiting keeps typed-ahead text from being echoed by the
    /// terminal before the prompt appears.
    func enter(_ line: String) throws {
        try waitForPrompt()
        try type(line)
        try press("Enter")
    }

    /// Waits (up to 10 s) for a prompt on the last non-empty line of the screen.
    func waitForPrompt() throws {
        let deadline = Date().addingTimeInterval(10)
        while Date() < deadline {
            let last = try screen().split(separator: "\n").last { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
            if let last, [">", ">>"].contains(last.trimmingCharacters(in: .whitespaces)) { return }
            usleep(20_000)
        }
    }

    /// Pastes `text` as a terminal paste (bracketed when the program asked for it).
    func paste(_ text: String) throws {
        try tmux(["set-buffer", "-b", "paste", text])
        try tmux(["paste-buffer", "-p", "-b", "paste", "-t", "main"])
    }

    /// The visible screen and scrollback, as rendered.
    func screen() throws -> String {
        try tmux(["capture-pane", "-p", "-J", "-S", "-200", "-t", "main"])
    }

    /// Waits until the screen contains `text` (up to `timeout` seconds); returns whether it did.
    @discardableResult
    func waitFor(_ text: String, timeout: Double = 15) throws -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if try screen().contains(text) { return true }
            usleep(50_000)
        }
        return false
    }

    /// Waits for `text` like ``waitFor(_:timeout:)`` and records a test failure showing the
    /// screen when it does not appear. `alternatives` are accepted too (tab-expanded output).
    func expect(_ text: String, or alternatives: String..., because reason: String = "",
                file: StaticString = #filePath, line: UInt = #line) throws {
        let deadline = Date().addingTimeInterval(15)
        while Date() < deadline {
            let screen = try screen()
            if ([text] + alternatives).contains(where: screen.contains) { return }
            usleep(50_000)
        }
        XCTFail("screen never showed \(text.debugDescription) \(reason)\n\(try screen())", file: file, line: line)
    }
}
