/// The shape of a matrix, `rows` x `cols`, printed as `3x4`.
public struct Shape: Hashable, Sendable, CustomStringConvertible {
    /// Number of rows.
    public var rows: Int
    /// Number of columns.
    public var cols: Int

    /// The shape `rows` x `cols`.
    public init(rows: Int, cols: Int) {
        self.rows = rows
        self.cols = cols
    }

    /// `"3x4"`.
    public var description: String { "\(rows)x\(cols)" }
}

extension Matrix {
    /// The shape of the matrix, `rows` x `cols`.
    @inlinable public var shape: Shape { Shape(rows: rows, cols: cols) }
}

/// The errors thrown by the linear-algebra operations.
///
/// Every case names the function that failed, so a message read far from its cause (in a Lua
/// traceback, a log) still says what went wrong: `solve: matrix is singular (U(3,3) = 0)`.
public enum LinalgError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The shapes of two operands do not fit the operation, e.g. `+` of a 3x4 and a 4x3 matrix.
    case shapeMismatch(operation: String, lhs: Shape, rhs: Shape)
    /// The function needs a square matrix.
    case notSquare(function: String, shape: Shape)
    /// The function needs a vector (one row or one column) or another particular shape.
    case invalidShape(function: String, shape: Shape, expected: String)
    /// An argument is out of its domain (a negative count, an empty list, a non-positive tolerance).
    case invalidArgument(function: String, message: String)
    /// The reduction has no elements to work on (the minimum of an empty matrix).
    case empty(function: String, shape: Shape)
    /// The matrix is exactly singular: the LU factorisation found `U(pivot, pivot) = 0`
    /// (`pivot` is 1-based, as LAPACK reports it).
    case singular(function: String, pivot: Int)
    /// The matrix is not positive definite: the leading minor of order `order` (1-based) is not
    /// positive. `jitter` is the largest diagonal jitter tried (0 when none was allowed).
    case notPositiveDefinite(function: String, order: Int, jitter: Double)
    /// An input of a decomposition holds NaN or infinity; `argument` names it ("matrix",
    /// "right-hand side").
    case nonFinite(function: String, argument: String, shape: Shape)
    /// An iterative LAPACK driver (SVD, eigenvalues) did not converge; `info` is LAPACK's count.
    case noConvergence(function: String, routine: String, info: Int)
    /// LAPACK rejected an argument (`info < 0`: a bug in this library, reported rather than
    /// trapped), or LAPACKE could not allocate its workspace (`info` -1010 or -1011).
    case lapackFailure(function: String, routine: String, info: Int)

    /// A one-line message naming the function and the shapes involved.
    public var description: String {
        function.map { "\($0): \(reason)" } ?? reason
    }

    /// The function that failed (`nil` for a shape mismatch of an operator).
    public var function: String? {
        switch self {
        case .shapeMismatch: return nil
        case let .notSquare(function, _), let .invalidShape(function, _, _), let .invalidArgument(function, _),
            let .empty(function, _), let .singular(function, _), let .notPositiveDefinite(function, _, _),
            let .nonFinite(function, _, _), let .noConvergence(function, _, _), let .lapackFailure(function, _, _):
            return function
        }
    }

    /// What went wrong, without the function name (for callers that name the function their own
    /// way, such as a Lua binding).
    public var reason: String {
        switch self {
        case let .shapeMismatch(operation, lhs, rhs):
            return "shape mismatch in \(operation): \(lhs) and \(rhs)"
        case let .notSquare(_, shape):
            return "matrix must be square, got \(shape)"
        case let .invalidShape(_, shape, expected):
            return "expected \(expected), got \(shape)"
        case let .invalidArgument(_, message):
            return message
        case let .empty(_, shape):
            return "matrix is empty (\(shape))"
        case let .singular(_, pivot):
            return "matrix is singular (U(\(pivot),\(pivot)) = 0)"
        case let .notPositiveDefinite(_, order, jitter):
            let tried = jitter > 0 ? ", even with diagonal jitter \(jitter)" : ""
            return "matrix is not positive definite (leading minor of order \(order))\(tried)"
        case let .nonFinite(_, argument, shape):
            return "\(argument) (\(shape)) contains NaN or infinity"
        case let .noConvergence(_, routine, info):
            return "\(routine) did not converge (info = \(info))"
        case let .lapackFailure(_, routine, info) where info <= -1010:
            return "\(routine) could not allocate its workspace"
        case let .lapackFailure(_, routine, info):
            return "\(routine) rejected argument \(-info)"
        }
    }
}
