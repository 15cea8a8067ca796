/// The errors thrown when a figure is built or rendered. Messages read well after the name of
/// the Lua function that failed: `save: gnuplot is not installed (...)`.
public enum PlotError: Error, Equatable, Sendable, CustomStringConvertible {
    /// gnuplot was not found: not on the `PATH` nor at `/usr/bin/gnuplot`, or not at the
    /// explicitly given path.
    case gnuplotMissing(looked: String)
    /// gnuplot ran and failed; `message` is its error, without the script position.
    case gnuplotFailed(status: Int32, message: String)
    /// gnuplot did not finish within the time-out (it was killed).
    case timedOut(seconds: Double)
    /// Ctrl-C was pressed while gnuplot ran (it was killed).
    case interrupted
    /// The file name does not say which format to write.
    case unsupportedFormat(path: String)
    /// A value of the figure model is out of its domain (a size, a grid position, an extent).
    case invalidValue(what: String, reason: String)
    /// Data that cannot be plotted (x and y of different lengths, an empty series).
    case invalidData(reason: String)
    /// The output file (or the temporary folder) could not be written.
    case cannotWrite(path: String, reason: String)

    /// A one-line message.
    public var description: String {
        switch self {
        case .gnuplotMissing(let looked):
            return "gnuplot is not installed (looked \(looked)); install the Debian package gnuplot-nox "
                + "(scripts/install-deps.sh does)"
        case let .gnuplotFailed(status, message):
            return "gnuplot failed (exit status \(status)): \(message)"
        case .timedOut(let seconds):
            return "gnuplot did not finish within \(Self.format(seconds)) s and was stopped"
        case .interrupted:
            return "interrupted!"
        case .unsupportedFormat(let path):
            return "cannot tell the image format of '\(path)' from its extension (.png, .svg, .pdf or .txt)"
        case let .invalidValue(what, reason):
            return "\(what) \(reason)"
        case .invalidData(let reason):
            return reason
        case let .cannotWrite(path, reason):
            return "cannot write \(path): \(reason)"
        }
    }

    private static func format(_ seconds: Double) -> String {
        seconds == seconds.rounded() ? String(Int(seconds)) : String(seconds)
    }
}
