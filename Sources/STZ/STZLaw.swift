/// The plastic flow law of the paper's solver (`stz_dynamics_adam`, `stz_model.hh`): the
/// simplified STZ rate
///
///     D^pl(s̄, χ) = (ε0/τ0) C(s̄) (1 − 1/s̄) exp(−1/χ)   for s̄ ≥ 1, and 0 below yield,
///     C(s) = s − 2 + (s + 2) exp(−s),
///
/// with s̄ the deviatoric stress magnitude in units of s_y and χ = T_eff / T_Z, together with the
/// effective-temperature production rate 2 D^pl s̄ / c0 that drives χ towards χ∞.
///
/// The solver evaluates it on two cells at a time (``Pair``, with ``exponential(_:)``); the
/// per-value methods use the same code.
public struct STZLaw: Sendable, Equatable {
    /// ε0, the rate prefactor, dimensionless (`ep`).
    public let ep: Double
    /// τ0, the molecular vibration time, in s.
    public let tau0: Double
    /// c0, the inverse plastic-work fraction, dimensionless.
    public let c0: Double

    /// The law with prefactor `ep`, vibration time `tau0` (s) and work fraction `c0`.
    public init(ep: Double, tau0: Double, c0: Double) {
        self.ep = ep
        self.tau0 = tau0
        self.c0 = c0
    }

    /// The law of a parameter set.
    public init(_ parameters: STZParameters) {
        self.init(ep: parameters.ep, tau0: parameters.tau0, c0: parameters.c0)
    }

    /// The plastic strain rate D^pl, in 1/s, at deviatoric stress magnitude `sbar` (in s_y)
    /// and dimensionless effective temperature `chi`. Zero below yield (s̄ < 1).
    public func plasticRate(sbar: Double, chi: Double) -> Double {
        plasticRate(sbar: Pair(repeating: sbar), chi: Pair(repeating: chi))[0]
    }

    /// The rate coefficient of χ, `dchi1` = 2 D^pl s̄ / c0 in 1/s: χ̇ = dchi1 (χ∞ − χ).
    ///
    /// - Parameters:
    ///   - plasticRate: D^pl in 1/s.
    ///   - sbar: the deviatoric stress magnitude, in s_y.
    public func chiRate(plasticRate: Double, sbar: Double) -> Double {
        chiRate(plasticRate: Pair(repeating: plasticRate), sbar: Pair(repeating: sbar))[0]
    }

    /// ``plasticRate(sbar:chi:)`` for two cells.
    @inline(__always)
    func plasticRate(sbar: Pair, chi: Pair) -> Pair {
        let c = (sbar - 2) + exponential(-sbar) * (sbar + 2)
        let rate = (ep / tau0) * c * (1 - 1 / sbar) * exponential(-1 / chi)
        return Pair.select(sbar .>= 1, rate, Pair(repeating: 0))
    }

    /// ``chiRate(plasticRate:sbar:)`` for two cells (with 2/c0 as one factor, which a loop
    /// computes once).
    @inline(__always)
    func chiRate(plasticRate: Pair, sbar: Pair) -> Pair {
        (2 / c0) * plasticRate * sbar
    }
}
