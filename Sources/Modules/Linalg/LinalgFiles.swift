import Foundation
import Linalg
import LuaHost

/// Reading and writing matrices: NumPy `.npy`/`.npz` (so every result opens with `numpy.load`),
/// CSV, the MD grid text format of coarse-grained atomistic fields, and Gnuplot binary matrices
/// (the reference STZ solver's output).
enum LinalgFiles {
    static let functions: [NativeFunction] = [load, save, readMD, writeMD, readGnuplot, writeGnuplot]

    private static func fileExtension(_ path: String) -> String {
        URL(fileURLWithPath: path).pathExtension.lowercased()
    }

    static let load = NativeFunction(
        "load",
        doc: """
            linalg.load(path [, {delimiter = ",", header = nil}]) -> value

            Reads a file chosen by its extension: .npy gives a matrix (1-D arrays as column
            vectors), .npz a table of matrices by name, .csv a matrix and the header's column
            names (or nil; header = true/false forces, nil detects; delimiter " " splits at
            spaces). Use read_md and read_gnuplot for those formats.
            """
    ) { call in
        let path = try call.string(1)
        let options = try call.options(2, allowed: ["delimiter", "header"])
        switch fileExtension(path) {
        case "npy":
            return call.returning(try NPY.read(from: path))
        case "npz":
            let arrays = try NPZ.read(from: path)
            call.stack.pushTable(fieldCount: arrays.count)
            for (name, matrix) in arrays {
                matrix.push(onto: call.stack)
                call.stack.rawSet(-2, field: name)
            }
            return 1
        case "csv", "txt", "dat", "tsv":
            let table = try CSV.read(from: path, delimiter: try delimiter(options), header: try header(options))
            return call.returning(table.matrix, table.header)
        default:
            throw ArgumentError(1, "cannot tell the format of '\(path)' from its extension (.npy, .npz, .csv); "
                + "use linalg.read_md or linalg.read_gnuplot for those formats")
        }
    }

    private static func delimiter(_ options: LuaOptions) throws(ArgumentError) -> Character? {
        let text = try options.string("delimiter", default: ",")
        if text == " " { return nil }
        guard text.count == 1, let character = text.first else {
            throw options.error("delimiter", "a single character expected, got '\(text)'")
        }
        return character
    }

    private static func header(_ options: LuaOptions) throws(ArgumentError) -> CSVHeader {
        guard options.has("header") else { return .detect }
        return try options.boolean("header", default: false) ? .present : .absent
    }

    static let save = NativeFunction(
        "save",
        doc: """
            linalg.save(path, value [, {header = {...}, delimiter = ",", compressed = false}])

            Writes a file chosen by its extension: .npy (a matrix), .npz (a table of matrices by
            name; compressed = true deflates), .csv (a matrix, with optional column names).
            Files are written atomically: a crash never leaves half a file.
            """
    ) { call in
        let path = try call.string(1)
        let options = try call.options(3, allowed: ["header", "delimiter", "compressed"])
        switch fileExtension(path) {
        case "npy":
            try NPY.write(try call.matrix(2), to: path)
        case "npz":
            try NPZ.write(try namedMatrices(call, 2), to: path, compressed: try options.boolean("compressed", default: false))
        case "csv", "txt", "dat", "tsv":
            let names = try options.withValue("header") { stack throws(ArgumentError) -> [String] in
                guard stack.type(at: -1) == .table else { throw options.error("header", "a table of column names expected") }
                var names: [String] = []
                for k in stride(from: 1, through: stack.rawLength(at: -1), by: 1) {
                    stack.rawGet(-1, at: k)
                    defer { stack.pop() }
                    guard let name = stack.stringOrNumber(at: -1) else { throw options.error("header", "entry \(k) is not a string") }
                    names.append(name)
                }
                return names
            }
            try CSV.write(try call.matrix(2), to: path, delimiter: try delimiter(options) ?? " ", header: names)
        default:
            throw ArgumentError(1, "cannot tell the format of '\(path)' from its extension (.npy, .npz, .csv); "
                + "use linalg.write_md or linalg.write_gnuplot for those formats")
        }
        return 0
    }

    /// The table of matrices by name at argument `position`.
    private static func namedMatrices(_ call: LuaCall, _ position: Int) throws(ArgumentError) -> [String: Matrix] {
        try call.checkTable(position)
        var arrays: [String: Matrix] = [:]
        var failure: ArgumentError?
        call.stack.forEachPair(Int32(position)) {
            guard let name = call.stack.string(at: -2) else {
                failure = ArgumentError(position, "array names must be strings, got a \(call.stack.typeName(at: -2)) key")
                return false
            }
            guard case .value(let box) = matrixType.lookup(at: -1, in: call.stack) else {
                failure = ArgumentError(position, "entry '\(name)' is a \(call.stack.typeName(at: -1)), expected a matrix")
                return false
            }
            arrays[name] = box.value
            return true
        }
        if let failure { throw failure }
        return arrays
    }

    static let readMD = NativeFunction(
        "read_md",
        doc: """
            linalg.read_md(path) -> field, base, range

            Reads a coarse-grained MD field (header line "nx ny base range", then ny lines of nx
            numbers; CRLF tolerated): the field as a matrix with rows = y and columns = x, and the
            header's two numbers.
            """
    ) { call in
        let grid = try MDGrid.read(from: try call.string(1))
        return call.returning(grid.field, grid.base, grid.range)
    }

    static let writeMD = NativeFunction(
        "write_md",
        doc: """
            linalg.write_md(path, field [, base, range])

            Writes a field in the MD grid text format (rows = y), with base and range in the
            header (default 0 and 1).
            """
    ) { call in
        let grid = MDGrid(field: try call.matrix(2), base: try call.number(3, default: 0), range: try call.number(4, default: 1))
        try grid.write(to: try call.string(1))
        return 0
    }

    static let readGnuplot = NativeFunction(
        "read_gnuplot",
        doc: """
            linalg.read_gnuplot(path) -> field, x, y

            Reads a Gnuplot binary matrix (float32; the reference STZ solver's output): the field
            (rows = y) and the x and y coordinates as column vectors.
            """
    ) { call in
        let file = try GnuplotMatrix.read(from: try call.string(1))
        return call.returning(file.field, Matrix(column: file.x), Matrix(column: file.y))
    }

    static let writeGnuplot = NativeFunction(
        "write_gnuplot",
        doc: """
            linalg.write_gnuplot(path, field [, x, y])

            Writes a Gnuplot binary matrix (float32) with coordinates x (one per column) and y
            (one per row); by default 0, 1, 2, ...
            """
    ) { call in
        let path = try call.string(1)
        let field = try call.matrix(2)
        let x = call.isNil(3) ? (0..<field.cols).map(Double.init) : try call.vector(3)
        let y = call.isNil(4) ? (0..<field.rows).map(Double.init) : try call.vector(4)
        try GnuplotMatrix(field: field, x: x, y: y).write(to: path)
        return 0
    }
}
