/// The errors thrown by the samplers, optimisers and acquisition functions for invalid input.
///
/// Every case names the function that failed, so a message read far from its cause (a Lua
/// traceback, a log) still says what went wrong. Errors thrown by a user's objective pass through
/// the optimisers unchanged.
public enum OptimizeError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A pair of bounds is unusable: NaN, or the lower bound above the upper one.
    /// `index` is 0-based.
    case invalidBounds(index: Int, lower: Double, upper: Double)
    /// A bound is infinite where the function needs a finite box (the samplers).
    case unboundedBox(function: String, index: Int)
    /// A vector or matrix has the wrong length or number of columns.
    case dimensionMismatch(function: String, expected: Int, got: Int)
    /// An argument is out of its domain (a negative count, a non-positive tolerance).
    case invalidArgument(function: String, message: String)
    /// The objective returned a non-finite value or gradient at the starting point.
    case nonFiniteStart(function: String)

    /// A one-line message naming the function.
    public var description: String {
        switch self {
        case let .invalidBounds(index, lower, upper):
            let reason = lower.isNaN || upper.isNaN ? "a bound is NaN" : "lower bound above upper bound"
            return "bounds: \(reason) for variable \(index + 1) ([\(lower), \(upper)])"
        case let .unboundedBox(function, index):
            return "\(function): variable \(index + 1) needs finite bounds"
        case let .dimensionMismatch(function, expected, got):
            return "\(function): expected \(expected) variables, got \(got)"
        case let .invalidArgument(function, message):
            return "\(function): \(message)"
        case let .nonFiniteStart(function):
            return "\(function): the objective is not finite at the starting point"
        }
    }
}
