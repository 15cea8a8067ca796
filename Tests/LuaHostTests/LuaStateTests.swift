import CLuaShim
import Synchronization
import XCTest

@testable import LuaHost

/// Counts live instances, to check that Swift objects are released.
final class Tracked {
    nonisolated(unsafe) static var live = 0
    init() { Tracked.live += 1 }
    deinit { Tracked.live -= 1 }
}

final class LuaStateTests: XCTestCase {
    func testEvaluateReturnsValues() throws {
        let lua = LuaState()
        XCTAssertEqual(try lua.evaluate("return 1 + 2, 2.5, 'x', nil, true"),
                       [.integer(3), .number(2.5), .string("x"), .nil, .boolean(true)])
    }

    func testSyntaxErrorIsThrownAndIncompleteInputDetected() {
        let lua = LuaState()
        XCTAssertThrowsError(try lua.run("x = = 1")) { error in
            let error = error as! LuaError
            XCTAssertEqual(error.kind, .syntax)
            XCTAssertFalse(error.isIncompleteInput)
        }
        XCTAssertThrowsError(try lua.run("for i = 1, 2 do")) { error in
            XCTAssertTrue((error as! LuaError).isIncompleteInput)
        }
    }

    func testNativeErrorThreeFramesDeepIsCaughtWithTracebackAndReleasesSwiftObjects() throws {
        let lua = LuaState()
        lua.register(NativeFunction("explode") { call in
            let a = Tracked(), b = Tracked()
            withExtendedLifetime((a, b)) {}
            XCTAssertEqual(Tracked.live, 2)
            throw LuaError("boom")
        })
        let values = try lua.evaluate("""
            local function level3() explode() end
            local function level2() level3() end
            local function level1() level2() end
            return xpcall(level1, debug.traceback)
            """, chunkName: "=deep")
        XCTAssertEqual(values.first, .boolean(false))
        guard case .string(let message) = values[1] else { return XCTFail("no message") }
        XCTAssertTrue(message.hasPrefix("deep:1: boom"), message)
        XCTAssertTrue(message.contains("stack traceback"), message)
        XCTAssertTrue(message.contains("level3") && message.contains("level2"), message)
        XCTAssertEqual(Tracked.live, 0, "objects alive in the failing native frame must be released")
    }

    func testArgumentErrorsNameFunctionAndArgumentLikeLua() throws {
        let lua = LuaState()
        let module = LuaModule(name: "m", doc: "test", functions: [
            NativeFunction("solve") { call in call.returning(try call.number(2)) },
        ])
        lua.install(module)
        let values = try lua.evaluate("""
            local ok1, e1 = pcall(m.solve, 1, 'x')
            local ok2, e2 = pcall(function() return m.solve(1, {}) end)
            local obj = setmetatable({}, {__index = {solve = m.solve}})
            local ok3, e3 = pcall(function() return obj:solve({}) end)
            local ok4, e4 = pcall(function() return obj:solve() end)
            return e1, e2, e3, e4
            """, chunkName: "=t")
        XCTAssertEqual(values[0], .string("bad argument #2 to 'solve' (number expected, got string)"))
        XCTAssertEqual(values[1], .string("t:2: bad argument #2 to 'solve' (number expected, got table)"))
        XCTAssertEqual(values[2], .string("t:4: bad argument #1 to 'solve' (number expected, got table)"))
        XCTAssertEqual(values[3], .string("t:5: bad argument #1 to 'solve' (number expected, got no value)"))
    }

    func testErrorFromLuaCallbackPropagatesUnchanged() throws {
        let lua = LuaState()
        lua.register(NativeFunction("call_it") { call in
            try call.checkFunction(1)
            call.stack.pushCopy(of: 1)
            try call.stack.protectedCall(arguments: 0, results: 0)
            return 0
        })
        let values = try lua.evaluate("""
            local marker = {}
            local ok, e = pcall(call_it, function() error(marker) end)
            return ok, e == marker
            """)
        XCTAssertEqual(values, [.boolean(false), .boolean(true)])
    }

    func testOptionsRejectUnknownKeysWithSuggestion() throws {
        let lua = LuaState()
        lua.register(NativeFunction("fit") { call in
            let options = try call.options(1, allowed: ["kernel", "restarts"])
            return call.returning(try options.integer("restarts", default: 10), try options.string("kernel", default: "rbf"))
        })
        XCTAssertEqual(try lua.evaluate("return fit{restarts = 3}"), [.integer(3), .string("rbf")])
        XCTAssertEqual(try lua.evaluate("return fit()"), [.integer(10), .string("rbf")])
        XCTAssertEqual(try lua.evaluate("return select(2, pcall(fit, {kernal = 'x'}))"),
                       [.string("bad argument #1 to 'fit' (unknown option 'kernal' (did you mean 'kernel'?); options: kernel, restarts)")])
        XCTAssertEqual(try lua.evaluate("return select(2, pcall(fit, {restarts = 'many'}))"),
                       [.string("bad argument #1 to 'fit' (option 'restarts': integer expected, got string)")])
    }

    func testDocstringsAreRecorded() throws {
        let lua = LuaState()
        lua.install(LuaModule(name: "m", doc: "The m module.", functions: [NativeFunction("f", doc: "m.f() -> nil") { _ in 0 }]))
        XCTAssertEqual(try lua.evaluate("local d = require 'cglab.docs'; return d[m.f], d[m]"),
                       [.string("m.f() -> nil"), .string("The m module.")])
    }

    func testStatesAreIndependentAcrossThreads() {
        let results = Mutex([Int](repeating: -1, count: 4))
        DispatchQueue.concurrentPerform(iterations: 4) { i in
            let lua = LuaState()
            let value = try? lua.evaluate("local s = 0; for k = 1, 100000 do s = s + k % \(i + 2) end; return s")
            results.withLock { $0[i] = Int(value?.first?.doubleValue ?? -1) }
        }
        for i in 0..<4 {
            let modulus = i + 2
            XCTAssertEqual(results.withLock { $0[i] }, (1...100000).reduce(0) { $0 + $1 % modulus })
        }
    }
}

/// Natives beyond the pool of light-function trampolines run through the closure trampoline.
final class TrampolinePoolTests: XCTestCase {
    func testFunctionsBeyondThePoolStillWorkAndRaiseErrors() throws {
        var overflow: NativeFunction?
        for index in 0..<(Int(CGLAB_NATIVE_SLOTS) + 1) {
            let function = NativeFunction("f\(index)") { call in call.returning(try call.number(1) * 2) }
            if function.slot < 0 {
                overflow = function
                break
            }
        }
        let function = try XCTUnwrap(overflow, "the pool must run out within its size")
        let lua = LuaState()
        lua.register(function, asGlobal: "beyond")
        XCTAssertEqual(try lua.evaluate("return beyond(21)"), [.number(42)])
        XCTAssertEqual(try lua.evaluate("return select(2, pcall(beyond, 'x'))"),
                       [.string("bad argument #1 to '\(function.name)' (number expected, got string)")])
    }
}
