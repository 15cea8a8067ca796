import CLinearAlgebra

// Matrices behave like numbers: + - with a scalar on either side, + - between matrices with
// broadcasting (see Broadcast.swift), scalar * and /, unary minus. `*` between two matrices is the
// matrix product (Product.swift); the elementwise product is `multipliedElementwise(by:)`.

extension Matrix {
    /// Elementwise sum with broadcasting (row or column vectors and 1 x 1 matrices stretch).
    ///
    /// - Throws: ``LinalgError/shapeMismatch(operation:lhs:rhs:)`` when the shapes do not broadcast.
    public static func + (lhs: Matrix, rhs: Matrix) throws(LinalgError) -> Matrix {
        try broadcast(lhs, rhs, operation: "+") { $0 + $1 }
    }

    /// Elementwise difference with broadcasting.
    ///
    /// - Throws: ``LinalgError/shapeMismatch(operation:lhs:rhs:)`` when the shapes do not broadcast.
    public static func - (lhs: Matrix, rhs: Matrix) throws(LinalgError) -> Matrix {
        try broadcast(lhs, rhs, operation: "-") { $0 - $1 }
    }

    /// The elementwise (Hadamard) product with broadcasting.
    ///
    /// - Throws: ``LinalgError/shapeMismatch(operation:lhs:rhs:)`` when the shapes do not broadcast.
    public func multipliedElementwise(by other: Matrix) throws(LinalgError) -> Matrix {
        try Matrix.broadcast(self, other, operation: "elementwise *") { $0 * $1 }
    }

    /// The elementwise quotient with broadcasting (IEEE: x / 0 is ±inf or nan, never an error).
    ///
    /// - Throws: ``LinalgError/shapeMismatch(operation:lhs:rhs:)`` when the shapes do not broadcast.
    public func dividedElementwise(by other: Matrix) throws(LinalgError) -> Matrix {
        try Matrix.broadcast(self, other, operation: "elementwise /") { $0 / $1 }
    }

    /// `matrix + scalar`, added to every element.
    public static func + (lhs: Matrix, rhs: Double) -> Matrix { lhs.map { $0 + rhs } }
    /// `scalar + matrix`, added to every element.
    public static func + (lhs: Double, rhs: Matrix) -> Matrix { rhs.map { lhs + $0 } }
    /// `matrix - scalar`, subtracted from every element.
    public static func - (lhs: Matrix, rhs: Double) -> Matrix { lhs.map { $0 - rhs } }
    /// `scalar - matrix`: every element is `scalar - element`.
    public static func - (lhs: Double, rhs: Matrix) -> Matrix { rhs.map { lhs - $0 } }
    /// `matrix * scalar`, every element scaled.
    public static func * (lhs: Matrix, rhs: Double) -> Matrix { lhs.map { $0 * rhs } }
    /// `scalar * matrix`, every element scaled.
    public static func * (lhs: Double, rhs: Matrix) -> Matrix { rhs.map { lhs * $0 } }
    /// `matrix / scalar`, every element divided.
    public static func / (lhs: Matrix, rhs: Double) -> Matrix { lhs.map { $0 / rhs } }
    /// `scalar / matrix`: every element is `scalar / element` (elementwise, not an inverse).
    public static func / (lhs: Double, rhs: Matrix) -> Matrix { rhs.map { lhs / $0 } }
    /// Every element negated.
    public static prefix func - (operand: Matrix) -> Matrix { operand.map { -$0 } }

    // MARK: In place (no allocation when the storage is not shared)

    /// Adds `other` (broadcast to this shape) to this matrix.
    ///
    /// - Throws: ``LinalgError/shapeMismatch(operation:lhs:rhs:)`` unless `other` broadcasts to
    ///   exactly this matrix's shape.
    public mutating func add(_ other: Matrix) throws(LinalgError) {
        try broadcastInPlace(other, operation: "+=") { $0 + $1 }
    }

    /// Subtracts `other` (broadcast to this shape) from this matrix.
    ///
    /// - Throws: ``LinalgError/shapeMismatch(operation:lhs:rhs:)`` unless `other` broadcasts to
    ///   exactly this matrix's shape.
    public mutating func subtract(_ other: Matrix) throws(LinalgError) {
        try broadcastInPlace(other, operation: "-=") { $0 - $1 }
    }

    /// Multiplies this matrix elementwise by `other` (broadcast to this shape).
    ///
    /// - Throws: ``LinalgError/shapeMismatch(operation:lhs:rhs:)`` unless `other` broadcasts to
    ///   exactly this matrix's shape.
    public mutating func multiplyElementwise(by other: Matrix) throws(LinalgError) {
        try broadcastInPlace(other, operation: "elementwise *=") { $0 * $1 }
    }

    /// Divides this matrix elementwise by `other` (broadcast to this shape).
    ///
    /// - Throws: ``LinalgError/shapeMismatch(operation:lhs:rhs:)`` unless `other` broadcasts to
    ///   exactly this matrix's shape.
    public mutating func divideElementwise(by other: Matrix) throws(LinalgError) {
        try broadcastInPlace(other, operation: "elementwise /=") { $0 / $1 }
    }

    /// Multiplies every element by `factor`.
    public mutating func scale(by factor: Double) {
        apply { $0 * factor }
    }

    /// `self += alpha * x` (BLAS `daxpy`), for a matrix `x` of the same shape.
    ///
    /// - Throws: ``LinalgError/shapeMismatch(operation:lhs:rhs:)`` when the shapes differ.
    public mutating func add(_ x: Matrix, scaledBy alpha: Double) throws(LinalgError) {
        guard x.shape == shape else { throw .shapeMismatch(operation: "axpy", lhs: shape, rhs: x.shape) }
        if count == 0 { return }
        let n = blasInt(count)
        x.storage.withUnsafeBufferPointer { xs in
            storage.withUnsafeMutableBufferPointer { ys in
                cblas_daxpy(n, alpha, xs.baseAddress, 1, ys.baseAddress, 1)
            }
        }
    }

    /// `lhs = lhs + rhs` in place, with `rhs` broadcast to the shape of `lhs`; see ``add(_:)``.
    public static func += (lhs: inout Matrix, rhs: Matrix) throws(LinalgError) { try lhs.add(rhs) }
    /// `lhs = lhs - rhs` in place, with `rhs` broadcast to the shape of `lhs`; see ``subtract(_:)``.
    public static func -= (lhs: inout Matrix, rhs: Matrix) throws(LinalgError) { try lhs.subtract(rhs) }
    /// Adds `rhs` to every element in place.
    public static func += (lhs: inout Matrix, rhs: Double) { lhs.apply { $0 + rhs } }
    /// Subtracts `rhs` from every element in place.
    public static func -= (lhs: inout Matrix, rhs: Double) { lhs.apply { $0 - rhs } }
    /// Multiplies every element by `rhs` in place.
    public static func *= (lhs: inout Matrix, rhs: Double) { lhs.scale(by: rhs) }
    /// Divides every element by `rhs` in place.
    public static func /= (lhs: inout Matrix, rhs: Double) { lhs.apply { $0 / rhs } }
}
