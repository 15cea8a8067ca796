/// A plane-strain stress in the reference's (p, q, s, τ) representation, in units of s_y:
/// σxx = −p + s − q, σyy = −p − s − q, σzz = −p + 2q, σxy = τ.
///
/// The solver stores the transformed stress Σ = T⁻¹ σ T⁻ᵀ of the sheared frame, T = [[1, γ], [0, 1]];
/// ``physical(gamma:)`` maps it back to the Cauchy stress.
public struct StressState: Sendable, Equatable {
    /// p, the pressure component, in s_y.
    public var p: Double
    /// q, the out-of-plane deviatoric component, in s_y.
    public var q: Double
    /// s, the in-plane normal deviatoric component, in s_y.
    public var s: Double
    /// τ, the shear component σxy, in s_y.
    public var tau: Double

    /// A stress from its four components, in s_y.
    public init(p: Double, q: Double, s: Double, tau: Double) {
        self.p = p
        self.q = q
        self.s = s
        self.tau = tau
    }

    /// The physical (Cauchy) stress of this transformed stress at shear strain γ (`fields.hh`
    /// of the paper build): τ_ph = τ − γ(p+q+s), s_ph = s + γ(τ − γ(p+q+s)/2),
    /// q_ph = q + (γ/3)(−τ + γ(p+q+s)/2), p_ph = p + γ(−2τ/3 + γ(p+q+s)/3).
    public func physical(gamma: Double) -> StressState {
        let ph = StressState.physical(p: p, q: q, s: s, tau: tau, gamma: gamma)
        return StressState(p: ph.p, q: ph.q, s: ph.s, tau: ph.tau)
    }

    /// The deviatoric magnitude s̄ = √(3q² + s² + τ²) = √(½ s_dev : s_dev) of this (physical)
    /// stress, in s_y. The STZ law yields for s̄ ≥ 1. This is the reference's `dev`, not the
    /// von Mises stress (which is √3 s̄).
    public var deviatoricMagnitude: Double {
        StressState.deviatoricMagnitude(q: q, s: s, tau: tau)
    }

    /// ``physical(gamma:)`` on components given per value or per pair of cells.
    @inline(__always)
    static func physical<V: LaneArithmetic>(p: V, q: V, s: V, tau: V, gamma g: Double) -> (p: V, q: V, s: V, tau: V) {
        let sum = p + q + s
        return (
            p + g * ((-2 / 3.0) * tau + (1 / 3.0) * g * sum),
            q + g * (1 / 3.0) * ((-1) * tau + g * 0.5 * sum),
            s + g * (tau - g * 0.5 * sum),
            tau - g * sum)
    }

    /// ``deviatoricMagnitude`` on components given per value or per pair of cells.
    @inline(__always)
    static func deviatoricMagnitude<V: LaneArithmetic>(q: V, s: V, tau: V) -> V {
        (3 * q * q + s * s + tau * tau).squareRoot()
    }
}
