extension Matrix {
    /// A `rows` x `cols` matrix whose column-major elements are all written by `body` straight
    /// into fresh storage (no zero fill first): `body` must set every element.
    static func make(
        rows: Int, cols: Int, _ body: (UnsafeMutableBufferPointer<Double>) throws -> Void
    ) rethrows -> Matrix {
        precondition(rows >= 0 && cols >= 0, "Matrix dimensions must be non-negative")
        let count = rows * cols
        let storage = try [Double](unsafeUninitializedCapacity: count) { buffer, initialized in
            try body(buffer)
            initialized = count
        }
        return Matrix(rows: rows, cols: cols, columnMajor: storage)
    }

    /// A `rows` x `cols` matrix of zeros.
    public static func zeros(rows: Int, cols: Int) -> Matrix {
        Matrix(rows: rows, cols: cols, repeating: 0)
    }

    /// A `rows` x `cols` matrix of ones.
    public static func ones(rows: Int, cols: Int) -> Matrix {
        Matrix(rows: rows, cols: cols, repeating: 1)
    }

    /// The `n` x `n` identity matrix.
    public static func identity(_ n: Int) -> Matrix {
        identity(rows: n, cols: n)
    }

    /// The `rows` x `cols` matrix with ones on the main diagonal and zeros elsewhere
    /// (NumPy's `eye(rows, cols)`).
    public static func identity(rows: Int, cols: Int) -> Matrix {
        var m = Matrix(rows: rows, cols: cols)
        for k in 0..<Swift.min(rows, cols) { m.storage[k + k * rows] = 1 }
        return m
    }

    /// The square matrix with `values` on its diagonal and zeros elsewhere.
    public init(diagonal values: [Double]) {
        self.init(rows: values.count, cols: values.count)
        for (k, v) in values.enumerated() { storage[k + k * rows] = v }
    }

    /// The main diagonal, elements (k, k) for k < min(rows, cols), as a column vector.
    public func diagonal() -> Matrix {
        let n = Swift.min(rows, cols)
        return .make(rows: n, cols: 1) { out in
            for k in 0..<n { out[k] = storage[k + k * rows] }
        }
    }

    /// `count` evenly spaced values from `start` to `stop` inclusive, as a column vector, computed
    /// as NumPy's `linspace` does (`start + k * step`, the last value set to `stop` exactly).
    ///
    /// - Precondition: `count >= 0`.
    public static func linspace(from start: Double, to stop: Double, count: Int) -> Matrix {
        precondition(count >= 0, "linspace: negative count")
        let step = count > 1 ? (stop - start) / Double(count - 1) : 0
        return .make(rows: count, cols: 1) { out in
            for k in 0..<count { out[k] = Double(k) * step + start }
            if count > 1 { out[count - 1] = stop }
        }
    }

    /// Sets every element to `value`.
    public mutating func fill(_ value: Double) {
        withUnsafeMutableBufferPointer { $0.update(repeating: value) }
    }

    /// A `rows` x `cols` matrix whose element (i, j) is `element(i, j)` (0-based indices).
    public init<E: Error>(rows: Int, cols: Int, element: (Int, Int) throws(E) -> Double) throws(E) {
        self.init(rows: rows, cols: cols)
        for j in 0..<cols {
            for i in 0..<rows { storage[i + j * rows] = try element(i, j) }
        }
    }

    /// A matrix drawn by `draw`, element by element in row-major order (row 0 left to right,
    /// then row 1, ...), the order in which NumPy fills a C-ordered array.
    private static func drawn(rows: Int, cols: Int, _ draw: () -> Double) -> Matrix {
        var m = Matrix(rows: rows, cols: cols)
        for i in 0..<rows {
            for j in 0..<cols { m.storage[i + j * rows] = draw() }
        }
        return m
    }

    /// A matrix of uniform deviates on [0, 1), equal to
    /// `np.random.RandomState(seed).random_sample((rows, cols))` for a generator made with
    /// `RandomGenerator(seed: seed)` (elements are drawn in row-major order).
    public static func random(rows: Int, cols: Int, using generator: inout RandomGenerator) -> Matrix {
        drawn(rows: rows, cols: cols) { generator.randomSample() }
    }

    /// A matrix of uniform deviates on [low, high), equal to
    /// `RandomState(seed).uniform(low, high, (rows, cols))`.
    public static func uniform(
        rows: Int, cols: Int, low: Double, high: Double, using generator: inout RandomGenerator
    ) -> Matrix {
        drawn(rows: rows, cols: cols) { generator.uniform(low: low, high: high) }
    }

    /// A matrix of normal deviates, equal to
    /// `RandomState(seed).normal(mean, standardDeviation, (rows, cols))`; the defaults give
    /// `standard_normal((rows, cols))`.
    public static func normal(
        rows: Int, cols: Int, mean: Double = 0, standardDeviation: Double = 1,
        using generator: inout RandomGenerator
    ) -> Matrix {
        drawn(rows: rows, cols: cols) { generator.normal(mean: mean, standardDeviation: standardDeviation) }
    }
}
