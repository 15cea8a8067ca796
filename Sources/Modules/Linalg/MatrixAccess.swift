import Linalg
import LuaHost

/// Shape, element access, slicing and reshaping methods of `linalg.Matrix`. Slices are copies:
/// changing a slice never changes the matrix it came from (write back with `set_sub`).
enum MatrixAccess {
    static let methods: [NativeFunction] = [
        rows, cols, shape, count, get, set, row, col, sub, rowRange, colRange, setSub, transpose, reshape, copy,
        toTable, flatten, isVector,
    ]

    static let rows = NativeFunction("rows", doc: "A:rows() -> m\n\nThe number of rows.") { call in
        call.returning(try call.matrix(1).rows)
    }

    static let cols = NativeFunction("cols", doc: "A:cols() -> n\n\nThe number of columns.") { call in
        call.returning(try call.matrix(1).cols)
    }

    static let shape = NativeFunction("shape", doc: "A:shape() -> m, n\n\nThe numbers of rows and columns.") { call in
        let matrix = try call.matrix(1)
        return call.returning(matrix.rows, matrix.cols)
    }

    static let count = NativeFunction("numel", doc: "A:numel() -> m * n\n\nThe number of elements (also #A).") { call in
        call.returning(try call.matrix(1).count)
    }

    static let isVector = NativeFunction(
        "is_vector", doc: "A:is_vector() -> boolean\n\nWhether A has a single row or a single column."
    ) { call in
        call.returning(try call.matrix(1).isVector)
    }

    /// The 0-based position of element (i, j) from arguments at `position`, `position + 1`;
    /// with a single index on a vector, its i-th element.
    static func elementPosition(_ call: LuaCall, _ matrix: Matrix, at position: Int) throws(ArgumentError) -> (Int, Int) {
        if call.isNil(position + 1) { return try vectorPosition(call, matrix, at: position) }
        return (try call.index(position, count: matrix.rows, what: "row index"),
                try call.index(position + 1, count: matrix.cols, what: "column index"))
    }

    /// The 0-based position of the k-th element of a vector, k from the argument at `position`.
    static func vectorPosition(_ call: LuaCall, _ matrix: Matrix, at position: Int) throws(ArgumentError) -> (Int, Int) {
        guard matrix.isVector else {
            throw ArgumentError(position + 1, "column index expected (a single index needs a vector, got \(matrix.shape))")
        }
        let k = try call.index(position, count: matrix.count, what: "index")
        return matrix.rows == 1 ? (0, k) : (k, 0)
    }

    static let get = NativeFunction(
        "get",
        doc: """
            A:get(i, j) -> number   (also A(i, j); v:get(k) or v(k) for a vector)

            The element in row i, column j (1-based; negative indices count from the end).
            """
    ) { call in
        let matrix = try call.matrix(1)
        let (i, j) = try elementPosition(call, matrix, at: 2)
        return call.returning(matrix[i, j])
    }

    static let set = NativeFunction(
        "set",
        doc: """
            A:set(i, j, x) -> A   (v:set(k, x) for a vector)

            Sets the element in row i, column j to x, in place, and returns A.
            """
    ) { call in
        let box = try call.matrixBox(1)
        let single = call.argumentCount == 3
        let (i, j) = single ? try vectorPosition(call, box.value, at: 2) : try elementPosition(call, box.value, at: 2)
        box.value[i, j] = try call.number(single ? 3 : 4)
        return call.returningSelf()
    }

    static let row = NativeFunction("row", doc: "A:row(i) -> 1 x n matrix\n\nA copy of row i.") { call in
        let matrix = try call.matrix(1)
        return call.returning(matrix.row(try call.index(2, count: matrix.rows, what: "row index")))
    }

    static let col = NativeFunction("col", doc: "A:col(j) -> m x 1 matrix\n\nA copy of column j.") { call in
        let matrix = try call.matrix(1)
        return call.returning(matrix.column(try call.index(2, count: matrix.cols, what: "column index")))
    }

    /// The 0-based half-open range from 1-based inclusive bounds at `position`, `position + 1`
    /// (nil bounds mean the first and the last).
    static func range(_ call: LuaCall, at position: Int, count: Int, what: String) throws(ArgumentError) -> Range<Int> {
        let first = call.isNil(position) ? 0 : try call.index(position, count: count, what: what)
        let last = call.isNil(position + 1) ? count - 1 : try call.index(position + 1, count: count, what: what)
        guard first <= last + 1 else {
            throw ArgumentError(position + 1, "\(what) range ends (\(last + 1)) before it starts (\(first + 1))")
        }
        return first..<(last + 1)
    }

    static let sub = NativeFunction(
        "sub",
        doc: """
            A:sub(i1, i2 [, j1, j2]) -> matrix

            A copy of rows i1..i2 and columns j1..j2 (inclusive, 1-based, negative from the end;
            nil means from the first or to the last): A:sub(1, 3) is the first three rows,
            A:sub(nil, nil, 2, 2) the second column.
            """
    ) { call in
        let matrix = try call.matrix(1)
        let rows = try range(call, at: 2, count: matrix.rows, what: "row")
        let cols = try range(call, at: 4, count: matrix.cols, what: "column")
        return call.returning(matrix.block(rows: rows, cols: cols))
    }

    static let rowRange = NativeFunction(
        "row_range", doc: "A:row_range(i1, i2) -> matrix\n\nA copy of rows i1..i2 (inclusive)."
    ) { call in
        let matrix = try call.matrix(1)
        return call.returning(matrix.rows(try range(call, at: 2, count: matrix.rows, what: "row")))
    }

    static let colRange = NativeFunction(
        "col_range", doc: "A:col_range(j1, j2) -> matrix\n\nA copy of columns j1..j2 (inclusive)."
    ) { call in
        let matrix = try call.matrix(1)
        return call.returning(matrix.columns(try range(call, at: 2, count: matrix.cols, what: "column")))
    }

    static let setSub = NativeFunction(
        "set_sub",
        doc: """
            A:set_sub(i, j, B) -> A

            Copies B into A with its top-left element at row i, column j, in place.
            """
    ) { call in
        let box = try call.matrixBox(1)
        let i = try call.index(2, count: box.value.rows, what: "row index")
        let j = try call.index(3, count: box.value.cols, what: "column index")
        let block = try call.matrix(4)
        guard i + block.rows <= box.value.rows, j + block.cols <= box.value.cols else {
            throw ArgumentError(4, "a \(block.shape) block at (\(i + 1), \(j + 1)) does not fit in a \(box.value.shape) matrix")
        }
        try box.value.setBlock(row: i, col: j, to: block)
        return call.returningSelf()
    }

    static let transpose = NativeFunction("t", doc: "A:t() -> matrix\n\nThe transpose of A (a copy).") { call in
        call.returning(try call.matrix(1).transposed())
    }

    static let reshape = NativeFunction(
        "reshape",
        doc: """
            A:reshape(m, n) -> matrix

            The elements of A, in column-major order, as an m x n matrix (a copy).
            """
    ) { call in
        let matrix = try call.matrix(1)
        let (rows, cols) = try call.shape(2, squareByDefault: false)
        guard rows * cols == matrix.count else {
            throw ArgumentError(2, "cannot reshape a \(matrix.shape) matrix (\(matrix.count) elements) to \(rows)x\(cols)")
        }
        return call.returning(matrix.reshaped(rows: rows, cols: cols))
    }

    static let copy = NativeFunction("copy", doc: "A:copy() -> matrix\n\nAn independent copy of A.") { call in
        call.returning(try call.matrix(1))
    }

    static let flatten = NativeFunction(
        "flatten", doc: "A:flatten() -> column vector\n\nThe elements of A in column-major order."
    ) { call in
        call.returning(try call.matrix(1).flattened())
    }

    static let toTable = NativeFunction(
        "totable",
        doc: """
            A:totable() -> table

            The elements as Lua tables: a list of rows, or a flat list for a vector.
            """
    ) { call in
        let matrix = try call.matrix(1)
        guard call.stack.ensureSpace(4) else { throw LuaError("totable: stack overflow") }
        MatrixTable.push(matrix, onto: call.stack)
        return 1
    }
}
