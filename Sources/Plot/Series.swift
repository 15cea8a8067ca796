/// A line or scatter series: points (x, y) with a style. Points with a non-finite coordinate
/// (NaN, infinity) are skipped when drawn, and a line is broken there.
public struct Series: Sendable {
    /// How the points are drawn.
    public enum Kind: String, Sendable {
        /// Points joined by straight segments (markers too when the style has one).
        case line
        /// Markers only.
        case scatter
    }

    /// How the points are drawn.
    public let kind: Kind
    /// The x coordinates.
    public let x: [Double]
    /// The y coordinates, one per x.
    public let y: [Double]
    /// Label, colour, width and marker.
    public var style: SeriesStyle

    /// A series of the points (x[i], y[i]). Throws when the lengths differ or there is no point.
    public init(_ kind: Kind, x: [Double], y: [Double], style: SeriesStyle = SeriesStyle()) throws(PlotError) {
        guard x.count == y.count else {
            throw .invalidData(reason: "x has \(x.count) points but y has \(y.count)")
        }
        guard !x.isEmpty else { throw .invalidData(reason: "a series needs at least one point") }
        self.kind = kind
        self.x = x
        self.y = y
        self.style = style
    }
}

/// The look of a series.
public struct SeriesStyle: Sendable, Equatable {
    /// The legend entry (`nil`: not in the legend).
    public var label: String?
    /// The colour (`nil`: the next colour of the figure's cycle).
    public var color: PlotColor?
    /// The line width in points.
    public var width = 1.5
    /// The marker (`nil`: none for a line, a filled circle for a scatter series).
    public var marker: Marker?
    /// The marker size, relative to gnuplot's default.
    public var markerSize = 1.0

    /// The default style.
    public init() {}
}

/// A marker shape for points.
public enum Marker: String, CaseIterable, Sendable {
    case circle, square, triangle, diamond, plus, cross, star
    case triangleDown = "triangle down"
    case openCircle = "open circle"

    /// The marker named `name`: a full name (`circle`) or a one-character alias (`o s ^ v d + x *`).
    public init?(name: String) {
        let aliases: [String: Marker] = [
            "o": .circle, "s": .square, "^": .triangle, "v": .triangleDown, "d": .diamond, "+": .plus,
            "x": .cross, "*": .star,
        ]
        guard let marker = Marker(rawValue: name) ?? aliases[name] else { return nil }
        self = marker
    }

    /// gnuplot's point type for the marker.
    var pointType: Int {
        switch self {
        case .plus: return 1
        case .cross: return 2
        case .star: return 3
        case .square: return 5
        case .openCircle: return 6
        case .circle: return 7
        case .triangle: return 9
        case .triangleDown: return 11
        case .diamond: return 13
        }
    }
}

/// A colour, given by name or as `#rrggbb` / `#rgb`.
public struct PlotColor: Sendable, Equatable, CustomStringConvertible {
    /// The colour as `#rrggbb`.
    public let hex: String

    /// The default cycle of series colours (Tableau 10); also named `C1` ... `C10`.
    public static let cycle = [
        "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf",
    ]

    /// The colour names understood besides `C1` ... `C10`.
    public static let names: [String: String] = [
        "black": "#000000", "white": "#ffffff", "gray": "#7f7f7f", "grey": "#7f7f7f", "red": "#d62728",
        "green": "#2ca02c", "blue": "#1f77b4", "orange": "#ff7f0e", "purple": "#9467bd", "brown": "#8c564b",
        "pink": "#e377c2", "olive": "#bcbd22", "cyan": "#17becf", "magenta": "#ff00ff", "yellow": "#ffd700",
        "navy": "#000080", "teal": "#008080", "darkred": "#8b0000", "darkgreen": "#006400", "lightgray": "#d3d3d3",
    ]

    /// The colour named `text` (case-insensitive), `C1` ... `C10` of the cycle, or a hex code.
    public init(_ text: String) throws(PlotError) {
        let name = text.lowercased()
        if let hex = Self.names[name] {
            self.hex = hex
        } else if name.hasPrefix("c"), let k = Int(name.dropFirst()), (1...Self.cycle.count).contains(k) {
            self.hex = Self.cycle[k - 1]
        } else if name.hasPrefix("#"), name.dropFirst().allSatisfy(\.isHexDigit), [4, 7].contains(name.count) {
            self.hex = name.count == 7 ? name : "#" + name.dropFirst().map { "\($0)\($0)" }.joined()
        } else {
            throw .invalidValue(what: "colour", reason: "'\(text)' is not a colour: use #rrggbb, #rgb, C1...C10 or one of "
                + Self.names.keys.sorted().joined(separator: ", "))
        }
    }

    /// The hex code.
    public var description: String { hex }
}
