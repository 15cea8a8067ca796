/// The exact shortcut for the homogeneous elastic phase at the start of a run.
///
/// A run starts with zero stress and zero velocity. As long as the stress is uniform and below
/// yield (s̄ < 1, so D^pl = 0), a full step changes nothing but the stress: the plastic pass
/// gives d = 0, χ unchanged and `ddev` = 0; every advection increment is a zero velocity times a
/// finite ENO difference, so exactly zero; χ diffusion has zero diffusivity; the projection's
/// right-hand side is a difference of equal values, exactly zero, so V = 0; and the stress update
/// with zero velocity gradient adds the same imposed-shear increment to every cell, which keeps
/// the stress uniform. This shortcut adds only that increment (the same numbers the full update
/// computes, and the full update's other terms are exact zeros), so its results are bit-for-bit
/// those of the full step. In set B it covers the first 600 steps (γ < 0.05), a tenth of the run.
struct HomogeneousElasticPhase {
    /// `true` while the state is known to be homogeneous (it is at the start of every run).
    private(set) var isActive = true

    /// Advances the state by one step through the shortcut when the state is homogeneous and
    /// below yield at its current shear strain `gamma`; otherwise ends the phase for good.
    ///
    /// - Returns: `true` when the step was taken, `false` when the caller must take a full step.
    mutating func advance(_ state: ShearState, projection: ProjectionStep, units: SimulationUnits, gamma: Double) -> Bool {
        guard isActive else { return false }
        let c = state.layout.origin
        let stress = StressState(p: state.p[c], q: state.q[c], s: state.s[c], tau: state.tau[c])
        guard stress.physical(gamma: gamma).deviatoricMagnitude < 1 else {
            isActive = false
            return false
        }
        state.time += units.dt
        let increment = projection.imposedShearIncrement(gamma: units.lambda * state.time)
        // Every stored value, ghosts included, holds the uniform stress.
        for k in 0..<state.layout.count {
            state.p[k] += increment.p
            state.q[k] += increment.q
            state.s[k] += increment.s
            state.tau[k] += increment.tau
        }
        return true
    }
}
