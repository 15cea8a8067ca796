import Linalg
import LuaHost
import Optimize
import Surrogate

/// Acquisition functions of `optim`: elementwise on predictions, and maximised over a box.
enum OptimAcquisition {
    static let functions = [
        elementwise("ei", usage: "optim.ei(mean, std, best [, xi = 0])", what: """
            The expected improvement below best - xi, (best - xi - mean) Φ(z) + std φ(z) with
            z = (best - xi - mean) / std, elementwise on vectors (max(best - xi - mean, 0) where std = 0).
            """) { .expectedImprovement(exploration: $0 ?? 0) },
        elementwise("pi", usage: "optim.pi(mean, std, best [, xi = 0])", what: """
            The probability of improvement below best - xi, Φ((best - xi - mean) / std), elementwise.
            """) { .probabilityOfImprovement(exploration: $0 ?? 0) },
        elementwise("lcb", usage: "optim.lcb(mean, std [, best, kappa = 2])", what: """
            The lower confidence bound as an acquisition to maximise, kappa std - mean, elementwise
            (best is ignored; it keeps the signature of ei and pi).
            """) { .lowerConfidenceBound(kappa: $0 ?? 2) },
        maximize,
    ]

    /// An elementwise acquisition function `optim.name(mean, std, best, parameter)`.
    static func elementwise(
        _ name: String, usage: String, what: String, _ make: @escaping (Double?) -> Acquisition
    ) -> NativeFunction {
        NativeFunction(name, doc: "\(usage) -> vector\n\n\(what)") { call in
            let mean = try call.vector(1)
            let deviation = try call.vector(2)
            guard deviation.count == mean.count else {
                throw ArgumentError(2, "expected \(mean.count) standard deviations like mean, got \(deviation.count)")
            }
            let best = name == "lcb" ? try call.number(3, default: 0) : try call.number(3)
            let acquisition = make(try call.optionalNumber(4))
            return call.returning(Matrix(column: acquisition.values(mean: mean, standardDeviation: deviation, best: best)))
        }
    }

    static let maximize = NativeFunction(
        "maximize_acquisition",
        doc: """
            optim.maximize_acquisition(model, bounds [, {kind = "ei", xi = 0, kappa = 2, best, candidates = 1024, skip = 1, starts = 5}]) -> x, value

            The point of bounds maximising the acquisition (ei, pi or lcb) under the gp.Model:
            the best of the candidates (a matrix of points, or a number of Sobol points from
            point skip), refined by L-BFGS-B from the best starts distinct candidates (0: plain
            argmax). best defaults to the model's smallest target.
            """
    ) { call in
        let model = try call.value(1, modelType)
        let bounds = try call.bounds(2)
        let options = try call.options(3, allowed: ["kind", "xi", "kappa", "best", "candidates", "skip", "starts"])
        let acquisition: Acquisition
        switch try options.choice("kind", from: ["ei", "pi", "lcb"], default: "ei") {
        case "pi": acquisition = .probabilityOfImprovement(exploration: try options.number("xi", default: 0))
        case "lcb": acquisition = .lowerConfidenceBound(kappa: try options.number("kappa", default: 2))
        default: acquisition = .expectedImprovement(exploration: try options.number("xi", default: 0))
        }
        let best = try options.number("best", default: model.targets.min() ?? 0)
        let candidates = try options.withValue("candidates") { stack throws -> Matrix in
            if let count = stack.integer(at: -1) {
                guard count > 0 && count <= 10_000_000 else { throw options.error("candidates", "count must be in 1..10^7") }
                return try sobolSample(count: count, bounds: bounds, skip: try options.integer("skip", default: 1))
            }
            guard case .value(let box) = matrixType.lookup(at: -1, in: stack) else {
                throw options.error("candidates", "a number or a matrix expected, got \(stack.typeName(at: -1))")
            }
            return box.value
        } ?? sobolSample(count: 1024, bounds: bounds, skip: try options.integer("skip", default: 1))
        let starts = try options.integer("starts", default: 5)
        guard starts >= 0 && starts <= 1000 else { throw options.error("starts", "must be in 0..1000") }
        let maximizer = AcquisitionMaximizer(candidates: candidates, refinementStarts: starts)
        let (x, value) = try maximizer.maximize(acquisition, model: model, best: best, bounds: bounds,
                                                interruption: luaInterruption)
        return call.returning(Matrix(column: x), value)
    }
}
