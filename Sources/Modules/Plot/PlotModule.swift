import Foundation
import Linalg
import LuaHost
import Plot

/// The `plot` Lua module: figures drawn by gnuplot, files first (PNG, SVG, PDF), shown in the
/// terminal on request.
enum PlotModule {
    static var module: LuaModule {
        LuaModule(
            name: "plot",
            doc: """
                plot: line, scatter and heatmap figures drawn by gnuplot.

                local fig = plot.figure{title = "..."}; fig:line(x, y, {label = "a"}):xlabel("x"):log("y");
                fig:save("out.png") (.png, .svg, .pdf, .txt) or fig:show() (in the terminal: kitty or
                sixel graphics where supported, text otherwise; plot.terminal = "auto", "kitty", "sixel"
                or "text" chooses). plot.grid(rows, cols) makes subplots (fig:panel(r, c) picks one);
                plot.line, plot.scatter and plot.heatmap make a figure in one call. plot.gnuplot
                names the gnuplot program (default: found on the PATH); plot.on_show, when set to a
                function, receives the figures fig:show() would draw (notebooks use it).
                """,
            functions: [figure, grid, isFigure, line, scatter, heatmap],
            types: [figureType],
            fields: [("terminal", ProcessInfo.processInfo.environment["CGLAB_PLOT_TERMINAL"] ?? "auto")])
    }

    /// A figure checked by the library; its errors become errors of argument `position`.
    private static func newFigure(width: Int, height: Int, rows: Int = 1, cols: Int = 1, title: String? = nil,
                                  argument position: Int) throws(ArgumentError) -> FigureState
    {
        do {
            return FigureState(figure: try Figure(width: width, height: height, rows: rows, cols: cols, title: title))
        } catch {
            throw ArgumentError(position, error.description)
        }
    }

    /// The figure of `rows` x `cols` panels set up by the options at `position` (width, height,
    /// title, enhanced).
    private static func makeFigure(_ call: LuaCall, rows: Int, cols: Int, options position: Int) throws(ArgumentError)
        -> FigureState
    {
        let options = try call.options(position, allowed: ["width", "height", "title", "enhanced"])
        var state = try newFigure(
            width: try options.integer("width", default: 800), height: try options.integer("height", default: 600),
            rows: rows, cols: cols, title: try options.string("title"), argument: position)
        state.figure.enhancedText = try options.boolean("enhanced", default: false)
        return state
    }

    /// The one-panel figure of a one-line plot, sized by the option `size = {width, height}`
    /// and set up by its panel options.
    private static func oneLineFigure(_ options: LuaOptions) throws(ArgumentError) -> FigureState {
        let (width, height) = try PlotArguments.pair(options, "size") ?? (800, 600)
        guard let w = Int(exactly: width), let h = Int(exactly: height) else {
            throw options.error("size", "whole numbers of pixels expected, got {\(width), \(height)}")
        }
        var state = try newFigure(width: w, height: h, argument: options.position)
        try PlotArguments.applyPanelOptions(options, to: &state.panel)
        return state
    }

    static let figure = NativeFunction(
        "figure",
        doc: """
            plot.figure([{width = 800, height = 600, title = nil, enhanced = false}]) -> fig

            A new empty figure of width x height pixels. Draw with fig:line, fig:scatter and
            fig:heatmap, label with fig:xlabel, fig:ylabel, fig:title, then fig:save(path) or
            fig:show(). With enhanced = true, text uses gnuplot's markup (E_{xy}, x^2).
            """
    ) { call in
        call.returning(try makeFigure(call, rows: 1, cols: 1, options: 1))
    }

    static let grid = NativeFunction(
        "grid",
        doc: """
            plot.grid(rows, cols [, {width = 800, height = 600, title = nil, enhanced = false}]) -> fig

            A figure of rows x cols panels (subplots) under one title. fig:panel(r, c) chooses the
            panel that drawing calls go to; the first is current at the start.
            """
    ) { call in
        let rows = try call.integer(1), cols = try call.integer(2)
        for (position, count) in [(1, rows), (2, cols)] where !(1...20).contains(count) {
            throw ArgumentError(position, "must be in 1..20, got \(count)")
        }
        return call.returning(try makeFigure(call, rows: rows, cols: cols, options: 3))
    }

    static let isFigure = NativeFunction(
        "is_figure", doc: "plot.is_figure(x) -> boolean\n\nWhether x is a plot figure."
    ) { call in
        if case .value = figureType.lookup(at: 1, in: call.stack) { return call.returning(true) }
        return call.returning(false)
    }

    /// A one-line plot `plot.name([x,] y [, options])` of series of `kind`.
    private static func oneLine(_ kind: Series.Kind, doc: String) -> NativeFunction {
        NativeFunction(kind == .line ? "line" : "scatter", doc: doc) { call in
            let (series, options) = try PlotArguments.series(call, kind, at: 1, extraOptions: PlotArguments.panelOptions + ["size"])
            var state = try oneLineFigure(options)
            state.panel.series = series
            return call.returning(state)
        }
    }

    static let line = oneLine(
        .line,
        doc: """
            plot.line([x,] y [, options]) -> fig

            A new figure with a line plot, as plot.figure():line(x, y, options); options may also
            hold title, xlabel, ylabel, log ("x", "y", "xy"), legend, xrange = {a, b},
            yrange = {a, b} and size = {width, height}.
            """)

    static let scatter = oneLine(
        .scatter,
        doc: """
            plot.scatter([x,] y [, options]) -> fig

            A new figure with a scatter plot, as plot.figure():scatter(x, y, options); options may
            also hold title, xlabel, ylabel, log, legend, xrange, yrange and size = {width, height}.
            """)

    static let heatmap = NativeFunction(
        "heatmap",
        doc: """
            plot.heatmap(M [, options]) -> fig

            A new figure with a heatmap of M, as plot.figure():heatmap(M, options); options may
            also hold title, xlabel, ylabel, xrange, yrange and size = {width, height}.
            """
    ) { call in
        let (heatmap, options) = try PlotArguments.heatmap(call, at: 1, extraOptions: PlotArguments.panelOptions + ["size"])
        var state = try oneLineFigure(options)
        state.panel.heatmap = heatmap
        return call.returning(state)
    }

    // MARK: Settings

    /// Pushes the field `key` of the `plot` module table (raw; nil when the module is gone).
    static func pushSetting(_ key: String, _ stack: LuaStack) {
        stack.pushRegistry()
        stack.rawGet(-1, field: "_LOADED")
        if stack.rawGet(-1, field: "plot") == .table {
            stack.rawGet(-1, field: key)
        } else {
            stack.pushNil()
        }
        stack.insertTop(at: -4)
        stack.pop(3)
    }

    /// The renderer for this state: `plot.gnuplot` when set, Ctrl-C stops gnuplot.
    static func renderer(_ stack: LuaStack) throws(LuaError) -> PlotRenderer {
        pushSetting("gnuplot", stack)
        defer { stack.pop() }
        guard stack.isNoneOrNil(-1) || stack.type(at: -1) == .string else {
            throw LuaError("plot.gnuplot must be a string (the gnuplot program), got a \(stack.typeName(at: -1))")
        }
        return PlotRenderer(gnuplot: stack.string(at: -1), interruption: luaInterruption)
    }
}
