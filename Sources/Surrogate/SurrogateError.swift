/// The errors thrown by Gaussian-process regression for invalid input.
///
/// Numerical failures of the linear algebra (a covariance that stays indefinite even with the
/// largest jitter) arrive as `LinalgError`; errors of the optimiser as `OptimizeError`.
public enum SurrogateError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A kernel name that does not exist; `known` lists the valid ones.
    case unknownKernel(name: String, known: [String])
    /// A kernel hyperparameter is out of its domain (a non-positive length scale, bounds in the
    /// wrong order).
    case invalidHyperparameter(kernel: String, message: String)
    /// The inputs have a different number of columns than the kernel or the model expects.
    case dimensionMismatch(function: String, expected: Int, got: Int)
    /// The number of targets differs from the number of input rows.
    case sampleCountMismatch(function: String, inputs: Int, targets: Int)
    /// There are no observations to fit.
    case emptyData(function: String)
    /// An input or target is NaN or infinite.
    case nonFiniteData(function: String, argument: String)
    /// A hyperparameter vector of the wrong length.
    case hyperparameterCount(expected: Int, got: Int)
    /// Another invalid argument (a negative noise level, a negative number of restarts).
    case invalidArgument(function: String, message: String)

    /// A one-line message naming the function.
    public var description: String {
        switch self {
        case let .unknownKernel(name, known):
            return "unknown kernel '\(name)' (known: \(known.joined(separator: ", ")))"
        case let .invalidHyperparameter(kernel, message):
            return "\(kernel) kernel: \(message)"
        case let .dimensionMismatch(function, expected, got):
            return "\(function): inputs have \(got) columns, expected \(expected)"
        case let .sampleCountMismatch(function, inputs, targets):
            return "\(function): \(inputs) input rows but \(targets) targets"
        case let .emptyData(function):
            return "\(function): no observations"
        case let .nonFiniteData(function, argument):
            return "\(function): \(argument) contains NaN or infinity"
        case let .hyperparameterCount(expected, got):
            return "kernel: expected \(expected) hyperparameters, got \(got)"
        case let .invalidArgument(function, message):
            return "\(function): \(message)"
        }
    }
}
