import Foundation
import Linalg

/// A point of the Grassmann manifold Gr(p, n): a p-dimensional subspace of R^n, held as an
/// n x p matrix whose columns are an orthonormal basis of the subspace.
///
/// A point made by projecting a data matrix (``init(projecting:rank:)``) also keeps the leading
/// singular values and right singular vectors, so that `basis * diag(singularValues) *
/// rightVectors'` is the rank-p approximation of the data. A point made from a basis has neither.
///
/// Every operation depends only on the subspace, never on the particular basis: rotating the
/// basis (`basis * Q` for an orthogonal p x p matrix Q) gives the same point.
public struct GrassmannPoint: Sendable, CustomStringConvertible {
    /// The orthonormal basis, n x p.
    public let basis: Matrix
    /// The leading p singular values of the projected matrix, in descending order; nil for a
    /// point made from a basis.
    public let singularValues: [Double]?
    /// The matching right singular vectors of the projected matrix as columns (m x p for an
    /// n x m matrix); nil for a point made from a basis.
    public let rightVectors: Matrix?

    /// The default orthonormality tolerance of ``init(basis:tolerance:)``: max |B'B - I|.
    public static let defaultTolerance = 1e-8

    /// The point spanned by `basis`, after checking that its columns are orthonormal.
    ///
    /// - Parameter tolerance: the largest accepted |B'B - I| element.
    /// - Throws: ``GrassmannError/invalidBasis(_:)`` unless 1 <= columns <= rows,
    ///   ``GrassmannError/nonFinite(_:)`` for NaN or infinity,
    ///   ``GrassmannError/notOrthonormal(deviation:tolerance:)`` otherwise.
    public init(basis: Matrix, tolerance: Double = GrassmannPoint.defaultTolerance) throws(GrassmannError) {
        guard basis.cols >= 1, basis.cols <= basis.rows else { throw .invalidBasis(basis.shape) }
        guard basis.allFinite else { throw .nonFinite("basis") }
        guard tolerance >= 0 else { throw .invalidArgument("orthonormality tolerance must be non-negative, got \(tolerance)") }
        var gram = Matrix(rows: basis.cols, cols: basis.cols)
        try linalg { () throws(LinalgError) in try gemm(basis, transposeA: true, basis, into: &gram) }
        let deviation = (try? (gram - Matrix.identity(basis.cols)).abs().max()) ?? 0
        guard deviation <= tolerance else { throw .notOrthonormal(deviation: deviation, tolerance: tolerance) }
        self.init(trusted: basis)
    }

    /// A point from a basis known to be orthonormal (computed here), without checks.
    init(trusted basis: Matrix, singularValues: [Double]? = nil, rightVectors: Matrix? = nil) {
        self.basis = basis
        self.singularValues = singularValues
        self.rightVectors = rightVectors
    }

    /// n, the dimension of the space the subspace lives in (rows of the basis).
    public var ambientDimension: Int { basis.rows }

    /// p, the dimension of the subspace (columns of the basis).
    public var rank: Int { basis.cols }

    /// The orthogonal projector onto the subspace, the n x n matrix `basis * basis'`.
    public func projector() -> Matrix {
        var p = Matrix(rows: ambientDimension, cols: ambientDimension)
        try! gemm(basis, basis, transposeB: true, into: &p)  // shapes agree by construction
        return p
    }

    /// `Gr(5, 32) point, sigma1 = 12.3, sigma5 = 0.0451`: the manifold, then the first and last
    /// kept singular values when the point has them.
    public var description: String {
        var text = "Gr(\(rank), \(ambientDimension)) point"
        if let sigma = singularValues, let first = sigma.first {
            text += ", sigma1 = \(Self.short(first))"
            if sigma.count > 1 { text += ", sigma\(sigma.count) = \(Self.short(sigma[sigma.count - 1]))" }
        }
        return text
    }

    /// A number with 4 significant digits.
    private static func short(_ x: Double) -> String { String(format: "%.4g", x) }

    /// Throws ``GrassmannError/dimensionMismatch(_:_:_:)`` unless `other` lives in the same R^n.
    func requireSameSpace(_ other: GrassmannPoint) throws(GrassmannError) {
        guard ambientDimension == other.ambientDimension else {
            throw .dimensionMismatch("points", ambientDimension, other.ambientDimension)
        }
    }
}

extension Array where Element == GrassmannPoint {
    /// Throws unless the list is non-empty and every point lives in the same R^n as the first;
    /// `what` names the list in the message.
    func requireCommonSpace(_ what: String) throws(GrassmannError) {
        guard let first else { throw .emptyList(what) }
        for point in dropFirst() where point.ambientDimension != first.ambientDimension {
            throw .dimensionMismatch("points of \(what)", first.ambientDimension, point.ambientDimension)
        }
    }
}
