/// One set of axes of a figure: its series, an optional heatmap underneath, labels and scales.
public struct Panel: Sendable {
    /// The panel's title.
    public var title: String?
    /// The horizontal axis.
    public var x = Axis()
    /// The vertical axis.
    public var y = Axis()
    /// Where the legend (the labels of the series) goes.
    public var legend = LegendPosition.topRight
    /// The line and scatter series, drawn in order.
    public var series: [Series] = []
    /// A heatmap drawn under the series (one per panel).
    public var heatmap: Heatmap?

    /// An empty panel.
    public init() {}

    /// `true` when the panel has nothing to draw.
    public var isEmpty: Bool { series.isEmpty && heatmap == nil }
}

/// One axis of a panel.
public struct Axis: Sendable, Equatable {
    /// The axis label.
    public var label: String?
    /// Whether the scale is logarithmic (non-positive values are then skipped).
    public var logarithmic = false
    /// The lower end of the range (`nil`: from the data).
    public var lower: Double?
    /// The upper end of the range (`nil`: from the data).
    public var upper: Double?

    /// An axis with automatic range, linear scale and no label.
    public init() {}

    /// Sets the range; `nil` ends follow the data. Throws when the ends are not finite, are in the
    /// wrong order, or are not positive on a logarithmic axis.
    public mutating func setRange(lower: Double?, upper: Double?) throws(PlotError) {
        for end in [lower, upper].compactMap({ $0 }) where !end.isFinite {
            throw .invalidValue(what: "axis range", reason: "must be finite, got \(end)")
        }
        if let lower, let upper, lower >= upper {
            throw .invalidValue(what: "axis range", reason: "must have lower < upper, got \(lower) and \(upper)")
        }
        self.lower = lower
        self.upper = upper
    }
}

/// Where a panel's legend goes.
public enum LegendPosition: String, CaseIterable, Sendable {
    case topRight = "top right"
    case topLeft = "top left"
    case bottomRight = "bottom right"
    case bottomLeft = "bottom left"
    /// Outside the axes, on the right.
    case outside
    /// No legend.
    case none
}
