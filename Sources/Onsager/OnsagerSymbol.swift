import Foundation

/// The Fourier symbol σ(k) = m(k) + i w(k) of the operator M + W of the field tier.
///
/// `(M v)^(k) = m(k) v̂(k)` with m ≥ 0 makes M self-adjoint and positive semi-definite (the
/// dissipative, Onsager-mobility part); `(W v)^(k) = i w(k) v̂(k)` with w odd, w(-k) = -w(k),
/// makes W skew-adjoint (the conservative part). Both are translation-invariant. Examples:
/// m ≡ 1 is an L² gradient flow (Allen–Cahn), m = |k|² an H⁻¹ flow (Cahn–Hilliard),
/// w = -k the KdV Poisson operator -∂x.
///
/// Two forms:
/// - **free**: one value of m and of w per stored mode, as in the paper (m(k) ≥ 0 checked;
///   in 2D m is made even and w odd by averaging each mode with its partner -k; w is zero on
///   self-conjugate modes);
/// - **local**: m(k) = Σ_j α_j |k|^{2j} with every α_j ≥ 0 (so m ≥ 0 for all k), and
///   w(k) = Σ_j β_j |k|^{2j} kx: a finite sum of even and odd derivatives. In 1D, α₀ is L²
///   relaxation, α₁ diffusion or Cahn–Hilliard mobility, β₀ advection (w = β₀k), β₁ KdV
///   dispersion. In 2D the odd part acts along x. The local form has few parameters and
///   extrapolates to modes the data never excites. It too is zero on self-conjugate modes.
///
/// Units: m has the units of (rate)/(energy density), w the same; σ·μ̂ is a rate of u.
public struct OnsagerSymbol: Sendable, Equatable {
    /// Which parameterisation the symbol uses.
    public enum Form: Sendable, Equatable {
        /// One value of m and w per mode.
        case free
        /// `mobilityTerms` even powers α_j |k|^{2j} and `conservativeTerms` odd terms β_j |k|^{2j} kx.
        case local(mobilityTerms: Int, conservativeTerms: Int)
    }

    /// The form.
    public let form: Form
    /// Free form: m(k) per mode. Local form: the coefficients α_j.
    public let mobilityParameters: [Double]
    /// Free form: w(k) per mode. Local form: the coefficients β_j.
    public let conservativeParameters: [Double]

    private init(form: Form, mobility: [Double], conservative: [Double]) {
        self.form = form
        mobilityParameters = mobility
        conservativeParameters = conservative
    }

    /// A free symbol with the given values per mode of `transform`.
    ///
    /// In 2D, m is averaged with its value at -k and w with minus its value there, so that M is
    /// symmetric and W antisymmetric whatever the input; w is set to zero on self-conjugate modes.
    ///
    /// - Throws: ``OnsagerError/invalidArgument(function:message:)`` when an array does not have
    ///   `transform.modeCount` values or m is negative or not finite somewhere.
    public static func free(mobility: [Double], conservative: [Double], on transform: SpectralTransform)
        throws(OnsagerError) -> OnsagerSymbol
    {
        let n = transform.modeCount
        try require(mobility.count == n && conservative.count == n, "symbol",
                    "a free symbol needs \(n) values of m and of w, got \(mobility.count) and \(conservative.count)")
        try require(mobility.allSatisfy { $0 >= 0 && $0.isFinite }, "symbol", "the mobility m(k) must be finite and non-negative")
        try require(conservative.allSatisfy(\.isFinite), "symbol", "the conservative symbol w(k) must be finite")
        var m = mobility, w = conservative
        for k in 0..<n {
            // In 1D a stored mode stands for ±k already; in 2D -k is stored separately.
            let p = transform.partner[k]
            if p != k {
                m[k] = 0.5 * (mobility[k] + mobility[p])
                w[k] = 0.5 * (conservative[k] - conservative[p])
            }
            if transform.isSelfConjugate[k] { w[k] = 0 }
        }
        return OnsagerSymbol(form: .free, mobility: m, conservative: w)
    }

    /// A local symbol m(k) = Σ_j α_j |k|^{2j}, w(k) = Σ_j β_j |k|^{2j} kx.
    ///
    /// - Throws: ``OnsagerError/invalidArgument(function:message:)`` when an α_j is negative or
    ///   a coefficient is not finite, or there are more than 8 terms of either kind.
    public static func local(mobility alpha: [Double], conservative beta: [Double]) throws(OnsagerError) -> OnsagerSymbol {
        try require(alpha.count <= 8 && beta.count <= 8, "symbol", "a local symbol has at most 8 terms of each kind")
        try require(alpha.allSatisfy { $0 >= 0 && $0.isFinite }, "symbol",
                    "the mobility coefficients alpha must be finite and non-negative")
        try require(beta.allSatisfy(\.isFinite), "symbol", "the conservative coefficients beta must be finite")
        return OnsagerSymbol(form: .local(mobilityTerms: alpha.count, conservativeTerms: beta.count),
                             mobility: alpha, conservative: beta)
    }

    /// The values m(k) and w(k) on the modes of `transform`.
    ///
    /// - Throws: ``OnsagerError/invalidArgument(function:message:)`` when a free symbol was made
    ///   for a different number of modes.
    public func values(on transform: SpectralTransform) throws(OnsagerError) -> (mobility: [Double], conservative: [Double]) {
        switch form {
        case .free:
            try require(mobilityParameters.count == transform.modeCount, "symbol",
                        "the free symbol has \(mobilityParameters.count) modes, the grid \(transform.modeCount)")
            return (mobilityParameters, conservativeParameters)
        case .local:
            let n = transform.modeCount
            var m = [Double](repeating: 0, count: n), w = m
            for k in 0..<n {
                for (j, a) in mobilityParameters.enumerated() { m[k] += a * Self.mobilityTerm(j, mode: k, transform) }
                for (j, b) in conservativeParameters.enumerated() { w[k] += b * Self.conservativeTerm(j, mode: k, transform) }
            }
            return (m, w)
        }
    }

    /// The j-th even term |k|^{2j} of the local form at `mode`.
    static func mobilityTerm(_ j: Int, mode: Int, _ transform: SpectralTransform) -> Double {
        pow(transform.kSquared[mode], Double(j))
    }

    /// The j-th odd term |k|^{2j} kx of the local form at `mode` (zero on self-conjugate modes).
    static func conservativeTerm(_ j: Int, mode: Int, _ transform: SpectralTransform) -> Double {
        transform.isSelfConjugate[mode] ? 0 : pow(transform.kSquared[mode], Double(j)) * transform.kx[mode]
    }
}
