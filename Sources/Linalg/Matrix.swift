/// A dense matrix of `Double` stored in column-major order, the layout BLAS and LAPACK expect.
///
/// `Matrix` is a value type with copy-on-write storage: assigning a matrix copies a reference,
/// and the elements are copied only when one of the copies is mutated. Indices are 0-based in
/// Swift (the Lua module presents 1-based indices). A vector is a matrix with one column
/// (a column vector) or one row (a row vector).
public struct Matrix: Sendable {
    /// Number of rows.
    public internal(set) var rows: Int
    /// Number of columns.
    public internal(set) var cols: Int
    /// The elements, column by column: element (i, j) is at `i + j * rows`.
    @inlinable public var elements: [Double] { storage }
    /// Column-major element storage; its count is always `rows * cols`.
    @usableFromInline var storage: [Double]

    /// A `rows` x `cols` matrix with every element equal to `value`.
    ///
    /// - Precondition: `rows >= 0` and `cols >= 0`.
    public init(rows: Int, cols: Int, repeating value: Double = 0) {
        precondition(rows >= 0 && cols >= 0, "Matrix dimensions must be non-negative")
        self.rows = rows
        self.cols = cols
        self.storage = [Double](repeating: value, count: rows * cols)
    }

    /// A `rows` x `cols` matrix taking its elements from `columnMajor`, column by column.
    ///
    /// - Precondition: `columnMajor.count == rows * cols`.
    public init(rows: Int, cols: Int, columnMajor: [Double]) {
        precondition(rows >= 0 && cols >= 0, "Matrix dimensions must be non-negative")
        precondition(columnMajor.count == rows * cols, "Element count does not match the shape")
        self.rows = rows
        self.cols = cols
        self.storage = columnMajor
    }

    /// A `rows` x `cols` matrix taking its elements from `rowMajor`, row by row.
    ///
    /// - Precondition: `rowMajor.count == rows * cols`.
    public init(rows: Int, cols: Int, rowMajor: [Double]) {
        precondition(rowMajor.count == rows * cols, "Element count does not match the shape")
        self.init(rows: rows, cols: cols)
        for i in 0..<rows {
            for j in 0..<cols { storage[i + j * rows] = rowMajor[i * cols + j] }
        }
    }

    /// A column vector holding `values`.
    public init(column values: [Double]) {
        self.init(rows: values.count, cols: 1, columnMajor: values)
    }

    /// A row vector holding `values`.
    public init(row values: [Double]) {
        self.init(rows: 1, cols: values.count, columnMajor: values)
    }

    /// The number of elements, `rows * cols`.
    @inlinable public var count: Int { rows * cols }

    /// `true` when the matrix has a single row or a single column.
    @inlinable public var isVector: Bool { rows == 1 || cols == 1 }

    /// The element in row `i`, column `j` (0-based).
    ///
    /// - Precondition: `0 <= i < rows` and `0 <= j < cols`.
    @inlinable public subscript(i: Int, j: Int) -> Double {
        get {
            precondition(i >= 0 && i < rows && j >= 0 && j < cols, "Matrix index out of range")
            return storage[i + j * rows]
        }
        set {
            precondition(i >= 0 && i < rows && j >= 0 && j < cols, "Matrix index out of range")
            storage[i + j * rows] = newValue
        }
    }

    /// Calls `body` with the column-major elements, for passing to BLAS or LAPACK.
    @inlinable public func withUnsafeBufferPointer<R>(
        _ body: (UnsafeBufferPointer<Double>) throws -> R
    ) rethrows -> R {
        try storage.withUnsafeBufferPointer(body)
    }

    /// Calls `body` with the mutable column-major elements (copying them first if shared).
    @inlinable public mutating func withUnsafeMutableBufferPointer<R>(
        _ body: (inout UnsafeMutableBufferPointer<Double>) throws -> R
    ) rethrows -> R {
        try storage.withUnsafeMutableBufferPointer(body)
    }

    /// Changes the shape without moving elements (column-major reinterpretation).
    ///
    /// - Precondition: `rows * cols == count`.
    public mutating func reshape(rows: Int, cols: Int) {
        precondition(rows >= 0 && cols >= 0 && rows * cols == count, "Reshape must keep the element count")
        self.rows = rows
        self.cols = cols
    }
}

extension Matrix: Equatable {
    /// Two matrices are equal when they have the same shape and the same elements.
    public static func == (lhs: Matrix, rhs: Matrix) -> Bool {
        lhs.rows == rhs.rows && lhs.cols == rhs.cols && lhs.storage == rhs.storage
    }
}
