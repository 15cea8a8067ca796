/// The plasticity-mediated diffusion of χ (`chi_diffusion`), added to the new χ of the
/// explicit step: Δχ = ∇·(ℓχ² D^pl t_s Δt ∇χ), discretised as the reference does it.
///
/// With D_face = ddev(cell) + ddev(neighbour) on each face (so ℓχ²/(4μ) · D_face is ℓχ² D^pl t_s Δt),
///
///     Δχ = (ℓχ²/4μ) [ (1−γ)/Δx² (D_r(χ_r−χ) − D_l(χ−χ_l))
///                    + 1/Δy² (D_u(χ_u−χ − γΔy ∂ξχ|_u) − D_d(χ−χ_d − γΔy ∂ξχ|_d)) ],
///
/// where ∂ξχ on a horizontal face is the mean of the two cells' centred differences. This is
/// not the exact transformed Laplacian (1+γ²)∂ξξ − 2γ∂ξy + ∂yy: the factor (1−γ) on the ξ term is
/// the reference's own, kept to match it (dropping it moves T_eff by up to 17 K in set B).
///
/// Ghost faces: the reference never copies `ddev` into its ghost cells (`prd_bc` copies the
/// other fields only), so across the periodic boundaries D_face is the inner cell's `ddev`
/// alone, and the flux through those faces is not conservative. Checked against the golden
/// set-B output: with zero `ddev` ghosts (kept here; `ShearState` never fills them) T_eff stays
/// within 13.1 K of the reference at every frame, the same deviation the pinned mean velocity
/// alone causes; with periodic `ddev` ghosts it departs by 25.5 K (frame 54) and the mean
/// stress by 1.7e-4 s_y.
struct ChiDiffusion: Sendable {
    let layout: GhostedLayout
    /// ℓχ²/(4μ) / Δx² and ℓχ²/(4μ) / Δy², in 1/s_y (ddev is in s_y).
    let factorX, factorY: Double
    /// Δy / Δx / 4: turns the sum of two centred ξ-differences into γΔy ∂ξχ / γ.
    let shearFactor: Double

    init(grid: ShearGrid, units: SimulationUnits, chiLen: Double) {
        layout = GhostedLayout(nx: grid.nx, ny: grid.ny)
        let dfac = 0.25 * chiLen * chiLen / units.mu
        factorX = dfac / (grid.dx * grid.dx)
        factorY = dfac / (grid.dy * grid.dy)
        shearFactor = grid.dy / grid.dx * 0.25
    }

    /// Adds the diffusion increment to the state's new χ (`nextChi`), from the current χ and
    /// the `ddev` of this step, at the shear strain `gamma` of the start of the step; two cells
    /// at a time (``Pair``).
    func addIncrement(_ state: ShearState, gamma lt: Double) {
        let (chi, ddev, out) = (state.chi, state.ddev, state.nextChi)
        let gm = layout.stride
        let lfac = shearFactor * lt, xFactor = (1 - lt) * factorX
        layout.forEachPair { c in
            let dc = Pair.load(ddev, c)
            let dd = dc + Pair.load(ddev, c &- gm), dl = dc + Pair.load(ddev, c &- 1)
            let dr = dc + Pair.load(ddev, c &+ 1), du = dc + Pair.load(ddev, c &+ gm)
            let x = Pair.load(chi, c), xl = Pair.load(chi, c &- 1), xr = Pair.load(chi, c &+ 1)
            let xd = Pair.load(chi, c &- gm), xu = Pair.load(chi, c &+ gm)
            let shearDown: Pair = xr + Pair.load(chi, c &+ 1 &- gm) - xl - Pair.load(chi, c &- 1 &- gm)
            let shearUp: Pair = Pair.load(chi, c &+ 1 &+ gm) + xr - Pair.load(chi, c &- 1 &+ gm) - xl
            let td: Pair = dd * (x - xd - lfac * shearDown), tu: Pair = du * (xu - x - lfac * shearUp)
            let tl: Pair = dl * (x - xl), tr: Pair = dr * (xr - x)
            (Pair.load(out, c) + (xFactor * (tr - tl) + factorY * (tu - td))).store(out, c)
        }
    }
}
