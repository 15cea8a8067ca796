import Linalg

/// Trajectories of a field on a periodic grid, sampled at a fixed frame spacing: the data a
/// model is fitted to.
///
/// Each trajectory is a matrix with `grid.count` rows (the field, x fastest) and one column per
/// frame; all trajectories have the same number of frames.
public struct Dataset: Sendable {
    /// The grid of the field.
    public let grid: PeriodicGrid
    /// The time between frames.
    public let frameSpacing: Double
    /// The trajectories, one matrix each (`grid.count` × `frameCount`).
    public let trajectories: [Matrix]

    /// A dataset of `trajectories` on `grid`.
    ///
    /// - Throws: ``OnsagerError/invalidArgument(function:message:)`` when there is no trajectory,
    ///   a trajectory does not have `grid.count` rows, the frame counts differ or are below 2, or
    ///   the spacing is not positive; ``OnsagerError/nonFinite(function:what:)`` for NaN or
    ///   infinite values.
    public init(grid: PeriodicGrid, frameSpacing: Double, trajectories: [Matrix]) throws(OnsagerError) {
        try require(!trajectories.isEmpty, "dataset", "there must be at least one trajectory")
        try require(frameSpacing > 0 && frameSpacing.isFinite, "dataset", "the frame spacing must be positive, got \(frameSpacing)")
        let frames = trajectories[0].cols
        for (i, t) in trajectories.enumerated() {
            try require(t.rows == grid.count, "dataset",
                        "trajectory \(i + 1) has \(t.rows) rows, the grid \(grid.count) points")
            try require(t.cols == frames && frames >= 2, "dataset",
                        "every trajectory needs the same number (at least 2) of frames; trajectory \(i + 1) has \(t.cols)")
            guard t.allFinite else { throw .nonFinite(function: "dataset", what: "trajectory \(i + 1)") }
        }
        self.grid = grid
        self.frameSpacing = frameSpacing
        self.trajectories = trajectories
    }

    /// The number of frames of every trajectory.
    public var frameCount: Int { trajectories[0].cols }

    /// Frame `frame` of trajectory `trajectory` as a field.
    public func frame(_ frame: Int, of trajectory: Int) -> [Double] {
        Array(trajectories[trajectory].elements[(frame * grid.count)..<((frame + 1) * grid.count)])
    }

    /// The trajectories with indices in `range`, as a dataset.
    ///
    /// - Throws: ``OnsagerError/invalidArgument(function:message:)`` for an empty or
    ///   out-of-range selection.
    public func trajectories(_ range: Range<Int>) throws(OnsagerError) -> Dataset {
        try require(!range.isEmpty && range.lowerBound >= 0 && range.upperBound <= trajectories.count, "dataset",
                    "trajectories \(range) are not within 0..<\(trajectories.count)")
        return try Dataset(grid: grid, frameSpacing: frameSpacing, trajectories: Array(trajectories[range]))
    }
}
