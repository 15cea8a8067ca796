import Linalg

/// A quasi-static simple-shear run of the STZ model, as the paper's reference solver computes
/// it (Rycroft–Sui–Bouchbinder projection method in the frame co-moving with the shear), with
/// the projection solved exactly by FFT.
///
/// Each step of Δt = t_f / (frames · steps) is an explicit step at γ_n (plastic sub-stepping,
/// ENO2 advection, χ diffusion; ``PlasticRelaxation``, ``ExplicitStep``, ``ChiDiffusion``), then
/// the time advances, then a projection step at γ_{n+1} (``ProjectionStep``), as in the
/// reference. Frame 0 is the initial state. While the material is still homogeneous and elastic,
/// steps take an exact shortcut (``HomogeneousElasticPhase``).
///
/// Differences from the reference: the projection pins the mean corner velocity (and the
/// checkerboard mode) to zero, where the reference's multigrid leaves the mean to its history;
/// this moves T_eff by at most 13 K and the mean stress by 3e-5 s_y in set B. Everything else
/// agrees to rounding (frames 0–10 of set B within 6e-8 of the golden float32 output).
///
/// A simulation is an immutable description; ``run(fields:interruption:onFrame:)`` creates all
/// mutable state afresh, so runs share nothing and may execute in parallel threads.
///
/// ```swift
/// let energy = try MDGrid.read(from: "CuZr_Ref/pe.MD.0").field
/// let sim = try STZSimulation(parameters: .setB, initialChi: .energy(energy))
/// let run = try sim.run(fields: [.tau, .tem, .Exy])
/// print(run.meanTau.last!)   // about 1.05 s_y at γ = 0.5
/// ```
public struct STZSimulation: Sendable {
    /// The model parameters.
    public let parameters: STZParameters
    /// The grid.
    public let grid: ShearGrid
    /// The loading protocol.
    public let loading: ShearLoading
    /// The initial effective temperature χ0, ny × nx, dimensionless.
    public let initialChi: Matrix

    /// A validated simulation.
    ///
    /// - Parameters:
    ///   - parameters: the model parameters (e.g. ``STZParameters/setB``).
    ///   - grid: the grid; the paper's 32 × 32 over 400 × 400 Å by default.
    ///   - loading: the protocol; the paper's 1e8 /s to γ = 0.5 in 100 × 60 steps by default.
    ///   - initialChi: the source of χ0: an energy field, a mapped energy field, or χ0 itself.
    /// - Throws: ``STZError`` naming the first invalid parameter or field entry, or the error
    ///   of a custom coarse-graining map.
    public init(
        parameters: STZParameters, grid: ShearGrid = .paper, loading: ShearLoading = .paper, initialChi: InitialChi
    ) throws {
        try parameters.validate()
        try grid.validate()
        try loading.validate()
        self.parameters = parameters
        self.grid = grid
        self.loading = loading
        self.initialChi = try initialChi.resolve(parameters: parameters, grid: grid)
    }

    /// Runs the simulation.
    ///
    /// - Parameters:
    ///   - fields: the fields to keep per frame (all by default; the mean stress is always kept).
    ///   - interruption: polled once per step; when it fires the run throws ``Interrupted``.
    ///   - onFrame: called after each frame (including frame 0) with its fields, e.g. for a live
    ///     plot; return ``FrameAction/stop`` to end the run early.
    /// - Returns: the frames, the stress–strain curve and the timings.
    /// - Throws: ``STZError/blowUp(frame:field:row:column:)`` when a field stops being finite,
    ///   ``Interrupted`` when interrupted, or any error thrown by `onFrame`.
    public func run(
        fields: Set<OutputField> = Set(OutputField.allCases), interruption: Interruption = .never,
        onFrame: (FrameFields) throws -> FrameAction = { _ in .continue }
    ) throws -> STZRun {
        let start = monotonicSeconds()
        let units = SimulationUnits(parameters: parameters, loading: loading)
        let state = ShearState(grid: grid, chi0: initialChi)
        let plasticity = AdaptivePlasticity(parameters: parameters, units: units, loading: loading)
        let plastic = PlasticRelaxation(grid: grid, units: units, plasticity: plasticity)
        let explicit = ExplicitStep(grid: grid, units: units)
        let diffusion = ChiDiffusion(grid: grid, units: units, chiLen: parameters.chiLen)
        let projection = ProjectionStep(grid: grid, units: units)
        let extractor = FrameExtractor(grid: grid, tZ: parameters.tZ, selection: fields)
        var homogeneous = HomogeneousElasticPhase()
        var timings = STZTimings()
        var frames: [FrameFields] = []
        var stoppedEarly = false

        func emit(_ frame: Int) throws -> FrameAction {
            let t0 = monotonicSeconds()
            defer { timings.output += monotonicSeconds() - t0 }
            let output = extractor.extract(state, frame: frame, gamma: units.lambda * state.time)
            frames.append(output)
            return try onFrame(output)
        }

        if try emit(0) == .continue {
            for frame in 1...loading.frames {
                for _ in 0..<loading.stepsPerFrame {
                    try interruption.check()
                    let gamma = units.lambda * state.time
                    let t0 = monotonicSeconds()
                    if homogeneous.advance(state, projection: projection, units: units, gamma: gamma) {
                        timings.projection += monotonicSeconds() - t0
                        continue
                    }
                    plastic.relax(state, gamma: gamma)
                    let t1 = monotonicSeconds()
                    explicit.advect(state, plastic: plastic, gamma: gamma)
                    diffusion.addIncrement(state, gamma: gamma)
                    state.swapExplicitBuffers()
                    state.time += units.dt
                    let t2 = monotonicSeconds()
                    projection.apply(state, gamma: units.lambda * state.time)
                    let t3 = monotonicSeconds()
                    timings.plasticity += t1 - t0
                    timings.explicitStep += t2 - t1
                    timings.projection += t3 - t2
                }
                try BlowUpCheck.verify(state, frame: frame)
                if try emit(frame) == .stop {
                    stoppedEarly = frame < loading.frames
                    break
                }
            }
        } else {
            stoppedEarly = true
        }
        timings.total = monotonicSeconds() - start
        return STZRun(
            parameters: parameters, grid: grid, loading: loading, selection: fields, frames: frames,
            stoppedEarly: stoppedEarly, timings: timings)
    }
}
