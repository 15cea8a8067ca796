import Linalg
import LuaHost
import Optimize

/// `optim.lhs`, `optim.sobol` and `optim.uniform`: designs in a box, one point per row.
enum OptimSamplers {
    static let functions = [lhs, sobol, uniform]

    static let lhs = NativeFunction(
        "lhs",
        doc: """
            optim.lhs(n, bounds [, {seed = 0, rng = g, criterion = "random", iterations = 100}]) -> matrix

            A Latin hypercube of n points in bounds ({{lo, hi}, ...}): one point in each of n
            strata per variable. criterion "random" (UQpy's, bit for bit: the paper's design is
            optim.lhs(350, bounds, {seed = 541122})), "centered" or "maximin" (best of iterations
            + 1 by minimum distance). Seeded by seed or by the generator rng.
            """
    ) { call in
        let bounds = try call.bounds(2)
        let count = try call.pointCount(1, columns: bounds.dimension)
        let options = try call.options(3, allowed: ["seed", "rng", "criterion", "iterations"])
        let criterion: LatinHypercubeCriterion
        switch try options.choice("criterion", from: ["random", "centered", "maximin"], default: "random") {
        case "centered": criterion = .centered
        case "maximin":
            let iterations = try options.integer("iterations", default: 100)
            guard iterations >= 0 && iterations <= 100_000 else { throw options.error("iterations", "must be in 0..100000") }
            criterion = .maximin(iterations: iterations)
        default: criterion = .random
        }
        return call.returning(try options.withGenerator { generator in
            try latinHypercube(count: count, bounds: bounds, criterion: criterion, generator: &generator)
        })
    }

    static let sobol = NativeFunction(
        "sobol",
        doc: """
            optim.sobol(n, bounds [, {skip = 0}]) -> matrix

            n points of the Sobol sequence (Joe-Kuo direction numbers, up to 1000 variables) in
            bounds, starting at point skip; point 0 is the lower corner. skip = 1 gives chaospy's
            rule = "S" (the paper's candidate set), whose first point is the centre.
            """
    ) { call in
        let bounds = try call.bounds(2)
        let count = try call.pointCount(1, columns: bounds.dimension)
        let options = try call.options(3, allowed: ["skip"])
        return call.returning(try sobolSample(count: count, bounds: bounds, skip: try options.integer("skip", default: 0)))
    }

    static let uniform = NativeFunction(
        "uniform",
        doc: """
            optim.uniform(n, bounds [, {seed = 0, rng = g}]) -> matrix

            n independent uniform points in bounds, as numpy's RandomState(seed).uniform(lo, hi, (n, d)).
            """
    ) { call in
        let bounds = try call.bounds(2)
        let count = try call.pointCount(1, columns: bounds.dimension)
        let options = try call.options(3, allowed: ["seed", "rng"])
        return call.returning(try options.withGenerator { generator in
            try uniformSample(count: count, bounds: bounds, generator: &generator)
        })
    }
}
