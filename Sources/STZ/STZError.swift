/// The errors of the STZ library. Each names what went wrong precisely enough to act on: the
/// parameter and its value, the field and the offending entry, or the frame of a blow-up.
public enum STZError: Error, Equatable, CustomStringConvertible {
    /// A parameter is out of its valid range (or not finite).
    case invalidParameter(name: String, value: Double, requirement: String)
    /// A field matrix has the wrong shape; shapes are rows (y) × columns (x).
    case fieldSizeMismatch(name: String, expectedRows: Int, expectedColumns: Int, rows: Int, columns: Int)
    /// A field holds an inadmissible value at (row, column) (0-based; row = y index).
    case invalidFieldValue(name: String, row: Int, column: Int, value: Double, requirement: String)
    /// The solution blew up: `field` holds NaN or ±Inf at the end of output frame `frame`.
    case blowUp(frame: Int, field: String, row: Int, column: Int)
    /// A file could not be written.
    case writeFailed(path: String, reason: String)

    /// A one-line message naming the parameter, field, frame or file concerned.
    public var description: String {
        switch self {
        case let .invalidParameter(name, value, requirement):
            return "invalid parameter \(name) = \(value) (\(requirement))"
        case let .fieldSizeMismatch(name, er, ec, r, c):
            return "field \(name) has size \(r)x\(c), expected \(er)x\(ec) (rows = y, columns = x)"
        case let .invalidFieldValue(name, row, column, value, requirement):
            return "field \(name) has \(value) at row \(row), column \(column) (\(requirement))"
        case let .blowUp(frame, field, row, column):
            return "the solution blew up at frame \(frame): \(field) is not finite at row \(row), column \(column)"
        case let .writeFailed(path, reason):
            return "cannot write \(path): \(reason)"
        }
    }
}

/// Throws ``STZError/invalidParameter(name:value:requirement:)`` unless `value` is finite and
/// `condition` holds.
func require(_ name: String, _ value: Double, _ condition: Bool, _ requirement: String) throws(STZError) {
    guard value.isFinite && condition else {
        throw .invalidParameter(name: name, value: value, requirement: requirement)
    }
}
