import Grassmann
import Linalg
import LuaHost

/// Interpolation of points over parameters in the tangent space at their Karcher mean, the
/// `grassmann.Interpolation` userdata it returns.
enum GrassmannInterpolation {
    static let interpolate = NativeFunction(
        "interpolate",
        doc: """
            grassmann.interpolate(points, parameters [, {method = "thin_plate", lengthscale, reference, tol, max_iter}]) -> interpolation

            An interpolation of points known at the rows of parameters (N x d; a list for d = 1):
            the points are log-mapped to the tangent space at reference (default: their Karcher
            mean, with tol and max_iter), the tangent matrices interpolated by method (linear in
            one parameter, gaussian with lengthscale, or thin_plate spline), and mapped back with
            exp. Call f:at(t) for the point at parameter t (a number or a list of d numbers).
            """
    ) { call in
        let points = try call.points(1)
        let parameters = try call.matrix(2)
        let options = try call.options(3, allowed: ["method", "lengthscale", "reference", "tol", "max_iter"])
        let methodName = try options.choice("method", from: ["linear", "gaussian", "thin_plate"], default: "thin_plate")
        if methodName != "gaussian", options.has("lengthscale") {
            throw options.error("lengthscale", "applies to the gaussian method only")
        }
        let method: TangentInterpolation.Method
        switch methodName {
        case "linear": method = .linear
        case "gaussian":
            guard let lengthscale = try options.number("lengthscale") else {
                throw options.error("lengthscale", "required for the gaussian method")
            }
            method = .gaussian(lengthscale: lengthscale)
        default: method = .thinPlateSpline
        }
        var karcher = KarcherMean()
        karcher.tolerance = try options.number("tol", default: karcher.tolerance)
        karcher.maximumIterations = try options.integer("max_iter", default: karcher.maximumIterations)
        let reference = try options.withValue("reference") { stack throws(ArgumentError) -> GrassmannPoint in
            guard case .value(let box) = pointType.lookup(at: -1, in: stack) else {
                throw options.error("reference", "Grassmann point expected, got \(stack.typeName(at: -1))")
            }
            return box.value
        }
        let interpolation = try TangentInterpolation(
            points: points, parameters: parameters, method: method, reference: reference, karcher: karcher,
            interruption: call.interruption)
        interpolationType.push(interpolation, onto: call.stack)
        return 1
    }
}

/// The Lua userdata type of interpolations, `grassmann.Interpolation`.
let interpolationType = UserdataType<TangentInterpolation>(
    name: "grassmann.Interpolation", noun: "Grassmann interpolation",
    methods: [
        NativeFunction(
            "at", doc: "f:at(t) -> point\n\nThe interpolated point at parameter t (a number, or a list or vector of d numbers)."
        ) { call in
            let interpolation = try call.value(1, interpolationType)
            return call.returning(try interpolation.point(at: call.parameter(2)))
        },
        NativeFunction(
            "tangent",
            doc: "f:tangent(t) -> matrix\n\nThe interpolated tangent matrix at parameter t, at the reference point (exp of it is f:at(t))."
        ) { call in
            let interpolation = try call.value(1, interpolationType)
            return call.returning(try interpolation.tangent(at: call.parameter(2)).matrix)
        },
        NativeFunction(
            "reference", doc: "f:reference() -> point\n\nThe base point of the tangent space (the Karcher mean unless one was given)."
        ) { call in
            call.returning(try call.value(1, interpolationType).reference)
        },
    ],
    metamethods: [
        NativeFunction("__tostring") { call in
            let interpolation = try call.value(1, interpolationType)
            let reference = interpolation.reference
            return call.returning(
                "Grassmann interpolation of \(interpolation.parameters.rows) points of Gr(\(reference.rank), "
                    + "\(reference.ambientDimension)) over \(interpolation.parameters.cols) parameter(s)")
        }
    ])

extension LuaCall {
    /// Argument `position` as a parameter vector: a number or a list (or vector) of numbers.
    func parameter(_ position: Int) throws(ArgumentError) -> [Double] {
        type(position) == .number ? [try number(position)] : try vector(position)
    }
}
