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
        let n = model.grid.count
        try require(initial.count == n, "rollout", "the initial field has \(initial.count) values, the grid \(n)")
        try require(frames >= 0 && substeps >= 1, "rollout", "frames must be non-negative and substeps positive")
        try require(initial.allSatisfy(\.isFinite), "rollout", "the initial field must be finite")
        var output = Matrix(rows: n, cols: frames + 1, repeating: .nan)
        var energies = [Double](repeating: .nan, count: frames + 1)
        var u = initial
        var energy = model.freeEnergy(u)
        let bound = 1e6 * max(1, maxAbs(initial))
        var (increase, statistics, completed, diverged) = (-Double.infinity, StepStatistics(), 1, false)
        func record(_ frame: Int) {
            output.withUnsafeMutableBufferPointer { p in
                for i in 0..<n { p[frame * n + i] = u[i] }
            }
            energies[frame] = energy
        }
        record(0)
        frameLoop: for frame in 1...max(frames, 1) where frames > 0 {
            try interruption.checkOnsager()
            for _ in 0..<substeps {
                let next: [Double]
                do {
                    let result = try step(u)
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
                let nextEnergy = model.freeEnergy(next)
                increase = max(increase, nextEnergy - energy)
                (u, energy) = (next, nextEnergy)
            }
            record(frame)
            completed = frame + 1
        }
        return Rollout(frames: output, energies: energies, completedFrames: completed, diverged: diverged,
                       maxEnergyIncrease: increase, statistics: statistics)
    }
}
