/// The plastic pass of the explicit step over the grid: every cell's adaptive sub-stepping
/// (``AdaptivePlasticity``) from the deviatoric magnitude s̄ of its physical stress at γ_n.
///
/// It writes the state's `ddev` (the decrease of s̄, which feeds χ diffusion) and keeps, per
/// cell, the relative decrease d = ddev / s̄ that scales the physical deviator by (1 − d) and χ
/// after the plastic sub-steps; ``ExplicitStep`` uses both. As in the reference, a cell with
/// s̄ < 1e-12 keeps its `ddev` and gets d = 0.
///
/// The first sub-step runs for all cells, two at a time and without branching; the cells that
/// need more sub-steps (about a third once the material flows) are gathered into a compact list
/// and advanced round by round, again two at a time, until every step is used up.
///
/// Owns its workspace, so an instance belongs to one run.
final class PlasticRelaxation {
    let layout: GhostedLayout
    let plasticity: AdaptivePlasticity
    /// The step Δt, in time units.
    let dt: Double
    /// Per cell: the relative decrease d of the deviator, and χ after the plastic sub-steps.
    let relaxation, chiAfterPlasticity: UnsafeMutablePointer<Double>
    /// Per cell: s̄ at the start of the step, s̄ after the sub-steps so far (at the end of the
    /// step once done), and the time left (negative when the step is used up).
    private let sbar, finalSbar, remaining: UnsafeMutablePointer<Double>
    /// Per cell, then per pending entry: the plastic rate D^pl of the current sub-step, in 1/s.
    private let rate: UnsafeMutablePointer<Double>
    /// The compact list of the cells still sub-stepping.
    private let pendingCell: UnsafeMutablePointer<Int>
    /// Owns the buffers.
    private let pool = BufferPool()

    /// Rounds of sub-steps after which the remaining cells are declared diverged (s̄ falls by
    /// `adapt_fac` per sub-step, so only a non-physical s̄ gets anywhere near this).
    static let maximumSubsteps = 1_000_000

    init(grid: ShearGrid, units: SimulationUnits, plasticity: AdaptivePlasticity) {
        let layout = GhostedLayout(nx: grid.nx, ny: grid.ny)
        self.layout = layout
        self.plasticity = plasticity
        dt = units.dt
        let (cells, list) = (layout.count, grid.nx * grid.ny + 2)
        (relaxation, chiAfterPlasticity) = (pool.doubles(cells), pool.doubles(cells))
        (sbar, finalSbar, remaining, rate) = (pool.doubles(cells), pool.doubles(cells), pool.doubles(cells), pool.doubles(cells))
        pendingCell = pool.integers(list)
    }

    /// Relaxes every cell over one step, at the shear strain `gamma` (γ_n) of its start.
    func relax(_ state: ShearState, gamma: Double) {
        let (p, q, s, tau, chi, ddev) = (state.p, state.q, state.s, state.tau, state.chi, state.ddev)
        let (law, dtPair) = (plasticity.law, Pair(repeating: dt))
        // s̄, the rate and the first sub-step in separate passes: each is a long chain of
        // dependent operations, and short loops let the processor overlap many cells.
        layout.forEachPair { c in
            let ph = StressState.physical(
                p: Pair.load(p, c), q: Pair.load(q, c), s: Pair.load(s, c), tau: Pair.load(tau, c), gamma: gamma)
            StressState.deviatoricMagnitude(q: ph.q, s: ph.s, tau: ph.tau).store(sbar, c)
        }
        layout.forEachPair { c in law.plasticRate(sbar: Pair.load(sbar, c), chi: Pair.load(chi, c)).store(rate, c) }
        layout.forEachPair { c in
            let first = plasticity.substep(
                .init(sbar: Pair.load(sbar, c), chi: Pair.load(chi, c), remaining: dtPair), rate: Pair.load(rate, c))
            first.sbar.store(finalSbar, c)
            first.chi.store(chiAfterPlasticity, c)
            first.remaining.store(remaining, c)
        }
        finishPendingCells()
        // ddev and d from the decrease of s̄ over the step.
        layout.forEachPair { c in
            let s0 = Pair.load(sbar, c)
            let drop = s0 - Pair.load(finalSbar, c), tiny = s0 .< 1e-12
            Pair.select(tiny, Pair.load(ddev, c), drop).store(ddev, c)
            Pair.select(tiny, Pair(repeating: 0), drop / s0).store(relaxation, c)
        }
    }

    /// Advances the cells whose step is not used up after the first sub-step, round by round on
    /// a compact list, and leaves their final s̄ and χ in `finalSbar` and `chiAfterPlasticity`
    /// (NaN when they diverge).
    private func finishPendingCells() {
        var count = 0
        for j in 0..<layout.ny {
            let start = layout.index(0, j)
            for c in start..<(start &+ layout.nx) {
                pendingCell[count] = c
                count &+= remaining[c] >= 0 ? 1 : 0
            }
        }
        var rounds = 1
        while count > 0 {
            guard rounds < PlasticRelaxation.maximumSubsteps else {
                for i in 0..<count { (finalSbar[pendingCell[i]], chiAfterPlasticity[pendingCell[i]]) = (.nan, .nan) }
                return
            }
            substepPending(count)
            rounds += 1
            var kept = 0
            for i in 0..<count {
                let c = pendingCell[i]
                pendingCell[kept] = c
                kept &+= remaining[c] >= 0 ? 1 : 0
            }
            count = kept
        }
    }

    /// One more sub-step for the cells of the first `count` entries of the pending list, two at
    /// a time (an odd last cell is paired with itself); their s̄, χ and time left are read from
    /// and written back to the per-cell arrays.
    private func substepPending(_ count: Int) {
        pendingCell[count] = pendingCell[count - 1]
        let (law, cells, chi) = (plasticity.law, pendingCell, chiAfterPlasticity)
        var i = 0
        while i < count {
            let (c1, c2) = (cells[i], cells[i &+ 1])
            law.plasticRate(sbar: Pair.gather(finalSbar, c1, c2), chi: Pair.gather(chi, c1, c2)).store(rate, i)
            i &+= 2
        }
        i = 0
        while i < count {
            let (c1, c2) = (cells[i], cells[i &+ 1])
            let next = plasticity.substep(
                .init(sbar: Pair.gather(finalSbar, c1, c2), chi: Pair.gather(chi, c1, c2), remaining: Pair.gather(remaining, c1, c2)),
                rate: Pair.load(rate, i))
            next.sbar.scatter(finalSbar, c1, c2)
            next.chi.scatter(chi, c1, c2)
            next.remaining.scatter(remaining, c1, c2)
            i &+= 2
        }
    }
}
