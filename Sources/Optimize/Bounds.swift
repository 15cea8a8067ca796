import Linalg

/// Box constraints `lower[i] <= x[i] <= upper[i]` on the variables of an optimisation problem or
/// the domain of a sampler. An infinite bound means "no bound on that side".
public struct Bounds: Sendable, Equatable {
    /// The lower bounds, one per variable (`-infinity` for none).
    public let lower: [Double]
    /// The upper bounds, one per variable (`+infinity` for none).
    public let upper: [Double]

    /// Bounds from two equally long lists.
    ///
    /// - Throws: ``OptimizeError/dimensionMismatch(function:expected:got:)`` when the lists differ
    ///   in length, ``OptimizeError/invalidBounds(index:lower:upper:)`` for a NaN bound or a lower
    ///   bound above its upper bound.
    public init(lower: [Double], upper: [Double]) throws(OptimizeError) {
        guard lower.count == upper.count else {
            throw .dimensionMismatch(function: "bounds", expected: lower.count, got: upper.count)
        }
        for (i, (lo, hi)) in zip(lower, upper).enumerated() where lo.isNaN || hi.isNaN || lo > hi {
            throw .invalidBounds(index: i, lower: lo, upper: hi)
        }
        self.lower = lower
        self.upper = upper
    }

    /// Bounds from `(lower, upper)` pairs, one per variable.
    ///
    /// - Throws: as ``init(lower:upper:)``.
    public init(_ pairs: [(Double, Double)]) throws(OptimizeError) {
        try self.init(lower: pairs.map(\.0), upper: pairs.map(\.1))
    }

    /// No bounds at all on `dimension` variables.
    public static func unbounded(dimension: Int) -> Bounds {
        // Infinite, non-NaN, ordered: cannot fail.
        try! Bounds(lower: Array(repeating: -.infinity, count: dimension),
                    upper: Array(repeating: .infinity, count: dimension))
    }

    /// The number of variables.
    public var dimension: Int { lower.count }

    /// `true` when at least one variable has a finite bound.
    public var isConstrained: Bool { !lower.allSatisfy(\.isInfinite) || !upper.allSatisfy(\.isInfinite) }

    /// `true` when every variable has finite bounds on both sides.
    public var isFinite: Bool { lower.allSatisfy(\.isFinite) && upper.allSatisfy(\.isFinite) }

    /// `x` with every component clipped into its interval.
    public func clamp(_ x: [Double]) -> [Double] {
        var y = x
        for i in y.indices { y[i] = Swift.min(Swift.max(y[i], lower[i]), upper[i]) }
        return y
    }

    /// Throws unless `x` has one component per variable.
    func requireDimension(of x: [Double], function: String) throws(OptimizeError) {
        guard x.count == dimension else { throw .dimensionMismatch(function: function, expected: dimension, got: x.count) }
    }

    /// Throws ``OptimizeError/unboundedBox(function:index:)`` unless every bound is finite.
    func requireFinite(function: String) throws(OptimizeError) {
        if let i = lower.indices.first(where: { !lower[$0].isFinite || !upper[$0].isFinite }) {
            throw .unboundedBox(function: function, index: i)
        }
    }

    /// Maps points of the unit cube (one per row) into the box: `x = u * (upper - lower) + lower`
    /// per column, the arithmetic of SciPy's `uniform.ppf`, so that samplers reproduce Python
    /// designs bit for bit.
    public func scaled(fromUnitCube unit: Matrix) -> Matrix {
        var x = unit
        for j in 0..<unit.cols {
            let width = upper[j] - lower[j]
            for i in 0..<unit.rows { x[i, j] = unit[i, j] * width + lower[j] }
        }
        return x
    }
}
