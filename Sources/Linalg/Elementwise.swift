import Foundation

// Elementwise functions: one tight loop over the contiguous column-major buffer each.

extension Matrix {
    /// A matrix of the same shape with `transform` applied to every element (column-major order).
    @inlinable
    public func map<E: Error>(_ transform: (Double) throws(E) -> Double) throws(E) -> Matrix {
        let n = count
        var failure: E?
        let values = storage.withUnsafeBufferPointer { src in
            [Double](unsafeUninitializedCapacity: n) { out, initialized in
                for k in 0..<n {
                    do throws(E) { out[k] = try transform(src[k]) } catch {
                        failure = error  // Doubles need no clean-up: leave `initialized` at 0.
                        return
                    }
                }
                initialized = n
            }
        }
        if let failure { throw failure }
        return Matrix(rows: rows, cols: cols, columnMajor: values)
    }

    /// Applies `transform` to every element in place.
    @inlinable
    public mutating func apply<E: Error>(_ transform: (Double) throws(E) -> Double) throws(E) {
        let n = count
        try storage.withUnsafeMutableBufferPointer { (buffer) throws(E) -> Void in
            for k in 0..<n { buffer[k] = try transform(buffer[k]) }
        }
    }

    /// e raised to each element.
    public func exp() -> Matrix { map { Foundation.exp($0) } }

    /// The natural logarithm of each element (nan for negative elements, -inf for zeros).
    public func log() -> Matrix { map { Foundation.log($0) } }

    /// The square root of each element (nan for negative elements).
    public func sqrt() -> Matrix { map { $0.squareRoot() } }

    /// The absolute value of each element.
    public func abs() -> Matrix { map { Swift.abs($0) } }

    /// Each element raised to the power `exponent` (C's `pow`).
    public func pow(_ exponent: Double) -> Matrix {
        exponent == 2 ? map { $0 * $0 } : map { Foundation.pow($0, exponent) }
    }

    /// Each element raised to the matching element of `exponents`, with broadcasting.
    ///
    /// - Throws: ``LinalgError/shapeMismatch(operation:lhs:rhs:)`` when the shapes do not broadcast.
    public func pow(_ exponents: Matrix) throws(LinalgError) -> Matrix {
        try Matrix.broadcast(self, exponents, operation: "pow") { Foundation.pow($0, $1) }
    }

    /// Each element limited to `lower ... upper`; NaN stays NaN.
    ///
    /// - Precondition: `lower <= upper`.
    public func clamped(min lower: Double, max upper: Double) -> Matrix {
        precondition(lower <= upper, "clamped: lower bound above upper bound")
        return map { $0 < lower ? lower : ($0 > upper ? upper : $0) }
    }
}
