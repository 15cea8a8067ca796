import Foundation
import Plot
import XCTest

/// A fresh temporary folder, removed when the test ends.
func temporaryFolder(_ test: XCTestCase) throws -> String {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("cglab-plot-test-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    test.addTeardownBlock { try? FileManager.default.removeItem(atPath: path) }
    return path
}

/// A renderer with the installed gnuplot; skips the test when there is none (fails under CI).
func installedRenderer() throws -> PlotRenderer {
    let renderer = PlotRenderer()
    guard (try? renderer.locateGnuplot()) != nil else {
        if ProcessInfo.processInfo.environment["CI"] != nil { XCTFail("gnuplot is missing (scripts/install-deps.sh installs it)") }
        throw XCTSkip("gnuplot is not installed; run scripts/install-deps.sh")
    }
    return renderer
}

/// An executable shell script at `path` with `body`, standing in for gnuplot.
func fakeProgram(_ path: String, _ body: String) throws -> String {
    try ("#!/bin/sh\n" + body + "\n").write(toFile: path, atomically: true, encoding: .utf8)
    chmod(path, 0o755)
    return path
}

/// A figure with two line series (one with a NaN), labels and a log y axis.
func sampleFigure(width: Int = 640, height: Int = 480) throws -> Figure {
    var figure = try Figure(width: width, height: height, title: "growth")
    let x = (1...20).map(Double.init)
    var first = SeriesStyle()
    first.label = "square"
    var second = SeriesStyle()
    second.label = "cube"
    second.marker = .square
    figure.panels[0].series = [
        try Series(.line, x: x, y: x.map { $0 == 7 ? .nan : $0 * $0 }, style: first),
        try Series(.line, x: x, y: x.map { $0 * $0 * $0 }, style: second),
    ]
    figure.panels[0].x.label = "n"
    figure.panels[0].y.label = "value"
    figure.panels[0].y.logarithmic = true
    return figure
}
