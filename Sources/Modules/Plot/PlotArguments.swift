import Linalg
import LuaHost
import Plot

/// Reading plot data and options from Lua arguments, with errors that name the argument.
enum PlotArguments {
    /// Option keys of a line or scatter series.
    static let seriesOptions = ["label", "color", "width", "marker", "marker_size"]
    /// Option keys of a heatmap.
    static let heatmapOptions = ["x", "y", "colorbar", "palette", "range", "label", "aspect"]
    /// Option keys that set up a panel (used by the one-line plots).
    static let panelOptions = ["title", "xlabel", "ylabel", "log", "legend", "xrange", "yrange"]

    /// `true` when argument `position` holds data: a matrix or a non-empty table (an empty or
    /// keyed table is an options table).
    private static func isData(_ call: LuaCall, _ position: Int) -> Bool {
        if case .value = matrixType.lookup(at: Int32(position), in: call.stack) { return true }
        return call.type(position) == .table && call.stack.rawLength(at: Int32(position)) > 0
    }

    /// The series of `([x,] y [, options])` starting at argument `position`: one per column of y
    /// (a vector y is one series), against x or against 1, 2, 3 ... The options table may also
    /// hold `extraOptions`; returns the series and the options.
    static func series(_ call: LuaCall, _ kind: Series.Kind, at position: Int, extraOptions: [String] = [])
        throws -> (series: [Series], options: LuaOptions)
    {
        let hasX = isData(call, position + 1)
        let yPosition = hasX ? position + 1 : position
        let y = try call.matrix(yPosition)
        let points = y.isVector ? y.count : y.rows
        guard y.count > 0 else { throw ArgumentError(yPosition, "no points to plot (empty \(y.shape) matrix)") }
        let x = hasX ? try call.vector(position) : (1...points).map(Double.init)
        guard x.count == points else {
            throw ArgumentError(yPosition, "y has \(points) point\(points == 1 ? "" : "s") but x has \(x.count)"
                + (y.cols == x.count && !y.isVector ? "; columns of y are series, rows are points" : ""))
        }
        let columns = y.isVector ? [y.elements] : (0..<y.cols).map { y.column($0).elements }
        let options = try call.options(yPosition + 1, allowed: seriesOptions + extraOptions)
        let labels = try strings(options, "label", count: columns.count)
        let colors = try strings(options, "color", count: columns.count)
        var style = SeriesStyle()
        style.width = try positive(options, "width", default: style.width)
        style.markerSize = try positive(options, "marker_size", default: style.markerSize)
        if let name = try options.string("marker") {
            guard let marker = Marker(name: name) else {
                throw options.error("marker", "unknown marker '\(name)'; markers: "
                    + Marker.allCases.map(\.rawValue).joined(separator: ", ") + " (or o s ^ v d + x *)")
            }
            style.marker = marker
        }
        let series = try columns.enumerated().map { k, values in
            var styled = style
            styled.label = labels?[k]
            do {
                styled.color = try colors.map { try PlotColor($0[k]) }
            } catch {
                throw options.error("color", "\(error)")
            }
            return try Series(kind, x: x, y: values, style: styled)
        }
        return (series, options)
    }

    /// Option `key` as one string per series: a table of `count` strings, or one string (a
    /// label is then numbered "name 1", "name 2" ... when there are several series; a colour
    /// applies to all).
    private static func strings(_ options: LuaOptions, _ key: String, count: Int) throws(ArgumentError) -> [String]? {
        try options.withValue(key) { stack throws(ArgumentError) -> [String] in
            if let text = stack.stringOrNumber(at: -1) {
                return count == 1 || key == "color" ? Array(repeating: text, count: count) : (1...count).map { "\(text) \($0)" }
            }
            guard stack.type(at: -1) == .table, stack.rawLength(at: -1) == count else {
                throw options.error(key, "a string or a table of \(count) strings (one per column of y) expected")
            }
            return try (1...count).map { k throws(ArgumentError) in
                stack.rawGet(-1, at: k)
                defer { stack.pop() }
                guard let text = stack.stringOrNumber(at: -1) else { throw options.error(key, "entry \(k) is not a string") }
                return text
            }
        }
    }

    /// Option `key` as a positive finite number, or `defaultValue`.
    static func positive(_ options: LuaOptions, _ key: String, default defaultValue: Double) throws(ArgumentError) -> Double {
        let value = try options.number(key, default: defaultValue)
        guard value > 0, value.isFinite else { throw options.error(key, "must be a positive number, got \(value)") }
        return value
    }

    /// Option `key` as a pair of numbers `{a, b}`, or `nil` when not set.
    static func pair(_ options: LuaOptions, _ key: String) throws(ArgumentError) -> (Double, Double)? {
        try options.withValue(key) { stack throws(ArgumentError) in
            let failure = options.error(key, "a table of two numbers {a, b} expected")
            guard stack.type(at: -1) == .table, stack.rawLength(at: -1) == 2 else { throw failure }
            stack.rawGet(-1, at: 1)
            stack.rawGet(-2, at: 2)
            defer { stack.pop(2) }
            guard stack.type(at: -2) == .number, stack.type(at: -1) == .number,
                  let a = stack.number(at: -2), let b = stack.number(at: -1)
            else { throw failure }
            return (a, b)
        }
    }

    /// The heatmap of the matrix at `position` with the options at `position + 1`.
    static func heatmap(_ call: LuaCall, at position: Int, extraOptions: [String] = []) throws
        -> (heatmap: Heatmap, options: LuaOptions)
    {
        let field = try call.matrix(position)
        guard field.count > 0 else { throw ArgumentError(position, "empty \(field.shape) matrix") }
        var heatmap = try Heatmap(field)
        let options = try call.options(position + 1, allowed: heatmapOptions + extraOptions)
        for key in ["x", "y"] {
            guard let (a, b) = try pair(options, key) else { continue }
            guard a.isFinite, b.isFinite, a < b else {
                throw options.error(key, "the extent must be finite and increasing, got {\(a), \(b)}")
            }
            try heatmap.setExtent(x: key == "x" ? a...b : nil, y: key == "y" ? a...b : nil)
        }
        if let (lower, upper) = try pair(options, "range") {
            do { try heatmap.setRange(lower: lower, upper: upper) } catch { throw options.error("range", "\(error)") }
        }
        heatmap.colorbar = try options.boolean("colorbar", default: true)
        heatmap.palette = Palette(rawValue: try options.choice("palette", from: Palette.allCases.map(\.rawValue), default: "viridis"))!
        heatmap.label = try options.string("label")
        heatmap.equalAspect = try options.choice("aspect", from: ["auto", "equal"], default: "auto") == "equal"
        return (heatmap, options)
    }

    /// Applies the panel options of the one-line plots (title, labels, log axes, legend, ranges).
    static func applyPanelOptions(_ options: LuaOptions, to panel: inout Panel) throws(ArgumentError) {
        if let title = try options.string("title") { panel.title = title }
        if let label = try options.string("xlabel") { panel.x.label = label }
        if let label = try options.string("ylabel") { panel.y.label = label }
        if let axes = try options.string("log") {
            (panel.x.logarithmic, panel.y.logarithmic) = try logAxes(axes) { options.error("log", $0) }
        }
        if let position = try options.string("legend") {
            panel.legend = try legend(position) { options.error("legend", $0) }
        }
        for key in ["xrange", "yrange"] {
            guard let (lower, upper) = try pair(options, key) else { continue }
            do {
                if key == "xrange" { try panel.x.setRange(lower: lower, upper: upper) } else { try panel.y.setRange(lower: lower, upper: upper) }
            } catch {
                throw options.error(key, "\(error)")
            }
        }
    }

    /// Which axes `text` ("x", "y", "xy", "none") makes logarithmic.
    static func logAxes(_ text: String, _ error: (String) -> ArgumentError) throws(ArgumentError) -> (x: Bool, y: Bool) {
        switch text {
        case "x": return (true, false)
        case "y": return (false, true)
        case "xy", "yx": return (true, true)
        case "none", "": return (false, false)
        default: throw error("invalid axes '\(text)'; expected x, y, xy or none")
        }
    }

    /// The legend position named `text`.
    static func legend(_ text: String, _ error: (String) -> ArgumentError) throws(ArgumentError) -> LegendPosition {
        guard let position = LegendPosition(rawValue: text) else {
            throw error("invalid position '\(text)'; expected one of: " + LegendPosition.allCases.map(\.rawValue).joined(separator: ", "))
        }
        return position
    }
}
