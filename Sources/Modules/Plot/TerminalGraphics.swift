import Foundation
import LuaHost
import Plot

/// Showing figures in the terminal: kitty graphics, sixel, or gnuplot's text art, chosen by
/// `plot.terminal` ("auto" looks at the terminal), or handing them to `plot.on_show`.
enum TerminalGraphics {
    /// How a figure is shown.
    enum Mode: String, CaseIterable {
        case auto, kitty, sixel, text
    }

    /// The mode for `setting` in a terminal described by `environment`: "auto" picks kitty
    /// graphics in kitty, WezTerm and Ghostty, sixel in terminals known to show it, and text
    /// otherwise (always when standard output is not a terminal, or inside tmux or screen,
    /// which pass neither through).
    static func mode(_ setting: Mode, environment: [String: String], isTerminal: Bool) -> Mode {
        guard setting == .auto else { return setting }
        guard isTerminal, environment["TMUX"] == nil, environment["STY"] == nil else { return .text }
        let term = environment["TERM"] ?? "", program = environment["TERM_PROGRAM"] ?? ""
        if environment["KITTY_WINDOW_ID"] != nil || term == "xterm-kitty" || ["WezTerm", "ghostty"].contains(program) {
            return .kitty
        }
        if ["foot", "foot-extra", "mlterm", "contour", "yaft-256color"].contains(term) || ["iTerm.app", "mlterm"].contains(program)
            || environment["KONSOLE_VERSION"] != nil
        {
            return .sixel
        }
        return .text
    }

    /// The kitty graphics protocol escape sequence that shows `png` at the cursor: the image
    /// base64-encoded in chunks of 4096 bytes.
    static func kittySequence(png: [UInt8]) -> String {
        let encoded = Array(Data(png).base64EncodedString().utf8)
        var sequence = ""
        var start = 0
        repeat {
            let end = min(start + 4096, encoded.count)
            let control = (start == 0 ? "a=T,f=100," : "") + "m=\(end < encoded.count ? 1 : 0)"
            sequence += "\u{1b}_G\(control);" + String(decoding: encoded[start..<end], as: UTF8.self) + "\u{1b}\\"
            start = end
        } while start < encoded.count
        return sequence
    }

    /// The text-art size for a terminal `columns` wide: the figure's aspect ratio, with
    /// characters about twice as tall as wide.
    static func textSize(columns: Int, figure: Figure) -> (columns: Int, rows: Int) {
        let columns = min(max(columns, 40), 240)
        let rows = Int(Double(columns) * Double(figure.height) / Double(figure.width) * 0.45)
        return (columns, min(max(rows, 10), 60))
    }

    static let show = NativeFunction(
        "show",
        doc: """
            fig:show()

            Shows the figure: with kitty or sixel graphics where the terminal supports them, else
            as text art (plot.terminal = "auto", "kitty", "sixel" or "text" chooses). When
            plot.on_show is a function, calls plot.on_show(fig) instead (notebooks collect figures
            this way).
            """
    ) { call in
        let figure = try call.figureBox(1).value.figure
        let stack = call.stack
        PlotModule.pushSetting("on_show", stack)
        if stack.type(at: -1) == .function {
            stack.pushCopy(of: 1)
            try stack.protectedCall(arguments: 1, results: 0)
            return 0
        }
        stack.pop()
        PlotModule.pushSetting("terminal", stack)
        let name = stack.string(at: -1) ?? "auto"
        stack.pop()
        guard let setting = Mode(rawValue: name) else {
            throw LuaError("show: plot.terminal must be one of \(Mode.allCases.map(\.rawValue).joined(separator: ", ")), got '\(name)'")
        }
        let environment = ProcessInfo.processInfo.environment
        let renderer = try PlotModule.renderer(stack)
        let output: [UInt8]
        switch mode(setting, environment: environment, isTerminal: isatty(1) != 0) {
        case .kitty:
            output = Array(kittySequence(png: try renderer.render(figure, as: .png)).utf8)
        case .sixel:
            output = try renderer.render(figure, as: .sixel)
        case .auto, .text:
            let size = textSize(columns: Terminal.width, figure: figure)
            let color = isatty(1) != 0 && environment["NO_COLOR"] == nil
            output = try renderer.render(figure, as: .text(columns: size.columns, rows: size.rows, color: color))
        }
        let text = String(decoding: output, as: UTF8.self)
        print(text, terminator: text.hasSuffix("\n") ? "" : "\n")
        return 0
    }
}
