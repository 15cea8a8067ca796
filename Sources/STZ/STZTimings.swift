import Foundation

/// Wall-clock time spent in each part of a run, in seconds.
public struct STZTimings: Sendable, Equatable {
    /// The projection step: right-hand side, FFT solve, velocity and elastic stress update.
    public var projection = 0.0
    /// The explicit step without plasticity: ENO2 advection, Truesdell terms, χ diffusion,
    /// ghost updates.
    public var explicitStep = 0.0
    /// The adaptive plastic sub-stepping of every cell.
    public var plasticity = 0.0
    /// Building the frames' output fields and calling the on-frame callback.
    public var output = 0.0
    /// The whole run, from set-up to result.
    public var total = 0.0

    /// Zero timings.
    public init() {}
}

/// A monotonic clock reading in seconds, for the timings.
func monotonicSeconds() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9
}
