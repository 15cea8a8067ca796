import Linalg

/// A trajectory computed by a stepper: the recorded frames, V along them, and what the
/// stepping cost.
public struct Rollout: Sendable {
    /// The frames as columns (`grid.count` rows, frames + 1 columns, the initial state first).
    /// Columns after a divergence hold NaN.
    public let frames: Matrix
    /// V at every recorded frame (NaN after a divergence).
    public let energies: [Double]
    /// The number of frames computed, the initial one included.
    public let completedFrames: Int
    /// `true` when the state became non-finite or grew beyond 10⁶ times its initial size, or an
    /// implicit solve failed for good; the rollout then stopped.
    public let diverged: Bool
    /// The largest change V(u_{n+1}) - V(u_n) over all steps taken, sub-steps included
    /// (-infinity when no step was taken). At most the solver tolerance for the AVF step.
    public let maxEnergyIncrease: Double
    /// Newton iterations and step rejections, summed over all steps.
    public let statistics: StepStatistics
}

extension FieldStepper {
    /// Steps from `initial` for `frames` frames of `substeps` steps each, recording every frame.
    ///
    /// - Throws: ``OnsagerError/invalidArgument(function:message:)`` for a field that does not
    ///   fit the grid or non-positive counts, ``OnsagerError/interrupted`` when `interruption`
    ///   fires (checked every frame).
    public func rollout(from initial: [Double], frames: Int, substeps: Int = 1, interruption: Interruption = .never)
        throws(OnsagerError) -> Rollout
    {
        try require(initial.count == model.grid.count, "rollout", "the initial field has \(initial.count) values, the grid \(model.grid.count)")
        return try runRollout(from: initial, frames: frames, substeps: substeps, interruption: interruption,
                              step: step, energy: model.freeEnergy, field: { $0 })
    }
}

/// The rollout loop shared by the field and the reduced tier: steps a state, records the field
/// `field(state)` and the energy every frame, stops at a divergence (non-finite state, growth
/// beyond 10⁶ times the initial size, or a failed implicit solve).
func runRollout(
    from initial: [Double], frames: Int, substeps: Int, interruption: Interruption,
    step: ([Double]) throws(OnsagerError) -> (state: [Double], statistics: StepStatistics),
    energy: ([Double]) -> Double, field: ([Double]) -> [Double]
) throws(OnsagerError) -> Rollout {
    try require(frames >= 0 && substeps >= 1, "rollout", "frames must be non-negative and substeps positive")
    try require(initial.allSatisfy(\.isFinite), "rollout", "the initial state must be finite")
    var state = initial
    let n = field(state).count
    var output = Matrix(rows: n, cols: frames + 1, repeating: .nan)
    var energies = [Double](repeating: .nan, count: frames + 1)
    var current = energy(state)
    let bound = 1e6 * max(1, maxAbs(initial))
    var (increase, statistics, completed, diverged) = (-Double.infinity, StepStatistics(), 1, false)
    func record(_ frame: Int) {
        let u = field(state)
        output.withUnsafeMutableBufferPointer { p in
            for i in 0..<n { p[frame * n + i] = u[i] }
        }
        energies[frame] = current
    }
    record(0)
    frameLoop: for frame in 1...max(frames, 1) where frames > 0 {
        try interruption.checkOnsager()
        for _ in 0..<substeps {
            let next: [Double]
            do {
                let result = try step(state)
                next = result.state
                statistics = statistics + result.statistics
            } catch .noConvergence {
                diverged = true
                break frameLoop
            }
            guard maxAbs(next) <= bound else {  // false for NaN too
                diverged = true
                break frameLoop
            }
            let nextEnergy = energy(next)
            increase = max(increase, nextEnergy - current)
            (state, current) = (next, nextEnergy)
        }
        record(frame)
        completed = frame + 1
    }
    return Rollout(frames: output, energies: energies, completedFrames: completed, diverged: diverged,
                   maxEnergyIncrease: increase, statistics: statistics)
}
