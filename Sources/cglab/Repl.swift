import CLua
import Foundation
import LuaHost

/// The read-eval-print loop.
///
/// Beyond lua.c: expressions print without `=` (multi-line ones too) through the `display`
/// hook, a trailing `;` suppresses that, `_` holds the last result, a pasted block runs as one
/// chunk (so `local` works inside it), `?name` shows help, `:command` runs a REPL command
/// (stdlib/cglab/repl.lua), `!command` runs a shell command. Errors never end the session.
final class Repl {
    private let session: Session
    private let editor: LineEditor
    private var stack: LuaStack { session.lua.stack }

    /// A REPL over `session`, reading lines with `editor`.
    init(session: Session, editor: LineEditor) {
        self.session = session
        self.editor = editor
    }

    /// Runs until end of input or `:quit`.
    func run() {
        // Loading the commands module now fixes the baseline of globals that :whos hides.
        let hasCommands = (try? callReplFunction("record", nil)) != nil
        while let entry = readEntry() {
            let text = entry.trimmingCharacters(in: .whitespaces)
            if text.isEmpty { continue }
            editor.remember(entry)
            switch text.first {
            case "?": showHelp(String(text.dropFirst()))
            case ":" where hasCommands: runCommand("command", String(text.dropFirst()))
            case "!" where hasCommands: runCommand("shell", String(text.dropFirst()))
            default: evaluate(entry)
            }
            if quitRequested() { break }
        }
    }

    // MARK: Reading

    private func prompt(_ name: String, default defaultPrompt: String) -> String {
        do {
            try stack.protectedGetGlobal(name)
            defer { stack.pop() }
            if stack.isNoneOrNil(-1) { return defaultPrompt }
            return try stack.protectedToString(at: -1)
        } catch {
            return defaultPrompt
        }
    }

    /// Reads lines until they form a complete entry; `nil` at end of input.
    private func readEntry() -> String? {
        var buffer = ""
        while true {
            let prompt = buffer.isEmpty ? prompt("_PROMPT", default: "> ") : prompt("_PROMPT2", default: ">> ")
            switch editor.read(prompt: prompt) {
            case .endOfInput:
                if !buffer.isEmpty { writeOutput("\n") }
                return nil
            case .interrupted:
                buffer = ""
            case .line(let line):
                let line = Self.strippingPastedPrompts(line)
                if buffer.isEmpty, let first = line.trimmingCharacters(in: .whitespaces).first, "?:!".contains(first) {
                    return line
                }
                buffer = buffer.isEmpty ? line : buffer + "\n" + line
                if !isIncomplete(buffer) { return buffer }
            }
        }
    }

    /// A block pasted from a transcript loses its `> ` and `>> ` prompts (only when every
    /// line has one, so Lua code is never altered).
    static func strippingPastedPrompts(_ text: String) -> String {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard lines.count > 1, lines.allSatisfy({ $0.hasPrefix("> ") || $0.hasPrefix(">> ") || $0.isEmpty }) else {
            return text
        }
        return lines.map { $0.hasPrefix(">> ") ? String($0.dropFirst(3)) : $0.hasPrefix("> ") ? String($0.dropFirst(2)) : "" }
            .joined(separator: "\n")
    }

    /// `true` when `text` is neither an expression nor a statement yet, only because it ends
    /// too early (Lua's `<eof>` syntax errors).
    private func isIncomplete(_ text: String) -> Bool {
        let top = stack.top
        defer { stack.setTop(top) }
        if (try? stack.load(Self.expressionSource(text), chunkName: "=stdin")) != nil { return false }
        do {
            try stack.load(text, chunkName: "=stdin")
            return false
        } catch {
            return error.isIncompleteInput
        }
    }

    // MARK: Evaluating

    /// `text` without a trailing `;`, as `return text;`, with lua.c's `=expr` shorthand.
    static func expressionSource(_ text: String) -> String {
        var body = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if body.hasPrefix("=") { body.removeFirst() }
        if body.hasSuffix(";") { body.removeLast() }
        return "return " + body + ";"
    }

    /// Compiles and runs one entry, displaying the results of an expression.
    private func evaluate(_ text: String) {
        let suppress = text.trimmingCharacters(in: .whitespacesAndNewlines).hasSuffix(";")
        let base = stack.top
        defer { stack.setTop(base) }
        do {
            do {
                try stack.load(Self.expressionSource(text), chunkName: "=stdin")
            } catch {
                try stack.load(text.hasPrefix("=") ? "return " + text.dropFirst() : text, chunkName: "=stdin")
            }
        } catch {
            Session.printError(error.message, bare: true)
            return
        }
        do {
            try session.lua.runInterruptibly { () throws(LuaError) in
                try stack.protectedCall(arguments: 0, results: LUA_MULTRET, traceback: true)
            }
        } catch {
            Session.printError(error.message, bare: true)
            return
        }
        let count = stack.top - base
        _ = try? callReplFunction("record", text)
        guard count > 0 else { return }
        stack.pushCopy(of: base + 1)
        try? stack.protectedSetGlobal("_")
        if !suppress { display(resultsFrom: base + 1, count: count) }
    }

    private func display(resultsFrom first: Int32, count: Int32) {
        do {
            try stack.protectedGetGlobal("display")
            if stack.isNoneOrNil(-1) {
                stack.pop()
                try stack.protectedGetGlobal("print")
            }
            for i in 0..<count { stack.pushCopy(of: first + i) }
            try session.lua.runInterruptibly { () throws(LuaError) in
                try stack.protectedCall(arguments: count, results: 0, traceback: true)
            }
        } catch {
            Session.printError(error.message, bare: true)
        }
    }

    // MARK: Help and commands

    private func showHelp(_ name: String) {
        let target = name.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: ":", with: ".")
        let source = target.isEmpty ? "help()" : "help((\(target)))"
        let base = stack.top
        defer { stack.setTop(base) }
        do {
            try stack.load(source, chunkName: "=help")
        } catch {
            Session.printError("?\(name): not a name or expression", bare: true)
            return
        }
        session.call(bare: true)
    }

    /// Calls `require("cglab.repl")[function](argument)`; throws when it fails.
    @discardableResult
    private func callReplFunction(_ function: String, _ argument: String?) throws(LuaError) -> Bool {
        let base = stack.top
        defer { stack.setTop(base) }
        try stack.protectedRequire("cglab.repl")
        guard stack.rawGet(-1, field: function) == .function else { throw LuaError("cglab.repl.\(function) missing") }
        if let argument { stack.push(argument) } else { stack.pushNil() }
        try session.lua.runInterruptibly { () throws(LuaError) in
            try stack.protectedCall(arguments: 1, results: 0, traceback: false)
        }
        return true
    }

    private func runCommand(_ function: String, _ argument: String) {
        do {
            try callReplFunction(function, argument)
        } catch {
            Session.printError(error.message, bare: true)
        }
    }

    private func quitRequested() -> Bool {
        let base = stack.top
        defer { stack.setTop(base) }
        guard (try? stack.protectedRequire("cglab.repl")) != nil else { return false }
        stack.rawGet(-1, field: "quit")
        return stack.boolean(at: -1)
    }
}
