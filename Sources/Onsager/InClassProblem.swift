import Linalg

/// A data generator whose truth is a member of the class: a true ``OnsagerModel`` and a law of
/// random initial conditions, integrated by ETDRK4 (exact on the stiff linear part) with
/// `substeps` steps per frame.
///
/// The data follow the class model's own discretisation (pseudo-spectral, no dealiasing), so
/// a fit can recover the truth to the accuracy of the time stepping. The named problems
/// (``allenCahn(grid:epsilon:maxWaveNumber:)``, ``cahnHilliard(grid:epsilon:maxWaveNumber:)``,
/// ``kdv(grid:quartic:maxWaveNumber:)``, ``mixed(grid:viscosity:maxWaveNumber:)``,
/// ``linear(grid:mass:maxWaveNumber:)``) live in their own files.
public struct InClassProblem: Sendable {
    /// A short name (`allen_cahn`, `kdv`, ...).
    public let name: String
    /// The true model.
    public let truth: OnsagerModel
    /// The law of initial conditions.
    public let initialCondition: RandomSines

    /// A generator for `truth` with initial conditions drawn from `initialCondition`.
    ///
    /// - Throws: ``OnsagerError/invalidArgument(function:message:)`` when the law does not fit
    ///   the grid.
    public init(name: String, truth: OnsagerModel, initialCondition: RandomSines) throws(OnsagerError) {
        try initialCondition.validate(on: truth.grid)
        self.name = name
        self.truth = truth
        self.initialCondition = initialCondition
    }

    /// `trajectories` trajectories of `frames` frames, `frameSpacing` apart, with initial
    /// conditions drawn in order from `RandomGenerator(seed: seed)` (so trajectory i is the same
    /// whatever the thread count), integrated in parallel.
    ///
    /// `progress`, when given, is called with the number of trajectories done after each one
    /// (one call at a time, from a worker thread).
    ///
    /// - Throws: ``OnsagerError/invalidArgument(function:message:)`` for non-positive counts or
    ///   spacing, ``OnsagerError/nonFinite(function:what:)`` when the integration blows up,
    ///   ``OnsagerError/interrupted``.
    public func generate(
        trajectories: Int, frames: Int, frameSpacing: Double, substeps: Int = 20, seed: UInt32 = 1,
        interruption: Interruption = .never,
        progress: ((_ done: Int) -> Void)? = nil
    ) throws(OnsagerError) -> Dataset {
        try require(trajectories >= 1 && frames >= 2 && substeps >= 1, "generate",
                    "need at least one trajectory, two frames and one substep")
        try require(frameSpacing > 0 && frameSpacing.isFinite, "generate", "the frame spacing must be positive")
        var rng = RandomGenerator(seed: seed)
        let initial = (0..<trajectories).map { _ in initialCondition.sample(on: truth.grid, using: &rng) }
        let integrator = ExponentialIntegrator(model: truth, timeStep: frameSpacing / Double(substeps))
        let n = truth.grid.count
        let results = try concurrentMap(trajectories, interruption: interruption, progress: progress) { i throws(OnsagerError) -> Matrix in
            var output = Matrix(rows: n, cols: frames)
            var u = initial[i]
            for frame in 0..<frames {
                if frame > 0 {
                    try interruption.checkOnsager()
                    u = integrator.advance(u, steps: substeps)
                }
                guard u.allSatisfy(\.isFinite) else { throw .nonFinite(function: "generate", what: "trajectory \(i + 1)") }
                output.withUnsafeMutableBufferPointer { p in
                    for x in 0..<n { p[frame * n + x] = u[x] }
                }
            }
            return output
        }
        return try Dataset(grid: truth.grid, frameSpacing: frameSpacing, trajectories: results)
    }
}
