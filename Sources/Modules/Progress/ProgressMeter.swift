import Foundation

/// One progress display for long work (EGO iterations, solver frames, fit restarts, seed
/// studies): a count, a rate and an estimated time left.
///
/// On a terminal it redraws one line on standard error, at most ten times a second:
/// `EGO [=========>          ] 45/100  12.3 it/s  ETA 0:04  best=0.0123`. Elsewhere (a log
/// file, CI) it stays silent until ``finish(fields:)``, which prints one summary line:
/// `EGO: 100/100 in 8.1 s (12.3 it/s)  best=0.0123`. Quiet meters print nothing. Numeric
/// libraries never print: their callers wrap the libraries' progress callbacks with a meter.
public final class ProgressMeter {
    /// How the meter reports.
    public enum Style: Sendable {
        /// A bar redrawn in place (a terminal).
        case bar
        /// One line at the end (not a terminal).
        case summary
        /// Nothing.
        case quiet
    }

    /// The number of steps of the whole work, when known.
    public let total: Int?
    /// What is being counted (`EGO`, `frames`).
    public let label: String
    /// How the meter reports.
    public let style: Style
    /// Steps done so far.
    public private(set) var count = 0
    /// Extra values shown after the rate (`best=0.0123`), in order.
    public private(set) var fields: [(name: String, value: String)] = []
    /// Whether ``finish(fields:)`` has run.
    public private(set) var isFinished = false

    private let clock: () -> Double
    private let columns: () -> Int
    private let write: (String) -> Void
    private let start: Double
    private var lastDrawn = -Double.infinity

    /// A meter for `total` steps (`nil`: unknown) of work called `label`, drawing a bar when
    /// standard error is a terminal and printing a summary line otherwise; silent when `quiet`.
    public convenience init(total: Int?, label: String = "", quiet: Bool = false) {
        self.init(total: total, label: label, style: quiet ? .quiet : isatty(2) != 0 ? .bar : .summary,
                  clock: { MonotonicClock.seconds }, columns: { Terminal.width(of: 2) }, write: ProgressMeter.writeToStandardError)
    }

    /// A meter with its own clock (seconds), terminal width and output (for tests).
    init(total: Int?, label: String, style: Style, clock: @escaping () -> Double, columns: @escaping () -> Int,
         write: @escaping (String) -> Void)
    {
        self.total = total.map { max($0, 0) }
        self.label = label
        self.style = style
        self.clock = clock
        self.columns = columns
        self.write = write
        self.start = clock()
    }

    /// Records progress: `count` steps done (`nil`: one more than before) and the current
    /// values of `fields` (names already shown keep their place). Redraws the bar when due.
    public func update(to count: Int? = nil, fields: [(name: String, value: String)] = []) {
        record(count: count ?? self.count + 1, fields: fields)
        guard style == .bar, !isFinished else { return }
        let now = clock()
        if now - lastDrawn >= 0.1 || self.count == total {
            lastDrawn = now
            write("\r" + line(width: columns()) + "\u{1b}[K")
        }
    }

    /// Ends the display: the final bar and a newline on a terminal, the summary line otherwise.
    /// Later calls do nothing.
    public func finish(fields: [(name: String, value: String)] = []) {
        guard !isFinished else { return }
        record(count: count, fields: fields)
        isFinished = true
        switch style {
        case .bar: write("\r" + line(width: columns()) + "\u{1b}[K\n")
        case .summary: write(summary + "\n")
        case .quiet: break
        }
    }

    private func record(count: Int, fields: [(name: String, value: String)]) {
        self.count = max(count, 0)
        for field in fields {
            if let k = self.fields.firstIndex(where: { $0.name == field.name }) {
                self.fields[k].value = field.value
            } else {
                self.fields.append(field)
            }
        }
    }

    /// The bar line for a terminal `width` columns wide.
    public func line(width: Int) -> String {
        let elapsed = clock() - start
        var tail = [rate(elapsed)]
        if let total, total > count, count > 0, elapsed > 0 {
            tail.append("ETA " + Self.duration(elapsed / Double(count) * Double(total - count)))
        }
        tail += fields.map { "\($0.name)=\($0.value)" }
        let counter = total.map { "\(count)/\($0)" } ?? "\(count)"
        let text = tail.joined(separator: "  ")
        let prefix = label.isEmpty ? "" : label + " "
        let room = width - prefix.count - counter.count - text.count - 6
        guard let total, room >= 10 else { return String((prefix + counter + "  " + text).prefix(max(width - 1, 1))) }
        let barWidth = min(room, 40)
        let filled = total == 0 ? barWidth : min(barWidth, barWidth * count / total)
        let bar = String(repeating: "=", count: filled) + (filled < barWidth ? ">" + String(repeating: " ", count: barWidth - filled - 1) : "")
        return prefix + "[" + bar + "] " + counter + "  " + text
    }

    /// The one-line summary: `label: 100/100 in 8.1 s (12.3 it/s)  best=0.0123`.
    public var summary: String {
        let elapsed = clock() - start
        let counter = total.map { "\(count)/\($0)" } ?? "\(count)"
        let fieldText = fields.map { "  \($0.name)=\($0.value)" }.joined()
        return (label.isEmpty ? "" : label + ": ") + "\(counter) in \(Self.duration(elapsed, precise: true)) (\(rate(elapsed)))" + fieldText
    }

    /// `12.3 it/s`, or `4.20 s/it` when each step takes more than a second.
    private func rate(_ elapsed: Double) -> String {
        guard count > 0, elapsed > 0 else { return "- it/s" }
        let perSecond = Double(count) / elapsed
        if perSecond < 1 { return String(format: "%.2f s/it", 1 / perSecond) }
        return String(format: perSecond >= 100 ? "%.0f it/s" : "%.1f it/s", perSecond)
    }

    /// `0:04`, `12:05`, `1:02:03`; with `precise`, seconds under a minute as `8.1 s`.
    static func duration(_ seconds: Double, precise: Bool = false) -> String {
        if precise && seconds < 60 { return String(format: "%.1f s", seconds) }
        let whole = Int(seconds.rounded())
        let (hours, minutes, rest) = (whole / 3600, whole / 60 % 60, whole % 60)
        return hours > 0 ? String(format: "%d:%02d:%02d", hours, minutes, rest) : String(format: "%d:%02d", minutes, rest)
    }

    private static func writeToStandardError(_ text: String) {
        var bytes = Array(text.utf8)
        _ = bytes.withUnsafeMutableBytes { Foundation.write(2, $0.baseAddress, $0.count) }
    }
}
