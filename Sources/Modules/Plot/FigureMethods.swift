import LuaHost
import Plot

/// The methods of `plot.Figure`. Drawing and labelling go to the current panel (see
/// `fig:panel`) and return the figure, so calls chain: `fig:line(x, y):xlabel("t"):save("a.png")`.
enum FigureMethods {
    static let methods: [NativeFunction] = [
        line, scatter, heatmap, title, xlabel, ylabel, log, legend, xrange, yrange, panel, save, TerminalGraphics.show,
    ]

    static let line = NativeFunction(
        "line",
        doc: """
            fig:line([x,] y [, {label = nil, color = nil, width = 1.5, marker = nil, marker_size = 1}]) -> fig

            Adds a line through the points (x[i], y[i]) to the current panel; x defaults to 1, 2, 3 ...
            x and y are vectors or tables; a matrix y adds one line per column (label and color may
            then be tables, one entry per column). Points with NaN or infinity are skipped and
            break the line. marker adds markers at the points (circle, square, triangle,
            triangle down, diamond, plus, cross, star, open circle, or o s ^ v d + x *); colors are
            names, C1...C10 of the cycle, or #rrggbb.
            """
    ) { call in
        let box = try call.figureBox(1)
        box.value.panel.series += try PlotArguments.series(call, .line, at: 2).series
        return call.returningSelf()
    }

    static let scatter = NativeFunction(
        "scatter",
        doc: """
            fig:scatter([x,] y [, {label = nil, color = nil, marker = "circle", marker_size = 1}]) -> fig

            Adds markers at the points (x[i], y[i]) to the current panel, as fig:line does for a
            line (one series per column of a matrix y; non-finite points skipped).
            """
    ) { call in
        let box = try call.figureBox(1)
        box.value.panel.series += try PlotArguments.series(call, .scatter, at: 2).series
        return call.returningSelf()
    }

    static let heatmap = NativeFunction(
        "heatmap",
        doc: """
            fig:heatmap(M [, {x = {x0, x1}, y = {y0, y1}, colorbar = true, palette = "viridis", range = {lo, hi}, label = nil, aspect = "auto"}]) -> fig

            Draws the matrix M as coloured cells in the current panel (replacing any earlier
            heatmap there): rows are y with row 1 at the bottom, columns are x, as linalg.read_md
            returns MD fields. x and y give the physical extents (cell edges; default the column
            and row numbers), range the values at the ends of the palette (viridis, magma,
            inferno, plasma, gray or coolwarm), label the colour bar's label; aspect = "equal"
            draws x and y units the same length. NaN cells stay blank.
            """
    ) { call in
        let box = try call.figureBox(1)
        box.value.panel.heatmap = try PlotArguments.heatmap(call, at: 2).heatmap
        return call.returningSelf()
    }

    /// A method `fig:name(text)` setting one text of the current panel (nil removes it).
    private static func text(_ name: String, _ what: String, _ set: @escaping (inout Panel, String?) -> Void) -> NativeFunction {
        NativeFunction(name, doc: "fig:\(name)(text) -> fig\n\nSets the \(what) of the current panel (nil removes it).") { call in
            let box = try call.figureBox(1)
            set(&box.value.panel, try call.optionalString(2))
            return call.returningSelf()
        }
    }

    static let title = text("title", "title") { $0.title = $1 }
    static let xlabel = text("xlabel", "x axis label") { $0.x.label = $1 }
    static let ylabel = text("ylabel", "y axis label") { $0.y.label = $1 }

    static let log = NativeFunction(
        "log",
        doc: """
            fig:log(axes) -> fig

            Makes the axes of the current panel logarithmic: "x", "y" or "xy"; "none" makes both
            linear again. Points that are not positive on a logarithmic axis are skipped.
            """
    ) { call in
        let box = try call.figureBox(1)
        (box.value.panel.x.logarithmic, box.value.panel.y.logarithmic) = try PlotArguments.logAxes(try call.string(2)) {
            ArgumentError(2, $0)
        }
        return call.returningSelf()
    }

    static let legend = NativeFunction(
        "legend",
        doc: """
            fig:legend(position) -> fig

            Places the legend of the current panel: "top right" (the default), "top left",
            "bottom right", "bottom left", "outside" (right of the axes) or "none". Series are in
            the legend when they have a label.
            """
    ) { call in
        let box = try call.figureBox(1)
        box.value.panel.legend = try PlotArguments.legend(try call.string(2)) { ArgumentError(2, $0) }
        return call.returningSelf()
    }

    /// A method `fig:name(lower, upper)` setting the range of one axis of the current panel.
    private static func range(_ name: String, _ axis: WritableKeyPath<Panel, Axis>) -> NativeFunction {
        NativeFunction(
            name,
            doc: "fig:\(name)([lower, upper]) -> fig\n\nSets the \(name.prefix(1)) range of the current panel; nil ends (or no arguments) follow the data."
        ) { call in
            let box = try call.figureBox(1)
            let lower = try call.optionalNumber(2), upper = try call.optionalNumber(3)
            do {
                try box.value.panel[keyPath: axis].setRange(lower: lower, upper: upper)
            } catch {
                throw ArgumentError(lower.map { $0.isFinite } == false ? 2 : 3, "\(error)")
            }
            return call.returningSelf()
        }
    }

    static let xrange = range("xrange", \.x)
    static let yrange = range("yrange", \.y)

    static let panel = NativeFunction(
        "panel",
        doc: """
            fig:panel(row, col) -> fig

            Makes the panel at row, col (1-based) of a grid figure (plot.grid) the current one:
            the drawing and labelling calls that follow go to it.
            """
    ) { call in
        let box = try call.figureBox(1)
        let row = try call.integer(2), col = try call.integer(3)
        let figure = box.value.figure
        guard (1...figure.rows).contains(row) else { throw ArgumentError(2, "row \(row) out of range 1..\(figure.rows)") }
        guard (1...figure.cols).contains(col) else { throw ArgumentError(3, "column \(col) out of range 1..\(figure.cols)") }
        box.value.current = try figure.panelIndex(row: row - 1, col: col - 1)
        return call.returningSelf()
    }

    static let save = NativeFunction(
        "save",
        doc: """
            fig:save(path) -> fig

            Writes the figure to path in the format its extension names: .png (cairo, the
            figure's size in pixels), .svg, .pdf (96 pixels per inch) or .txt (text art). The file
            is replaced atomically. Needs gnuplot (Debian package gnuplot-nox).
            """
    ) { call in
        let figure = try call.figureBox(1).value.figure
        let path = try call.string(2)
        do {
            _ = try OutputFormat(path: path, figure: figure)
        } catch {
            throw ArgumentError(2, "\(error)")
        }
        try PlotModule.renderer(call.stack).write(figure, to: path)
        return call.returningSelf()
    }

    static let toString = NativeFunction("__tostring") { call in
        call.returning(figureSummary(try call.figureBox(1).value.figure))
    }

    static let summary = NativeFunction("__summary") { call in
        call.returning(String(figureSummary(try call.figureBox(1).value.figure).drop { $0 != " " }.dropFirst()))
    }
}
