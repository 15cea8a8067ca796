import Foundation

/// The scaled coordinates x in which the rollout fit runs L-BFGS-B, their bounds, and the map
/// back to a model. Each coordinate sets one quantity q = s x with s its size at the start (so x
/// starts near ±1); sign constraints are bounds on x: m(k) ≥ 0 (free symbol), α_j ≥ 0, a
/// non-gauge b ≥ 0, q_s ≥ 0, and the coercive coefficient of F at least the floor. The gauge
/// parameter and, when σ(0) = 0, the symbol at k = 0 and the Casimir c₀ stay fixed.
struct RolloutParameterization {
    /// What one coordinate sets.
    enum Target {
        case mobility(Int), conservative(Int), alpha(Int), beta(Int), energy(Int)
    }

    /// One coordinate: its target, its scale, and its lower bound in x (-∞ when free).
    struct Entry {
        let target: Target
        let scale: Double
        let lower: Double
    }

    let base: OnsagerModel
    let entries: [Entry]
    let start: [Double]

    init(model: OnsagerModel, gauge: Int, coercivityFloor: Double) {
        base = model
        let t = model.transform, symbol = model.symbol, energy = model.energy
        var entries = [Entry](), start = [Double]()
        func add(_ target: Target, value: Double, lower: Double = -.infinity, typical: Double) {
            let scale = max(abs(value), typical, 1e-300)
            entries.append(Entry(target: target, scale: scale, lower: lower / scale))
            start.append(value / scale)
        }
        let conservesMass = model.mobility[0] == 0 && model.conservative[0] == 0
        switch symbol.form {
        case .free:
            let mTypical = 1e-3 * (model.mobility.max() ?? 0), wTypical = 1e-3 * maxAbs(model.conservative)
            for k in 0..<t.modeCount {
                if !(conservesMass && k == 0) { add(.mobility(k), value: model.mobility[k], lower: 0, typical: mTypical) }
                if !t.isSelfConjugate[k] { add(.conservative(k), value: model.conservative[k], typical: wTypical) }
            }
        case .local:
            let alphaTypical = 1e-3 * maxAbs(symbol.mobilityParameters), betaTypical = 1e-3 * maxAbs(symbol.conservativeParameters)
            for (j, a) in symbol.mobilityParameters.enumerated() where !(conservesMass && j == 0) {
                add(.alpha(j), value: a, lower: 0, typical: alphaTypical)
            }
            for (j, b) in symbol.conservativeParameters.enumerated() { add(.beta(j), value: b, typical: betaTypical) }
        }
        let theta = energy.parameters, basisCount = energy.basis.count
        let typical = 1e-3 * maxAbs(theta)
        for p in theta.indices where p != gauge && !(conservesMass && p == 1 + energy.basis.casimirIndex) {
            let lower = p == 0 || p > basisCount ? 0 : p == 1 + energy.basis.coerciveIndex ? coercivityFloor : -Double.infinity
            add(.energy(p), value: theta[p], lower: lower, typical: typical)
        }
        self.entries = entries
        self.start = start
    }

    /// The model at coordinates x.
    func model(at x: [Double]) throws(OnsagerError) -> OnsagerModel {
        let t = base.transform
        var (m, w) = (base.symbol.mobilityParameters, base.symbol.conservativeParameters)
        var theta = base.energy.parameters
        for (entry, xi) in zip(entries, x) {
            let value = entry.scale * max(xi, entry.lower)
            switch entry.target {
            case .mobility(let k), .alpha(let k): m[k] = value
            case .conservative(let k), .beta(let k): w[k] = value
            case .energy(let p): theta[p] = value
            }
        }
        let symbol: OnsagerSymbol
        switch base.symbol.form {
        case .free: symbol = try .free(mobility: m, conservative: w, on: t)
        case .local: symbol = try .local(mobility: m, conservative: w)
        }
        return try OnsagerModel(transform: t, symbol: symbol, energy: base.energy.with(parameters: theta))
    }

    /// The gradient in x of a loss whose gradient in the model's m(k), w(k) and θ is `g`.
    func pullback(_ g: ModelGradient) -> [Double] {
        let t = base.transform
        return entries.map { entry in
            let dValue: Double
            switch entry.target {
            case .mobility(let k):  // the free symbol averages m over ±k in 2D
                dValue = 0.5 * (g.mobility[k] + g.mobility[t.partner[k]])
            case .conservative(let k):
                dValue = t.partner[k] == k ? g.conservative[k] : 0.5 * (g.conservative[k] - g.conservative[t.partner[k]])
            case .alpha(let j):
                dValue = (0..<t.modeCount).reduce(0) { $0 + g.mobility[$1] * OnsagerSymbol.mobilityTerm(j, mode: $1, t) }
            case .beta(let j):
                dValue = (0..<t.modeCount).reduce(0) { $0 + g.conservative[$1] * OnsagerSymbol.conservativeTerm(j, mode: $1, t) }
            case .energy(let p):
                dValue = g.energy[p]
            }
            return entry.scale * dValue
        }
    }
}
