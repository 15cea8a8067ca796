import Foundation

/// Renders a matrix as text for a terminal: a header line (`4x5 matrix`), then the rows with
/// right-aligned columns in one common number format.
///
/// The format is chosen as NumPy chooses it, from the values shown: fixed point unless the largest
/// magnitude is at least 1e8, the smallest non-zero magnitude is below 1e-4, or their ratio
/// exceeds 1000, in which case scientific notation is used. Every value gets at least
/// ``precision`` significant digits without trailing zeros; fixed-point columns line up on the
/// decimal point, and a matrix of integers prints without decimal points. NaN and infinities print as `nan`, `inf`, `-inf`.
///
/// Large matrices are summarised: above ``threshold`` elements only the first and last
/// ``edgeItems`` rows and columns are shown, with `⋮` and `…` for the rest; and columns are
/// dropped from the middle until every line fits in ``lineWidth`` characters. With
/// ``showsAll`` set, every element is printed and lines may be longer than ``lineWidth``.
public struct MatrixFormatter: Sendable {
    /// Significant digits shown for each value (at least 1). Default 4.
    public var precision: Int
    /// Element count above which the matrix is summarised by its corners. Default 1000.
    public var threshold: Int
    /// Rows and columns shown at each edge of a summarised matrix (at least 1). Default 3.
    public var edgeItems: Int
    /// Maximum characters per line, usually the terminal width. Default 80.
    public var lineWidth: Int
    /// `true` to print every element whatever the size (no summary, no fitting to the width).
    public var showsAll: Bool

    /// A formatter with the given options.
    public init(precision: Int = 4, threshold: Int = 1000, edgeItems: Int = 3, lineWidth: Int = 80,
                showsAll: Bool = false) {
        self.precision = precision
        self.threshold = threshold
        self.edgeItems = edgeItems
        self.lineWidth = lineWidth
        self.showsAll = showsAll
    }

    /// The text of `matrix`: the header line, then one line per shown row, no final newline.
    public func string(for matrix: Matrix) -> String {
        let header = "\(matrix.rows)x\(matrix.cols) matrix"
        if matrix.count == 0 { return header }
        let summarised = !showsAll && matrix.count > threshold
        let edge = Swift.max(1, edgeItems)
        let rowSpans = Self.spans(matrix.rows, keep: summarised ? edge : nil)
        var colSpans = Self.spans(matrix.cols, keep: summarised ? edge : nil)
        var table = Table(matrix, rowSpans, colSpans, precision: precision)
        if !showsAll && table.width > lineWidth {
            colSpans = table.columnsFitting(lineWidth, of: matrix.cols)
            table = Table(matrix, rowSpans, colSpans, precision: precision)
        }
        return ([header] + table.lines()).joined(separator: "\n")
    }

    /// Indices 0 ..< n as one span, or two spans (first and last `keep`) with a gap between.
    private static func spans(_ n: Int, keep: Int?) -> [Range<Int>] {
        guard let keep, n > 2 * keep else { return [0..<n] }
        return [0..<keep, (n - keep)..<n]
    }

    /// The formatted cells of the rows and columns shown, with their common width.
    private struct Table {
        let rowSpans: [Range<Int>]
        let colSpans: [Range<Int>]
        /// cells[r][c]: shown row r, shown column c.
        let cells: [[String]]
        let cellWidth: Int

        init(_ m: Matrix, _ rowSpans: [Range<Int>], _ colSpans: [Range<Int>], precision: Int) {
            self.rowSpans = rowSpans
            self.colSpans = colSpans
            let rows = rowSpans.joined(), cols = colSpans.joined()
            let format = NumberFormat(rows.flatMap { i in cols.map { j in m[i, j] } }, precision: precision)
            cells = rows.map { i in cols.map { j in format.string(m[i, j]) } }
            cellWidth = cells.joined().map(\.count).max() ?? 1
        }

        /// Characters in one line: a leading space, cells two spaces apart, `…` in each gap.
        var width: Int { Self.width(shown: colSpans.reduce(0) { $0 + $1.count }, gaps: colSpans.count - 1, cellWidth) }

        static func width(shown: Int, gaps: Int, _ cellWidth: Int) -> Int {
            1 + shown * cellWidth + 2 * (shown - 1) + gaps * 3
        }

        /// The widest choice of first and last columns that fits `lineWidth` (at least one column).
        func columnsFitting(_ lineWidth: Int, of total: Int) -> [Range<Int>] {
            let available = colSpans.reduce(0) { $0 + $1.count }
            var shown = available
            while shown > 1 && Self.width(shown: shown, gaps: 1, cellWidth) > lineWidth { shown -= 1 }
            let left = (shown + 1) / 2, right = shown - left
            return right == 0 ? [0..<left, total..<total] : [0..<left, (total - right)..<total]
        }

        func lines() -> [String] {
            let pad = { (s: String) in String(repeating: " ", count: cellWidth - s.count) + s }
            func line(_ row: [String]) -> String {
                var pieces = [String](), k = 0
                for (n, span) in colSpans.enumerated() {
                    if n > 0 { pieces.append("…") }
                    pieces += row[k..<(k + span.count)].map(pad)
                    k += span.count
                }
                let text = " " + pieces.joined(separator: "  ")
                return String(text.reversed().drop { $0 == " " }.reversed())  // no trailing padding
            }
            var out = [String](), r = 0
            for (n, span) in rowSpans.enumerated() {
                if n > 0 { out.append(line([String](repeating: "⋮", count: cells[0].count))) }
                out += cells[r..<(r + span.count)].map(line)
                r += span.count
            }
            return out
        }
    }

    /// One fixed or scientific format shared by a set of values.
    ///
    /// Scientific values all get the same number of decimals. Fixed values get the decimals they
    /// need (at least one when any value has a fraction), padded on the right with spaces so
    /// that the decimal points line up, as NumPy and Julia align them.
    private struct NumberFormat {
        let scientific: Bool
        let digits: Int
        /// The decimals of the value that needs the most.
        let decimals: Int

        init(_ values: [Double], precision: Int) {
            let digits = Swift.max(1, precision)
            self.digits = digits
            let magnitudes = values.filter { $0.isFinite && $0 != 0 }.map { Swift.abs($0) }
            guard let largest = magnitudes.max(), let smallest = magnitudes.min() else {
                (scientific, decimals) = (false, 0)
                return
            }
            let scientific = largest >= 1e8 || smallest < 1e-4 || largest / smallest > 1e3
            self.scientific = scientific
            decimals = magnitudes.map { Self.ownDecimals($0, scientific: scientific, digits: digits) }.max() ?? 0
        }

        /// The decimals `x` needs for `digits` significant digits, trailing zeros dropped.
        private static func ownDecimals(_ x: Double, scientific: Bool, digits: Int) -> Int {
            guard x.isFinite && x != 0 else { return 0 }
            let places = scientific
                ? digits - 1 : Swift.max(0, digits - 1 - Int(Foundation.floor(Foundation.log10(Swift.abs(x)))))
            let mantissa = text(x, scientific: scientific, decimals: places).split(separator: "e")[0]
            return Swift.max(0, places - mantissa.reversed().prefix { $0 == "0" }.count)
        }

        func string(_ x: Double) -> String {
            if x.isNaN { return "nan" }
            if x.isInfinite { return x < 0 ? "-inf" : "inf" }
            if scientific { return Self.text(x, scientific: true, decimals: decimals) }
            let own = decimals == 0 ? 0 : Swift.max(1, Self.ownDecimals(x, scientific: false, digits: digits))
            return Self.text(x, scientific: false, decimals: own) + String(repeating: " ", count: decimals - own)
        }

        private static func text(_ x: Double, scientific: Bool, decimals: Int) -> String {
            String(format: scientific ? "%.\(decimals)e" : "%.\(decimals)f", x)
        }
    }
}

extension Matrix: CustomStringConvertible {
    /// The matrix as ``MatrixFormatter`` renders it with its default options.
    public var description: String { MatrixFormatter().string(for: self) }
}
