import Foundation
import Linalg

/// A distance between points of Grassmann manifolds, as a function of their principal angles
/// theta_1..theta_k (k = min(p, q)) and of the dimension difference dr = |p - q|.
///
/// The built-in metrics are UQpy's (with UQpy's rank-mismatch terms), plus the chordal distance
/// and the exact recipe of the paper's calibration code. For points of equal dimension:
///
/// | metric | distance | metric (triangle inequality) | Hilbertian |
/// |---|---|---|---|
/// | geodesic | sqrt(dr pi^2/4 + sum theta^2), the arc length | yes | no |
/// | chordal | sqrt(dr + 2 sum sin^2 theta) = the Frobenius norm of P_A - P_B | yes | yes |
/// | projection | sqrt(dr + sum sin^2 theta) | yes | yes |
/// | procrustes | 2 sqrt(dr + sum sin^2(theta/2)) | yes | no |
/// | binetCauchy | sqrt(1 - prod cos^2 theta) | yes | yes |
/// | martin | sqrt(-sum log cos^2 theta), cos^2 floored at the smallest normal double as in UQpy | no | no |
/// | asimov | max theta | yes | no |
/// | fubiniStudy | arccos(prod cos theta) | yes | no |
/// | spectral | 2 sin(max theta / 2) | yes | no |
/// | paper | sqrt(sum arccos(c)^2), c = cosines rounded to 6 decimals and clipped at 1 | no | no |
///
/// "Hilbertian" means the squared distance is conditionally negative definite (the distance is
/// a Euclidean distance after an embedding: the projector P = YY' for chordal and projection,
/// the Plucker vector for Binet-Cauchy), so RBF and Matern kernels built on it are positive
/// definite for every length scale. Binet-Cauchy, Fubini-Study, Martin, Asimov and spectral
/// ignore dr (a missing direction counts as nothing), as in UQpy; on subspaces of different
/// dimension only geodesic, chordal and projection remain metrics.
///
/// Expressions that lose precision for small angles are evaluated in forms that do not
/// (`1 - prod cos^2` as `-expm1(sum log1p(-sin^2))`, Fubini-Study through `atan2`), except in
/// `paper`, which reproduces `calibration.py` exactly.
public enum GrassmannMetric {
    /// The arc length of the shortest geodesic, with UQpy's term dr pi^2/4 for unequal dimensions.
    case geodesic
    /// The Frobenius norm of the difference of the orthogonal projectors, ||P_A - P_B||_F.
    case chordal
    /// UQpy's projection distance, ||P_A - P_B||_F / sqrt(2) for equal dimensions.
    case projection
    /// UQpy's Procrustes distance, min over bases of ||A Q1 - B Q2||_F for equal dimensions.
    case procrustes
    /// The Binet-Cauchy distance, from the determinant of A'B.
    case binetCauchy
    /// The Martin distance (infinite, here large, when a principal angle reaches pi/2).
    case martin
    /// The Asimov distance, the largest principal angle.
    case asimov
    /// The Fubini-Study distance, the angle between the Plucker embeddings.
    case fubiniStudy
    /// The spectral distance, the chordal 2-norm.
    case spectral
    /// The geodesic distance exactly as the paper's `calibration.py` computes it: numpy's
    /// `np.round(s, 6)` of the singular values of A'B (round half to even of `s * 1e6`), values
    /// above 1 set to 1, no rank-mismatch term.
    case paper
    /// A metric defined by the caller.
    case custom(CustomMetric)

    /// The built-in metrics, in the order of the table above.
    public static var builtIn: [GrassmannMetric] {
        [.geodesic, .chordal, .projection, .procrustes, .binetCauchy, .martin, .asimov, .fubiniStudy, .spectral, .paper]
    }

    /// The built-in metric called `name` (`"geodesic"`, `"binet_cauchy"`, ...), or nil.
    public init?(builtInName name: String) {
        guard let metric = Self.builtIn.first(where: { $0.name == name }) else { return nil }
        self = metric
    }

    /// The metric's name: snake_case for the built-in ones, the registered name for a custom one.
    public var name: String {
        switch self {
        case .geodesic: "geodesic"
        case .chordal: "chordal"
        case .projection: "projection"
        case .procrustes: "procrustes"
        case .binetCauchy: "binet_cauchy"
        case .martin: "martin"
        case .asimov: "asimov"
        case .fubiniStudy: "fubini_study"
        case .spectral: "spectral"
        case .paper: "paper"
        case .custom(let metric): metric.name
        }
    }

    /// `true` when the distance satisfies the triangle inequality on subspaces of equal
    /// dimension (unknown, so `false`, for a custom metric).
    public var isMetric: Bool {
        switch self {
        case .martin, .paper, .custom: false
        default: true
        }
    }

    /// `true` when the squared distance is conditionally negative definite on subspaces of equal
    /// dimension, so that RBF and Matern kernels on it are positive definite (chordal and
    /// projection: on subspaces of any dimensions).
    public var isHilbertian: Bool {
        switch self {
        case .chordal, .projection, .binetCauchy: true
        default: false
        }
    }

    /// The distance between `a` and `b`.
    ///
    /// - Throws: ``GrassmannError/dimensionMismatch(_:_:_:)`` for different ambient spaces,
    ///   the errors of a custom metric.
    public func distance(_ a: GrassmannPoint, _ b: GrassmannPoint) throws(GrassmannError) -> Double {
        try evaluate(a.principalAngles(with: b), a, b)
    }

    /// The distance for principal angles `pa` between `a` and `b` (whose singular values a
    /// custom metric may use).
    func evaluate(_ pa: PrincipalAngles, _ a: GrassmannPoint, _ b: GrassmannPoint) throws(GrassmannError) -> Double {
        let theta = pa.angles, dr = Double(pa.rankDifference)
        let sumOfSquares = { (f: (Double) -> Double) in theta.reduce(0) { $0 + f($1) * f($1) } }
        switch self {
        case .geodesic:
            return (dr * .pi * .pi / 4 + sumOfSquares { $0 }).squareRoot()
        case .chordal:
            return (dr + 2 * sumOfSquares(sin)).squareRoot()
        case .projection:
            return (dr + sumOfSquares(sin)).squareRoot()
        case .procrustes:
            return 2 * (dr + sumOfSquares { sin($0 / 2) }).squareRoot()
        case .binetCauchy:
            return Self.oneMinusProductOfSquaredCosines(theta).squareRoot()
        case .martin:
            return theta.reduce(0) { sum, t in
                sum + (t < .pi / 4 ? -log1p(-sin(t) * sin(t)) : -log(Swift.max(cos(t) * cos(t), Double.leastNormalMagnitude)))
            }.squareRoot()
        case .asimov:
            return theta.max() ?? 0
        case .fubiniStudy:
            let productOfCosines = theta.reduce(1) { $0 * cos($1) }
            return atan2(Self.oneMinusProductOfSquaredCosines(theta).squareRoot(), productOfCosines)
        case .spectral:
            return 2 * sin((theta.max() ?? 0) / 2)
        case .paper:
            return pa.cosines.reduce(0) { sum, c in
                let angle = acos(Swift.min((c * 1e6).rounded(.toNearestOrEven) / 1e6, 1))
                return sum + angle * angle
            }.squareRoot()
        case .custom(let metric):
            return try metric.distance(pa, a, b)
        }
    }

    /// 1 - prod cos^2(theta_i), accurate when every angle is tiny: -expm1(sum log1p(-sin^2)).
    private static func oneMinusProductOfSquaredCosines(_ theta: [Double]) -> Double {
        -expm1(theta.reduce(0) { $0 + log1p(-sin($1) * sin($1)) })
    }
}

extension CustomMetric {
    /// The user's distance for one pair, checked to be a finite number.
    func distance(_ pa: PrincipalAngles, _ a: GrassmannPoint, _ b: GrassmannPoint) throws(GrassmannError) -> Double {
        var sa: [Double]?, sb: [Double]?
        if usesSingularValues {
            guard let first = a.singularValues, let second = b.singularValues else { throw .missingSingularValues(metric: name) }
            (sa, sb) = (first, second)
        }
        let value = try evaluate(
            MetricInput(angles: pa.angles, rankA: pa.rankA, rankB: pa.rankB, singularValuesA: sa, singularValuesB: sb))
        guard value.isFinite else { throw .metricFailed(name: name, message: "returned \(value), not a finite number") }
        return value
    }
}
