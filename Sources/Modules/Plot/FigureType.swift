import LuaHost
import Plot

/// A figure being built from Lua, and the panel that drawing calls go to.
struct FigureState {
    /// The figure.
    var figure: Figure
    /// The index of the current panel in `figure.panels`.
    var current = 0

    /// The current panel.
    var panel: Panel {
        get { figure.panels[current] }
        set { figure.panels[current] = newValue }
    }
}

/// The Lua userdata type of figures, `plot.Figure`.
let figureType = UserdataType<FigureState>(
    name: "plot.Figure", noun: "figure", methods: FigureMethods.methods, metamethods: [FigureMethods.toString, FigureMethods.summary])

extension PlotError: LuaReportableError {
    /// The message, reported after the Lua function's name.
    public var luaMessage: String { description }
}

extension LuaCall {
    /// The box of the figure at argument `position`, for methods that change it.
    func figureBox(_ position: Int) throws(ArgumentError) -> UserdataBox<FigureState> {
        try box(position, figureType)
    }

    /// Pushes `state` as a new figure and returns 1.
    func returning(_ state: FigureState) -> Int {
        figureType.push(state, onto: stack)
        return 1
    }
}

/// What a figure holds, in one line: `plot.Figure 800x600: 2 lines, 1 heatmap (32x32)`.
func figureSummary(_ figure: Figure) -> String {
    var parts: [String] = []
    let series = figure.panels.flatMap(\.series)
    for kind in [Series.Kind.line, .scatter] {
        let count = series.filter { $0.kind == kind }.count
        if count > 0 { parts.append("\(count) \(kind == .line ? "line" : "scatter series")\(count > 1 && kind == .line ? "s" : "")") }
    }
    let heatmaps = figure.panels.compactMap(\.heatmap)
    if !heatmaps.isEmpty {
        parts.append("\(heatmaps.count) heatmap\(heatmaps.count > 1 ? "s" : "") (" + heatmaps.map { "\($0.field.shape)" }.joined(separator: ", ") + ")")
    }
    let grid = figure.panels.count > 1 ? ", \(figure.rows)x\(figure.cols) panels" : ""
    let title = figure.title ?? figure.panels[0].title
    return "plot.Figure \(figure.width)x\(figure.height)\(grid)" + (title.map { " \"\($0)\"" } ?? "") + ": "
        + (parts.isEmpty ? "empty" : parts.joined(separator: ", "))
}
