import Foundation
import Linalg

// The Riemannian logarithm and exponential of the Grassmann manifold.
//
// The log map avoids the inverse of Y'X that UQpy's formula M = (I - YY')X (Y'X)^-1 needs, so it
// stays correct when a principal angle reaches 90 degrees (Y'X singular). It is the modified,
// Procrustes-aligned logarithm of Bendokat, Zimmermann and Absil, "A Grassmann manifold
// handbook" (Adv. Comput. Math. 50, paper 6, 2024; arXiv:2011.13699), with the angles taken from
// both their sines and cosines: with Y'X = R S Q' (an SVD of the p x p matrix), the columns of
// C = (I - YY') X Q are orthogonal with norms sin(theta_i), while S holds the cosines
// cos(theta_i); theta_i = atan2(|C_i|, S_i) is accurate at every angle (arcsin of the sines
// alone is not near 90 degrees), and log_Y(X) = C diag(theta_i / sin(theta_i)) R'.

extension GrassmannPoint {
    /// The tangent vector at this point pointing to `other` along a shortest geodesic, of norm
    /// the geodesic distance: exp(log(X)) = X.
    ///
    /// When a principal angle is exactly pi/2, the shortest geodesic is not unique and one of
    /// them is returned.
    ///
    /// - Throws: ``GrassmannError/dimensionMismatch(_:_:_:)``,
    ///   ``GrassmannError/rankMismatch(operation:_:_:)`` for subspaces of different dimension,
    ///   ``GrassmannError/linearAlgebra(_:)`` if the SVD does not converge.
    public func logMap(to other: GrassmannPoint) throws(GrassmannError) -> TangentVector {
        try requireSameSpace(other)
        guard rank == other.rank else { throw .rankMismatch(operation: "the log map", rank, other.rank) }
        let matrix = try linalg { () throws(LinalgError) in
            try horizontalPart(of: logMatrix(to: other.basis, cross: basis.transposed() * other.basis))
        }
        return TangentVector(trusted: self, matrix: matrix)
    }

    /// D - Y(Y'D): the part of `d` orthogonal to the basis Y. The log map's matrix is horizontal
    /// only up to rounding (and up to Y's own deviation from orthonormality); this projection
    /// keeps exp maps of it from accumulating that deviation over many iterations.
    func horizontalPart(of d: Matrix) throws(LinalgError) -> Matrix {
        var result = d
        try gemm(alpha: -1, basis, try basis.transposed() * d, beta: 1, into: &result)
        return result
    }

    /// The log map's matrix towards the basis `x` (n x p), given the cross product Y'X, before
    /// ``horizontalPart(of:)``.
    func logMatrix(to x: Matrix, cross: Matrix) throws(LinalgError) -> Matrix {
        let svd = try cross.svd()  // R = svd.u, S = singularValues, Q' = svd.vt
        // C = X Q - Y R S = (I - YY') X Q.
        var c = try x * svd.vt.transposed()
        try gemm(alpha: -1, basis, try svd.u.multipliedElementwise(by: Matrix(row: svd.singularValues)), beta: 1, into: &c)
        let factors = (0..<rank).map { i in
            let sine = c.column(i).norm()
            return sine > 0 ? atan2(sine, svd.singularValues[i]) / sine : 1
        }
        try c.multiplyElementwise(by: Matrix(row: factors))
        return try c * svd.u.transposed()
    }

    /// The point at parameter `t` of the geodesic from this point (t = 0) to `other` (t = 1):
    /// exp(t log(other)). Values of t outside [0, 1] extrapolate along the same geodesic.
    ///
    /// - Throws: as ``logMap(to:)``.
    public func geodesic(to other: GrassmannPoint, at t: Double) throws(GrassmannError) -> GrassmannPoint {
        try logMap(to: other).scaled(by: t).expMap()
    }
}

extension TangentVector {
    /// The end point of the geodesic leaving the base point Y along D: with D = U S V' (thin SVD),
    /// the point spanned by Y V cos(S) V' + U sin(S) V', an orthonormal basis up to rounding.
    ///
    /// - Throws: ``GrassmannError/linearAlgebra(_:)`` if the SVD does not converge.
    public func expMap() throws(GrassmannError) -> GrassmannPoint {
        let basis = try linalg { () throws(LinalgError) in
            let svd = try matrix.svd()
            var rotated = try base.basis * svd.vt.transposed()
            try rotated.multiplyElementwise(by: Matrix(row: svd.singularValues.map(cos)))
            try rotated.add(try svd.u.multipliedElementwise(by: Matrix(row: svd.singularValues.map(sin))))
            return try rotated * svd.vt
        }
        return GrassmannPoint(trusted: basis)
    }
}
