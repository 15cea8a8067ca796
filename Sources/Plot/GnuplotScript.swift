import Foundation
import Linalg

/// The gnuplot script that draws a figure: series as inline data blocks (`$s1_2 << EOD`),
/// heatmaps as binary float64 files that the renderer writes beside the script.
struct GnuplotScript {
    /// The script text.
    private(set) var text = ""
    /// Binary data files the script reads: file name (relative to the data folder) and bytes.
    private(set) var dataFiles: [(name: String, bytes: [UInt8])] = []

    private let dataFolder: String
    private let format: OutputFormat

    /// The script drawing `figure` as `format` into `output`, reading data files from `dataFolder`.
    init(figure: Figure, format: OutputFormat, output: String, dataFolder: String) {
        self.dataFolder = dataFolder
        self.format = format
        line("set encoding utf8")
        line(format.terminal(width: figure.width, height: figure.height, enhanced: figure.enhancedText))
        line("set output \(Self.path(output))")
        for (k, hex) in PlotColor.cycle.enumerated() {
            line("set linetype \(k + 1) linecolor rgb \"\(hex)\" linewidth 1.5 pointtype 7")
        }
        line("set linetype cycle \(PlotColor.cycle.count)")
        for (p, panel) in figure.panels.enumerated() {
            for (s, series) in panel.series.enumerated() { writeDataBlock(series, name: Self.blockName(p, s), panel: panel) }
        }
        let grid = figure.panels.count > 1
        let figureTitle = figure.title.flatMap { title in grid || figure.panels[0].title != nil ? title : nil }
        if grid || figureTitle != nil {
            line("set multiplot layout \(figure.rows),\(figure.cols)" + (figureTitle.map { " title \(Self.quote($0)) font \",12\"" } ?? ""))
        }
        for (p, panel) in figure.panels.enumerated() {
            writePanel(panel, index: p, fallbackTitle: grid ? nil : figure.title)
        }
        if grid || figureTitle != nil { line("unset multiplot") }
        line("unset output")
    }

    private mutating func line(_ command: String) {
        text += command + "\n"
    }

    // MARK: Data

    static func blockName(_ panel: Int, _ series: Int) -> String { "$s\(panel + 1)_\(series + 1)" }

    /// `true` when the point can be drawn on the panel's axes.
    private static func plottable(_ x: Double, _ y: Double, on panel: Panel) -> Bool {
        x.isFinite && y.isFinite && (!panel.x.logarithmic || x > 0) && (!panel.y.logarithmic || y > 0)
    }

    /// An inline data block; a point that cannot be drawn becomes a blank line (a break in a line).
    private mutating func writeDataBlock(_ series: Series, name: String, panel: Panel) {
        line("\(name) << EOD")
        var previousWasBreak = true
        for (x, y) in zip(series.x, series.y) {
            if Self.plottable(x, y, on: panel) {
                line("\(x) \(y)")
                previousWasBreak = false
            } else if !previousWasBreak {
                line("")
                previousWasBreak = true
            }
        }
        line("EOD")
    }

    /// The field as rows of float64 values, row 1 first (gnuplot's binary array layout).
    private static func binaryRows(_ field: Matrix) -> [UInt8] {
        var bytes = [UInt8]()
        bytes.reserveCapacity(field.count * 8)
        for i in 0..<field.rows {
            for j in 0..<field.cols {
                withUnsafeBytes(of: field[i, j].bitPattern.littleEndian) { bytes.append(contentsOf: $0) }
            }
        }
        return bytes
    }

    // MARK: Panels

    private mutating func writePanel(_ panel: Panel, index: Int, fallbackTitle: String?) {
        line("# panel \(index + 1)")
        line(panel.title.map { "set title \(Self.quote($0))" } ?? fallbackTitle.map { "set title \(Self.quote($0))" } ?? "unset title")
        for (name, axis) in [("x", panel.x), ("y", panel.y)] {
            line(axis.label.map { "set \(name)label \(Self.quote($0))" } ?? "unset \(name)label")
            line(axis.logarithmic ? "set logscale \(name)" : "unset logscale \(name)")
            // Decades as 0.001, 1, 1e+06 rather than gnuplot's fixed-point 0.0010000.
            line(axis.logarithmic ? "set format \(name) \"%g\"" : "set format \(name) \"% h\"")
        }
        if case .text = format { line("unset grid") } else { line("set grid back linecolor rgb \"#e0e0e0\" linewidth 1 dashtype solid") }
        line("set tics out nomirror")
        line("set border 3 linewidth 1")
        writeLegend(panel.legend)
        var plots: [String] = []
        if let heatmap = panel.heatmap {
            plots.append(writeHeatmap(heatmap, panel: index))
        } else {
            line("unset colorbox")
            line("set size noratio")
        }
        let drawable = panel.series.enumerated().filter { _, series in
            zip(series.x, series.y).contains { Self.plottable($0, $1, on: panel) }
        }
        writeRanges(panel, empty: drawable.isEmpty && panel.heatmap == nil)
        for (s, series) in drawable { plots.append(Self.plotClause(series, block: Self.blockName(index, s))) }
        if plots.isEmpty { plots.append("NaN notitle") }
        line("plot " + plots.joined(separator: ", \\\n     "))
    }

    private mutating func writeLegend(_ position: LegendPosition) {
        switch position {
        case .none: line("unset key")
        case .outside: line("set key outside right top vertical noopaque nobox")
        default: line("set key inside \(position.rawValue) noopaque nobox")
        }
    }

    /// Axis ranges: the ones set, else the heatmap's extent, else the data's (an empty panel
    /// gets a unit range so that gnuplot can draw its axes).
    private mutating func writeRanges(_ panel: Panel, empty: Bool) {
        for (name, axis, extent) in [("x", panel.x, panel.heatmap?.x), ("y", panel.y, panel.heatmap?.y)] {
            var lower = axis.lower ?? extent?.lowerBound
            var upper = axis.upper ?? extent?.upperBound
            if empty && lower == nil && upper == nil { (lower, upper) = axis.logarithmic ? (1, 10) : (0, 1) }
            let end = { (value: Double?) in value.map { "\($0)" } ?? "*" }
            line("set \(name)range [\(end(lower)):\(end(upper))] " + (extent == nil ? "extend" : "noextend"))
        }
    }

    private mutating func writeHeatmap(_ heatmap: Heatmap, panel: Int) -> String {
        let name = "heatmap\(panel + 1).bin"
        dataFiles.append((name, Self.binaryRows(heatmap.field)))
        let stops = heatmap.palette.stops.enumerated().map { "\($0.offset) \"\($0.element)\"" }.joined(separator: ", ")
        line("set palette defined (\(stops))")
        line(heatmap.colorbar ? "set colorbox" : "unset colorbox")
        line(heatmap.label.map { "set cblabel \(Self.quote($0))" } ?? "unset cblabel")
        line("set cbrange [\(heatmap.lower.map { "\($0)" } ?? "*"):\(heatmap.upper.map { "\($0)" } ?? "*")] noextend")
        line(heatmap.equalAspect ? "set size ratio -1" : "set size noratio")
        let field = heatmap.field
        let dx = (heatmap.x.upperBound - heatmap.x.lowerBound) / Double(field.cols)
        let dy = (heatmap.y.upperBound - heatmap.y.lowerBound) / Double(field.rows)
        let origin = "(\(heatmap.x.lowerBound + dx / 2),\(heatmap.y.lowerBound + dy / 2))"
        return "\(Self.path(dataFolder + "/" + name)) binary array=(\(field.cols),\(field.rows)) format='%float64' "
            + "endian=little dx=\(dx) dy=\(dy) origin=\(origin) with image notitle"
    }

    private static func plotClause(_ series: Series, block: String) -> String {
        let style = series.style
        var clause = "\(block) using 1:2"
        let marker = style.marker ?? (series.kind == .scatter ? .circle : nil)
        switch (series.kind, marker) {
        case (_, nil): clause += " with lines linewidth \(style.width)"
        case (.line, let marker?): clause += " with linespoints linewidth \(style.width) pointtype \(marker.pointType)"
        case (.scatter, let marker?): clause += " with points pointtype \(marker.pointType)"
        }
        if marker != nil { clause += " pointsize \(style.markerSize)" }
        if let color = style.color { clause += " linecolor rgb \"\(color.hex)\"" }
        clause += style.label.map { " title \(quote($0))" } ?? " notitle"
        return clause
    }

    // MARK: Quoting

    /// A double-quoted gnuplot string (backslash, quote and newline escaped).
    static func quote(_ text: String) -> String {
        var quoted = "\""
        for character in text {
            switch character {
            case "\\": quoted += "\\\\"
            case "\"": quoted += "\\\""
            case "\n": quoted += "\\n"
            case "\r", "\t": quoted += " "
            default: quoted.append(character)
            }
        }
        return quoted + "\""
    }

    /// A single-quoted gnuplot string for a file path (no escapes; quotes doubled).
    static func path(_ path: String) -> String {
        "'" + path.replacingOccurrences(of: "'", with: "''") + "'"
    }
}
