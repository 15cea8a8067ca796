/// The errors thrown by the matrix file readers and writers. Every case names the file (or,
/// inside an `.npz` archive, `archive.npz:member.npy`), so a message read in a log says which file
/// is wrong and how.
public enum FileError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The file could not be opened or read; `reason` is the system's message.
    case cannotRead(path: String, reason: String)
    /// The file could not be written; `reason` is the system's message.
    case cannotWrite(path: String, reason: String)
    /// The content is not valid `format` (`.npy`, `.npz`, CSV, MD grid, Gnuplot binary): truncated,
    /// wrong magic, inconsistent sizes, ragged rows...
    case malformed(path: String, format: String, reason: String)
    /// The content is valid but uses something this library does not read or write (a complex
    /// dtype, a 3-D array, an encrypted zip member).
    case unsupported(path: String, format: String, feature: String)
    /// A field of a text file is not a number; `line` and `column` are 1-based (the column counts
    /// fields, not characters).
    case invalidNumber(path: String, line: Int, column: Int, text: String)
    /// The data handed to a writer does not fit the format (a header with the wrong number of
    /// names, coordinates that do not match the field).
    case invalidData(path: String, format: String, reason: String)

    /// A one-line message beginning with the file name.
    public var description: String {
        switch self {
        case let .cannotRead(path, reason): return "\(path): cannot read: \(reason)"
        case let .cannotWrite(path, reason): return "\(path): cannot write: \(reason)"
        case let .malformed(path, format, reason): return "\(path): not a valid \(format) file: \(reason)"
        case let .unsupported(path, format, feature): return "\(path): unsupported \(format) feature: \(feature)"
        case let .invalidNumber(path, line, column, text):
            let shown = text.isEmpty ? "empty field" : "'\(text.prefix(40))' is not a number"
            return "\(path):\(line): column \(column): \(shown)"
        case let .invalidData(path, format, reason): return "\(path): cannot write as \(format): \(reason)"
        }
    }
}
