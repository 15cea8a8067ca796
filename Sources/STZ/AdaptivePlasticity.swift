/// The adaptive plastic sub-stepping of a cell over one step (`adaptive_plastic_term`).
///
/// Starting from the deviatoric magnitude s̄ and χ, it repeats forward-Euler sub-steps of
/// ṡ̄ = −r, r = 2 t_s μ D^pl(s̄, χ), and χ̇ = t_s · dchi1 · (χ∞ − χ) (dchi1 evaluated at the start
/// of the sub-step), each sub-step as long as possible without changing s̄ by more than
/// `adapt_fac`, until the step Δt is used up. Below yield D^pl = 0 and nothing changes.
///
/// ``substep(_:rate:)`` is one sub-step of the reference's loop, operation for operation, for two
/// cells at once; ``PlasticRelaxation`` drives it over the grid.
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

    /// Where two cells' sub-stepping stands: s̄ (s_y), χ, and the time left of the step, which
    /// is negative once the step is used up.
    struct Progress {
        var sbar: Pair
        var chi: Pair
        var remaining: Pair
    }

    init(parameters: STZParameters, units: SimulationUnits, loading: ShearLoading) {
        law = STZLaw(parameters)
        stressRateScale = 2 * units.timeUnit * units.mu
        timeUnit = units.timeUnit
        chiInf = units.chiInf
        adaptFac = loading.adaptFac
    }

    /// One forward-Euler sub-step of both cells, as long as `adaptFac` allows; a cell whose step
    /// is already used up must not be passed again.
    ///
    /// - Parameters:
    ///   - progress: where the cells stand.
    ///   - rate: D^pl(s̄, χ) of the cells, in 1/s (``STZLaw/plasticRate(sbar:chi:)``), computed
    ///     by the caller in a separate pass: the rate and the step are each long chains of
    ///     dependent operations, and separate loops let the processor overlap many cells.
    /// - Returns: the cells after the sub-step. A non-finite rate ends a cell's sub-stepping
    ///   with NaN s̄ (a blow-up the frame check reports), never an endless loop.
    @inline(__always)
    func substep(_ progress: Progress, rate: Pair) -> Progress {
        let (s, chi, remaining) = (progress.sbar, progress.chi, progress.remaining)
        let chiRate = law.chiRate(plasticRate: rate, sbar: s)
        let r = stressRateScale * rate
        let more = (remaining * r).magnitude .> adaptFac
        let step = Pair.select(more, adaptFac / r.magnitude, remaining)
        return Progress(
            sbar: s - step * r, chi: chi + chiRate * (chiInf - chi) * timeUnit * step,
            remaining: Pair.select(more, remaining - step, Pair(repeating: -1)))
    }
}
