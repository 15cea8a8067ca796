/// The explicit part of one quasi-static step (`advection_step`) after the plastic pass
/// (``PlasticRelaxation``): advection of the reference map, the stresses and χ with ENO2
/// upwinding, the plastic relaxation of the deviator, and the Truesdell-rate terms of the velocity
/// gradient; all from the values at the start of the step, at the shear strain γ_n of the start
/// of the step. It writes the new fields into the state's `next` buffers; χ diffusion
/// (``ChiDiffusion``) then adds to the new χ before the buffers are swapped.
///
/// Every pass is a simple loop over pairs of neighbouring points (``Pair``), free of
/// data-dependent branches. Owns its workspace, so an instance belongs to one run.
final class ExplicitStep {
    let layout: GhostedLayout
    /// Δt / (2Δx) and Δt / (2Δy), in time units per Å: ENO2 and corner differences give Δt
    /// times a derivative with these.
    let hx, hy: Double
    /// Per cell: the centre velocity (the mean of the four corners) times Δt/(2Δx) and
    /// Δt/(2Δy); per corner, the corner velocity likewise scaled (the ENO2 passes' input).
    private let centreU, centreV, cornerU, cornerV: UnsafeMutablePointer<Double>
    /// Per cell: the advection increments of p, q, s, τ, χ.
    private let advP, advQ, advS, advTau, advChi: UnsafeMutablePointer<Double>
    /// Workspace of the ENO2 passes: second differences along x and y.
    private let secondX, secondY: UnsafeMutablePointer<Double>
    /// Owns the buffers.
    private let pool = BufferPool()

    init(grid: ShearGrid, units: SimulationUnits) {
        let layout = GhostedLayout(nx: grid.nx, ny: grid.ny)
        self.layout = layout
        hx = 0.5 / grid.dx * units.dt
        hy = 0.5 / grid.dy * units.dt
        let buffer = { [pool] in pool.doubles(layout.count) }
        (centreU, centreV, cornerU, cornerV) = (buffer(), buffer(), buffer(), buffer())
        (advP, advQ, advS, advTau, advChi) = (buffer(), buffer(), buffer(), buffer(), buffer())
        (secondX, secondY) = (buffer(), buffer())
    }

    /// New X, Y at the corners and new p, q, s, τ, χ (before diffusion) at the centres, written
    /// into the state's `next` buffers.
    ///
    /// - Parameters:
    ///   - plastic: the plastic pass of this step (already run).
    ///   - gamma: the shear strain γ_n at the start of the step.
    func advect(_ state: ShearState, plastic: PlasticRelaxation, gamma lt: Double) {
        let (u, v, gm) = (state.u, state.v, layout.stride)
        // Corner velocity and centre velocity (the mean of the four corners), scaled for ENO2.
        let (qx, qy) = (0.25 * hx, 0.25 * hy)
        layout.forEachPair { c in
            let (u00, v00) = (Pair.load(u, c), Pair.load(v, c))
            (hx * u00).store(cornerU, c)
            (hy * v00).store(cornerV, c)
            (qx * (u00 + Pair.load(u, c &+ 1) + Pair.load(u, c &+ gm) + Pair.load(u, c &+ gm &+ 1))).store(centreU, c)
            (qy * (v00 + Pair.load(v, c &+ 1) + Pair.load(v, c &+ gm) + Pair.load(v, c &+ gm &+ 1))).store(centreV, c)
        }
        // Reference map at the corners, advected by the corner velocity: X' = X − Δt V·∇X.
        func advectCorners(_ field: UnsafeMutablePointer<Double>, into next: UnsafeMutablePointer<Double>) {
            advectionIncrement(
                field, cx: cornerU, cy: cornerV, into: next, subtractedFrom: field, secondX: secondX, secondY: secondY,
                layout: layout)
        }
        advectCorners(state.X, into: state.nextX)
        advectCorners(state.Y, into: state.nextY)
        // Advection increments of the cell-centred fields, by the centre velocity.
        func advectCentres(_ field: UnsafeMutablePointer<Double>, into increment: UnsafeMutablePointer<Double>) {
            advectionIncrement(
                field, cx: centreU, cy: centreV, into: increment, secondX: secondX, secondY: secondY, layout: layout)
        }
        advectCentres(state.p, into: advP)
        advectCentres(state.q, into: advQ)
        advectCentres(state.s, into: advS)
        advectCentres(state.tau, into: advTau)
        advectCentres(state.chi, into: advChi)
        updateCentres(state, plastic: plastic, gamma: lt)
    }

    /// New p, q, s, τ, χ: advection, the plastic relaxation of the physical deviator (the d
    /// terms, which keep the physical pressure) and the Truesdell terms of Δt ∇V.
    private func updateCentres(_ state: ShearState, plastic: PlasticRelaxation, gamma lt: Double) {
        let (p, q, s, tau) = (state.p, state.q, state.s, state.tau)
        let (np, nq, ns, ntau, nchi) = (state.nextP, state.nextQ, state.nextS, state.nextTau, state.nextChi)
        let (u, v, gm) = (state.u, state.v, layout.stride)
        let third = 1.0 / 3, ltsq = lt * lt
        // The coefficients, read from memory in the loop (``withPairConstants(_:_:)``):
        // 0: Δt/2Δx, 1: Δt/2Δy, 2: 1/3, 3: γ, 4: γ², 5: 2γ, 6: γ²/6, 7: γ²/2,
        // 8, 9: the physical-pressure factors −2γ/3 and γ²/3.
        let values: [Double] = [hx, hy, third, lt, ltsq, 2 * lt, ltsq / 6, ltsq / 2, (-2 / 3.0) * lt, (1 / 3.0) * lt * lt]
        withPairConstants(values) { k in
            layout.forEachPair { c in
                let (pc, qc, sc, tc) = (Pair.load(p, c), Pair.load(q, c), Pair.load(s, c), Pair.load(tau, c))
                // Δt times the velocity gradient, from the four corners of the cell.
                let (u00, u10, u01, u11) = (Pair.load(u, c), Pair.load(u, c &+ 1), Pair.load(u, c &+ gm), Pair.load(u, c &+ gm &+ 1))
                let (v00, v10, v01, v11) = (Pair.load(v, c), Pair.load(v, c &+ 1), Pair.load(v, c &+ gm), Pair.load(v, c &+ gm &+ 1))
                let (kx, ky): (Pair, Pair) = (k[0], k[1])
                let ux: Pair = kx * (-u00 + u10 - u01 + u11), uy: Pair = ky * (-u00 - u10 + u01 + u11)
                let vx: Pair = kx * (-v00 + v10 - v01 + v11), vy: Pair = ky * (-v00 - v10 + v01 + v11)
                let dc = Pair.load(plastic.relaxation, c), sum: Pair = pc + qc + sc
                // Velocity-gradient combinations: shear rate, dilatation, and the two rotations.
                let shear: Pair = uy + vx, dilatation: Pair = ux + vy, vyux: Pair = vy - ux, vxuy: Pair = vx - uy
                let (third, g, g2, twoG): (Pair, Pair, Pair, Pair) = (k[2], k[3], k[4], k[5])
                // The physical pressure, p + γ(−2τ/3 + γ(p+q+s)/3).
                let (pTau, pSum): (Pair, Pair) = (k[8], k[9])
                let oldP: Pair = pc + (pTau * tc + pSum * sum)
                let pq: Pair = pc - 2 * qc, ppq: Pair = pc + qc
                let plasticP: Pair = third * dc * (twoG * tc - g2 * sum - g2 * oldP)
                // The Truesdell terms of p and q share τ(uy+vx)/3, (p−2q)(ux+vy)/3 and s(vy−ux)/3.
                let tauShear: Pair = third * (tc * shear), pqDilatation: Pair = third * (pq * dilatation)
                let sRotation: Pair = third * (sc * vyux)
                let elasticP: Pair = 2 * tauShear + pqDilatation - 2 * sRotation
                let np_: Pair = pc + (-Pair.load(advP, c) - plasticP - elasticP)
                let elasticQ: Pair = tauShear - pqDilatation - sRotation
                let (g2Sixth, g2Half): (Pair, Pair) = (k[6], k[7])
                let nq_: Pair = qc + (-Pair.load(advQ, c) - dc * (qc - g2Sixth * oldP) - elasticQ)
                let ns_: Pair = sc + (-Pair.load(advS, c) - dc * (sc + g2Half * oldP) - tc * vxuy + ppq * vyux)
                let nt_: Pair = tc + (-Pair.load(advTau, c) - dc * (tc - g * oldP) - ppq * shear + sc * vxuy)
                np_.store(np, c)
                nq_.store(nq, c)
                ns_.store(ns, c)
                nt_.store(ntau, c)
                (Pair.load(plastic.chiAfterPlasticity, c) - Pair.load(advChi, c)).store(nchi, c)
            }
        }
    }
}
