import Foundation

/// What a figure is rendered to, and the gnuplot terminal that makes it.
public enum OutputFormat: Sendable, Equatable {
    /// A PNG image (gnuplot's cairo terminal), the figure's size in pixels.
    case png
    /// An SVG drawing.
    case svg
    /// A PDF page at 96 pixels per inch.
    case pdf
    /// Text art of `columns` x `rows` characters, with ANSI colours when `color` is set.
    case text(columns: Int, rows: Int, color: Bool)
    /// Sixel graphics, for terminals that show them.
    case sixel

    /// The format for a file name: `.png`, `.svg`, `.pdf`, or `.txt` (text sized from the
    /// figure, 10 x 24 pixels per character).
    public init(path: String, figure: Figure) throws(PlotError) {
        let name = path.split(separator: "/").last.map(String.init) ?? ""
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { throw .unsupportedFormat(path: path) }
        switch name[name.index(after: dot)...].lowercased() {
        case "png": self = .png
        case "svg": self = .svg
        case "pdf": self = .pdf
        case "txt": self = .text(columns: max(figure.width / 10, 20), rows: max(figure.height / 24, 8), color: false)
        default: throw .unsupportedFormat(path: path)
        }
    }

    /// The file extension gnuplot writes.
    var fileExtension: String {
        switch self {
        case .png: return "png"
        case .svg: return "svg"
        case .pdf: return "pdf"
        case .text: return "txt"
        case .sixel: return "six"
        }
    }

    /// The `set terminal` command for a figure of `width` x `height` pixels.
    func terminal(width: Int, height: Int, enhanced: Bool) -> String {
        let text = enhanced ? "enhanced" : "noenhanced"
        let font = "font \"sans,10\""
        switch self {
        case .png:
            return "set terminal pngcairo size \(width),\(height) \(text) \(font) background rgb \"white\""
        case .svg:
            return "set terminal svg size \(width),\(height) \(text) \(font) background rgb \"white\""
        case .pdf:
            let inches = { (pixels: Int) in String(format: "%.3fin", Double(pixels) / 96) }
            return "set terminal pdfcairo size \(inches(width)),\(inches(height)) \(text) \(font)"
        case let .text(columns, rows, color):
            return "set terminal dumb size \(columns),\(rows) nofeed \(text) \(color ? "ansi256" : "mono")"
        case .sixel:
            return "set terminal sixelgd size \(width),\(height) truecolor \(text) \(font)"
        }
    }
}
