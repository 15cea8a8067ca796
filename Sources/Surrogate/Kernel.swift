import Foundation

/// A covariance function for Gaussian-process regression, built from the basic kernels below and
/// composed with `+` and `*`, in the style of scikit-learn's `gaussian_process.kernels`.
///
/// The free hyperparameters (those with bounds) form the vector ``theta`` of their natural
/// logarithms, in a fixed order: depth first, left operand before right, and within a kernel its
/// parameters in scikit-learn's order (the rational quadratic's `alpha` before its length
/// scales). Fitting maximises the log marginal likelihood over ``theta`` within ``thetaBounds``,
/// and every kernel supplies the analytic gradient of its covariance matrix with respect to each
/// component of ``theta``.
///
/// Stationary kernels take one length scale (isotropic) or one per input column (ARD); inputs are
/// divided by the length scales before distances are taken.
public struct Kernel: Sendable, Equatable, CustomStringConvertible {
    /// The expression tree.
    indirect enum Node: Sendable, Equatable {
        /// RBF, Matérn or rational quadratic on scaled distances.
        case stationary(StationaryKernel)
        /// A constant covariance c (the signal variance when multiplied with another kernel).
        case constant(Hyperparameter)
        /// Independent noise: σ² on the diagonal of a training covariance, zero elsewhere.
        case white(Hyperparameter)
        /// k1 + k2.
        case sum(Node, Node)
        /// k1 k2.
        case product(Node, Node)
    }

    /// The expression tree.
    let node: Node

    init(_ node: Node) {
        self.node = node
    }

    /// The default bounds of every hyperparameter, scikit-learn's (1e-5, 1e5).
    public static let defaultBounds: ClosedRange<Double> = 1e-5...1e5

    /// The squared-exponential kernel `exp(-r²/2)`, r the distance between inputs divided by the
    /// length scales.
    ///
    /// - Parameters:
    ///   - lengthScale: one value (isotropic) or one per input column (ARD).
    ///   - bounds: the fitting interval of every length scale; nil fixes them.
    public static func rbf(lengthScale: [Double] = [1], bounds: ClosedRange<Double>? = defaultBounds) throws(SurrogateError) -> Kernel {
        try stationary(.rbf, lengthScale: lengthScale, bounds: bounds)
    }

    /// The Matérn kernel of smoothness ν = 1/2 (`exp(-r)`), 3/2 or 5/2
    /// (`(1 + √5 r + 5r²/3) exp(-√5 r)`).
    public static func matern(
        _ smoothness: MaternSmoothness, lengthScale: [Double] = [1], bounds: ClosedRange<Double>? = defaultBounds
    ) throws(SurrogateError) -> Kernel {
        try stationary(smoothness.form, lengthScale: lengthScale, bounds: bounds)
    }

    /// The rational quadratic kernel `(1 + r²/(2α))^(-α)`, a scale mixture of RBF kernels.
    public static func rationalQuadratic(
        lengthScale: [Double] = [1], alpha: Double = 1, lengthScaleBounds: ClosedRange<Double>? = defaultBounds,
        alphaBounds: ClosedRange<Double>? = defaultBounds
    ) throws(SurrogateError) -> Kernel {
        let shape = try Hyperparameter(alpha, bounds: alphaBounds, kernel: "rational quadratic", name: "alpha")
        return try stationary(.rationalQuadratic, lengthScale: lengthScale, bounds: lengthScaleBounds, shape: shape)
    }

    /// The constant kernel `c`; `constant(σ²) * k` gives k a signal variance.
    public static func constant(_ value: Double = 1, bounds: ClosedRange<Double>? = defaultBounds) throws(SurrogateError) -> Kernel {
        Kernel(.constant(try Hyperparameter(value, bounds: bounds, kernel: "constant", name: "value")))
    }

    /// White noise: `noiseLevel` on the diagonal of the training covariance, zero between
    /// distinct inputs (and in the covariance with new inputs).
    public static func white(noiseLevel: Double = 1, bounds: ClosedRange<Double>? = defaultBounds) throws(SurrogateError) -> Kernel {
        Kernel(.white(try Hyperparameter(noiseLevel, bounds: bounds, kernel: "white", name: "noise level")))
    }

    private static func stationary(
        _ form: StationaryKernel.Form, lengthScale: [Double], bounds: ClosedRange<Double>?, shape: Hyperparameter? = nil
    ) throws(SurrogateError) -> Kernel {
        guard !lengthScale.isEmpty else {
            throw .invalidHyperparameter(kernel: form.name, message: "needs at least one length scale")
        }
        var scales: [Hyperparameter] = []
        for value in lengthScale {
            scales.append(try Hyperparameter(value, bounds: bounds, kernel: form.name, name: "length scale"))
        }
        return Kernel(.stationary(StationaryKernel(form: form, lengthScales: scales, shape: shape)))
    }

    /// The sum of two kernels.
    public static func + (lhs: Kernel, rhs: Kernel) -> Kernel { Kernel(.sum(lhs.node, rhs.node)) }

    /// The product of two kernels.
    public static func * (lhs: Kernel, rhs: Kernel) -> Kernel { Kernel(.product(lhs.node, rhs.node)) }

    /// The free hyperparameters of the tree, in ``theta`` order.
    public var hyperparameters: [(name: String, value: Hyperparameter)] { node.hyperparameters }

    /// The logarithms of the free hyperparameters, the coordinates of fitting.
    public var theta: [Double] { hyperparameters.map(\.value.theta) }

    /// The log-space bounds of ``theta``.
    public var thetaBounds: [ClosedRange<Double>] { hyperparameters.map { $0.value.logBounds! } }

    /// The kernel with its free hyperparameters set to `exp(theta)`.
    ///
    /// - Throws: ``SurrogateError/hyperparameterCount(expected:got:)`` for a vector of the wrong
    ///   length.
    public func with(theta: [Double]) throws(SurrogateError) -> Kernel {
        guard theta.count == hyperparameters.count else {
            throw .hyperparameterCount(expected: hyperparameters.count, got: theta.count)
        }
        var position = 0
        return Kernel(node.with(theta: theta, position: &position))
    }

    /// The number of input columns the kernel requires (from its ARD length scales), or nil
    /// when any number will do.
    public var inputDimension: Int? { node.inputDimension }

    /// A readable formula, e.g. `0.5 * matern52(length_scale = [1.2, 0.3]) + white(1e-05)`.
    public var description: String { node.description }
}

/// The smoothness ν of a Matérn kernel.
public enum MaternSmoothness: Sendable, Equatable {
    /// ν = 1/2, the exponential kernel (rough, Ornstein-Uhlenbeck paths).
    case oneHalf
    /// ν = 3/2, once differentiable paths.
    case threeHalves
    /// ν = 5/2, twice differentiable paths (the usual choice for Bayesian optimisation).
    case fiveHalves

    var form: StationaryKernel.Form {
        switch self {
        case .oneHalf: .matern12
        case .threeHalves: .matern32
        case .fiveHalves: .matern52
        }
    }
}

extension Kernel.Node {
    var hyperparameters: [(name: String, value: Hyperparameter)] {
        switch self {
        case let .stationary(k):
            let scales = k.lengthScales.count == 1
                ? [("\(k.form.name).length_scale", k.lengthScales[0])]
                : k.lengthScales.enumerated().map { ("\(k.form.name).length_scale[\($0.offset + 1)]", $0.element) }
            return ((k.shape.map { [("\(k.form.name).alpha", $0)] } ?? []) + scales).filter { $0.1.isFree }
        case let .constant(c): return c.isFree ? [("constant.value", c)] : []
        case let .white(w): return w.isFree ? [("white.noise_level", w)] : []
        case let .sum(a, b), let .product(a, b): return a.hyperparameters + b.hyperparameters
        }
    }

    func with(theta: [Double], position: inout Int) -> Kernel.Node {
        func take(_ h: Hyperparameter) -> Hyperparameter {
            guard h.isFree else { return h }
            var h = h
            h.value = exp(theta[position])
            position += 1
            return h
        }
        switch self {
        case let .stationary(k):
            var k = k
            k.shape = k.shape.map(take)
            k.lengthScales = k.lengthScales.map(take)
            return .stationary(k)
        case let .constant(c): return .constant(take(c))
        case let .white(w): return .white(take(w))
        case let .sum(a, b):
            let left = a.with(theta: theta, position: &position)
            return .sum(left, b.with(theta: theta, position: &position))
        case let .product(a, b):
            let left = a.with(theta: theta, position: &position)
            return .product(left, b.with(theta: theta, position: &position))
        }
    }

    var inputDimension: Int? {
        switch self {
        case let .stationary(k): return k.lengthScales.count > 1 ? k.lengthScales.count : nil
        case .constant, .white: return nil
        case let .sum(a, b), let .product(a, b): return a.inputDimension ?? b.inputDimension
        }
    }

    /// Whether the kernel's ARD dimensions agree across the tree.
    func dimensionsAgree(with d: Int) -> Bool {
        switch self {
        case let .stationary(k): return k.lengthScales.count == 1 || k.lengthScales.count == d
        case .constant, .white: return true
        case let .sum(a, b), let .product(a, b): return a.dimensionsAgree(with: d) && b.dimensionsAgree(with: d)
        }
    }

    var description: String {
        func number(_ v: Double) -> String { String(format: "%.4g", v) }
        switch self {
        case let .stationary(k):
            let scales = k.lengthScales.map { number($0.value) }
            var text = "\(k.form.name)(length_scale = \(scales.count == 1 ? scales[0] : "[" + scales.joined(separator: ", ") + "]")"
            if let shape = k.shape { text += ", alpha = \(number(shape.value))" }
            return text + ")"
        case let .constant(c): return number(c.value)
        case let .white(w): return "white(\(number(w.value)))"
        case let .sum(a, b): return "\(a.description) + \(b.description)"
        case let .product(a, b):
            func factor(_ n: Kernel.Node) -> String {
                if case .sum = n { return "(\(n.description))" }
                return n.description
            }
            return "\(factor(a)) * \(factor(b))"
        }
    }
}
