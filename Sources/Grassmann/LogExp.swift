import Foundation
import Linalg

// The Riemannian logarithm and exponential of the Grassmann manifold.
//
// The log map avoids the inverse of Y'X that UQpy's formula M = (I - YY')X (Y'X)^-1 needs, so it
// stays correct when a principal angle reaches 90 degrees (Y'X singular). It follows the
// modified, Procrustes-aligned logarithm of Bendokat, Zimmermann and Absil, "A Grassmann manifold
// handbook" (Adv. Comput. Math. 50, paper 6, 2024; arXiv:2011.13699): with the SVD
// Y'X = R diag(c) Q', the columns of (I - YY') X Q are orthogonal with norms sin(theta_i), and
//
//     log_Y(X) = (I - YY') X Q diag(f) R' = X K - Y L,  K = Q diag(f) R',  L = R diag(c f) R',
//
// with f_i = theta_i / sin(theta_i) from the cosines. f is flat (1 + theta^2/6) near 0, where
// angles from cosines are inaccurate, and near 90 degrees the cosines are accurate, so f is
// accurate at every angle and the log carries only the absolute rounding of X K - Y L. In this
// form the mean of many logs at one base point needs one product of Y with the sum of the L_i
// (see KarcherMean).
//
// When every angle is below 60 degrees the factors come without the SVD: with the Gram matrix
// S = C'C = Q diag(c^2) Q' of C = Y'X, K = phi(S) C' and L = C K, where phi = f / c is a smooth
// function of c^2 there (1 + 2 s^2 / 3 + ... in s^2 = 1 - c^2), so the symmetric eigendecomposition of
// S, cheaper than the SVD of C, gives the same accuracy.

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
            let (k, l) = try Self.logFactors(cross: basis.transposed() * other.basis)
            var log = try other.basis * k
            try gemm(alpha: -1, basis, l, beta: 1, into: &log)
            return try horizontalPart(of: log)
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

    /// The p x p factors K and L with log_Y(X) = X K - Y L (before ``horizontalPart(of:)``), given
    /// the cross product Y'X.
    static func logFactors(cross: Matrix) throws(LinalgError) -> (k: Matrix, l: Matrix) {
        var gram = Matrix(rows: cross.cols, cols: cross.cols)
        try gemm(cross, transposeA: true, cross, into: &gram)
        let eigen = try gram.symmetricEigen()  // the c^2, ascending
        guard let smallest = eigen.values.first, smallest >= smallestSquaredCosineWithoutSVD else {
            return try logFactors(svd: cross.svd())
        }
        let phi = eigen.values.map { squaredCosine in
            let sine = Swift.max(1 - squaredCosine, 0).squareRoot()
            return (sine > 0 ? principalAngle(squaredCosine: squaredCosine) / sine : 1) / squaredCosine.squareRoot()
        }
        var k = Matrix(rows: cross.rows, cols: cross.rows), l = k
        try gemm(try symmetricFunction(eigen.vectors, phi), cross, transposeB: true, into: &k)
        try gemm(cross, k, into: &l)
        return (k, l)
    }

    /// cos^2(60 degrees): below it phi = f / c grows like 1 / c, and the SVD takes over.
    private static let smallestSquaredCosineWithoutSVD = 0.25

    /// K = Q diag(f) R' and L = R diag(c f) R' from the SVD Y'X = R diag(c) Q'.
    private static func logFactors(svd: SingularValueDecomposition) throws(LinalgError) -> (k: Matrix, l: Matrix) {
        let f = svd.singularValues.map { cosine in
            let c = Swift.min(cosine, 1)
            let sine = ((1 - c) * (1 + c)).squareRoot()
            return sine > 0 ? atan2(sine, c) / sine : 1
        }
        let cf = zip(svd.singularValues, f).map { $0 * $1 }
        var k = Matrix(rows: svd.u.rows, cols: svd.u.rows), l = k
        try gemm(svd.vt.multipliedElementwise(by: Matrix(column: f)), transposeA: true, svd.u, transposeB: true, into: &k)
        try gemm(svd.u.multipliedElementwise(by: Matrix(row: cf)), svd.u, transposeB: true, into: &l)
        return (k, l)
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
    /// Since U S = D V, that basis is Y cos(R) + D sinc(R) with R = V S V', the square root of
    /// the p x p Gram matrix D'D = V S^2 V'. Its eigendecomposition replaces the SVD of the n x p
    /// matrix D. cos(s) and sinc(s) = sin(s)/s are smooth functions of s^2, so both matrix
    /// functions are accurate to the rounding of D'D even where a small s, the square root of a
    /// rounded eigenvalue, is not.
    ///
    /// - Throws: ``GrassmannError/linearAlgebra(_:)`` if the eigendecomposition does not converge.
    public func expMap() throws(GrassmannError) -> GrassmannPoint {
        let basis = try linalg { () throws(LinalgError) in
            var gram = Matrix(rows: matrix.cols, cols: matrix.cols)
            try gemm(matrix, transposeA: true, matrix, into: &gram)
            let eigen = try gram.symmetricEigen()
            let s = eigen.values.map { Swift.max($0, 0).squareRoot() }
            var result = try base.basis * symmetricFunction(eigen.vectors, s.map(cos))
            try gemm(matrix, symmetricFunction(eigen.vectors, s.map { $0 > 0 ? sin($0) / $0 : 1 }), beta: 1, into: &result)
            return result
        }
        return GrassmannPoint(trusted: basis)
    }
}

/// V diag(values) V': the function of a symmetric matrix with eigenvectors V whose eigenvalues it
/// maps to `values`.
private func symmetricFunction(_ v: Matrix, _ values: [Double]) throws(LinalgError) -> Matrix {
    var result = Matrix(rows: v.rows, cols: v.rows)
    try gemm(v.multipliedElementwise(by: Matrix(row: values)), v, transposeB: true, into: &result)
    return result
}

/// The angle in [0, pi/2] whose cosine squared is `squaredCosine` (clamped to [0, 1]): from the
/// sine and cosine together, so that it is as accurate as the square at every angle.
func principalAngle(squaredCosine: Double) -> Double {
    atan2(Swift.max(1 - squaredCosine, 0).squareRoot(), Swift.max(squaredCosine, 0).squareRoot())
}
