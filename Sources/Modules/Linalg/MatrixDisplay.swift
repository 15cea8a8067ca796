import Linalg
import LuaHost

/// How matrices print: `tostring(A)` shows a header (`4x5 matrix`) and aligned columns, and only
/// the corners of large matrices, fitted to the terminal width. `linalg.printoptions` changes
/// the precision, the size threshold, the number of edge items and the line width for the
/// session; `A:show()` prints every element.
enum MatrixDisplay {
    static let methods: [NativeFunction] = [show]
    static let metamethods: [NativeFunction] = [toString, summary]
    static let functions: [NativeFunction] = [printOptions]

    /// The session's print options, kept in the registry.
    struct Options {
        var formatter = MatrixFormatter()
        /// `true` once the user set a line width; otherwise the terminal's width is used.
        var fixedWidth = false
    }

    static let optionsType = UserdataType<Options>(name: "linalg.PrintOptions", noun: "print options", methods: [])
    /// The session's print options (created on first use).
    static func options(_ stack: LuaStack) -> UserdataBox<Options> {
        optionsType.singleton("linalg.printoptions", in: stack) { Options() }
    }

    /// The formatter for the current session and terminal.
    static func formatter(_ stack: LuaStack) -> MatrixFormatter {
        let current = options(stack).value
        var formatter = current.formatter
        if !current.fixedWidth { formatter.lineWidth = Terminal.width }
        return formatter
    }

    static let toString = NativeFunction("__tostring") { call in
        call.returning(formatter(call.stack).string(for: try call.matrix(1)))
    }

    static let summary = NativeFunction("__summary") { call in
        let matrix = try call.matrix(1)
        return call.returning("\(matrix.shape), \(byteCount(matrix.count * 8))")
    }

    /// `1.5 KiB`, `7.6 MiB` ...
    static func byteCount(_ bytes: Int) -> String {
        var value = Double(bytes)
        for unit in ["B", "KiB", "MiB", "GiB"] {
            if value < 1024 || unit == "GiB" { return unit == "B" ? "\(bytes) B" : String(format: "%.1f %@", value, unit) }
            value /= 1024
        }
        return "\(bytes) B"
    }

    static let show = NativeFunction(
        "show", doc: "A:show()\n\nPrints every element of A, however large (tostring(A) summarises)."
    ) { call in
        var formatter = formatter(call.stack)
        formatter.showsAll = true
        print(formatter.string(for: try call.matrix(1)))
        return 0
    }

    static let printOptions = NativeFunction(
        "printoptions",
        doc: """
            linalg.printoptions([{precision = 4, threshold = 1000, edgeitems = 3, linewidth = nil}]) -> table

            Sets how matrices print for this session: significant digits, the element count above
            which only the corners show (math.huge shows everything), how many rows and columns
            of each corner, and the line width (default: the terminal's). Returns the options now
            in force.
            """
    ) { call in
        let settings = try call.options(1, allowed: ["precision", "threshold", "edgeitems", "linewidth"])
        let box = options(call.stack)
        if let precision = try settings.integer("precision") {
            guard (1...17).contains(precision) else { throw settings.error("precision", "must be in 1..17, got \(precision)") }
            box.value.formatter.precision = precision
        }
        if let threshold = try settings.number("threshold") {
            guard threshold >= 0 else { throw settings.error("threshold", "must be non-negative") }
            box.value.formatter.threshold = threshold >= Double(Int.max) ? Int.max : Int(threshold)
        }
        if let edges = try settings.integer("edgeitems") {
            guard edges >= 1 else { throw settings.error("edgeitems", "must be at least 1, got \(edges)") }
            box.value.formatter.edgeItems = edges
        }
        if let width = try settings.integer("linewidth") {
            guard width >= 20 else { throw settings.error("linewidth", "must be at least 20, got \(width)") }
            box.value.formatter.lineWidth = width
            box.value.fixedWidth = true
        }
        let current = formatter(call.stack)
        let table: [String: Int] = [
            "precision": current.precision, "threshold": current.threshold, "edgeitems": current.edgeItems,
            "linewidth": current.lineWidth,
        ]
        return call.returning(table)
    }
}
