/// The explicit part of one quasi-static step (`advection_step`): advection of the reference
/// map, the stresses and χ with ENO2 upwinding, the Truesdell-rate terms of the velocity
/// gradient, and the plastic relaxation; all from the values at the start of the step, at the
/// shear strain γ_n of the start of the step.
///
/// It runs as two passes so that their costs can be timed apart: ``relaxPlastically(_:gamma:)``
/// does the adaptive plastic sub-stepping of every cell (it depends on the cell alone), then
/// ``advect(_:gamma:)`` computes the new fields into the state's `next` buffers. χ diffusion
/// (``ChiDiffusion``) then adds to the new χ before the buffers are swapped.
struct ExplicitStep: Sendable {
    let layout: GhostedLayout
    let plasticity: AdaptivePlasticity
    /// The step Δt, in time units.
    let dt: Double
    /// Δt / (2Δx) and Δt / (2Δy), in time units per Å: ENO2 and corner differences give
    /// Δt times a derivative with these.
    let hx, hy: Double

    init(grid: ShearGrid, units: SimulationUnits, plasticity: AdaptivePlasticity) {
        layout = GhostedLayout(nx: grid.nx, ny: grid.ny)
        self.plasticity = plasticity
        dt = units.dt
        hx = 0.5 / grid.dx * units.dt
        hy = 0.5 / grid.dy * units.dt
    }

    /// The plastic pass: for every cell, s̄ of the physical stress at `gamma`, then the adaptive
    /// sub-steps. Writes `ddev`, the relaxation d, and χ after plasticity.
    ///
    /// - Parameter gamma: the shear strain γ_n at the start of the step.
    func relaxPlastically(_ state: ShearState, gamma: Double) {
        let (ddev, chi, d, chiOut) = (state.ddev, state.chi, state.relaxation, state.chiAfterPlasticity)
        for j in 0..<layout.ny {
            var c = layout.index(0, j)
            for _ in 0..<layout.nx {
                let sbar = state.stress(at: c).physical(gamma: gamma).deviatoricMagnitude
                var x = chi[c]
                d[c] = plasticity.relax(sbar: sbar, chi: &x, ddev: &ddev[c], dt: dt)
                chiOut[c] = x
                c += 1
            }
        }
    }

    /// The advection pass: new X, Y at the corners and new p, q, s, τ, χ (before diffusion) at
    /// the centres, written into the state's `next` buffers.
    ///
    /// - Parameter gamma: the shear strain γ_n at the start of the step.
    func advect(_ state: ShearState, gamma lt: Double) {
        let (u, v, X, Y) = (state.u, state.v, state.X, state.Y)
        let (p, q, s, tau, chi) = (state.p, state.q, state.s, state.tau, state.chi)
        let (nX, nY, np, nq, ns, ntau, nchi) =
            (state.nextX, state.nextY, state.nextP, state.nextQ, state.nextS, state.nextTau, state.nextChi)
        let (d, chiPl) = (state.relaxation, state.chiAfterPlasticity)
        let gm = layout.stride
        let third = 1.0 / 3, ltsq = lt * lt
        for j in 0..<layout.ny {
            var c = layout.index(0, j)
            for _ in 0..<layout.nx {
                // Reference map at corner (i, j), advected by the corner velocity.
                let uk = u[c], vk = v[c]
                let xx = upwindDerivative(X, c, 1, velocity: uk, h: hx)
                let yx = upwindDerivative(Y, c, 1, velocity: uk, h: hx)
                let xy = upwindDerivative(X, c, gm, velocity: vk, h: hy)
                let yy = upwindDerivative(Y, c, gm, velocity: vk, h: hy)
                nX[c] = X[c] + (-uk * xx - vk * xy)
                nY[c] = Y[c] + (-uk * yx - vk * yy)

                // Centre velocity and Δt times its gradient, from the four corners.
                let (u00, u10, u01, u11) = (u[c], u[c + 1], u[c + gm], u[c + gm + 1])
                let (v00, v10, v01, v11) = (v[c], v[c + 1], v[c + gm], v[c + gm + 1])
                let uc = 0.25 * (u00 + u10 + u01 + u11), vc = 0.25 * (v00 + v10 + v01 + v11)
                let ux = hx * (-u00 + u10 - u01 + u11), uy = hy * (-u00 - u10 + u01 + u11)
                let vx = hx * (-v00 + v10 - v01 + v11), vy = hy * (-v00 - v10 + v01 + v11)

                let (pc, qc, sc, tc) = (p[c], q[c], s[c], tau[c])
                let oldP = state.stress(at: c).physical(gamma: lt).p
                let dc = d[c]
                let advP = uc * upwindDerivative(p, c, 1, velocity: uc, h: hx)
                    + vc * upwindDerivative(p, c, gm, velocity: vc, h: hy)
                let advQ = uc * upwindDerivative(q, c, 1, velocity: uc, h: hx)
                    + vc * upwindDerivative(q, c, gm, velocity: vc, h: hy)
                let advS = uc * upwindDerivative(s, c, 1, velocity: uc, h: hx)
                    + vc * upwindDerivative(s, c, gm, velocity: vc, h: hy)
                let advT = uc * upwindDerivative(tau, c, 1, velocity: uc, h: hx)
                    + vc * upwindDerivative(tau, c, gm, velocity: vc, h: hy)
                let advChi = uc * upwindDerivative(chi, c, 1, velocity: uc, h: hx)
                    + vc * upwindDerivative(chi, c, gm, velocity: vc, h: hy)

                // Plastic relaxation of the physical deviator (the d terms, which keep the
                // physical pressure) and the Truesdell terms of the velocity gradient.
                np[c] = pc + (-advP - third * dc * (2 * lt * tc - ltsq * (pc + qc + sc) - ltsq * oldP)
                    - 2 * third * tc * (uy + vx) - third * (pc - 2 * qc) * (ux + vy) + 2 * third * sc * (vy - ux))
                nq[c] = qc + (-advQ - dc * (qc - ltsq / 6 * oldP) - third * tc * (uy + vx)
                    + third * (pc - 2 * qc) * (ux + vy) + third * sc * (vy - ux))
                ns[c] = sc + (-advS - dc * (sc + ltsq / 2 * oldP) - tc * (vx - uy) + (pc + qc) * (vy - ux))
                ntau[c] = tc + (-advT - dc * (tc - lt * oldP) - (pc + qc) * (uy + vx) + sc * (vx - uy))
                nchi[c] = chiPl[c] - advChi
                c += 1
            }
        }
    }
}
