@testable import Plot
import Linalg
import XCTest

/// The figure model checks its values, and the gnuplot script says what the model holds.
final class ScriptTests: XCTestCase {
    private func script(_ figure: Figure, format: OutputFormat = .png) -> GnuplotScript {
        GnuplotScript(figure: figure, format: format, output: "/tmp/o'ut.png", dataFolder: "/tmp/data")
    }

    func testModelRejectsBadValues() throws {
        XCTAssertThrowsError(try Figure(width: 0)) { XCTAssertEqual("\($0)", "figure width must be in 16...16384 pixels, got 0") }
        XCTAssertThrowsError(try Figure(rows: 0)) { XCTAssertEqual("\($0)", "number of rows must be in 1...20, got 0") }
        XCTAssertThrowsError(try Series(.line, x: [1, 2], y: [1])) { XCTAssertEqual("\($0)", "x has 2 points but y has 1") }
        XCTAssertThrowsError(try Series(.line, x: [], y: []))
        XCTAssertThrowsError(try Heatmap(Matrix(rows: 0, cols: 3)))
        var heatmap = try Heatmap(Matrix(rows: 2, cols: 2))
        XCTAssertThrowsError(try heatmap.setExtent(x: 1...1))
        var axis = Axis()
        XCTAssertThrowsError(try axis.setRange(lower: 2, upper: 1))
        XCTAssertThrowsError(try axis.setRange(lower: .nan, upper: nil))
        XCTAssertThrowsError(try Figure(rows: 2, cols: 3).panelIndex(row: 2, col: 0)) {
            XCTAssertEqual("\($0)", "panel row 3 is out of range 1..2")
        }
        XCTAssertEqual(try Figure(rows: 2, cols: 3).panelIndex(row: 1, col: 2), 5)
    }

    func testColoursAndMarkersByName() throws {
        XCTAssertEqual(try PlotColor("Red").hex, "#d62728")
        XCTAssertEqual(try PlotColor("C2").hex, "#ff7f0e")
        XCTAssertEqual(try PlotColor("#abc").hex, "#aabbcc")
        XCTAssertEqual(try PlotColor("#123456").hex, "#123456")
        for bad in ["#12345", "C11", "chartreuse-ish", "#ggg"] { XCTAssertThrowsError(try PlotColor(bad), bad) }
        XCTAssertEqual(Marker(name: "o"), .circle)
        XCTAssertEqual(Marker(name: "triangle down"), .triangleDown)
        XCTAssertNil(Marker(name: "hexagon"))
    }

    func testSeriesBecomeDataBlocksWithBreaksAtPointsThatCannotBeDrawn() throws {
        var figure = try Figure()
        figure.panels[0].y.logarithmic = true
        figure.panels[0].series = [try Series(.line, x: [1, 2, 3, 4, 5], y: [1, .nan, 3, -1, 5])]
        let text = script(figure).text
        XCTAssertTrue(text.contains("$s1_1 << EOD\n1.0 1.0\n\n3.0 3.0\n\n5.0 5.0\nEOD\n"), text)
        XCTAssertTrue(text.contains("set logscale y\n"), text)
        XCTAssertTrue(text.contains("plot $s1_1 using 1:2 with lines linewidth 1.5 notitle\n"), text)
    }

    func testLabelsAreQuotedAndStylesAppear() throws {
        var figure = try Figure(title: "a \"quoted\"\ntitle")
        var style = SeriesStyle()
        style.label = "E_xy \\ 1"
        style.color = try PlotColor("blue")
        style.marker = .diamond
        style.width = 3
        figure.panels[0].series = [try Series(.line, x: [1], y: [2], style: style), try Series(.scatter, x: [1], y: [1])]
        figure.panels[0].legend = .outside
        try figure.panels[0].x.setRange(lower: 0, upper: nil)
        let text = script(figure).text
        XCTAssertTrue(text.contains("set title \"a \\\"quoted\\\"\\ntitle\"\n"), text)
        XCTAssertTrue(text.contains("with linespoints linewidth 3.0 pointtype 13 pointsize 1.0 linecolor rgb \"#1f77b4\" title \"E_xy \\\\ 1\""), text)
        XCTAssertTrue(text.contains("$s1_2 using 1:2 with points pointtype 7 pointsize 1.0 notitle"), text)
        XCTAssertTrue(text.contains("set xrange [0.0:*] extend\n"), text)
        XCTAssertTrue(text.contains("set key outside right top"), text)
        XCTAssertTrue(text.contains("set output '/tmp/o''ut.png'\n"), text)
        XCTAssertTrue(text.contains("noenhanced"), text)
        XCTAssertFalse(text.contains("multiplot"), "one panel needs no multiplot")
    }

    func testHeatmapsAreBinaryRowsWithPhysicalExtents() throws {
        var figure = try Figure(rows: 1, cols: 2, title: "maps")
        var heatmap = try Heatmap(Matrix(rows: 2, cols: 3, rowMajor: [1, 2, 3, 4, 5, 6]))
        try heatmap.setExtent(x: 0...6, y: 10...14)
        heatmap.palette = .coolwarm
        heatmap.colorbar = false
        try heatmap.setRange(lower: -1, upper: 1)
        figure.panels[1].heatmap = heatmap
        let made = script(figure)
        XCTAssertEqual(made.dataFiles.count, 1)
        XCTAssertEqual(made.dataFiles[0].name, "heatmap2.bin")
        let values = stride(from: 0, to: 48, by: 8).map { k in
            Double(bitPattern: made.dataFiles[0].bytes[k..<k + 8].reversed().reduce(0) { $0 << 8 | UInt64($1) })
        }
        XCTAssertEqual(values, [1, 2, 3, 4, 5, 6], "row 1 first, x fastest")
        let text = made.text
        XCTAssertTrue(text.contains("set multiplot layout 1,2 title \"maps\" font \",12\""), text)
        XCTAssertTrue(text.contains("'/tmp/data/heatmap2.bin' binary array=(3,2) format='%float64' endian=little dx=2.0 dy=2.0 origin=(1.0,11.0) with image notitle"), text)
        XCTAssertTrue(text.contains("set xrange [0.0:6.0] noextend\nset yrange [10.0:14.0] noextend"), text)
        XCTAssertTrue(text.contains("unset colorbox\n") && text.contains("set cbrange [-1.0:1.0] noextend"), text)
        XCTAssertTrue(text.contains("set palette defined (0 \"#3b4cc0\""), text)
        XCTAssertTrue(text.contains("# panel 1\nunset title"), "an empty panel of a grid: \(text)")
    }

    func testFormatsFromFileNames() throws {
        let figure = try Figure(width: 800, height: 600)
        XCTAssertEqual(try OutputFormat(path: "a/b.PNG", figure: figure), .png)
        XCTAssertEqual(try OutputFormat(path: "b.svg", figure: figure), .svg)
        XCTAssertEqual(try OutputFormat(path: "b.pdf", figure: figure), .pdf)
        XCTAssertEqual(try OutputFormat(path: "b.txt", figure: figure), .text(columns: 80, rows: 25, color: false))
        for bad in ["b.jpg", "png", "dir.png/file", ".png", ""] { XCTAssertThrowsError(try OutputFormat(path: bad, figure: figure), bad) }
        XCTAssertEqual(PlotRenderer.errorMessage(Array("x\n\"/s.gp\" line 4: bad range\n\n".utf8), script: "/s.gp"), "bad range")
    }
}
