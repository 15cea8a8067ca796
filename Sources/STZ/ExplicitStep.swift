/// The explicit part of one quasi-static step (`advection_step`): advection of the reference
/// map, the stresses and χ with ENO2 upwinding, the Truesdell-rate terms of the velocity
/// gradient, and the plastic relaxation; all from the values at the start of the step, at the
/// shear strain γ_n of the start of the step.
///
/// It runs in passes over the grid, each a simple loop, so that their costs can be timed apart
/// and the loops stay free of data-dependent branches: ``relaxPlastically(_:gamma:)`` does the
/// adaptive plastic sub-stepping of every cell (it depends on the cell alone); ``advect(_:gamma:)``
/// computes the centre velocities and gradients, the advection increments, then the new fields
/// into the state's `next` buffers. χ diffusion (``ChiDiffusion``) then adds to the new χ before
/// the buffers are swapped.
///
/// Owns its workspace, so an instance belongs to one run.
final class ExplicitStep {
    let layout: GhostedLayout
    let plasticity: AdaptivePlasticity
    /// The step Δt, in time units.
    let dt: Double
    /// Δt / (2Δx) and Δt / (2Δy), in time units per Å: ENO2 and corner differences give Δt
    /// times a derivative with these.
    let hx, hy: Double
    /// Per cell: s̄ at the start of the step, the relative decrease d of the deviator, and χ
    /// after the plastic sub-steps.
    private let sbar, relaxation, chiAfterPlasticity: UnsafeMutablePointer<Double>
    /// Per cell: the centre velocity (mean of the four corners) and Δt times its gradient.
    private let centreU, centreV, ux, uy, vx, vy: UnsafeMutablePointer<Double>
    /// Per cell: the advection increments of p, q, s, τ, χ.
    private let advP, advQ, advS, advTau, advChi: UnsafeMutablePointer<Double>
    /// Per cell: s̄ and the time left after the first plastic sub-step.
    private let progressSbar, progressRemaining: UnsafeMutablePointer<Double>
    /// Workspace of the ENO2 passes: second differences along x and y.
    private let secondX, secondY: UnsafeMutablePointer<Double>
    /// The cells that need more than one plastic sub-step in the current step.
    private let pending: UnsafeMutablePointer<Int>
    private let buffers: [UnsafeMutablePointer<Double>]

    init(grid: ShearGrid, units: SimulationUnits, plasticity: AdaptivePlasticity) {
        let layout = GhostedLayout(nx: grid.nx, ny: grid.ny)
        self.layout = layout
        self.plasticity = plasticity
        dt = units.dt
        hx = 0.5 / grid.dx * units.dt
        hy = 0.5 / grid.dy * units.dt
        let b = (0..<18).map { _ in
            let p = UnsafeMutablePointer<Double>.allocate(capacity: layout.count)
            p.initialize(repeating: 0, count: layout.count)
            return p
        }
        buffers = b
        (sbar, relaxation, chiAfterPlasticity) = (b[0], b[1], b[2])
        (centreU, centreV, ux, uy, vx, vy) = (b[3], b[4], b[5], b[6], b[7], b[8])
        (advP, advQ, advS, advTau, advChi) = (b[9], b[10], b[11], b[12], b[13])
        (progressSbar, progressRemaining, secondX, secondY) = (b[14], b[15], b[16], b[17])
        pending = .allocate(capacity: layout.count)
    }

    deinit {
        for b in buffers { b.deallocate() }
        pending.deallocate()
    }

    /// The plastic pass: for every cell, s̄ of the physical stress at `gamma`, then the adaptive
    /// sub-steps. Writes the state's `ddev`, and the relaxation d and χ after plasticity.
    ///
    /// The first sub-step runs for every yielding cell without branching on its outcome; the
    /// cells that need more sub-steps are collected and finished afterwards.
    ///
    /// - Parameter gamma: the shear strain γ_n at the start of the step.
    func relaxPlastically(_ state: ShearState, gamma: Double) {
        let (p, q, s, tau, chi, ddev) = (state.p, state.q, state.s, state.tau, state.chi, state.ddev)
        let (sbar, d, chiOut) = (self.sbar, relaxation, chiAfterPlasticity)
        var pendingCount = 0
        for j in 0..<layout.ny {
            let start = layout.index(0, j), end = start &+ layout.nx
            for c in start..<end {
                sbar[c] = StressState(p: p[c], q: q[c], s: s[c], tau: tau[c]).physical(gamma: gamma).deviatoricMagnitude
            }
            for c in start..<end {
                let s0 = sbar[c], x = chi[c]
                if s0 < 1 {
                    // Below yield nothing changes; below 1e-12 the reference leaves ddev as it was.
                    if s0 >= 1e-12 { ddev[c] = 0 }
                    d[c] = 0
                    chiOut[c] = x
                } else {
                    let first = plasticity.firstSubstep(sbar: s0, chi: x, dt: dt)
                    ddev[c] = s0 - first.sbar
                    d[c] = ddev[c] / s0
                    chiOut[c] = first.chi
                    (progressSbar[c], progressRemaining[c]) = (first.sbar, first.remaining)
                    pending[pendingCount] = c
                    pendingCount &+= first.done ? 0 : 1
                }
            }
        }
        for k in 0..<pendingCount {
            let c = pending[k], s0 = sbar[c]
            let last = plasticity.finish(.init(sbar: progressSbar[c], chi: chiOut[c], remaining: progressRemaining[c], done: false))
            ddev[c] = s0 - last.sbar
            d[c] = ddev[c] / s0
            chiOut[c] = last.chi
        }
    }

    /// The advection pass: new X, Y at the corners and new p, q, s, τ, χ (before diffusion) at
    /// the centres, written into the state's `next` buffers.
    ///
    /// - Parameter gamma: the shear strain γ_n at the start of the step.
    func advect(_ state: ShearState, gamma lt: Double) {
        let (u, v, gm) = (state.u, state.v, layout.stride)
        // Centre velocity and Δt times its gradient, from the four corners of each cell.
        for j in 0..<layout.ny {
            let start = layout.index(0, j)
            for c in start..<(start + layout.nx) {
                let (u00, u10, u01, u11) = (u[c], u[c + 1], u[c + gm], u[c + gm + 1])
                let (v00, v10, v01, v11) = (v[c], v[c + 1], v[c + gm], v[c + gm + 1])
                centreU[c] = 0.25 * (u00 + u10 + u01 + u11)
                centreV[c] = 0.25 * (v00 + v10 + v01 + v11)
                ux[c] = hx * (-u00 + u10 - u01 + u11)
                uy[c] = hy * (-u00 - u10 + u01 + u11)
                vx[c] = hx * (-v00 + v10 - v01 + v11)
                vy[c] = hy * (-v00 - v10 + v01 + v11)
            }
        }
        // Reference map at the corners, advected by the corner velocity: X' = X − Δt V·∇X.
        for (field, next) in [(state.X, state.nextX), (state.Y, state.nextY)] {
            advectionIncrement(
                field, vx: u, vy: v, into: next, secondX: secondX, secondY: secondY, layout: layout, hx: hx, hy: hy)
            for j in 0..<layout.ny {
                let start = layout.index(0, j)
                for c in start..<(start + layout.nx) { next[c] = field[c] - next[c] }
            }
        }
        let (p, q, s, tau, chi) = (state.p, state.q, state.s, state.tau, state.chi)
        for (field, increment) in [(p, advP), (q, advQ), (s, advS), (tau, advTau), (chi, advChi)] {
            advectionIncrement(
                field, vx: centreU, vy: centreV, into: increment, secondX: secondX, secondY: secondY, layout: layout,
                hx: hx, hy: hy)
        }
        updateCentres(state, gamma: lt)
    }

    /// New p, q, s, τ, χ: advection, the plastic relaxation of the physical deviator (the d
    /// terms, which keep the physical pressure) and the Truesdell terms of Δt ∇V.
    private func updateCentres(_ state: ShearState, gamma lt: Double) {
        let (p, q, s, tau) = (state.p, state.q, state.s, state.tau)
        let (np, nq, ns, ntau, nchi) = (state.nextP, state.nextQ, state.nextS, state.nextTau, state.nextChi)
        let third = 1.0 / 3, ltsq = lt * lt
        for j in 0..<layout.ny {
            let start = layout.index(0, j)
            for c in start..<(start + layout.nx) {
                let (pc, qc, sc, tc) = (p[c], q[c], s[c], tau[c])
                let (ux, uy, vx, vy, dc) = (ux[c], uy[c], vx[c], vy[c], relaxation[c])
                let oldP = StressState(p: pc, q: qc, s: sc, tau: tc).physical(gamma: lt).p
                np[c] = pc + (-advP[c] - third * dc * (2 * lt * tc - ltsq * (pc + qc + sc) - ltsq * oldP)
                    - 2 * third * tc * (uy + vx) - third * (pc - 2 * qc) * (ux + vy) + 2 * third * sc * (vy - ux))
                nq[c] = qc + (-advQ[c] - dc * (qc - ltsq / 6 * oldP) - third * tc * (uy + vx)
                    + third * (pc - 2 * qc) * (ux + vy) + third * sc * (vy - ux))
                ns[c] = sc + (-advS[c] - dc * (sc + ltsq / 2 * oldP) - tc * (vx - uy) + (pc + qc) * (vy - ux))
                ntau[c] = tc + (-advTau[c] - dc * (tc - lt * oldP) - (pc + qc) * (uy + vx) + sc * (vx - uy))
                nchi[c] = chiAfterPlasticity[c] - advChi[c]
            }
        }
    }
}
