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

    init(grid: ShearGrid, units: SimulationUnits) {
        layout = GhostedLayout(nx: grid.nx, ny: grid.ny)
        solver = ProjectionSolver(nx: grid.nx, ny: grid.ny)
        self.units = units
        dx = grid.dx
        dy = grid.dy
    }

    /// Solves for the corner velocity at shear strain `gamma` (γ_{n+1}), stores it in the state
    /// and applies the stress update.
    func apply(_ state: ShearState, gamma lt: Double) {
        let (nx, ny, gm) = (layout.nx, layout.ny, layout.stride)
        let (p, q, s, tau, u, v) = (state.p, state.q, state.s, state.tau, state.u, state.v)
        let dt = units.dt
        let xf = 0.5 / dt / dx, yf = 0.5 / dt / dy
        let (bx, by) = (solver.real, solver.imag)
        for j in 0..<ny {
            for i in 0..<nx {
                let c3 = layout.index(i, j), c2 = c3 - 1, c1 = c3 - gm, c0 = c1 - 1
                // −Σxx = p + q − s and −Σyy = p + q + s on the four centres around the corner.
                let a0 = p[c0] + q[c0] - s[c0], a1 = p[c1] + q[c1] - s[c1]
                let a2 = p[c2] + q[c2] - s[c2], a3 = p[c3] + q[c3] - s[c3]
                let b0 = p[c0] + q[c0] + s[c0], b1 = p[c1] + q[c1] + s[c1]
                let b2 = p[c2] + q[c2] + s[c2], b3 = p[c3] + q[c3] + s[c3]
                let fx = (-a0 + a1 - a2 + a3) * xf + (tau[c0] + tau[c1] - tau[c2] - tau[c3]) * yf
                let fy = (tau[c0] - tau[c1] + tau[c2] - tau[c3]) * xf + (-b0 - b1 + b2 + b3) * yf
                bx[i + nx * j] = fx + lt * fy
                by[i + nx * j] = fy
            }
        }
        solver.solve(ProjectionOperator(gamma: lt, mu: units.mu, lame: units.lame, dx: dx, dy: dy))
        for j in 0..<ny {
            for i in 0..<nx {
                let c = layout.index(i, j)
                u[c] = bx[i + nx * j]
                v[c] = by[i + nx * j]
            }
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
        let drive = lt * units.lambda * mu * dt
        // Coefficients of the update, per the reference's formulas.
        let pTr = lame + third * lame * ltsq + 2 * third * mu
        let qTr = lame * ltsq / 6 + third * mu
        let sVy = lame * ltsq / 2 - mu, sUx = lame * ltsq / 2 + mu + ltsq * mu
        let tTr = lt * (lame + mu), tVx = mu * (1 + ltsq)
        for j in 0..<layout.ny {
            var c = layout.index(0, j)
            for _ in 0..<layout.nx {
                let (u00, u10, u01, u11) = (u[c], u[c + 1], u[c + gm], u[c + gm + 1])
                let (v00, v10, v01, v11) = (v[c], v[c + 1], v[c + gm], v[c + gm + 1])
                let ux = hx * (-u00 + u10 - u01 + u11), uy = hy * (-u00 - u10 + u01 + u11)
                let vx = hx * (-v00 + v10 - v01 + v11), vy = hy * (-v00 - v10 + v01 + v11)
                p[c] += 2 * third * drive + 2 * third * lt * mu * uy - pTr * (vy + ux)
                    - 2 * third * mu * ltsq * ux + 2 * third * mu * lt * vx
                q[c] += third * drive + third * lt * mu * uy - qTr * (vy + ux) - third * ltsq * mu * ux + third * lt * mu * vx
                s[c] += -units.lambda * lt * mu * dt + lt * mu * (vx - uy) + sVy * vy + sUx * ux
                tau[c] += units.lambda * mu * dt + mu * uy - tTr * (vy + ux) + tVx * vx
                c += 1
            }
        }
        state.fillStressGhosts()
    }
}
