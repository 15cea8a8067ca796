import Linalg
import LuaHost

/// The Lua userdata type of matrices, `linalg.Matrix`: methods through `__index`, arithmetic
/// metamethods, and a declared footprint of 8 bytes per element so that Lua's collector frees
/// big temporaries at the pace of their real memory use.
let matrixType = UserdataType<Matrix>(
    name: "linalg.Matrix", noun: "matrix",
    methods: MatrixAccess.methods + MatrixArithmetic.methods + MatrixReductions.methods
        + LinalgDecompositions.functions + MatrixDisplay.methods,
    metamethods: MatrixArithmetic.metamethods + MatrixDisplay.metamethods,
    footprint: { $0.count * MemoryLayout<Double>.stride })

extension Matrix: LuaPushable {
    /// Pushes the matrix as a `linalg.Matrix` userdata.
    public func push(onto stack: LuaStack) { matrixType.push(self, onto: stack) }
}

extension LinalgError: LuaReportableError {
    /// The reason, reported after the Lua function's name.
    public var luaMessage: String { reason }
}

/// A number or a matrix, for operators and functions that take either.
enum MatrixOrNumber {
    case matrix(Matrix)
    case number(Double)
}

extension LuaCall {
    /// Argument `position` as a matrix: a `linalg.Matrix`, or a table of numbers (a flat table
    /// is a column vector, a table of tables is read row by row).
    func matrix(_ position: Int) throws(ArgumentError) -> Matrix {
        switch matrixType.lookup(at: Int32(position), in: stack) {
        case .value(let box): return box.value
        case .closed: throw ArgumentError(position, "matrix was closed")
        case .wrongType:
            guard type(position) == .table else { throw typeError(position, expected: "matrix") }
            return try MatrixTable.read(self, position)
        }
    }

    /// Argument `position` as a matrix, or `nil` when it is nil or absent.
    func optionalMatrix(_ position: Int) throws(ArgumentError) -> Matrix? {
        isNil(position) ? nil : try matrix(position)
    }

    /// The box of the matrix userdata at `position`, for methods that change it in place.
    func matrixBox(_ position: Int) throws(ArgumentError) -> UserdataBox<Matrix> {
        try box(position, matrixType)
    }

    /// Argument `position` as a number or a matrix.
    func matrixOrNumber(_ position: Int) throws(ArgumentError) -> MatrixOrNumber {
        if type(position) == .number, let value = stack.number(at: Int32(position)) { return .number(value) }
        guard type(position) == .userdata || type(position) == .table else {
            throw typeError(position, expected: "number or matrix")
        }
        return .matrix(try matrix(position))
    }

    /// Argument `position` as a vector (a matrix with one row or one column, or a flat table).
    func vector(_ position: Int) throws(ArgumentError) -> [Double] {
        let value = try matrix(position)
        guard value.isVector || value.count == 0 else {
            throw ArgumentError(position, "vector expected, got a \(value.shape) matrix")
        }
        return value.elements
    }

    /// Argument `position` as a 1-based index into `count` items (negative counts from the
    /// end: -1 is the last), converted to 0-based.
    func index(_ position: Int, count: Int, what: String) throws(ArgumentError) -> Int {
        let value = try integer(position)
        let resolved = value < 0 ? count + value : value - 1
        guard resolved >= 0, resolved < count else {
            throw ArgumentError(position, "\(what) \(value) out of range 1..\(count)")
        }
        return resolved
    }

    /// Argument `position` as a non-negative dimension (a row or column count).
    func dimension(_ position: Int, what: String) throws(ArgumentError) -> Int {
        let value = try integer(position)
        guard value >= 0 else { throw ArgumentError(position, "\(what) must be non-negative, got \(value)") }
        guard value <= 1 << 31 else { throw ArgumentError(position, "\(what) \(value) is too large") }
        return value
    }

    /// Arguments `position` and `position + 1` as a shape: `(m, n)`, or `(m, m)` when the second
    /// is absent (for square constructors) or `(m, 1)` (`squareByDefault` false).
    func shape(_ position: Int, squareByDefault: Bool) throws(ArgumentError) -> (rows: Int, cols: Int) {
        let rows = try dimension(position, what: "number of rows")
        let cols = isNil(position + 1) ? (squareByDefault ? rows : 1) : try dimension(position + 1, what: "number of columns")
        guard rows.multipliedReportingOverflow(by: cols).partialValue <= 1 << 34 else {
            throw ArgumentError(position, "a \(rows)x\(cols) matrix is too large")
        }
        return (rows, cols)
    }

    /// Argument `position` as a dimension to reduce along: 1 (down the rows, giving a row
    /// vector) or 2 (along the columns, giving a column vector); `nil` when absent.
    func reductionDimension(_ position: Int) throws(ArgumentError) -> Dimension? {
        guard !isNil(position) else { return nil }
        switch try integer(position) {
        case 1: return .rows
        case 2: return .columns
        case let other: throw ArgumentError(position, "dimension must be 1 or 2, got \(other)")
        }
    }

    /// Pushes `self` (argument 1) again, for in-place methods that return their receiver.
    func returningSelf() -> Int {
        stack.pushCopy(of: 1)
        return 1
    }
}

/// Conversion between Lua tables and matrices.
enum MatrixTable {
    /// Reads the table at `position`: a flat table of numbers is a column vector; a table of
    /// tables is a matrix read row by row (every row the same length).
    static func read(_ call: LuaCall, _ position: Int) throws(ArgumentError) -> Matrix {
        let stack = call.stack
        let table = Int32(position)
        let count = stack.rawLength(at: table)
        guard count > 0 else { return Matrix(rows: 0, cols: 0) }
        guard stack.rawGet(table, at: 1) == .table else {
            stack.pop()
            stack.pushCopy(of: table)
            defer { stack.pop() }
            var values = [Double](repeating: 0, count: count)
            for i in 0..<count { values[i] = try number(call, position, inTableOnTopAt: i + 1, path: "[\(i + 1)]") }
            return Matrix(column: values)
        }
        let cols = stack.rawLength(at: -1)
        stack.pop()
        var result = Matrix(rows: count, cols: cols)
        for i in 0..<count {
            guard stack.rawGet(table, at: i + 1) == .table else {
                stack.pop()
                throw ArgumentError(position, "row \(i + 1) is a \(stack.typeName(at: -1)), expected a table of numbers")
            }
            defer { stack.pop() }
            let length = stack.rawLength(at: -1)
            guard length == cols else {
                throw ArgumentError(position, "row \(i + 1) has \(length) entries, expected \(cols) like row 1")
            }
            for j in 0..<cols {
                result[i, j] = try number(call, position, inTableOnTopAt: j + 1, path: "[\(i + 1)][\(j + 1)]")
            }
        }
        return result
    }

    private static func number(_ call: LuaCall, _ position: Int, inTableOnTopAt index: Int, path: String)
        throws(ArgumentError) -> Double
    {
        let stack = call.stack
        stack.rawGet(-1, at: index)
        defer { stack.pop() }
        guard stack.type(at: -1) == .number, let value = stack.number(at: -1) else {
            throw ArgumentError(position, "entry \(path) is a \(stack.typeName(at: -1)), expected a number")
        }
        return value
    }

    /// Pushes the matrix as a table: a flat list for a vector, a table of rows otherwise.
    static func push(_ matrix: Matrix, onto stack: LuaStack) {
        if matrix.isVector {
            matrix.elements.push(onto: stack)
            return
        }
        stack.pushTable(arrayCount: matrix.rows)
        for i in 0..<matrix.rows {
            stack.pushTable(arrayCount: matrix.cols)
            for j in 0..<matrix.cols {
                stack.push(matrix[i, j])
                stack.rawSet(-2, at: j + 1)
            }
            stack.rawSet(-2, at: i + 1)
        }
    }
}
