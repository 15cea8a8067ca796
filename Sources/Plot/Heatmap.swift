import Linalg

/// A matrix drawn as coloured cells, with physical axes and a colour bar.
///
/// Rows of the field are y and columns are x, row 1 at the bottom: the layout of the MD grid
/// files and of `linalg.read_md`. Non-finite cells are left blank.
public struct Heatmap: Sendable {
    /// The field (rows = y, columns = x).
    public let field: Matrix
    /// The x extent of the field: the left edge of the first column to the right edge of the
    /// last (default: column numbers, 0.5 to cols + 0.5).
    public private(set) var x: ClosedRange<Double>
    /// The y extent of the field: the bottom edge of the first row to the top edge of the last.
    public private(set) var y: ClosedRange<Double>
    /// Whether the colour bar is shown.
    public var colorbar = true
    /// The colour palette.
    public var palette = Palette.viridis
    /// The value mapped to the bottom of the palette (`nil`: the field's minimum).
    public var lower: Double?
    /// The value mapped to the top of the palette (`nil`: the field's maximum).
    public var upper: Double?
    /// The colour bar's label.
    public var label: String?
    /// Whether one unit of x is as long as one unit of y on the page.
    public var equalAspect = false

    /// A heatmap of `field` with its cells numbered 1...cols and 1...rows. Throws for an empty field.
    public init(_ field: Matrix) throws(PlotError) {
        guard field.count > 0 else { throw .invalidData(reason: "a heatmap needs a non-empty matrix, got \(field.shape)") }
        self.field = field
        self.x = 0.5...(Double(field.cols) + 0.5)
        self.y = 0.5...(Double(field.rows) + 0.5)
    }

    /// Sets the physical extents (cell edges); throws unless each is finite and increasing.
    public mutating func setExtent(x: ClosedRange<Double>? = nil, y: ClosedRange<Double>? = nil) throws(PlotError) {
        for (name, range) in [("x", x), ("y", y)] {
            guard let range else { continue }
            guard range.lowerBound.isFinite, range.upperBound.isFinite, range.lowerBound < range.upperBound else {
                throw .invalidValue(what: "heatmap \(name) extent", reason: "must be finite and increasing, got "
                    + "\(range.lowerBound) to \(range.upperBound)")
            }
        }
        if let x { self.x = x }
        if let y { self.y = y }
    }

    /// Sets the value range of the palette (`nil` ends follow the data).
    public mutating func setRange(lower: Double?, upper: Double?) throws(PlotError) {
        var axis = Axis()
        try axis.setRange(lower: lower, upper: upper)
        self.lower = lower
        self.upper = upper
    }
}

/// A colour palette for heatmaps: evenly spaced colour stops, interpolated by gnuplot.
public enum Palette: String, CaseIterable, Sendable {
    case viridis, magma, inferno, plasma, gray, coolwarm

    /// The colour stops from the lowest value to the highest.
    public var stops: [String] {
        switch self {
        case .viridis: return ["#440154", "#472d7b", "#3b528b", "#2c728e", "#21918c", "#28ae80", "#5ec962", "#addc30", "#fde725"]
        case .magma: return ["#000004", "#1c1044", "#4f127b", "#812581", "#b5367a", "#e55064", "#fb8761", "#fec287", "#fcfdbf"]
        case .inferno: return ["#000004", "#1f0c48", "#550f6d", "#88226a", "#ba3655", "#e35933", "#f98e09", "#f9cb35", "#fcffa4"]
        case .plasma: return ["#0d0887", "#4c02a1", "#7e03a8", "#a92395", "#cc4778", "#e56b5d", "#f89540", "#fdc328", "#f0f921"]
        case .gray: return ["#000000", "#ffffff"]
        case .coolwarm: return ["#3b4cc0", "#688aef", "#99baff", "#c9d8ef", "#edd1c2", "#f7a889", "#e26952", "#b40426"]
        }
    }
}
