import Foundation
import XCTest

/// The progress display and figures shown in the terminal, as a user sees them: one summary
/// line when standard error is not a terminal, a bar redrawn in place when it is, and text art
/// for a figure inside tmux (which passes no graphics through).
final class ProgressAndDisplayTests: XCTestCase {
    private static let loop = """
        local p = cglab.progress(3, {label = 'frames'})
        for i = 1, 3 do
          local t = cglab.clock()
          while cglab.clock() - t < 0.15 do end
          p:update(nil, {best = 1 / i})
        end
        p:finish()
        print('done')
        """

    func testOneSummaryLineWhenNotATerminal() throws {
        let run = try runCglab(["-e", Self.loop])
        XCTAssertEqual(run.status, 0, run.error)
        XCTAssertEqual(run.output, "done\n")
        let pattern = #"^frames: 3/3 in 0\.[4-9] s \([0-9.]+ it/s\)  best=0\.3333\n$"#
        XCTAssertNotNil(run.error.range(of: pattern, options: .regularExpression), run.error)
        let quiet = try runCglab(["-e", Self.loop.replacingOccurrences(of: "label = 'frames'", with: "quiet = true")])
        XCTAssertEqual(quiet.error, "")
    }

    func testBarRedrawnInPlaceOnATerminal() throws {
        let folder = try temporaryFolder(self)
        let script = folder.appendingPathComponent("loop.lua")
        try Self.loop.write(to: script, atomically: true, encoding: .utf8)
        let terminal = try TerminalSession("\(cglabBinary) \(script.path); sleep 30")
        try terminal.expect("done")
        let screen = try terminal.screen()
        XCTAssertTrue(screen.contains("frames [" + String(repeating: "=", count: 40) + "] 3/3  "), screen)
        XCTAssertNotNil(screen.range(of: #"best=0\.3333 *\ndone"#, options: .regularExpression), screen)
        XCTAssertEqual(screen.components(separatedBy: "frames [").count, 2, "one line, redrawn: \(screen)")
    }

    func testFigureShownAsTextInTheReplUnderTmux() throws {
        let terminal = try TerminalSession("env NO_COLOR=1 CGLAB_HISTFILE= \(cglabBinary)")
        try terminal.enter("fig = plot.line({1, 4, 9, 16}, {title = 'growth curve', xlabel = 'step'})")
        try terminal.enter("fig")
        try terminal.expect("plot.Figure 800x600 \"growth curve\": 1 line")
        try terminal.enter("fig:show()")
        try terminal.expect("+----------", because: "the axes drawn as text art")
        let art = try terminal.screen().components(separatedBy: "> fig:show()").last ?? ""
        XCTAssertTrue(art.contains("growth curve") && art.contains("step") && art.contains("16"), art)
    }
}
