import Foundation

/// The adaptive plastic sub-stepping of one cell over one step (`adaptive_plastic_term`).
///
/// Starting from the deviatoric magnitude s̄ and χ, it repeats forward-Euler sub-steps of
/// ṡ̄ = −r, r = 2 t_s μ D^pl(s̄, χ), and χ̇ = t_s · dchi1 · (χ∞ − χ) (dchi1 evaluated at the start
/// of the sub-step), each sub-step as long as possible without changing s̄ by more than
/// `adapt_fac`, until the step Δt is used up. Below yield D^pl = 0 and nothing changes.
///
/// The first sub-step (``firstSubstep(sbar:chi:dt:)``) is straight-line code, so the grid pass
/// can run it for every cell without branching on the outcome; the few cells that need more
/// sub-steps continue in ``finish(_:)``. Together they are the reference's loop, operation for
/// operation.
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

    /// Where a cell's sub-stepping stands: s̄ (s_y), χ, and the time left of the step.
    struct Progress {
        var sbar: Double
        var chi: Double
        var remaining: Double
        /// `true` when the step is used up.
        var done: Bool
    }

    init(parameters: STZParameters, units: SimulationUnits, loading: ShearLoading) {
        law = STZLaw(parameters)
        stressRateScale = 2 * units.timeUnit * units.mu
        timeUnit = units.timeUnit
        chiInf = units.chiInf
        adaptFac = loading.adaptFac
    }

    /// One forward-Euler sub-step from `progress`, as long as `adaptFac` allows.
    @inline(__always)
    func substep(_ progress: Progress) -> Progress {
        let (s, chi, remaining) = (progress.sbar, progress.chi, progress.remaining)
        let rate = law.plasticRate(sbar: s, chi: chi)
        let chiRate = law.chiRate(plasticRate: rate, sbar: s)
        let r = stressRateScale * rate
        let done = !(abs(remaining * r) > adaptFac)
        let step = done ? remaining : adaptFac / abs(r)
        return Progress(
            sbar: s - step * r, chi: chi + chiRate * (chiInf - chi) * timeUnit * step,
            remaining: done ? remaining : remaining - step, done: done)
    }

    /// The first sub-step of a cell at or above yield, from s̄ (in s_y) and χ over `dt` time
    /// units.
    @inline(__always)
    func firstSubstep(sbar: Double, chi: Double, dt: Double) -> Progress {
        substep(Progress(sbar: sbar, chi: chi, remaining: dt, done: false))
    }

    /// Continues the sub-steps until the step is used up. The result has NaN s̄ when the
    /// sub-stepping diverges (a non-finite rate, or more than ``maximumSubsteps``).
    func finish(_ progress: Progress) -> Progress {
        var p = progress, count = 1
        while !p.done {
            guard p.sbar.isFinite, count < AdaptivePlasticity.maximumSubsteps else {
                return Progress(sbar: .nan, chi: .nan, remaining: 0, done: true)
            }
            p = substep(p)
            count += 1
        }
        return p
    }
}
