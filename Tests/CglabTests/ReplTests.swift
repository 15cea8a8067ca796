import Foundation
import XCTest

/// The REPL, driven in a real terminal and judged by what the screen shows.
final class ReplTests: XCTestCase {
    private var historyFile = ""

    private func startRepl() throws -> TerminalSession {
        let folder = try temporaryFolder(self)
        historyFile = folder.appendingPathComponent("history").path
        let terminal = try TerminalSession("env CGLAB_HISTFILE=\(historyFile) NO_COLOR=1 \(cglabBinary)")
        try terminal.expect("> ")
        return terminal
    }

    func testAutoPrintContinuationSemicolonAndUnderscore() throws {
        let repl = try startRepl()
        try repl.enter("x = 40")
        try repl.enter("x + 2")
        try repl.expect("> x + 2\n42\n")
        try repl.enter("math.max(1,")
        try repl.expect(">> ")
        try repl.enter("7)")
        try repl.expect(">> 7)\n7\n")
        try repl.enter("t = {3, 2, name = 'n'}")
        try repl.enter("t;")
        try repl.enter("_ == t")
        try repl.expect("> t;\n> _ == t\ntrue\n", because: "';' suppresses the display but _ still holds the result")
        try repl.enter("t")
        try repl.expect("{3, 2, name = \"n\"}")
        try repl.enter("_.name")
        try repl.expect("> _.name\nn\n")
        try repl.enter("=1 + 1")
        try repl.expect("> =1 + 1\n2\n")
    }

    func testCompletionOfMethodsAndFields() throws {
        let repl = try startRepl()
        try repl.type("io.stdout:wri")
        try repl.press("Tab")
        try repl.expect("io.stdout:write(")
        try repl.type("'ok\\n')")
        try repl.press("Enter")
        try repl.expect("\nok\n")
        try repl.type("cglab.termi")
        try repl.press("Tab")
        try repl.expect("cglab.terminal_width(")
        try repl.press("C-c")
        try repl.enter("A = linalg.eye(2)")
        try repl.type("A:sv")
        try repl.press("Tab")
        try repl.expect("A:svd(", because: "methods of a matrix come from its metatable's __index table")
    }

    func testInterruptedLoopKeepsGlobals() throws {
        let repl = try startRepl()
        try repl.enter("kept = 'still here'")
        try repl.enter("while true do end")
        usleep(300_000)
        try repl.press("C-c")
        try repl.expect("interrupted!")
        try repl.enter("kept")
        try repl.expect("> kept\nstill here\n")
        try repl.type("half a line")
        try repl.press("C-c")
        try repl.enter("1 + 1")
        try repl.expect("> 1 + 1\n2\n", because: "Ctrl-C at the prompt clears the line: ")
    }

    func testPastedBlockRunsAsOneChunk() throws {
        let repl = try startRepl()
        try repl.paste("local a = 5\nlocal b = a * 2\nprint('sum', a + b)")
        try repl.press("Enter")
        try repl.expect("sum\t15", or: "sum     15")
    }

    func testHistoryFileKeepsMultiLineEntries() throws {
        let repl = try startRepl()
        try repl.enter("for i = 1, 2 do")
        try repl.enter("print('line', i)")
        try repl.enter("end")
        try repl.expect("line    2", or: "line\t2")
        let history = try String(contentsOfFile: historyFile, encoding: .utf8)
        XCTAssertEqual(history, "for i = 1, 2 do\\nprint('line', i)\\nend\n")
        try repl.press("C-d")
        let again = try TerminalSession("env CGLAB_HISTFILE=\(historyFile) NO_COLOR=1 \(cglabBinary)")
        try again.expect("> ")
        try again.press("Up")
        try again.press("Enter")
        try again.expect("line    2", or: "line\t2")
    }

    func testHelpAndCommands() throws {
        let repl = try startRepl()
        try repl.enter("?cglab.clock")
        try repl.expect("Monotonic wall-clock time")
        try repl.enter("mine = {1, 2}")
        try repl.enter(":whos")
        try repl.expect("mine                 table              2 entries")
        try repl.enter(":time 6 * 7")
        try repl.expect("time: ")
        try repl.expect("\n42\n")
        let script = try temporaryFolder(self).appendingPathComponent("args.lua")
        try "print('got', ...)".write(to: script, atomically: true, encoding: .utf8)
        try repl.enter(":run \(script.path) first 'second arg'")
        try repl.expect("got\tfirst\tsecond arg", or: "got     first   second arg")
        try repl.enter(":nonsense")
        try repl.expect("unknown command ':nonsense'")
    }
}
