/// The projection part of one quasi-static step (`projection_step`), at the shear strain
/// γ_{n+1} of the end of the step: the corner velocity V that restores equilibrium,
/// ∇·(Σ* + Δt ℂ:D(V)) = 0 in the sheared frame, then the elastic stress update from Δt ∇V.
///
/// Right-hand side at corner (i, j): b = T f with T = [[1, γ], [0, 1]] and f = −(∇·Σ*)/Δt from
/// the four surrounding centres (`net_force`). The stress update is the hypo-elastic law with
/// the Truesdell rate in the sheared frame, including the imposed shear λμΔt; at γ = 0 it is
/// Δp = −K tr G, Δs = μ(ux − vy), Δτ = μ(uy + vx) + μλΔt, Δq = −(μ/3) tr G.
final class ProjectionStep {
    let layout: GhostedLayout
    let solver: ProjectionSolver
    let units: SimulationUnits
    let dx, dy: Double
    /// Workspace: −Σxx = p + q − s and −Σyy = p + q + s per cell.
    private let minusSxx, minusSyy: UnsafeMutablePointer<Double>
    /// Owns the buffers.
    private let pool = BufferPool()

    init(grid: ShearGrid, units: SimulationUnits) {
        let layout = GhostedLayout(nx: grid.nx, ny: grid.ny)
        self.layout = layout
        solver = ProjectionSolver(nx: grid.nx, ny: grid.ny)
        self.units = units
        dx = grid.dx
        dy = grid.dy
        (minusSxx, minusSyy) = (pool.doubles(layout.count), pool.doubles(layout.count))
    }

    /// Calls `body(c, k)` for the first point of each pair of neighbouring interior points, with
    /// its ghosted index `c` and its index `k = i + nx j` in the solver's workspace.
    @inline(__always) private func forEachPairWithSolverIndex(_ body: (Int, Int) -> Void) {
        for j in 0..<layout.ny {
            var i = 0
            while i < layout.nx {
                body(layout.index(i, j), i &+ layout.nx &* j)
                i &+= 2
            }
        }
    }

    /// Solves for the corner velocity at shear strain `gamma` (γ_{n+1}), stores it in the state
    /// and applies the stress update.
    func apply(_ state: ShearState, gamma lt: Double) {
        let gm = layout.stride
        let (p, q, s, tau, u, v) = (state.p, state.q, state.s, state.tau, state.u, state.v)
        let (a, b) = (minusSxx, minusSyy)
        // −Σxx and −Σyy on the cells of rows −1..<ny, columns −1...nx−1 (one more when nx is even).
        for j in -1..<layout.ny {
            var c = layout.index(-1, j)
            let end = layout.index(layout.nx, j)
            while c < end {
                let pq = Pair.load(p, c) + Pair.load(q, c), sc = Pair.load(s, c)
                (pq - sc).store(a, c)
                (pq + sc).store(b, c)
                c &+= 2
            }
        }
        // b = T f at the corners, f = −(∇·Σ*)/Δt from the four cells around each corner
        // (0: below left, 1: below, 2: left, 3: the cell of the corner).
        let xf = 0.5 / units.dt / dx, yf = 0.5 / units.dt / dy
        let (bx, by) = (solver.real, solver.imag)
        forEachPairWithSolverIndex { c, k in
            let (c2, c1) = (c &- 1, c &- gm)
            let c0 = c1 &- 1
            let (a0, a1, a2, a3) = (Pair.load(a, c0), Pair.load(a, c1), Pair.load(a, c2), Pair.load(a, c))
            let (b0, b1, b2, b3) = (Pair.load(b, c0), Pair.load(b, c1), Pair.load(b, c2), Pair.load(b, c))
            let (t0, t1, t2, t3) = (Pair.load(tau, c0), Pair.load(tau, c1), Pair.load(tau, c2), Pair.load(tau, c))
            let fx: Pair = (-a0 + a1 - a2 + a3) * xf + (t0 + t1 - t2 - t3) * yf
            let fy: Pair = (t0 - t1 + t2 - t3) * xf + (-b0 - b1 + b2 + b3) * yf
            (fx + lt * fy).store(bx, k)
            fy.store(by, k)
        }
        solver.solve(ProjectionOperator(gamma: lt, mu: units.mu, lame: units.lame, dx: dx, dy: dy))
        forEachPairWithSolverIndex { c, k in
            Pair.load(bx, k).store(u, c)
            Pair.load(by, k).store(v, c)
        }
        state.fillVelocityGhosts()
        updateStresses(state, gamma: lt)
    }

    /// The elastic stress update from Δt ∇V at the centres, at shear strain `lt`.
    private func updateStresses(_ state: ShearState, gamma lt: Double) {
        let (p, q, s, tau, u, v) = (state.p, state.q, state.s, state.tau, state.u, state.v)
        let gm = layout.stride
        let (mu, lame, dt) = (units.mu, units.lame, units.dt)
        let hx = 0.5 / dx * dt, hy = 0.5 / dy * dt
        let third = 1.0 / 3, ltsq = lt * lt
        // Coefficients of the update, per the reference's formulas.
        let (pDrive, qDrive, sDrive, tDrive) = imposedShearIncrement(gamma: lt)
        let (pUy, pTr, pUx, pVx) = (2 * third * lt * mu, lame + third * lame * ltsq + 2 * third * mu, 2 * third * mu * ltsq, 2 * third * mu * lt)
        let (qUy, qTr, qUx, qVx) = (third * lt * mu, lame * ltsq / 6 + third * mu, third * ltsq * mu, third * lt * mu)
        let (sRot, sVy, sUx) = (lt * mu, lame * ltsq / 2 - mu, lame * ltsq / 2 + mu + ltsq * mu)
        let (tTr, tVx) = (lt * (lame + mu), mu * (1 + ltsq))
        // The coefficients, read from memory in the loop (``withPairConstants(_:_:)``):
        let values: [Double] = [
            hx, hy, pDrive, pUy, pTr, pUx, pVx, qDrive, qUy, qTr, qUx, qVx, sDrive, sRot, sVy, sUx, tDrive, mu, tTr, tVx,
        ]
        withPairConstants(values) { k in
            layout.forEachPair { c in
                let (u00, u10, u01, u11) = (Pair.load(u, c), Pair.load(u, c &+ 1), Pair.load(u, c &+ gm), Pair.load(u, c &+ gm &+ 1))
                let (v00, v10, v01, v11) = (Pair.load(v, c), Pair.load(v, c &+ 1), Pair.load(v, c &+ gm), Pair.load(v, c &+ gm &+ 1))
                let (kx, ky): (Pair, Pair) = (k[0], k[1])
                let ux: Pair = kx * (-u00 + u10 - u01 + u11), uy: Pair = ky * (-u00 - u10 + u01 + u11)
                let vx: Pair = kx * (-v00 + v10 - v01 + v11), vy: Pair = ky * (-v00 - v10 + v01 + v11)
                let dilatation: Pair = vy + ux
                let (p0, p1, p2, p3, p4): (Pair, Pair, Pair, Pair, Pair) = (k[2], k[3], k[4], k[5], k[6])
                let dp: Pair = p0 + p1 * uy - p2 * dilatation - p3 * ux + p4 * vx
                let (q0, q1, q2, q3, q4): (Pair, Pair, Pair, Pair, Pair) = (k[7], k[8], k[9], k[10], k[11])
                let dq: Pair = q0 + q1 * uy - q2 * dilatation - q3 * ux + q4 * vx
                let (s0, s1, s2, s3): (Pair, Pair, Pair, Pair) = (k[12], k[13], k[14], k[15])
                let ds: Pair = s0 + s1 * (vx - uy) + s2 * vy + s3 * ux
                let (t0, t1, t2, t3): (Pair, Pair, Pair, Pair) = (k[16], k[17], k[18], k[19])
                let dtau: Pair = t0 + t1 * uy - t2 * dilatation + t3 * vx
                (Pair.load(p, c) + dp).store(p, c)
                (Pair.load(q, c) + dq).store(q, c)
                (Pair.load(s, c) + ds).store(s, c)
                (Pair.load(tau, c) + dtau).store(tau, c)
            }
        }
        state.fillStressGhosts()
    }

    /// The stress increment of one step with zero velocity gradient, in s_y: the imposed shear
    /// λμΔt seen in the sheared frame at shear strain `lt` (the terms of the update without V).
    func imposedShearIncrement(gamma lt: Double) -> (p: Double, q: Double, s: Double, tau: Double) {
        let (mu, dt, lambda) = (units.mu, units.dt, units.lambda)
        let third = 1.0 / 3, drive = lt * lambda * mu * dt
        return (2 * third * drive, third * drive, -lambda * lt * mu * dt, lambda * mu * dt)
    }
}
