import Foundation
import XCTest

/// The README's figure is made by cglab: scripts/readme_figure.lua still draws it.
final class ReadmeFigureTests: XCTestCase {
    private func pngSize(_ url: URL) throws -> [Int] {
        let bytes = [UInt8](try Data(contentsOf: url))
        XCTAssertEqual(Array(bytes.prefix(8)), [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], url.path)
        return [16, 20].map { bytes[$0..<$0 + 4].reduce(0) { $0 << 8 | Int($1) } }
    }

    func testTheScriptRedrawsTheFigureTheReadmeShows() throws {
        let readme = try String(contentsOf: packageRoot.appendingPathComponent("README.md"), encoding: .utf8)
        XCTAssertTrue(readme.contains("](docs/figure.png)"), "the README shows docs/figure.png")
        XCTAssertEqual(try pngSize(packageRoot.appendingPathComponent("docs/figure.png")), [1100, 460])
        let data = try sharedData("data/CuZr_Ref")
        let output = try temporaryFolder(self).appendingPathComponent("figure.png")
        let run = try runCglab([packageRoot.appendingPathComponent("scripts/readme_figure.lua").path, output.path, data.path])
        XCTAssertEqual(run.status, 0, run.error)
        XCTAssertEqual(run.output, "wrote \(output.path)\n")
        XCTAssertEqual(try pngSize(output), [1100, 460])
    }
}
