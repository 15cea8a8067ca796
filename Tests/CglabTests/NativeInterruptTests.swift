import Foundation
import LuaHost
import Modules
import XCTest

/// Ctrl-C stops long native computations started from Lua, and the session goes on.
final class NativeInterruptTests: XCTestCase {
    func testLongSTZRunStopsOnInterruptAndStateSurvives() throws {
        LuaInterrupt.install()
        let lua = try Environment.makeState(stdlib: packageRoot.appendingPathComponent("stdlib").path)
        try lua.run("kept = 'here'; chi = linalg.fill(32, 32, 0.05)")
        DispatchQueue.global().asyncAfter(deadline: .now() + 0.3) { LuaInterrupt.simulate() }
        XCTAssertThrowsError(try lua.runInterruptibly {
            try lua.run("stz.run{preset = 'B', chi = chi, frames = 1000000, fields = {'tau'}}")
        }) { error in
            XCTAssertTrue("\(error)".contains("interrupted!"), "\(error)")
        }
        XCTAssertEqual(try lua.evaluate("return kept"), [.string("here")])
    }
}
