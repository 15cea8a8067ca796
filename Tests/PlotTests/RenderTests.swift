import FoundationXML
import Foundation
import Linalg
import Plot
import XCTest

/// Figures rendered by the real gnuplot, checked by reading the files back independently.
final class RenderTests: XCTestCase {
    func testPNGHasTheRequestedSizeAndDrawsTheSeriesColours() throws {
        let renderer = try installedRenderer()
        let path = try temporaryFolder(self) + "/figure.png"
        try renderer.write(try sampleFigure(width: 640, height: 480), to: path)
        let image = try PNGImage(bytes: Array(try Data(contentsOf: URL(fileURLWithPath: path))))
        XCTAssertEqual(image.width, 640)
        XCTAssertEqual(image.height, 480)
        XCTAssertGreaterThan(image.colorCount, 10, "a blank image")
        XCTAssertGreaterThan(image.count(near: 0xffffff), image.pixels.count / 2, "mostly white background")
        XCTAssertGreaterThan(image.count(near: 0x1f77b4), 50, "the first series is drawn in the first cycle colour")
        XCTAssertGreaterThan(image.count(near: 0xff7f0e), 50, "the second series in the second")
    }

    func testHeatmapShowsBothEndsOfThePaletteAndAGridHasItsSize() throws {
        let renderer = try installedRenderer()
        var figure = try Figure(width: 900, height: 400, rows: 1, cols: 2, title: "fields")
        var heatmap = try Heatmap(Matrix(rows: 32, cols: 32, element: { i, _ in Double(i) }))
        try heatmap.setExtent(x: 0...400, y: 0...400)
        heatmap.label = "strain"
        heatmap.equalAspect = true
        figure.panels[0].heatmap = heatmap
        figure.panels[0].title = "E_xy"
        figure.panels[1].series = [try Series(.scatter, x: [1, 2, 3], y: [3, 1, 2])]
        let bytes = try renderer.render(figure, as: .png)
        let image = try PNGImage(bytes: bytes)
        XCTAssertEqual([image.width, image.height], [900, 400])
        let low = image.rows(near: 0x440154), high = image.rows(near: 0xfde725)
        XCTAssertGreaterThan(low.count, 100, "the low end of viridis")
        XCTAssertGreaterThan(high.count, 100, "the high end of viridis")
        XCTAssertLessThan(high.reduce(0, +) / high.count, low.reduce(0, +) / low.count, "row 1 of the field at the bottom")
    }

    func testSVGIsWellFormedXMLWithAnSVGRoot() throws {
        let renderer = try installedRenderer()
        let path = try temporaryFolder(self) + "/figure.svg"
        try renderer.write(try sampleFigure(), to: path)
        let parser = XMLParser(contentsOf: URL(fileURLWithPath: path))!
        let delegate = RootElement()
        parser.delegate = delegate
        XCTAssertTrue(parser.parse(), "not well-formed: \(String(describing: parser.parserError))")
        XCTAssertEqual(delegate.name, "svg")
        XCTAssertEqual(delegate.attributes["width"], "640")
    }

    func testPDFAndTextOutputs() throws {
        let renderer = try installedRenderer()
        let folder = try temporaryFolder(self)
        try renderer.write(try sampleFigure(), to: folder + "/figure.pdf")
        let pdf = try Data(contentsOf: URL(fileURLWithPath: folder + "/figure.pdf"))
        XCTAssertEqual(String(decoding: pdf.prefix(5), as: UTF8.self), "%PDF-")
        XCTAssertTrue(String(decoding: pdf.suffix(8), as: UTF8.self).contains("%%EOF"))
        let text = String(decoding: try renderer.render(try sampleFigure(), as: .text(columns: 70, rows: 20, color: false)), as: UTF8.self)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        XCTAssertTrue(text.hasPrefix(" ") && text.contains("growth") && text.contains("cube"), text)
        XCTAssertFalse(text.contains("\u{1b}"), "no colour codes in mono text")
        XCTAssertLessThanOrEqual(lines.map(\.count).max() ?? 0, 70)
    }

    func testSixelOutputIsOneDeviceControlString() throws {
        let renderer = try installedRenderer()
        let sixel = try renderer.render(try sampleFigure(width: 200, height: 100), as: .sixel)
        XCTAssertEqual(Array(sixel.prefix(3)), Array("\u{1b}Pq".utf8), "starts a sixel sequence")
        XCTAssertTrue(String(decoding: sixel, as: UTF8.self).contains("\"1;1;200;100"), "raster attributes with the size")
        XCTAssertTrue(String(decoding: sixel.suffix(4), as: UTF8.self).contains("\u{1b}\\"), "ends the sequence")
    }

    func testAnEmptyPanelAndNonPositiveValuesOnALogAxisStillDraw() throws {
        let renderer = try installedRenderer()
        var figure = try Figure(rows: 2, cols: 1)
        figure.panels[0].y.logarithmic = true
        figure.panels[0].series = [try Series(.line, x: [1, 2, 3], y: [-1, 0, -2])]
        XCTAssertNoThrow(try renderer.render(figure, as: .text(columns: 60, rows: 20, color: false)))
    }

    func testMissingGnuplotIsATypedErrorSayingWhatToInstall() throws {
        let renderer = PlotRenderer(gnuplot: "/nonexistent/gnuplot")
        XCTAssertThrowsError(try renderer.render(try sampleFigure(), as: .png)) { error in
            guard case PlotError.gnuplotMissing = error else { return XCTFail("\(error)") }
            XCTAssertTrue("\(error)".contains("gnuplot-nox"), "\(error)")
        }
    }

    func testGnuplotErrorsAndTimeOutsAreReported() throws {
        let folder = try temporaryFolder(self)
        let failing = try fakeProgram(folder + "/failing", "echo 'plot $s1_1 using 1:2' >&2; echo \"\\\"$2\\\" line 12: all points y value undefined!\" >&2; exit 1")
        XCTAssertThrowsError(try PlotRenderer(gnuplot: failing).render(try sampleFigure(), as: .png)) { error in
            XCTAssertEqual(error as? PlotError, .gnuplotFailed(status: 1, message: "all points y value undefined!"))
        }
        let slow = try fakeProgram(folder + "/slow", "exec sleep 20")
        let start = Date()
        XCTAssertThrowsError(try PlotRenderer(gnuplot: slow, timeout: 0.3).render(try sampleFigure(), as: .png)) { error in
            XCTAssertEqual(error as? PlotError, .timedOut(seconds: 0.3))
        }
        XCTAssertLessThan(Date().timeIntervalSince(start), 5)
        let silent = try fakeProgram(folder + "/silent", "exit 0")
        XCTAssertThrowsError(try PlotRenderer(gnuplot: silent).render(try sampleFigure(), as: .png)) { error in
            XCTAssertEqual(error as? PlotError, .gnuplotFailed(status: 0, message: "no message"))
        }
    }

    func testUnknownExtensionsAndUnwritableFilesAreErrors() throws {
        let renderer = try installedRenderer()
        XCTAssertThrowsError(try renderer.write(try sampleFigure(), to: "/tmp/figure.jpg")) { error in
            XCTAssertEqual(error as? PlotError, .unsupportedFormat(path: "/tmp/figure.jpg"))
        }
        XCTAssertThrowsError(try renderer.write(try sampleFigure(), to: "/nonexistent/folder/figure.png")) { error in
            guard case PlotError.cannotWrite(let path, _) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(path, "/nonexistent/folder/figure.png")
        }
    }
}

/// Records the root element of an XML document.
private final class RootElement: NSObject, XMLParserDelegate {
    var name: String?
    var attributes: [String: String] = [:]

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
                attributes attributeDict: [String: String] = [:]) {
        guard name == nil else { return }
        name = elementName
        attributes = attributeDict
    }
}
