/// The dimension a reduction runs over.
///
/// `.rows` reduces over the rows, leaving one value per column: a 1 x cols row vector (NumPy's
/// `axis=0`, MATLAB's `dim = 1`). `.columns` reduces over the columns, leaving one value per
/// row: a rows x 1 column vector (`axis=1`, `dim = 2`).
public enum Dimension: Sendable, Hashable {
    /// Reduce over the rows: one result per column, a row vector.
    case rows
    /// Reduce over the columns: one result per row, a column vector.
    case columns
}

/// A run of matrix elements a reduction reads: `count` values `stride` apart from `base`.
private struct Lane {
    let base: UnsafePointer<Double>
    let count: Int
    let stride: Int

    @inline(__always) subscript(k: Int) -> Double { base[k * stride] }
}

extension Matrix {
    /// Calls `body` with the lanes of `dimension` (each column for `.rows`, each row for
    /// `.columns`), or with the whole matrix as one column-major lane when `dimension` is nil,
    /// and collects the results in lane order.
    private func lanes<T, E: Error>(
        along dimension: Dimension?, _ body: (Lane) throws(E) -> T
    ) throws(E) -> [T] {
        let (laneCount, length, stride, step) = switch dimension {
        case nil: (1, count, 1, 0)
        case .rows: (cols, rows, 1, rows)
        case .columns: (rows, cols, rows, 1)
        }
        return try storage.withUnsafeBufferPointer { (buffer) throws(E) -> [T] in
            // Only an empty matrix may lack a base address, and then no element is ever read.
            let base = buffer.baseAddress ?? UnsafePointer(bitPattern: MemoryLayout<Double>.alignment)!
            var results = [T]()
            results.reserveCapacity(laneCount)
            for l in 0..<laneCount {
                results.append(try body(Lane(base: base + l * step, count: length, stride: stride)))
            }
            return results
        }
    }

    /// `body` applied to the whole matrix as one lane.
    private func whole<T, E: Error>(_ body: (Lane) throws(E) -> T) throws(E) -> T {
        try lanes(along: nil, body)[0]
    }

    /// The lane results as a row vector (`.rows`) or a column vector (`.columns`).
    private func reduced<E: Error>(
        along dimension: Dimension, _ body: (Lane) throws(E) -> Double
    ) throws(E) -> Matrix {
        let values = try lanes(along: dimension, body)
        return dimension == .rows ? Matrix(row: values) : Matrix(column: values)
    }

    /// The sum of all elements (0 for an empty matrix).
    public func sum() -> Double { whole(Self.laneSum) }

    /// The sums along `dimension`: column sums for `.rows`, row sums for `.columns`.
    public func sum(along dimension: Dimension) -> Matrix { reduced(along: dimension, Self.laneSum) }

    /// The arithmetic mean of all elements (NaN for an empty matrix).
    public func mean() -> Double { whole(Self.laneMean) }

    /// The means along `dimension`.
    public func mean(along dimension: Dimension) -> Matrix { reduced(along: dimension, Self.laneMean) }

    /// The variance of all elements, `sum((x - mean)^2) / (n - ddof)`: the population variance
    /// for `ddof = 0` (the default, as NumPy), the sample variance for `ddof = 1`; NaN when
    /// `n <= ddof`.
    public func variance(ddof: Int = 0) -> Double {
        whole { Self.laneVariance($0, ddof: ddof) }
    }

    /// The variances along `dimension`; see ``variance(ddof:)``.
    public func variance(along dimension: Dimension, ddof: Int = 0) -> Matrix {
        reduced(along: dimension) { Self.laneVariance($0, ddof: ddof) }
    }

    /// The standard deviation of all elements, the square root of ``variance(ddof:)``
    /// (population by default, as NumPy's `std`).
    public func standardDeviation(ddof: Int = 0) -> Double { variance(ddof: ddof).squareRoot() }

    /// The standard deviations along `dimension`; see ``standardDeviation(ddof:)``.
    public func standardDeviation(along dimension: Dimension, ddof: Int = 0) -> Matrix {
        variance(along: dimension, ddof: ddof).sqrt()
    }

    /// The smallest element; NaN if any element is NaN (as NumPy's `min`).
    ///
    /// - Throws: ``LinalgError/empty(function:shape:)`` for an empty matrix.
    public func min() throws(LinalgError) -> Double {
        let k = try whole { lane throws(LinalgError) in try laneExtreme(lane, function: "min", below: true) }
        return storage[k]
    }

    /// The largest element; NaN if any element is NaN.
    ///
    /// - Throws: ``LinalgError/empty(function:shape:)`` for an empty matrix.
    public func max() throws(LinalgError) -> Double {
        let k = try whole { lane throws(LinalgError) in try laneExtreme(lane, function: "max", below: false) }
        return storage[k]
    }

    /// The (row, column) of the smallest element: the first NaN if there is one, and the first
    /// of equal minima in column-major order.
    ///
    /// - Throws: ``LinalgError/empty(function:shape:)`` for an empty matrix.
    public func argmin() throws(LinalgError) -> (row: Int, col: Int) {
        let k = try whole { lane throws(LinalgError) in try laneExtreme(lane, function: "argmin", below: true) }
        return (k % rows, k / rows)
    }

    /// The (row, column) of the largest element: the first NaN if there is one, and the first of
    /// equal maxima in column-major order.
    ///
    /// - Throws: ``LinalgError/empty(function:shape:)`` for an empty matrix.
    public func argmax() throws(LinalgError) -> (row: Int, col: Int) {
        let k = try whole { lane throws(LinalgError) in try laneExtreme(lane, function: "argmax", below: false) }
        return (k % rows, k / rows)
    }

    /// The minima along `dimension`.
    ///
    /// - Throws: ``LinalgError/empty(function:shape:)`` when the dimension reduced is empty.
    public func min(along dimension: Dimension) throws(LinalgError) -> Matrix {
        try extremes(along: dimension, function: "min", below: true)
    }

    /// The maxima along `dimension`.
    ///
    /// - Throws: ``LinalgError/empty(function:shape:)`` when the dimension reduced is empty.
    public func max(along dimension: Dimension) throws(LinalgError) -> Matrix {
        try extremes(along: dimension, function: "max", below: false)
    }

    /// For each lane of `dimension`, the 0-based index of its minimum within the lane: the row
    /// index of each column's minimum for `.rows`, the column index of each row's for `.columns`.
    ///
    /// - Throws: ``LinalgError/empty(function:shape:)`` when the dimension reduced is empty.
    public func argmin(along dimension: Dimension) throws(LinalgError) -> [Int] {
        try lanes(along: dimension) { lane throws(LinalgError) in try laneExtreme(lane, function: "argmin", below: true) }
    }

    /// For each lane of `dimension`, the 0-based index of its maximum within the lane.
    ///
    /// - Throws: ``LinalgError/empty(function:shape:)`` when the dimension reduced is empty.
    public func argmax(along dimension: Dimension) throws(LinalgError) -> [Int] {
        try lanes(along: dimension) { lane throws(LinalgError) in try laneExtreme(lane, function: "argmax", below: false) }
    }

    /// The number of elements that are NaN or infinite.
    public func nonFiniteCount() -> Int {
        storage.reduce(0) { $0 + ($1.isFinite ? 0 : 1) }
    }

    /// `true` when no element is NaN or infinite.
    public var allFinite: Bool { storage.allSatisfy(\.isFinite) }

    // MARK: Lane kernels

    private static func laneSum(_ lane: Lane) -> Double {
        var s = 0.0
        for k in 0..<lane.count { s += lane[k] }
        return s
    }

    private static func laneMean(_ lane: Lane) -> Double {
        laneSum(lane) / Double(lane.count)
    }

    /// Two-pass variance: the mean first, then the squared deviations from it.
    private static func laneVariance(_ lane: Lane, ddof: Int) -> Double {
        guard lane.count > ddof else { return .nan }
        let m = laneMean(lane)
        var s = 0.0
        for k in 0..<lane.count {
            let d = lane[k] - m
            s += d * d
        }
        return s / Double(lane.count - ddof)
    }

    /// The index in `lane` of its minimum (`below`) or maximum: the first NaN if any, otherwise
    /// the first extreme.
    private func laneExtreme(_ lane: Lane, function: String, below: Bool) throws(LinalgError) -> Int {
        guard lane.count > 0 else { throw .empty(function: function, shape: shape) }
        var best = 0, value = lane[0]
        if value.isNaN { return 0 }
        for k in 1..<lane.count {
            let x = lane[k]
            if x.isNaN { return k }
            if below ? x < value : x > value { best = k; value = x }
        }
        return best
    }

    private func extremes(along dimension: Dimension, function: String, below: Bool) throws(LinalgError) -> Matrix {
        try reduced(along: dimension) { lane throws(LinalgError) in
            lane[try laneExtreme(lane, function: function, below: below)]
        }
    }
}
