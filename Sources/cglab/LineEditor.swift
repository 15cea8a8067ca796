import CReadline
import Foundation
import LuaHost

/// What reading one line produced.
enum LineInput: Equatable {
    /// A line (without its newline; a bracketed paste may hold several lines).
    case line(String)
    /// Ctrl-C at the prompt: the line was discarded.
    case interrupted
    /// End of input (Ctrl-D on an empty line).
    case endOfInput
}

/// Reads the REPL's input lines.
protocol LineEditor {
    /// Shows `prompt` and reads one line.
    func read(prompt: String) -> LineInput
    /// Records a complete entry in the history.
    func remember(_ entry: String)
}

/// Plain line reading for a standard input that is not a terminal (prompts are still printed,
/// as lua.c does).
struct PlainLineEditor: LineEditor {
    func read(prompt: String) -> LineInput {
        writeOutput(prompt)
        guard let line = Swift.readLine(strippingNewline: true) else { return .endOfInput }
        return .line(line)
    }

    func remember(_ entry: String) {}
}

/// GNU readline in its callback mode, so that Ctrl-C at the prompt clears the line instead of
/// ending the program, with a persistent history file and Lua-aware completion.
///
/// Bracketed paste (on by default in readline 8) delivers a pasted block as one line holding
/// newlines, which the REPL runs as one chunk.
final class ReadlineEditor: LineEditor {
    private let history: HistoryFile?

    /// The line delivered by readline's callback, and whether it has arrived.
    nonisolated(unsafe) private static var delivered: UnsafeMutablePointer<CChar>?
    nonisolated(unsafe) private static var finished = false

    private static let lineHandler: @convention(c) (UnsafeMutablePointer<CChar>?) -> Void = { line in
        delivered = line
        finished = true
        rl_callback_handler_remove()
    }

    /// A line editor reading the terminal, with history kept in `history`.
    init(history: HistoryFile?) {
        self.history = history
        rl_readline_name = UnsafePointer(strdup("cglab"))
        rl_catch_signals = 0
        for entry in history?.load() ?? [] { add_history(entry) }
    }

    func read(prompt: String) -> LineInput {
        Self.delivered = nil
        Self.finished = false
        rl_callback_handler_install(prompt, Self.lineHandler)
        while !Self.finished {
            var descriptor = pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0)
            let ready = poll(&descriptor, 1, -1)
            if LuaInterrupt.isRequested {
                LuaInterrupt.clear()
                rl_free_line_state()
                rl_callback_sigcleanup()
                rl_cleanup_after_signal()
                rl_callback_handler_remove()
                writeOutput("\n")
                return .interrupted
            }
            if ready < 0 {
                if errno == EINTR { continue }
                rl_callback_handler_remove()
                return .endOfInput
            }
            rl_callback_read_char()
        }
        guard let line = Self.delivered else { return .endOfInput }
        defer { free(line) }
        return .line(String(cString: line))
    }

    func remember(_ entry: String) {
        add_history(entry)
        history?.append(entry)
    }
}

/// Writes `text` to standard output through C's stdio (the stream Lua's `print` uses) and
/// flushes it, so that the REPL's and Lua's output never interleave out of order.
func writeOutput(_ text: String) {
    fputs(text, stdout)
    fflush(stdout)
}
