import CLinearAlgebra
import Foundation
import Linalg

/// The principal angles between a p-dimensional and a q-dimensional subspace of R^n:
/// min(p, q) angles 0 <= theta_1 <= ... <= theta_k <= pi/2.
///
/// Accuracy (Knyazev and Argentati, SIAM J. Sci. Comput. 23 (2002) 2008-2040): the cosines are
/// the singular values of A'B, which determine angles near pi/2 accurately but angles near 0 only
/// to about 1e-8 (the square root of the machine epsilon). The sines are the singular values of
/// (I - AA')B, accurate for small angles. Each angle below pi/4 comes from its sine, each above
/// from its cosine, so every angle is accurate to a few units of 1e-16, tiny ones included.
public struct PrincipalAngles: Sendable, Equatable {
    /// The k = min(p, q) principal angles in radians, ascending.
    public let angles: [Double]
    /// The singular values of A'B in descending order, as computed (they may exceed 1 by
    /// rounding; the angles never do). cos(angles[i]) up to rounding.
    public let cosines: [Double]
    /// p, the dimension of the first subspace.
    public let rankA: Int
    /// q, the dimension of the second subspace.
    public let rankB: Int

    /// |p - q|, the number of directions of the larger subspace with no partner in the other.
    public var rankDifference: Int { Swift.abs(rankA - rankB) }

    /// Angles and cosines already computed.
    init(angles: [Double], cosines: [Double], rankA: Int, rankB: Int) {
        self.angles = angles
        self.cosines = cosines
        self.rankA = rankA
        self.rankB = rankB
    }

    /// The angles between the column spaces of the orthonormal bases `a` (n x p) and `b`
    /// (n x q), given their cross product `cross` = A'B (p x q).
    init(cross: Matrix, a: Matrix, b: Matrix) throws(GrassmannError) {
        let cosines = try linalg { () throws(LinalgError) in try cross.singularValues() }
        let k = cosines.count
        let sineBoundary = 0.5.squareRoot()  // cos(pi/4)
        var sines = [Double]()
        if let largest = cosines.first, largest >= sineBoundary {
            // The residual of the larger subspace's projection of the smaller basis: its k
            // singular values are the sines (descending, so sines[k - 1 - i] belongs to angle i).
            sines = try linalg { () throws(LinalgError) in
                var residual: Matrix
                if a.cols >= b.cols {
                    residual = b
                    try gemm(alpha: -1, a, cross, beta: 1, into: &residual)
                } else {
                    residual = a
                    try gemm(alpha: -1, b, cross, transposeB: true, beta: 1, into: &residual)
                }
                return try Self.singularValues(ofTall: &residual)
            }
        }
        let angles = (0..<k).map { i in
            cosines[i] >= sineBoundary ? asin(Swift.min(sines[k - 1 - i], 1)) : acos(Swift.min(cosines[i], 1))
        }
        self.init(angles: angles, cosines: cosines, rankA: a.cols, rankB: b.cols)
    }
}

extension PrincipalAngles {
    /// The singular values of the n x k matrix `tall` (n >= k), destroyed on the way: those of
    /// the k x k triangle R of its QR factorisation (LAPACK `dgeqrf`, Q never formed), which
    /// costs a fraction of an SVD of the tall matrix itself.
    static func singularValues(ofTall tall: inout Matrix) throws(LinalgError) -> [Double] {
        let n = tall.rows, k = tall.cols
        var tau = [Double](repeating: 0, count: k)
        let info = tall.withUnsafeMutableBufferPointer { elements in
            LAPACKE_dgeqrf(LAPACK_COL_MAJOR, Int32(n), Int32(k), elements.baseAddress, Int32(Swift.max(1, n)), &tau)
        }
        guard info == 0 else { throw .lapackFailure(function: "principalAngles", routine: "dgeqrf", info: Int(info)) }
        let triangle = Matrix(rows: k, cols: k) { i, j in i <= j ? tall[i, j] : 0 }
        return try triangle.singularValues()
    }
}

extension GrassmannPoint {
    /// The principal angles between this subspace and `other` (of any dimension).
    ///
    /// - Throws: ``GrassmannError/dimensionMismatch(_:_:_:)`` when the ambient spaces differ,
    ///   ``GrassmannError/linearAlgebra(_:)`` if an SVD does not converge.
    public func principalAngles(with other: GrassmannPoint) throws(GrassmannError) -> PrincipalAngles {
        try requireSameSpace(other)
        var cross = Matrix(rows: rank, cols: other.rank)
        try linalg { () throws(LinalgError) in try gemm(basis, transposeA: true, other.basis, into: &cross) }
        return try PrincipalAngles(cross: cross, a: basis, b: other.basis)
    }
}
