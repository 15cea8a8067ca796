import Foundation
@testable import Modules
import Plot
import XCTest

/// How fig:show() chooses between kitty graphics, sixel and text, and the kitty escape codes.
final class TerminalGraphicsTests: XCTestCase {
    func testAutomaticChoiceFromTheEnvironment() {
        let mode = { (environment: [String: String], terminal: Bool) in
            TerminalGraphics.mode(.auto, environment: environment, isTerminal: terminal)
        }
        XCTAssertEqual(mode(["TERM": "xterm-kitty"], true), .kitty)
        XCTAssertEqual(mode(["KITTY_WINDOW_ID": "1", "TERM": "xterm-256color"], true), .kitty)
        XCTAssertEqual(mode(["TERM_PROGRAM": "WezTerm"], true), .kitty)
        XCTAssertEqual(mode(["TERM_PROGRAM": "ghostty"], true), .kitty)
        XCTAssertEqual(mode(["TERM": "foot"], true), .sixel)
        XCTAssertEqual(mode(["TERM_PROGRAM": "iTerm.app"], true), .sixel)
        XCTAssertEqual(mode(["TERM": "xterm-256color"], true), .text)
        XCTAssertEqual(mode(["TERM": "xterm-kitty"], false), .text, "not a terminal")
        XCTAssertEqual(mode(["TERM": "xterm-kitty", "TMUX": "/tmp/tmux-0/default,1,0"], true), .text, "tmux passes no graphics")
        XCTAssertEqual(TerminalGraphics.mode(.sixel, environment: [:], isTerminal: false), .sixel, "an explicit choice wins")
    }

    func testKittySequenceCarriesThePNGInChunks() throws {
        let png = (0..<10_000).map { UInt8(truncatingIfNeeded: $0 * 7) }
        let sequence = TerminalGraphics.kittySequence(png: png)
        let chunks = sequence.components(separatedBy: "\u{1b}\\").dropLast()
        XCTAssertEqual(chunks.count, 4, "13336 base64 characters in chunks of 4096")
        var payload = ""
        for (k, chunk) in chunks.enumerated() {
            XCTAssertTrue(chunk.hasPrefix("\u{1b}_G"))
            let control = chunk.dropFirst(3).prefix { $0 != ";" }
            XCTAssertEqual(String(control), (k == 0 ? "a=T,f=100," : "") + "m=\(k < chunks.count - 1 ? 1 : 0)")
            let data = chunk.drop { $0 != ";" }.dropFirst()
            XCTAssertLessThanOrEqual(data.count, 4096)
            payload += data
        }
        XCTAssertEqual(Data(base64Encoded: payload), Data(png))
    }

    func testTextArtKeepsTheFigureShape() throws {
        let wide = try Figure(width: 1200, height: 400)
        XCTAssertEqual(TerminalGraphics.textSize(columns: 100, figure: wide).rows, 15)
        XCTAssertEqual(TerminalGraphics.textSize(columns: 10, figure: wide).columns, 40)
    }
}
