import Foundation
import XCTest

/// `cglab --notebook`: Markdown and percent-format notebooks run cell by cell, written back
/// with their outputs and figures, and as Jupyter notebooks that nbformat accepts.
final class NotebookTests: XCTestCase {
    private func write(_ text: String, to folder: URL, as name: String) throws -> URL {
        let url = folder.appendingPathComponent(name)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url
    }

    private func read(_ url: URL) throws -> String { try String(contentsOf: url, encoding: .utf8) }

    private func notebookJSON(_ url: URL) throws -> [String: Any] {
        try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
    }

    private static let document = """
        # Squares

        Cells share globals.

        ```lua
        n = 3
        print("n is", n)
        n * n
        ```

        A figure shown in the middle of a cell, then one as the cell's value:

        ```lua
        local fig = plot.line({1, 4, 9}, {title = "squares", size = {320, 240}})
        print("before")
        fig:show()
        print("after")
        plot.scatter({3, 1, 2}, {size = {200, 100}})
        ```

        ```lua
        linalg.eye(2);
        ```

        """

    func testMarkdownNotebookGetsOutputsFiguresAndAValidJupyterNotebook() throws {
        let folder = try temporaryFolder(self)
        let source = try write(Self.document, to: folder, as: "squares.md")
        let out = folder.appendingPathComponent("out")
        let run = try runCglab(["--notebook", source.path, "--output", out.path])
        XCTAssertEqual(run.status, 0, run.error)
        XCTAssertEqual(run.output, "\(source.path): 3 cells run; wrote \(out.path)/squares.md and squares.ipynb\n")
        let markdown = try read(out.appendingPathComponent("squares.md"))
        XCTAssertTrue(markdown.contains("n * n\n```\n\n```output\nn is\t3\n9\n```\n\nA figure"), markdown)
        XCTAssertTrue(markdown.contains("""
            ```output
            before
            ```

            ![cell 2 figure 1](squares_files/cell-2-1.png)

            ```output
            after
            ```

            ![cell 2 figure 2](squares_files/cell-2-2.png)

            ```lua
            linalg.eye(2);
            ```

            """), markdown)
        for (name, size) in [("cell-2-1.png", [320, 240]), ("cell-2-2.png", [200, 100])] {
            let png = [UInt8](try Data(contentsOf: out.appendingPathComponent("squares_files/\(name)")))
            XCTAssertEqual(Array(png.prefix(8)), [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
            XCTAssertEqual([16, 20].map { png[$0..<$0 + 4].reduce(0) { $0 << 8 | Int($1) } }, size, name)
        }

        let notebook = try notebookJSON(out.appendingPathComponent("squares.ipynb"))
        XCTAssertEqual(notebook["nbformat"] as? Int, 4)
        XCTAssertEqual(notebook["nbformat_minor"] as? Int, 5)
        let cells = try XCTUnwrap(notebook["cells"] as? [[String: Any]])
        XCTAssertEqual(cells.map { $0["cell_type"] as? String }, ["markdown", "code", "markdown", "code", "code"])
        let outputs = cells.compactMap { $0["outputs"] as? [[String: Any]] }
        XCTAssertEqual(outputs.map { $0.map { $0["output_type"] as? String ?? "" } },
                       [["stream", "execute_result"], ["stream", "display_data", "stream", "display_data"], []])
        let image = try XCTUnwrap((outputs[1][1]["data"] as? [String: Any])?["image/png"] as? String)
        XCTAssertEqual(Data(base64Encoded: image), try Data(contentsOf: out.appendingPathComponent("squares_files/cell-2-1.png")))
        try NotebookValidation.validate(out.appendingPathComponent("squares.ipynb").path)

        let again = try runCglab(["--notebook", out.appendingPathComponent("squares.md").path])
        XCTAssertEqual(again.status, 0, again.error)
        XCTAssertEqual(try read(out.appendingPathComponent("squares.md")), markdown, "a second run replaces the outputs")
    }

    func testAFailingCellStopsTheRunWithItsNumber() throws {
        let folder = try temporaryFolder(self)
        let source = try write("""
            ```lua
            print("one")
            ```

            ```lua
            print("two")
            local t = nil
            print(t.x)
            ```

            ```lua
            print("never")
            ```

            """, to: folder, as: "broken.md")
        let run = try runCglab(["--notebook", source.path])
        XCTAssertEqual(run.status, 1)
        XCTAssertTrue(run.error.hasSuffix("cglab: \(source.path): cell 2:3: attempt to index a nil value (local 't')\n"), run.error)
        let markdown = try read(source)
        XCTAssertTrue(markdown.contains("""
            ```output
            two
            ```

            ```error
            cell 2:3: attempt to index a nil value (local 't')
            stack traceback:
            \tcell 2:3: in main chunk
            ```

            ```lua
            print("never")
            ```

            """), markdown)
        XCTAssertFalse(markdown.contains("never\n```\n\n```output"), "the cells after the failing one do not run")
        let ipynb = folder.appendingPathComponent("broken.ipynb")
        let cells = try XCTUnwrap(try notebookJSON(ipynb)["cells"] as? [[String: Any]])
        XCTAssertEqual((cells[1]["outputs"] as? [[String: Any]])?.last?["output_type"] as? String, "error")
        XCTAssertTrue(cells[2]["execution_count"] is NSNull)
        try NotebookValidation.validate(ipynb.path)

        let syntax = try write("```lua\nx = = 1\n```\n", to: folder, as: "syntax.md")
        let failed = try runCglab(["--notebook", syntax.path])
        XCTAssertEqual(failed.status, 1)
        XCTAssertTrue(failed.error.contains("cglab: \(syntax.path): cell 1:1: unexpected symbol near '='"), failed.error)
    }

    func testPercentScriptsAndNotebookArguments() throws {
        let folder = try temporaryFolder(self)
        let source = try write("""
            -- setup
            total = tonumber(arg[1]) + (budget or 0)
            -- %% [markdown]
            -- # Totals
            -- The budget comes from -e.
            -- %%
            total
            """, to: folder, as: "totals.lua")
        let run = try runCglab(["-e", "budget = 5", "--notebook", source.path, "--output", folder.path, "10"])
        XCTAssertEqual(run.status, 0, run.error)
        XCTAssertEqual(try read(folder.appendingPathComponent("totals.md")), """
            ```lua
            -- setup
            total = tonumber(arg[1]) + (budget or 0)
            ```

            # Totals
            The budget comes from -e.

            ```lua
            total
            ```

            ```output
            15
            ```

            """)
        XCTAssertTrue(try read(source).hasPrefix("-- setup"), "a script is left as it was")
        try NotebookValidation.validate(folder.appendingPathComponent("totals.ipynb").path)
    }

    func testOptionErrors() throws {
        let missing = try runCglab(["--notebook"])
        XCTAssertTrue(missing.error.hasPrefix("cglab: '--notebook' needs argument\nusage:"), missing.error)
        let stray = try runCglab(["--output", "x", "-e", "print(1)"])
        XCTAssertTrue(stray.error.hasPrefix("cglab: '--output' is an option of '--notebook'"), stray.error)
        let format = try runCglab(["--notebook", "notes.txt"])
        XCTAssertEqual(format.status, 1)
        XCTAssertEqual(format.error, "cglab: notes.txt: cannot tell the notebook format from the extension (.md or .lua)\n")
    }

    func testEveryNotebookOfTheProjectRunsWithASmallBudget() throws {
        let folder = packageRoot.appendingPathComponent("notebooks")
        let notebooks = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".md") }.sorted()
        XCTAssertFalse(notebooks.isEmpty, "no notebooks in \(folder.path)")
        // With synthetic data, and with the shared MD data when it is there.
        let data = packageRoot.deletingLastPathComponent().appendingPathComponent("shared/data/CuZr_Ref").path
        let settings = ["budget = 'small'"] + (FileManager.default.fileExists(atPath: data) ? ["budget = 'small'; data = '\(data)'"] : [])
        for name in notebooks {
            for setting in settings {
                let out = try temporaryFolder(self)
                let run = try runCglab(["-e", setting, "--notebook", folder.appendingPathComponent(name).path, "--output", out.path])
                XCTAssertEqual(run.status, 0, "\(name) with \(setting):\n\(run.error)")
                try NotebookValidation.validate(out.appendingPathComponent(name.replacingOccurrences(of: ".md", with: ".ipynb")).path)
            }
        }
    }
}
