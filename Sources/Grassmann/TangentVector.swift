import Linalg

/// A tangent vector of Gr(p, n) at a base point Y: an n x p matrix D with Y'D = 0 (the
/// horizontal representation for the base point's basis Y).
///
/// Its Frobenius norm is the length of the geodesic t -> exp(tD) for t in [0, 1], and its
/// singular values are the principal angles between the base point and exp(D) when they are
/// at most pi/2.
public struct TangentVector: Sendable {
    /// The point the vector is tangent at.
    public let base: GrassmannPoint
    /// The n x p matrix D, orthogonal to the base point's basis.
    public let matrix: Matrix

    /// The default tolerance of ``init(base:matrix:tolerance:)``.
    public static let defaultTolerance = 1e-8

    /// The tangent vector `matrix` at `base`, after checking its shape and that it is orthogonal
    /// to the base point: max |Y'D| <= tolerance * max(1, ||D||_F).
    ///
    /// - Throws: ``GrassmannError/dimensionMismatch(_:_:_:)`` or
    ///   ``GrassmannError/rankMismatch(operation:_:_:)`` for a shape other than n x p,
    ///   ``GrassmannError/nonFinite(_:)``, ``GrassmannError/notTangent(deviation:tolerance:)``.
    public init(base: GrassmannPoint, matrix: Matrix, tolerance: Double = TangentVector.defaultTolerance) throws(GrassmannError) {
        guard matrix.rows == base.ambientDimension else {
            throw .dimensionMismatch("tangent matrix and base point", matrix.rows, base.ambientDimension)
        }
        guard matrix.cols == base.rank else { throw .rankMismatch(operation: "a tangent vector", matrix.cols, base.rank) }
        guard matrix.allFinite else { throw .nonFinite("tangent matrix") }
        let overlap = try linalg { () throws(LinalgError) in try base.basis.transposed() * matrix }
        let deviation = (try? overlap.abs().max()) ?? 0
        let allowed = tolerance * Swift.max(1, matrix.norm())
        guard deviation <= allowed else { throw .notTangent(deviation: deviation, tolerance: allowed) }
        self.init(trusted: base, matrix: matrix)
    }

    /// A tangent vector computed here, orthogonal to its base by construction.
    init(trusted base: GrassmannPoint, matrix: Matrix) {
        self.base = base
        self.matrix = matrix
    }

    /// The Frobenius norm of D: the geodesic distance from the base to exp(D) when every singular
    /// value of D is at most pi/2.
    public var norm: Double { matrix.norm() }

    /// The vector t D at the same base.
    public func scaled(by t: Double) -> TangentVector {
        TangentVector(trusted: base, matrix: matrix * t)
    }
}
