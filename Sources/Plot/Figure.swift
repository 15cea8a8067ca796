/// A figure: a grid of panels drawn into one image.
///
/// The figure is a plain value; ``PlotRenderer`` turns it into a PNG, SVG, PDF or text picture
/// through gnuplot. Panels are stored row by row; a figure of one panel is the common case.
public struct Figure: Sendable {
    /// The image width in pixels (PDF output uses 96 pixels per inch).
    public let width: Int
    /// The image height in pixels.
    public let height: Int
    /// The title over the whole figure (a single-panel figure without a panel title shows it as
    /// the panel's title).
    public var title: String?
    /// Whether text uses gnuplot's enhanced markup (`E_{xy}`, `x^2`); off by default, so labels
    /// print exactly as written.
    public var enhancedText = false
    /// The number of panel rows.
    public let rows: Int
    /// The number of panel columns.
    public let cols: Int
    /// The panels, row by row (`rows * cols` of them).
    public var panels: [Panel]

    /// The accepted range of a width or height, in pixels.
    public static let sizeRange = 16...16384

    /// A figure of `width` x `height` pixels holding a `rows` x `cols` grid of empty panels.
    public init(width: Int = 800, height: Int = 600, rows: Int = 1, cols: Int = 1, title: String? = nil)
        throws(PlotError)
    {
        for (what, value) in [("width", width), ("height", height)] where !Self.sizeRange.contains(value) {
            throw .invalidValue(what: "figure \(what)", reason: "must be in \(Self.sizeRange.lowerBound)..."
                + "\(Self.sizeRange.upperBound) pixels, got \(value)")
        }
        for (what, value) in [("rows", rows), ("columns", cols)] where !(1...20).contains(value) {
            throw .invalidValue(what: "number of \(what)", reason: "must be in 1...20, got \(value)")
        }
        self.width = width
        self.height = height
        self.rows = rows
        self.cols = cols
        self.title = title
        self.panels = Array(repeating: Panel(), count: rows * cols)
    }

    /// The index in ``panels`` of the panel at 0-based `row` and `col`, checked.
    public func panelIndex(row: Int, col: Int) throws(PlotError) -> Int {
        guard (0..<rows).contains(row) else {
            throw .invalidValue(what: "panel row", reason: "\(row + 1) is out of range 1..\(rows)")
        }
        guard (0..<cols).contains(col) else {
            throw .invalidValue(what: "panel column", reason: "\(col + 1) is out of range 1..\(cols)")
        }
        return row * cols + col
    }
}
