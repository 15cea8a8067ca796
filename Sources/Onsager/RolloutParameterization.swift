import Foundation

/// The unconstrained, scaled coordinates x in which the rollout fit runs L-BFGS, and the map
/// back to a model. Sign-constrained quantities are squares: m(k) = (s x)² (free symbol),
/// α_j = (s x)², the coercive coefficient = floor + (s x)², q and a non-gauge b as squares;
/// the others are s x. Each scale s is the quantity's size at the start, so x starts near 1.
/// Quantities held at their bound after stage 1 (m(k) = 0, a coercive coefficient at the floor),
/// the gauge parameter and a dropped Casimir stay fixed.
struct RolloutParameterization {
    /// What one coordinate sets.
    enum Target {
        case mobility(Int), conservative(Int), alpha(Int), beta(Int), energy(Int)
    }

    /// One coordinate: its target, whether it is squared (with an offset), and its scale.
    struct Entry {
        let target: Target
        let squared: Bool
        let offset: Double
        let scale: Double
    }

    let base: OnsagerModel
    let entries: [Entry]
    let start: [Double]

    init(model: OnsagerModel, gauge: Int, coercivityFloor: Double) {
        base = model
        let t = model.transform, symbol = model.symbol, energy = model.energy
        var entries = [Entry](), start = [Double]()
        func add(_ target: Target, value: Double, squared: Bool, offset: Double = 0, typical: Double) {
            if squared {
                guard value - offset > 0 else { return }  // held at its bound
                entries.append(Entry(target: target, squared: true, offset: offset, scale: (value - offset).squareRoot()))
                start.append(1)
            } else {
                let scale = max(abs(value), typical, 1e-300)
                entries.append(Entry(target: target, squared: false, offset: 0, scale: scale))
                start.append(value / scale)
            }
        }
        let conservesMass = model.mobility[0] == 0 && model.conservative[0] == 0
        switch symbol.form {
        case .free:
            let mTypical = 1e-6 * (model.mobility.max() ?? 0), wTypical = 1e-6 * maxAbs(model.conservative)
            for k in 0..<t.modeCount {
                add(.mobility(k), value: model.mobility[k], squared: true, typical: mTypical)
                if !t.isSelfConjugate[k] { add(.conservative(k), value: model.conservative[k], squared: false, typical: wTypical) }
            }
        case .local:
            for (j, a) in symbol.mobilityParameters.enumerated() { add(.alpha(j), value: a, squared: true, typical: 0) }
            let typical = 1e-6 * maxAbs(symbol.conservativeParameters)
            for (j, b) in symbol.conservativeParameters.enumerated() { add(.beta(j), value: b, squared: false, typical: typical) }
        }
        let theta = energy.parameters, basisCount = energy.basis.count
        let typical = 1e-6 * maxAbs(theta)
        for p in theta.indices where p != gauge && !(conservesMass && p == 1 + energy.basis.casimirIndex) {
            if p == 0 || p > basisCount {
                add(.energy(p), value: theta[p], squared: true, typical: typical)
            } else if p == 1 + energy.basis.coerciveIndex {
                add(.energy(p), value: theta[p], squared: true, offset: coercivityFloor, typical: typical)
            } else {
                add(.energy(p), value: theta[p], squared: false, typical: typical)
            }
        }
        self.entries = entries
        self.start = start
    }

    private func value(_ entry: Entry, _ x: Double) -> Double {
        entry.squared ? entry.offset + (entry.scale * x) * (entry.scale * x) : entry.scale * x
    }

    /// The model at coordinates x.
    func model(at x: [Double]) throws(OnsagerError) -> OnsagerModel {
        let t = base.transform
        var (m, w) = (base.symbol.mobilityParameters, base.symbol.conservativeParameters)
        var theta = base.energy.parameters
        for (entry, xi) in zip(entries, x) {
            switch entry.target {
            case .mobility(let k), .alpha(let k): m[k] = value(entry, xi)
            case .conservative(let k), .beta(let k): w[k] = value(entry, xi)
            case .energy(let p): theta[p] = value(entry, xi)
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
    func pullback(_ g: ModelGradient, at x: [Double]) -> [Double] {
        let t = base.transform
        return zip(entries, x).map { entry, xi in
            let chain = entry.squared ? 2 * entry.scale * entry.scale * xi : entry.scale
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
            return chain * dValue
        }
    }
}
