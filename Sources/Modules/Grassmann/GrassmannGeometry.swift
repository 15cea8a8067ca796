import Grassmann
import Linalg
import LuaHost

/// Moving on the manifold and averaging: log and exp maps, geodesics, the Karcher mean and the
/// Frechet variance.
enum GrassmannGeometry {
    static let functions: [NativeFunction] = [log, exp, geodesic, karcherMean, frechetVariance]
    static let pointMethods: [NativeFunction] = [log, exp, geodesic, frechetVariance]

    static let log = NativeFunction(
        "log",
        doc: """
            grassmann.log(base, point) -> matrix   (also base:log(point))

            The tangent vector at base pointing to point along a shortest geodesic: an n x p matrix
            D with base:basis()' D = 0, whose Frobenius norm is the geodesic distance. Correct at
            90 degrees, where the (Y'X)^-1 formula breaks; exp(base, log(base, X)) is X.
            """
    ) { call in
        call.returning(try call.point(1).logMap(to: call.point(2)).matrix)
    }

    static let exp = NativeFunction(
        "exp",
        doc: """
            grassmann.exp(base, D [, {tol = 1e-8}]) -> point   (also base:exp(D))

            The end of the geodesic leaving base along the tangent matrix D (n x p, orthogonal to
            the basis: max |Y'D| <= tol * max(1, |D|), an error otherwise).
            """
    ) { call in
        let base = try call.point(1)
        let matrix = try call.matrix(2)
        let options = try call.options(3, allowed: ["tol"])
        let tangent = try TangentVector(base: base, matrix: matrix, tolerance: options.number("tol", default: TangentVector.defaultTolerance))
        return call.returning(try tangent.expMap())
    }

    static let geodesic = NativeFunction(
        "geodesic",
        doc: """
            grassmann.geodesic(a, b, t) -> point   (also a:geodesic(b, t))

            The point at t of the shortest geodesic from a (t = 0) to b (t = 1); other values of
            t extrapolate along it.
            """
    ) { call in
        call.returning(try call.point(1).geodesic(to: call.point(2), at: call.number(3)))
    }

    static let karcherMean = NativeFunction(
        "karcher_mean",
        doc: """
            grassmann.karcher_mean(points [, {tol = 1e-10, max_iter = 1000, step = 1, accelerated = false, start = "medoid"}]) -> mean, report

            The Karcher (Riemannian) mean of points of one Gr(p, n), the minimiser of the sum of
            squared geodesic distances, by gradient descent from start ("medoid", "first" or a
            point), Nesterov-accelerated on request, until the gradient norm is at most tol. The
            report table has iterations, gradient_norm, converged and gradient_norms.
            """
    ) { call in
        let points = try call.points(1)
        let options = try call.options(2, allowed: ["tol", "max_iter", "step", "accelerated", "start"])
        var karcher = KarcherMean()
        karcher.tolerance = try options.number("tol", default: karcher.tolerance)
        karcher.maximumIterations = try options.integer("max_iter", default: karcher.maximumIterations)
        karcher.step = try options.number("step", default: karcher.step)
        karcher.accelerated = try options.boolean("accelerated", default: false)
        karcher.start = try start(options)
        let (mean, report) = try karcher.mean(of: points, interruption: call.interruption)
        mean.push(onto: call.stack)
        let stack = call.stack
        stack.pushTable(fieldCount: 4)
        stack.push(report.iterations)
        stack.rawSet(-2, field: "iterations")
        stack.push(report.gradientNorm)
        stack.rawSet(-2, field: "gradient_norm")
        stack.push(report.converged)
        stack.rawSet(-2, field: "converged")
        report.gradientNorms.push(onto: stack)
        stack.rawSet(-2, field: "gradient_norms")
        return 2
    }

    /// The `start` option: "medoid" (default), "first" or a point.
    private static func start(_ options: LuaOptions) throws(ArgumentError) -> KarcherMean.Start {
        let given = try options.withValue("start") { stack throws(ArgumentError) -> KarcherMean.Start in
            if case .value(let box) = pointType.lookup(at: -1, in: stack) { return .point(box.value) }
            switch stack.type(at: -1) == .string ? stack.string(at: -1) : nil {
            case "medoid": return .medoid
            case "first": return .first
            default: throw options.error("start", "\"medoid\", \"first\" or a Grassmann point expected, got \(stack.typeName(at: -1))")
            }
        }
        return given ?? .medoid
    }

    static let frechetVariance = NativeFunction(
        "frechet_variance",
        doc: """
            grassmann.frechet_variance(reference, points [, metric = "geodesic"]) -> number   (also reference:frechet_variance(points))

            The mean squared distance from reference to the points, (1/N) sum d(reference, X_i)^2;
            the Karcher mean minimises it for the geodesic distance.
            """
    ) { call in
        try LuaMetrics.run(call) { registry in
            let metric = try call.metric(3, in: registry)
            return call.returning(try call.point(1).frechetVariance(of: call.points(2), metric: metric))
        }
    }
}
