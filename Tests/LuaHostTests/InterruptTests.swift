import Foundation
import XCTest

@testable import LuaHost

/// Ctrl-C reaches Lua loops through the hook and native loops through the flag.
final class InterruptTests: XCTestCase {
    override func setUp() {
        LuaInterrupt.install()
    }

    /// Sends SIGINT to the process after `delay` seconds, from another thread.
    private func interrupt(after delay: Double) {
        DispatchQueue.global().asyncAfter(deadline: .now() + delay) { LuaInterrupt.simulate() }
    }

    func testLuaLoopIsInterruptedAndStateSurvives() throws {
        let lua = LuaState()
        try lua.run("kept = 42")
        interrupt(after: 0.2)
        XCTAssertThrowsError(try lua.runInterruptibly { try lua.run("while true do end") }) { error in
            XCTAssertTrue((error as! LuaError).message.contains("interrupted!"))
        }
        XCTAssertEqual(try lua.evaluate("return kept"), [.integer(42)])
        XCTAssertFalse(LuaInterrupt.isRequested, "the flag is cleared once the interrupted chunk returns")
    }

    func testNativeLoopPollingTheFlagStops() throws {
        let lua = LuaState()
        lua.register(NativeFunction("spin") { _ in
            var iterations = 0
            while !LuaInterrupt.isRequested { iterations += 1 }
            throw LuaError("spin: interrupted after \(iterations > 0 ? "some" : "no") iterations")
        })
        interrupt(after: 0.2)
        XCTAssertThrowsError(try lua.runInterruptibly { try lua.run("spin()") }) { error in
            XCTAssertTrue((error as! LuaError).message.contains("spin: interrupted"), "\(error)")
        }
        XCTAssertEqual(try lua.evaluate("return 1 + 1"), [.integer(2)])
    }
}
