import Linalg

/// The errors thrown by the Grassmann-manifold operations.
///
/// Messages are one line and say what was wrong with which input, so that the Lua layer only has
/// to prefix the function name: `grassmann.distance: points live in different spaces (R^32 and R^64)`.
public enum GrassmannError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Two points (or a point and a tangent vector) have different ambient dimensions n.
    case dimensionMismatch(String, Int, Int)
    /// The operation needs subspaces of equal dimension (the log map, a mean), got `p` and `q`.
    case rankMismatch(operation: String, Int, Int)
    /// A requested rank exceeds what an m x n matrix can give (min(m, n)).
    case rankTooLarge(requested: Int, shape: Shape)
    /// A rank rule that cannot give a rank of at least 1 (rank 0, a tolerance no singular value
    /// exceeds, an energy fraction outside (0, 1]).
    case invalidRank(String)
    /// A basis whose columns are not orthonormal: `deviation` is max |B'B - I|.
    case notOrthonormal(deviation: Double, tolerance: Double)
    /// A basis with more columns than rows, or with no columns.
    case invalidBasis(Shape)
    /// A tangent matrix that is not orthogonal to its base point: `deviation` is max |Y'D|.
    case notTangent(deviation: Double, tolerance: Double)
    /// An input holds NaN or infinity; the string names it ("matrix 3", "basis").
    case nonFinite(String)
    /// A list that must not be empty is empty; the string names it.
    case emptyList(String)
    /// An argument out of its domain; the string says which and why.
    case invalidArgument(String)
    /// A metric name that is neither built in nor registered.
    case unknownMetric(name: String, known: [String])
    /// A custom metric may not take the name of a built-in one.
    case reservedMetricName(String)
    /// A metric that uses singular values met a point that has none (made from a basis).
    case missingSingularValues(metric: String)
    /// A user-defined metric failed or returned something other than a finite number.
    case metricFailed(name: String, message: String)
    /// A linear-algebra step failed (an SVD that did not converge, a singular system).
    case linearAlgebra(LinalgError)
    /// The computation stopped because an interruption was requested.
    case interrupted

    /// A one-line message.
    public var description: String {
        switch self {
        case let .dimensionMismatch(what, n1, n2):
            return "\(what) live in different spaces (R^\(n1) and R^\(n2))"
        case let .rankMismatch(operation, p, q):
            return "\(operation) needs subspaces of equal dimension, got \(p) and \(q)"
        case let .rankTooLarge(requested, shape):
            return "rank \(requested) is larger than a \(shape) matrix allows (at most \(Swift.min(shape.rows, shape.cols)))"
        case let .invalidRank(reason):
            return reason
        case let .notOrthonormal(deviation, tolerance):
            return "basis columns are not orthonormal (max |B'B - I| = \(deviation) > tolerance \(tolerance)); "
                + "project the matrix instead to orthonormalise it"
        case let .invalidBasis(shape):
            return "a basis needs 1 <= columns <= rows, got \(shape)"
        case let .notTangent(deviation, tolerance):
            return "matrix is not tangent at the base point (max |Y'D| = \(deviation) > tolerance \(tolerance))"
        case let .nonFinite(what):
            return "\(what) contains NaN or infinity"
        case let .emptyList(what):
            return "\(what) is empty"
        case let .invalidArgument(message):
            return message
        case let .unknownMetric(name, known):
            return "unknown metric '\(name)'; known metrics: \(known.joined(separator: ", "))"
        case let .reservedMetricName(name):
            return "'\(name)' is a built-in metric and cannot be redefined"
        case let .missingSingularValues(metric):
            return "metric '\(metric)' uses singular values, but a point has none (it was made from a basis, not projected)"
        case let .metricFailed(name, message):
            return "metric '\(name)': \(message)"
        case let .linearAlgebra(error):
            return error.description
        case .interrupted:
            return Interrupted().description
        }
    }
}

/// Runs `body`, turning a ``LinalgError`` into ``GrassmannError/linearAlgebra(_:)``.
@inline(__always)
func linalg<T>(_ body: () throws(LinalgError) -> T) throws(GrassmannError) -> T {
    do { return try body() } catch { throw .linearAlgebra(error) }
}
