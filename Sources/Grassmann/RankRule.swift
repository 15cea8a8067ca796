import Linalg

/// How ``GrassmannPoint/init(projecting:rank:)`` chooses the dimension p of the subspace kept
/// from a matrix's singular value decomposition (singular values s1 >= s2 >= ... >= sk).
public enum RankRule: Sendable, Hashable, CustomStringConvertible {
    /// Whether a tolerance is compared with the singular values themselves or with their ratio
    /// to the largest one.
    public enum Scale: Sendable, Hashable {
        /// Keep s_i > tolerance.
        case absolute
        /// Keep s_i > tolerance * s1.
        case relative
    }

    /// Exactly r leading singular vectors (the paper's fixed per-frame ranks).
    case fixed(Int)
    /// Every singular value above the tolerance (absolute, or relative to s1): the numerical rank.
    case tolerance(Double, Scale)
    /// The fewest leading singular vectors whose energy s1^2 + ... + sp^2 reaches `fraction` of
    /// the total s1^2 + ... + sk^2, for 0 < fraction <= 1 (0.999 keeps 99.9 % of the energy).
    case energy(Double)

    /// The rank this rule gives for `singularValues` (descending) of a matrix of `shape`.
    ///
    /// - Throws: ``GrassmannError/rankTooLarge(requested:shape:)`` for a fixed rank above
    ///   min(m, n); ``GrassmannError/invalidRank(_:)`` for a rank below 1, a negative or NaN
    ///   tolerance, a fraction outside (0, 1], or a rule that keeps nothing (a zero matrix).
    func rank(for singularValues: [Double], shape: Shape) throws(GrassmannError) -> Int {
        let kept: Int
        switch self {
        case .fixed(let r):
            guard r >= 1 else { throw .invalidRank("rank must be at least 1, got \(r)") }
            guard r <= singularValues.count else { throw .rankTooLarge(requested: r, shape: shape) }
            return r
        case let .tolerance(value, scale):
            guard value >= 0 else { throw .invalidRank("rank tolerance must be non-negative, got \(value)") }
            let cutoff = scale == .relative ? value * (singularValues.first ?? 0) : value
            kept = singularValues.count(where: { $0 > cutoff })
        case .energy(let fraction):
            guard fraction > 0, fraction <= 1 else {
                throw .invalidRank("energy fraction must be in (0, 1], got \(fraction)")
            }
            let energies = singularValues.map { $0 * $0 }
            let target = fraction * energies.reduce(0, +)
            var captured = 0.0, count = 0
            for energy in energies where captured < target {
                captured += energy
                count += 1
            }
            kept = target > 0 ? count : 0
        }
        guard kept >= 1 else { throw .invalidRank("\(self) keeps no singular vector of the \(shape) matrix (largest singular value \(singularValues.first ?? 0))") }
        return kept
    }

    /// `rank = 5`, `tol = 1e-06 (relative)`, `energy = 0.999`.
    public var description: String {
        switch self {
        case .fixed(let r): return "rank = \(r)"
        case let .tolerance(value, scale): return "tol = \(value) (\(scale == .relative ? "relative" : "absolute"))"
        case .energy(let fraction): return "energy = \(fraction)"
        }
    }
}
