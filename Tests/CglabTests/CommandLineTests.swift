import Foundation
import XCTest

/// The command line behaves as lua.c 5.4's.
final class CommandLineTests: XCTestCase {
    func testExecuteOptionAndArgumentTable() throws {
        let folder = try temporaryFolder(self)
        let script = folder.appendingPathComponent("show.lua")
        try "print(arg[0], arg[1], arg[2], arg[-1], select('#', ...), ...)".write(to: script, atomically: true, encoding: .utf8)
        let run = try runCglab(["-e", "x = 1", script.path, "a", "b"])
        XCTAssertEqual(run.status, 0, run.error)
        XCTAssertEqual(run.output, "\(script.path)\ta\tb\tx = 1\t2\ta\tb\n")
    }

    func testPipedStandardInputRunsAsScript() throws {
        let run = try runCglab([], input: "print(1 + 1)\nprint(...)\n")
        XCTAssertEqual(run.status, 0, run.error)
        XCTAssertEqual(run.output, "2\n\n")
        let dash = try runCglab(["-", "p", "q"], input: "print(...)")
        XCTAssertEqual(dash.output, "p\tq\n")
    }

    func testErrorsPrintProgramNameAndTracebackAndFail() throws {
        let run = try runCglab(["-e", "local function f() error('boom') end f()"])
        XCTAssertEqual(run.status, 1)
        XCTAssertTrue(run.error.hasPrefix("cglab: (command line):1: boom\nstack traceback:"), run.error)
        let syntax = try runCglab([], input: "x = = 1")
        XCTAssertEqual(syntax.status, 1)
        XCTAssertEqual(syntax.error, "cglab: stdin:1: unexpected symbol near '='\n")
        let missing = try runCglab(["/nonexistent/file.lua"])
        XCTAssertEqual(missing.status, 1)
        XCTAssertTrue(missing.error.hasPrefix("cglab: cannot open /nonexistent/file.lua"), missing.error)
    }

    func testBadOptionsPrintUsage() throws {
        let run = try runCglab(["-x"])
        XCTAssertEqual(run.status, 1)
        XCTAssertTrue(run.error.hasPrefix("cglab: unrecognized option '-x'\nusage: cglab"), run.error)
        let needs = try runCglab(["-e"])
        XCTAssertTrue(needs.error.hasPrefix("cglab: '-e' needs argument"), needs.error)
        let help = try runCglab(["--help"])
        XCTAssertEqual(help.status, 0)
        XCTAssertTrue(help.output.contains("-l g=mod") && help.output.contains("LUA_INIT"), help.output)
    }

    func testLibraryOptionsAndWarnings() throws {
        let run = try runCglab(["-l", "s=string", "-lmath", "-W", "-e", "print(s.rep('a', 3), math.pi > 3); warn('careful')"])
        XCTAssertEqual(run.output, "aaa\ttrue\n")
        XCTAssertEqual(run.error, "Lua warning: careful\n")
    }

    func testInitVariablesAndIgnoreEnvironment() throws {
        let folder = try temporaryFolder(self)
        let initFile = folder.appendingPathComponent("init.lua")
        try "greeting = 'from file'".write(to: initFile, atomically: true, encoding: .utf8)
        let fromFile = try runCglab(["-e", "print(greeting)"], environment: ["LUA_INIT": "@" + initFile.path])
        XCTAssertEqual(fromFile.output, "from file\n")
        let versioned = try runCglab(["-e", "print(greeting)"],
                                     environment: ["LUA_INIT": "greeting = 'plain'", "LUA_INIT_5_4": "greeting = 'versioned'"])
        XCTAssertEqual(versioned.output, "versioned\n")
        let ignored = try runCglab(["-E", "-e", "print(greeting)"], environment: ["LUA_INIT": "greeting = 'x'"])
        XCTAssertEqual(ignored.output, "nil\n")
    }

    func testRequireHonoursLuaPathAndFindsStdlib() throws {
        let folder = try temporaryFolder(self)
        try "return {answer = 42}".write(to: folder.appendingPathComponent("mymod.lua"), atomically: true, encoding: .utf8)
        let run = try runCglab(["-e", "print(require('mymod').answer, require('cglab.pretty') ~= nil)"],
                               environment: ["LUA_PATH": folder.path + "/?.lua;;"])
        XCTAssertEqual(run.output, "42\ttrue\n", run.error)
        let ignored = try runCglab(["-E", "-e", "print(pcall(require, 'mymod'))"], environment: ["LUA_PATH": folder.path + "/?.lua;;"])
        XCTAssertTrue(ignored.output.hasPrefix("false"), ignored.output)
    }

    func testModulesAreGlobalsAndRequirable() throws {
        let run = try runCglab(["-e", "print(cglab == require 'cglab', type(display), type(help))"])
        XCTAssertEqual(run.output, "true\ttable\ttable\n")
    }

    func testVersionBanner() throws {
        let run = try runCglab(["-v"])
        XCTAssertTrue(run.output.hasPrefix("cglab ") && run.output.contains("Lua 5.4"), run.output)
    }

    func testNonTerminalInteractiveModeStillEvaluates() throws {
        let run = try runCglab(["-i"], input: "x = 20\nx + 1\nfor i = 1, 2 do\nprint(i)\nend\n")
        XCTAssertTrue(run.output.contains("\n> 21\n") || run.output.contains("> 21\n"), run.output)
        XCTAssertTrue(run.output.contains(">> >> 1\n2\n"), run.output)
    }
}
