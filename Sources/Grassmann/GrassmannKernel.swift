import Foundation
import Linalg

/// A kernel (similarity) between points of Grassmann manifolds, for kernel methods and Gaussian
/// processes whose inputs are subspaces.
///
/// Positive definiteness (every kernel matrix positive semi-definite), ``isPositiveDefinite``:
/// - `projection` (||A'B||_F^2 = <P_A, P_B>_F) and `binetCauchy` (det(A'B)^2, the squared inner
///   product of Plucker vectors) are positive definite (Hamm and Lee, ICML 2008).
/// - `rbf` and `matern` on a distance d are positive definite for every length scale exactly
///   when d is Hilbertian (Schoenberg): on the chordal, projection and Binet-Cauchy distances
///   (``GrassmannMetric/isHilbertian``). On the geodesic distance they are not in general: the
///   Gaussian kernel of a geodesic distance is positive definite only on flat spaces (Feragen,
///   Lauze and Hauberg, CVPR 2015; Jayasumana et al., IEEE TPAMI 2015), and the Grassmannian is
///   curved. Such kernels can still work with small length scales or a nugget, but a Cholesky
///   factorisation may fail.
///
/// UQpy offers the projection and Binet-Cauchy kernels; the RBF and Matern kernels on Grassmann
/// distances are additions.
public enum GrassmannKernel {
    /// The smoothness nu of a Matern kernel.
    public enum Smoothness: Sendable, Hashable {
        /// nu = 1/2: exp(-r), the exponential kernel.
        case half
        /// nu = 3/2: (1 + sqrt(3) r) exp(-sqrt(3) r).
        case threeHalves
        /// nu = 5/2: (1 + sqrt(5) r + 5 r^2 / 3) exp(-sqrt(5) r).
        case fiveHalves
    }

    /// ||A'B||_F^2 = sum cos^2 theta (p on the diagonal).
    case projection
    /// det(A'B)^2 = prod cos^2 theta for subspaces of equal dimension, 0 for unequal ones (their
    /// Plucker vectors live in different spaces), 1 on the diagonal.
    case binetCauchy
    /// exp(-d^2 / (2 l^2)) on the distance d of `metric`, with length scale l > 0.
    case rbf(metric: GrassmannMetric, lengthscale: Double)
    /// The Matern kernel of smoothness nu in r = d / l, on the distance d of `metric`.
    case matern(metric: GrassmannMetric, lengthscale: Double, smoothness: Smoothness)

    /// `true` when every kernel matrix is guaranteed positive semi-definite (see the type's
    /// documentation); for `rbf` and `matern`, on subspaces of equal dimension.
    public var isPositiveDefinite: Bool {
        switch self {
        case .projection, .binetCauchy: true
        case .rbf(let metric, _), .matern(let metric, _, _): metric.isHilbertian
        }
    }

    /// The kernel value between `a` and `b`.
    ///
    /// - Throws: ``GrassmannError/invalidArgument(_:)`` for a length scale that is not positive
    ///   and finite, ``GrassmannError/dimensionMismatch(_:_:_:)``, a custom metric's errors.
    public func value(_ a: GrassmannPoint, _ b: GrassmannPoint) throws(GrassmannError) -> Double {
        try validate()
        return try evaluate(a.principalAngles(with: b), a, b)
    }

    /// The symmetric N x N kernel matrix of `points`, computed as
    /// ``GrassmannMetric/distanceMatrix(_:interruption:)`` is.
    ///
    /// - Throws: as ``value(_:_:)``, plus ``GrassmannError/emptyList(_:)`` and
    ///   ``GrassmannError/interrupted``.
    public func matrix(_ points: [GrassmannPoint], interruption: Interruption = .never) throws(GrassmannError) -> Matrix {
        try validate()
        return try PairwiseMatrix.symmetric(points, interruption: interruption, entry: evaluate)
    }

    /// The `rows.count` x `cols.count` kernel matrix between `rows` and `cols` (for predictions).
    ///
    /// - Throws: as ``matrix(_:interruption:)``.
    public func matrix(
        from rows: [GrassmannPoint], to cols: [GrassmannPoint], interruption: Interruption = .never
    ) throws(GrassmannError) -> Matrix {
        try validate()
        return try PairwiseMatrix.cross(rows, cols, interruption: interruption, entry: evaluate)
    }

    /// Throws unless the length scale (if any) is positive and finite.
    private func validate() throws(GrassmannError) {
        switch self {
        case .projection, .binetCauchy:
            return
        case .rbf(_, let lengthscale), .matern(_, let lengthscale, _):
            guard lengthscale > 0, lengthscale.isFinite else {
                throw .invalidArgument("kernel length scale must be positive and finite, got \(lengthscale)")
            }
        }
    }

    /// The kernel value for principal angles `pa` between `a` and `b`.
    private func evaluate(_ pa: PrincipalAngles, _ a: GrassmannPoint, _ b: GrassmannPoint) throws(GrassmannError) -> Double {
        switch self {
        case .projection:
            return pa.cosines.reduce(0) { $0 + $1 * $1 }
        case .binetCauchy:
            return pa.rankA == pa.rankB ? pa.cosines.reduce(1) { $0 * $1 * $1 } : 0
        case let .rbf(metric, lengthscale):
            let r = try metric.evaluate(pa, a, b) / lengthscale
            return exp(-r * r / 2)
        case let .matern(metric, lengthscale, smoothness):
            let r = try metric.evaluate(pa, a, b) / lengthscale
            switch smoothness {
            case .half:
                return exp(-r)
            case .threeHalves:
                let s = 3.0.squareRoot() * r
                return (1 + s) * exp(-s)
            case .fiveHalves:
                let s = 5.0.squareRoot() * r
                return (1 + s + s * s / 3) * exp(-s)
            }
        }
    }
}
