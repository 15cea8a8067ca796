import Foundation

/// A named set of benchmarks; `cglab-bench NAME...` runs the groups named, or all of them.
struct BenchmarkGroup: Sendable {
    /// Short name used on the command line, e.g. `linalg`.
    let name: String
    /// Runs the group's benchmarks and prints their lines.
    let run: @Sendable () throws -> Void
}

/// Monotonic wall-clock time in seconds.
func now() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9
}

/// The best (smallest) wall time in seconds of `body` over `repeats` runs, after one warm-up run.
func bestTime(repeats: Int = 5, _ body: () throws -> Void) rethrows -> Double {
    try body()
    var best = Double.infinity
    for _ in 0..<repeats {
        let start = now()
        try body()
        best = min(best, now() - start)
    }
    return best
}

/// Prints one benchmark line: the measured time next to its baseline and their ratio.
///
/// `ratio` is baseline time / measured time, so a ratio above 1 means faster than the baseline;
/// `target` is the ratio the issue asks for (printed, never asserted).
func report(_ label: String, seconds: Double, baseline: Double, baselineLabel: String, target: Double? = nil) {
    let ratio = baseline / seconds
    var line = "  " + padded(label, 44) + " " + padded(format(seconds), 10, left: true) + "  " + padded(baselineLabel, 22)
        + " " + padded(format(baseline), 10, left: true) + String(format: "  ratio %7.2f", ratio)
    if let target { line += String(format: "  (target >= %.2f %@)", target, ratio >= target ? "met" : "MISSED") }
    print(line)
}

/// A time in seconds rendered with a sensible unit.
func format(_ seconds: Double) -> String {
    switch seconds {
    case ..<1e-6: return String(format: "%.2f ns", seconds * 1e9)
    case ..<1e-3: return String(format: "%.2f us", seconds * 1e6)
    case ..<1: return String(format: "%.2f ms", seconds * 1e3)
    default: return String(format: "%.3f s", seconds)
    }
}

/// `text` padded with spaces to `width` characters (on the left with `left`).
func padded(_ text: String, _ width: Int, left: Bool = false) -> String {
    let padding = String(repeating: " ", count: max(0, width - text.count))
    return left ? padding + text : text + padding
}
