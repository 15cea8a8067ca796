import Grassmann
import Linalg
import LuaHost

/// Comparing subspaces: principal angles, distances, distance and kernel matrices, and the
/// registry of metrics.
enum GrassmannComparisons {
    static let functions: [NativeFunction] = [angles, distance, distances, kernel, metrics, registerMetric]
    static let pointMethods: [NativeFunction] = [angles, distance]

    static let angles = NativeFunction(
        "angles",
        doc: """
            grassmann.angles(a, b) -> column vector   (also a:angles(b))

            The min(p, q) principal angles between the subspaces, in radians, ascending; angles
            below pi/4 come from their sines, so tiny angles are accurate to about 1e-16, not 1e-8.
            """
    ) { call in
        call.returning(Matrix(column: try call.point(1).principalAngles(with: call.point(2)).angles))
    }

    static let distance = NativeFunction(
        "distance",
        doc: """
            grassmann.distance(a, b [, metric = "geodesic"]) -> number   (also a:distance(b))

            The distance between two subspaces of the same R^n under a built-in metric (geodesic,
            chordal, projection, procrustes, binet_cauchy, martin, asimov, fubini_study, spectral,
            paper) or a registered one. Unequal dimensions add UQpy's terms (geodesic, projection,
            procrustes); paper is calibration.py's exact recipe (cosines rounded to 6 decimals).
            """
    ) { call in
        try LuaMetrics.run(call) { registry in
            let metric = try call.metric(3, in: registry)
            return call.returning(try metric.distance(call.point(1), call.point(2)))
        }
    }

    static let distances = NativeFunction(
        "distances",
        doc: """
            grassmann.distances(points [, others] [, metric = "geodesic"]) -> matrix

            The symmetric matrix of distances between all pairs of a list of points (zero
            diagonal), or the #points x #others matrix from each point to each of others. The
            angles are computed on all cores; a registered metric is then called once per pair.
            """
    ) { call in
        try LuaMetrics.run(call) { registry in
            let points = try call.points(1)
            guard call.type(2) == .table else {
                return call.returning(try call.metric(2, in: registry).distanceMatrix(points, interruption: call.interruption))
            }
            let others = try call.points(2)
            let metric = try call.metric(3, in: registry)
            return call.returning(try metric.distanceMatrix(from: points, to: others, interruption: call.interruption))
        }
    }

    static let kernel = NativeFunction(
        "kernel",
        doc: """
            grassmann.kernel(points [, others] [, {kernel = "projection", metric, lengthscale = 1, nu = 2.5}]) -> matrix, positive_definite

            The kernel matrix of a list of points (or between points and others): projection
            (|A'B|_F^2) or binet_cauchy (det(A'B)^2), both positive definite; or rbf
            (exp(-d^2/2l^2)) and matern (nu = 0.5, 1.5, 2.5) on a distance d, which need a metric:
            positive definite for every length scale on chordal, projection and binet_cauchy, not
            in general on geodesic. The second result says whether positive definiteness is guaranteed.
            """
    ) { call in
        try LuaMetrics.run(call) { registry in
            let points = try call.points(1)
            let others = call.isList(2) ? try call.points(2) : nil
            let kernel = try kernelOption(call, others == nil ? 2 : 3, registry)
            let matrix = try others.map { try kernel.matrix(from: points, to: $0, interruption: call.interruption) }
                ?? kernel.matrix(points, interruption: call.interruption)
            return call.returning(matrix, kernel.isPositiveDefinite)
        }
    }

    /// The kernel described by the options table at `position`.
    private static func kernelOption(_ call: LuaCall, _ position: Int, _ registry: MetricRegistry) throws -> GrassmannKernel {
        let options = try call.options(position, allowed: ["kernel", "metric", "lengthscale", "nu"])
        let kind = try options.choice("kernel", from: ["projection", "binet_cauchy", "rbf", "matern"], default: "projection")
        switch kind {
        case "projection", "binet_cauchy":
            if let extra = ["metric", "lengthscale", "nu"].first(where: options.has) {
                throw options.error(extra, "does not apply to the \(kind) kernel")
            }
            return kind == "projection" ? .projection : .binetCauchy
        default:
            guard let name = try options.string("metric") else {
                throw options.error("metric", "required for the \(kind) kernel (chordal, projection and binet_cauchy give "
                    + "positive definite kernels)")
            }
            let metric: GrassmannMetric
            do { metric = try registry.metric(named: name) } catch { throw options.error("metric", error.description) }
            let lengthscale = try options.number("lengthscale", default: 1)
            guard kind == "matern" else {
                if options.has("nu") { throw options.error("nu", "applies to the matern kernel only") }
                return .rbf(metric: metric, lengthscale: lengthscale)
            }
            let smoothness: GrassmannKernel.Smoothness
            switch try options.number("nu", default: 2.5) {
            case 0.5: smoothness = .half
            case 1.5: smoothness = .threeHalves
            case 2.5: smoothness = .fiveHalves
            case let other: throw options.error("nu", "must be 0.5, 1.5 or 2.5, got \(other)")
            }
            return .matern(metric: metric, lengthscale: lengthscale, smoothness: smoothness)
        }
    }

    static let metrics = NativeFunction(
        "metrics",
        doc: """
            grassmann.metrics() -> table

            The names of the metrics distance, distances and kernel accept: the built-in ones,
            then those registered in this session, sorted.
            """
    ) { call in
        try LuaMetrics.run(call) { registry in call.returning(registry.names) }
    }

    static let registerMetric = NativeFunction(
        "register_metric",
        doc: """
            grassmann.register_metric(name, f [, {uses_singular_values = false}])

            Makes name a metric accepted wherever a metric name is: f(angles) returns the distance
            for a table of principal angles (ascending, computed natively); with
            uses_singular_values, f(angles, sa, sb) also gets both points' singular values (points
            made from a basis are then refused). Re-registering a name replaces it; built-in names
            are reserved.
            """
    ) { call in
        let name = try call.string(1)
        try call.checkFunction(2)
        let options = try call.options(3, allowed: ["uses_singular_values"])
        let usesSingularValues = try options.boolean("uses_singular_values", default: false)
        do {
            try LuaMetrics.register(name, functionAt: 2, usesSingularValues: usesSingularValues, on: call.stack)
        } catch {
            throw ArgumentError(1, "\(error)")
        }
        return 0
    }
}
