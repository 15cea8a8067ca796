import Linalg

/// The errors thrown by the Onsager library.
///
/// Every case names the function that failed, so a message read far from its cause (a Lua
/// traceback, a log) still says what went wrong: `fit: data holds NaN or infinity`.
public enum OnsagerError: Error, Equatable, Sendable, CustomStringConvertible {
    /// An argument is out of its domain (a negative mobility, an odd grid size, too few frames).
    case invalidArgument(function: String, message: String)
    /// Data or a state holds NaN or infinity.
    case nonFinite(function: String, what: String)
    /// An implicit step did not converge even after the allowed step rejections.
    case noConvergence(function: String, message: String)
    /// A linear-algebra call failed underneath.
    case linearAlgebra(function: String, error: LinalgError)
    /// The computation stopped because an interruption was requested (Ctrl-C).
    case interrupted

    /// A one-line message naming the function: `function: reason`.
    public var description: String {
        switch self {
        case .interrupted: return "interrupted!"
        default: return "\(function ?? ""): \(reason)"
        }
    }

    /// The function that failed (`nil` for an interruption).
    public var function: String? {
        switch self {
        case let .invalidArgument(function, _), let .nonFinite(function, _), let .noConvergence(function, _),
            let .linearAlgebra(function, _):
            return function
        case .interrupted: return nil
        }
    }

    /// What went wrong, without the function name.
    public var reason: String {
        switch self {
        case let .invalidArgument(_, message): return message
        case let .nonFinite(_, what): return "\(what) holds NaN or infinity"
        case let .noConvergence(_, message): return message
        case let .linearAlgebra(_, error): return error.description
        case .interrupted: return "interrupted!"
        }
    }
}

extension Interruption {
    /// Throws ``OnsagerError/interrupted`` when an interruption was requested.
    func checkOnsager() throws(OnsagerError) {
        if isRequested { throw .interrupted }
    }
}

/// Runs `body`, turning a ``LinalgError`` into ``OnsagerError/linearAlgebra(function:error:)``.
func linearAlgebra<T>(_ function: String, _ body: () throws(LinalgError) -> T) throws(OnsagerError) -> T {
    do { return try body() } catch { throw .linearAlgebra(function: function, error: error) }
}

/// Throws ``OnsagerError/invalidArgument(function:message:)`` unless `condition` holds.
func require(_ condition: Bool, _ function: String, _ message: @autoclosure () -> String) throws(OnsagerError) {
    if !condition { throw .invalidArgument(function: function, message: message()) }
}
