import LuaHost
import Surrogate

/// The Lua userdata type of kernels, `gp.Kernel`: composed with `+` and `*` (a number on either
/// side of `*` is a constant kernel), inspected through methods.
let kernelType: UserdataType<Kernel> = UserdataType<Kernel>(
    name: "gp.Kernel", noun: "kernel",
    methods: [GPKernels.theta, GPKernels.bounds, GPKernels.names, GPKernels.withTheta, GPKernels.covariance],
    metamethods: [GPKernels.add, GPKernels.multiply, GPKernels.toString])

extension Kernel: LuaPushable {
    /// Pushes the kernel as a `gp.Kernel` userdata.
    public func push(onto stack: LuaStack) { kernelType.push(self, onto: stack) }
}

extension LuaCall {
    /// Argument `position` as a kernel: a `gp.Kernel`, or a number (a constant kernel with
    /// default bounds, as scikit-learn reads `2 * k`).
    func kernel(_ position: Int) throws -> Kernel {
        if type(position) == .number { return try .constant(try number(position)) }
        return try value(position, kernelType)
    }
}

/// The kernel constructors of `gp.kernel` and the methods of `gp.Kernel`.
enum GPKernels {
    static let table = LuaFunctionTable(
        functions: [stationary("rbf", "the squared exponential exp(-r²/2)") { try .rbf(lengthScale: $0, bounds: $1) },
                    stationary("matern12", "the Matérn kernel with ν = 1/2, exp(-r)") { try .matern(.oneHalf, lengthScale: $0, bounds: $1) },
                    stationary("matern32", "the Matérn kernel with ν = 3/2, (1 + √3 r) exp(-√3 r)") {
                        try .matern(.threeHalves, lengthScale: $0, bounds: $1)
                    },
                    stationary("matern52", "the Matérn kernel with ν = 5/2, (1 + √5 r + 5r²/3) exp(-√5 r)") {
                        try .matern(.fiveHalves, lengthScale: $0, bounds: $1)
                    },
                    rationalQuadratic, constant, white],
        doc: """
            gp.kernel: kernel constructors.

            rbf, matern12, matern32, matern52 and rq take {length_scale = l or {l1, l2, ...},
            bounds = {lo, hi} or "fixed"}; constant(value [, bounds]) and white(noise [, bounds]).
            Compose with + and * (k1 * k2, 2 * k); fit with gp.fit(X, y, {kernel = k}).
            """)

    /// Reads `{lo, hi}` or `"fixed"` (nil) at argument `position` or option `key`.
    static func boundsArgument(_ call: LuaCall, _ position: Int) throws -> ClosedRange<Double>? {
        if call.isNil(position) { return Kernel.defaultBounds }
        if call.type(position) == .string {
            _ = try call.choice(position, from: ["fixed"])
            return nil
        }
        return try pair(call.vector(position), position: position)
    }

    static func pair(_ values: [Double], position: Int) throws -> ClosedRange<Double> {
        guard values.count == 2, values[0] <= values[1] else {
            throw ArgumentError(position, "bounds must be {lower, upper} with lower <= upper, or \"fixed\"")
        }
        return values[0]...values[1]
    }

    /// Reads the stationary kernels' options table: length scales and bounds.
    static func lengthScaleOptions(_ call: LuaCall, extra: [String] = []) throws -> (scales: [Double], bounds: ClosedRange<Double>?, options: LuaOptions) {
        let options = try call.options(1, allowed: ["length_scale", "bounds"] + extra)
        let scales = try options.withValue("length_scale") { stack throws(ArgumentError) -> [Double] in
            if let value = stack.number(at: -1) { return [value] }
            guard stack.type(at: -1) == .table else { throw options.error("length_scale", "number or table expected") }
            let count = stack.rawLength(at: -1)
            return try (1...Swift.max(1, count)).map { i throws(ArgumentError) in
                defer { stack.pop() }
                stack.rawGet(-1, at: i)
                guard let value = stack.number(at: -1) else { throw options.error("length_scale", "entry \(i) is not a number") }
                return value
            }
        } ?? [1]
        return (scales, try optionBounds(options, "bounds"), options)
    }

    /// Option `key` as `{lo, hi}` or `"fixed"` (nil); the default bounds when absent.
    static func optionBounds(_ options: LuaOptions, _ key: String) throws(ArgumentError) -> ClosedRange<Double>? {
        try options.withValue(key) { stack throws(ArgumentError) -> ClosedRange<Double>? in
            if stack.string(at: -1) == "fixed" { return nil }
            guard stack.type(at: -1) == .table, stack.rawLength(at: -1) == 2 else {
                throw options.error(key, "{lower, upper} or \"fixed\" expected")
            }
            stack.rawGet(-1, at: 1)
            stack.rawGet(-2, at: 2)
            defer { stack.pop(2) }
            guard let lo = stack.number(at: -2), let hi = stack.number(at: -1), lo <= hi else {
                throw options.error(key, "{lower, upper} with lower <= upper expected")
            }
            return lo...hi
        } ?? Kernel.defaultBounds
    }

    static func stationary(
        _ name: String, _ what: String, _ make: @escaping ([Double], ClosedRange<Double>?) throws -> Kernel
    ) -> NativeFunction {
        NativeFunction(
            name,
            doc: """
                gp.kernel.\(name)([{length_scale = 1, bounds = {1e-5, 1e5}}]) -> kernel

                \(what.prefix(1).uppercased() + what.dropFirst()), r the distance between inputs divided by
                the length scales: one number (isotropic) or one per input column (ARD). bounds
                limit fitting; "fixed" keeps the length scales.
                """
        ) { call in
            let (scales, bounds, _) = try lengthScaleOptions(call)
            return call.returning(try make(scales, bounds))
        }
    }

    static let rationalQuadratic = NativeFunction(
        "rq",
        doc: """
            gp.kernel.rq([{length_scale = 1, alpha = 1, bounds = {1e-5, 1e5}, alpha_bounds = {1e-5, 1e5}}]) -> kernel

            The rational quadratic kernel (1 + r²/(2 alpha))^(-alpha), a scale mixture of RBF
            kernels; length scales and bounds as for rbf.
            """
    ) { call in
        let (scales, bounds, options) = try lengthScaleOptions(call, extra: ["alpha", "alpha_bounds"])
        let alpha = try options.number("alpha", default: 1)
        let alphaBounds = try optionBounds(options, "alpha_bounds")
        return call.returning(try Kernel.rationalQuadratic(lengthScale: scales, alpha: alpha, lengthScaleBounds: bounds,
                                                           alphaBounds: alphaBounds))
    }

    static let constant = NativeFunction(
        "constant",
        doc: """
            gp.kernel.constant([value = 1 [, bounds]]) -> kernel

            The constant kernel: multiplied with another kernel it is the signal variance; added,
            a constant offset. bounds: {lo, hi} (default {1e-5, 1e5}) or "fixed".
            """
    ) { call in
        call.returning(try Kernel.constant(try call.number(1, default: 1), bounds: try boundsArgument(call, 2)))
    }

    static let white = NativeFunction(
        "white",
        doc: """
            gp.kernel.white([noise = 1 [, bounds]]) -> kernel

            White noise: noise on the diagonal of the training covariance, nothing between
            distinct points; predictions include it. bounds: {lo, hi} or "fixed".
            """
    ) { call in
        call.returning(try Kernel.white(noiseLevel: try call.number(1, default: 1), bounds: try boundsArgument(call, 2)))
    }

    static let add = NativeFunction("__add") { call in
        call.returning(try call.kernel(1) + call.kernel(2))
    }

    static let multiply = NativeFunction("__mul") { call in
        call.returning(try call.kernel(1) * call.kernel(2))
    }

    static let toString = NativeFunction("__tostring") { call in
        call.returning("gp.Kernel: " + (try call.value(1, kernelType)).description)
    }

    static let theta = NativeFunction(
        "theta",
        doc: """
            k:theta() -> table

            The natural logarithms of the free hyperparameters, in the order of k:names().
            """
    ) { call in
        call.returning(try call.value(1, kernelType).theta)
    }

    static let bounds = NativeFunction(
        "bounds",
        doc: """
            k:bounds() -> table

            The log-space bounds {lo, hi} of each free hyperparameter, in the order of k:names().
            """
    ) { call in
        call.returning(try call.value(1, kernelType).thetaBounds.map { [$0.lowerBound, $0.upperBound] })
    }

    static let names = NativeFunction(
        "names",
        doc: """
            k:names() -> table

            The names of the free hyperparameters, e.g. {"constant.value", "matern52.length_scale[1]"}.
            """
    ) { call in
        call.returning(try call.value(1, kernelType).hyperparameters.map(\.name))
    }

    static let withTheta = NativeFunction(
        "with_theta",
        doc: """
            k:with_theta(theta) -> kernel

            A copy of k with its free hyperparameters set to exp(theta).
            """
    ) { call in
        let kernel = try call.value(1, kernelType)
        return call.returning(try kernel.with(theta: try call.vector(2)))
    }

    static let covariance = NativeFunction(
        "covariance",
        doc: """
            k:covariance(X [, Y]) -> matrix

            The covariance matrix k(X, X) (white noise on its diagonal) or k(X, Y), rows are points.
            """
    ) { call in
        let kernel = try call.value(1, kernelType)
        let x = try call.matrix(2)
        if let y = try call.optionalMatrix(3) {
            guard y.cols == x.cols else { throw ArgumentError(3, "expected \(x.cols) columns like X, got \(y.cols)") }
            return call.returning(try kernel.covariance(x, y))
        }
        return call.returning(try kernel.covariance(x))
    }
}
