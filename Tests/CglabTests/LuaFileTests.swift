import Foundation
import LuaHost
import Modules
import XCTest

/// Runs the Lua test files in Tests/CglabTests/lua, each in a fresh cglab state (as scripts see
/// it), with the global TEST_ROOT set to the package root and a fresh temporary folder as the
/// working directory (so that whatever a test writes by a relative path lands there).
final class LuaFileTests: XCTestCase {
    private func runLuaFile(_ name: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let lua = try Environment.makeState(stdlib: packageRoot.appendingPathComponent("stdlib").path)
        lua.stack.push(packageRoot.path)
        try lua.stack.protectedSetGlobal("TEST_ROOT")
        let path = packageRoot.appendingPathComponent("Tests/CglabTests/lua/\(name)").path
        let previous = FileManager.default.currentDirectoryPath
        FileManager.default.changeCurrentDirectoryPath(try temporaryFolder(self).path)
        defer { FileManager.default.changeCurrentDirectoryPath(previous) }
        do {
            try lua.stack.loadFile(path)
            try lua.runInterruptibly { () throws(LuaError) in
                try lua.stack.protectedCall(arguments: 0, results: 0, traceback: true)
            }
        } catch {
            XCTFail("\(name):\n\(error.message)", file: file, line: line)
        }
    }

    func testLinalg() throws { try runLuaFile("linalg.lua") }
    func testLinalgFiles() throws { try runLuaFile("linalg_files.lua") }
    func testGrassmann() throws { try runLuaFile("grassmann.lua") }
    func testDisplayAndHelp() throws { try runLuaFile("display.lua") }
    func testJSON() throws { try runLuaFile("json.lua") }
    func testSTZ() throws { try runLuaFile("stz.lua") }
    func testCalibrationPieces() throws { try runLuaFile("calib.lua") }
    func testPlot() throws { try runLuaFile("plot.lua") }
    func testProgressAndCapture() throws { try runLuaFile("progress_capture.lua") }
    func testNotebookDocuments() throws { try runLuaFile("notebook.lua") }
    func testEveryNativeFunctionRejectsBadArguments() throws { try runLuaFile("bad_arguments.lua") }
    func testGaussianProcesses() throws { try runLuaFile("gp.lua") }
    func testOptimisersSamplersAndAcquisition() throws { try runLuaFile("optim.lua") }
    func testProxLinear() throws { try runLuaFile("prox_linear.lua") }
    func testEfficientGlobalOptimisation() throws { try runLuaFile("ego.lua") }
    func testOnsager() throws { try runLuaFile("onsager.lua") }
}
