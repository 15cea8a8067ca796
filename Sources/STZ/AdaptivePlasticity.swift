/// The adaptive plastic sub-stepping of one cell over one step (`adaptive_plastic_term`).
///
/// Starting from the deviatoric magnitude s̄ and χ, it repeats forward-Euler sub-steps of
/// ṡ̄ = −r, r = 2 t_s μ D^pl(s̄, χ), and χ̇ = t_s · dchi1 · (χ∞ − χ) (dchi1 evaluated at the start
/// of the sub-step), each sub-step as long as possible without changing s̄ by more than
/// `adapt_fac`, until the step Δt is used up.
struct AdaptivePlasticity: Sendable {
    /// The flow law.
    let law: STZLaw
    /// 2 t_s μ: converts D^pl (1/s) into the rate of s̄ (s_y per time unit).
    let stressRateScale: Double
    /// The time unit t_s, in s: converts 1/s rates into per-time-unit rates.
    let timeUnit: Double
    /// χ∞, dimensionless.
    let chiInf: Double
    /// The largest change of s̄ per sub-step, in s_y.
    let adaptFac: Double

    /// Sub-steps beyond which a cell is declared diverged (s̄ falls by `adaptFac` per sub-step,
    /// so only a non-physical s̄ gets anywhere near this).
    static let maximumSubsteps = 1_000_000

    init(parameters: STZParameters, units: SimulationUnits, loading: ShearLoading) {
        law = STZLaw(parameters)
        stressRateScale = 2 * units.timeUnit * units.mu
        timeUnit = units.timeUnit
        chiInf = units.chiInf
        adaptFac = loading.adaptFac
    }

    /// Relaxes one cell over `dt` time units.
    ///
    /// - Parameters:
    ///   - sbar: the deviatoric magnitude s̄ at the start of the step, in s_y.
    ///   - chi: χ at the start; on return, χ after the plastic sub-steps.
    ///   - ddev: on return, the total decrease of s̄ over the step (the `ddev` that feeds χ
    ///     diffusion). As in the reference, it is left untouched when s̄ < 1e-12.
    ///   - dt: the step, in time units.
    /// - Returns: the relative decrease d = ddev / s̄ that scales the physical deviator by
    ///   (1 − d); NaN when the sub-stepping diverges (non-finite rate or too many sub-steps).
    @inline(__always)
    func relax(sbar: Double, chi: inout Double, ddev: inout Double, dt: Double) -> Double {
        if sbar < 1e-12 { return 0 }
        if sbar < 1 {
            // Below yield D^pl = 0: one sub-step of zero change, exactly as the loop would do.
            ddev = 0
            return 0
        }
        var remaining = dt, s = sbar, substeps = 0
        while true {
            let rate = law.plasticRate(sbar: s, chi: chi)
            let chiRate = law.chiRate(plasticRate: rate, sbar: s)
            let r = stressRateScale * rate
            guard r.isFinite, substeps < AdaptivePlasticity.maximumSubsteps else {
                ddev = .nan
                return .nan
            }
            substeps += 1
            let step: Double
            let last = !(abs(remaining * r) > adaptFac)
            if last {
                step = remaining
            } else {
                step = adaptFac / abs(r)
                remaining -= step
            }
            s -= step * r
            chi += chiRate * (chiInf - chi) * timeUnit * step
            if last { break }
        }
        ddev = sbar - s
        return ddev / sbar
    }
}
