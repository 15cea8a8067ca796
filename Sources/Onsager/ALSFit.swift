import Foundation
import Linalg

/// Settings of the closed-form alternating least-squares fit (``ALSFit``).
public struct ALSOptions: Sendable, Equatable {
    /// The integral relation between frames (default Boole's rule, sixth order).
    public var stencil: TimeStencil = .boole
    /// The largest number of sweeps (one symbol step and one energy step each).
    public var maxSweeps: Int = 5000
    /// Stop when a sweep lowers the relative residual by less than `tolerance` times itself.
    public var tolerance: Double = 1e-12
    /// The energy parameter fixed to 1 (the scale gauge): `b` by default; any name of
    /// ``Energy/parameterNames`` (use `c1` when the true gradient coefficient may vanish).
    public var gauge: String = "b"
    /// The lower bound of the coercive coefficient of F (``PointwiseBasis/coerciveIndex``).
    public var coercivityFloor: Double = 1e-8
    /// Modes whose share of the data's spectral energy is below this are not excited: their
    /// symbol is not fitted but extrapolated from the nearest excited mode.
    public var excitationThreshold: Double = 1e-24
    /// The symbol at k = 0 counts as zero (mass conserved, ∫u a Casimir whose coefficient c₀
    /// is then dropped and set to 0) when |σ(0)| is below this times max |σ|.
    public var casimirTolerance: Double = 1e-10
    /// Eigenvalues of the scaled profile Hessian below this mark non-identifiable directions.
    public var flatnessThreshold: Double = 1e-8

    /// The defaults.
    public init() {}
}

/// The result of ``ALSFit/fit(_:hypothesis:options:interruption:)``.
public struct ALSResult: Sendable {
    /// The fitted model (b = 1 or the chosen gauge; c₀ = 0 when ∫u is a Casimir).
    public let model: OnsagerModel
    /// Σ|residual|² / Σ|D|² at the end: the unexplained share of the frame differences.
    public let relativeResidual: Double
    /// Sweeps run.
    public let sweeps: Int
    /// `true` when the tolerance was reached before `maxSweeps`.
    public let converged: Bool
    /// The modes the data do not excite (their free symbol values are extrapolated).
    public let unexcitedModes: [Int]
    /// Flat directions of the fit and what the gauge and Casimirs removed.
    public let identifiability: IdentifiabilityReport
    /// Wall-clock seconds: the pass over the data, then the sweeps.
    public let statisticsTime: Double, sweepTime: Double
}

/// Stage 1 of the fit: alternating least squares on the bilinear residual
/// r = (u_{n+last} - u_{n+first}) + σ Δt Σ_i w_i μ_θ(u_{n+i}) (``TimeStencil``), with
/// closed-form half-steps on the statistics of ``GramStatistics``:
/// - θ fixed: each mode decouples, σ_k = -Σ conj(g_k) D_k / Σ|g_k|², then m_k ← max(m_k, 0)
///   (exact, the objective being isotropic in (m_k, w_k)); a local symbol solves one small
///   bounded least-squares problem for α ≥ 0 and one for β;
/// - σ fixed: one bounded least-squares problem in θ (coercive coefficient ≥ floor, q ≥ 0);
/// - gauge: the chosen parameter (b) is fixed to 1; when σ(0) = 0 the Casimir coefficient c₀
///   is dropped.
/// Residuals are weighted by the Parseval multiplicities, so the loss is the L² norm.
public enum ALSFit {
    /// Fits `hypothesis` to `data`.
    ///
    /// - Throws: ``OnsagerError/invalidArgument(function:message:)`` for a malformed hypothesis,
    ///   an unknown gauge name or too-short trajectories; ``OnsagerError/interrupted``.
    public static func fit(
        _ data: Dataset, hypothesis: Hypothesis, options: ALSOptions = .init(), interruption: Interruption = .never
    ) throws(OnsagerError) -> ALSResult {
        try hypothesis.validate(on: data.grid)
        let names = hypothesis.energyParameterNames
        guard let gauge = names.firstIndex(of: options.gauge) else {
            throw .invalidArgument(function: "fit", message: "unknown gauge '\(options.gauge)'; expected one of \(names.joined(separator: ", "))")
        }
        try require(options.maxSweeps >= 1 && options.tolerance >= 0, "fit", "need at least one sweep and a non-negative tolerance")
        let transform = SpectralTransform(grid: data.grid)
        let started = Date()
        let stats = try GramStatistics.collect(data, hypothesis: hypothesis, stencil: options.stencil,
                                               transform: transform, interruption: interruption)
        let statisticsTime = Date().timeIntervalSince(started)
        var problem = AlternatingProblem(stats: stats, transform: transform, hypothesis: hypothesis, gauge: gauge, options: options)
        var theta = [Double](repeating: 0, count: names.count)
        theta[gauge] = 1
        var sigma = try problem.symbolStep(theta)
        var loss = Double.infinity, sweeps = 0, converged = false
        while sweeps < options.maxSweeps {
            try interruption.checkOnsager()
            sweeps += 1
            theta = try problem.energyStep(sigma.values)
            sigma = try problem.symbolStep(theta)
            let next = problem.relativeLoss(sigma.values, theta)
            if loss - next <= options.tolerance * next {
                loss = min(loss, next)
                converged = true
                break
            }
            loss = next
        }
        let symbol = try problem.symbol(sigma)
        let energy = try Energy(basis: hypothesis.basis, nonlocalShells: hypothesis.nonlocalShells, parameters: theta)
        let report = try Identifiability.report(problem: problem, sigma: sigma, theta: theta)
        return ALSResult(
            model: try OnsagerModel(transform: transform, symbol: symbol, energy: energy), relativeResidual: loss,
            sweeps: sweeps, converged: converged, unexcitedModes: problem.unexcited, identifiability: report,
            statisticsTime: statisticsTime, sweepTime: Date().timeIntervalSince(started) - statisticsTime)
    }
}

/// The symbol during the alternating fit: per-mode values, and the local coefficients when the
/// form is local.
struct SymbolEstimate {
    var values: [Complex]
    var alpha: [Double] = []
    var beta: [Double] = []
}

/// The two half-steps of the alternating fit on fixed statistics.
struct AlternatingProblem {
    let stats: GramStatistics
    let transform: SpectralTransform
    let hypothesis: Hypothesis
    let gauge: Int
    let options: ALSOptions
    /// Parseval weights.
    let weight: [Double]
    /// Modes the data excite.
    let excited: [Bool]
    /// Modes the data do not excite.
    let unexcited: [Int]
    /// Whether ∫u is a Casimir (σ(0) = 0); decided at every symbol step.
    private(set) var casimir = false
    /// Whether the data conserve ∫u (the k = 0 differences vanish): a local symbol then has no
    /// α₀ term (m(0) = 0), as the free symbol finds by itself.
    let conservesMass: Bool

    init(stats: GramStatistics, transform: SpectralTransform, hypothesis: Hypothesis, gauge: Int, options: ALSOptions) {
        self.stats = stats
        self.transform = transform
        self.hypothesis = hypothesis
        self.gauge = gauge
        self.options = options
        weight = transform.multiplicity
        let total = stats.dataEnergy.max() ?? 0
        let excited = stats.dataEnergy.map { $0 > options.excitationThreshold * total && total > 0 }
        self.excited = excited
        unexcited = (0..<transform.modeCount).filter { !excited[$0] }
        let differences = zip(stats.target, transform.multiplicity).map { $0 * $1 }.reduce(0, +)
        conservesMass = stats.target[0] <= options.casimirTolerance * options.casimirTolerance * differences
    }

    /// The energy parameters the θ-step solves for (not the gauge, not a dropped Casimir).
    var freeEnergyParameters: [Int] {
        (0..<hypothesis.energyParameterCount).filter { $0 != gauge && !(casimir && $0 == 1 + hypothesis.basis.casimirIndex) }
    }

    /// The lower bound of energy parameter p, nil when free.
    func lowerBound(_ p: Int) -> Double? {
        let basisCount = hypothesis.basis.count
        if p == 0 { return 0 }
        if p == 1 + hypothesis.basis.coerciveIndex { return options.coercivityFloor }
        if p > basisCount { return 0 }
        return nil
    }

    /// Σ_k weight_k Σ|r_k|² / Σ_k weight_k d_k.
    func relativeLoss(_ sigma: [Complex], _ theta: [Double]) -> Double {
        var loss = 0.0, total = 0.0
        for k in 0..<transform.modeCount where excited[k] {
            loss += weight[k] * stats.residual(k, sigma: sigma[k], theta)
            total += weight[k] * stats.target[k]
        }
        return total > 0 ? max(loss, 0) / total : 0
    }

    /// The best symbol for fixed θ.
    mutating func symbolStep(_ theta: [Double]) throws(OnsagerError) -> SymbolEstimate {
        var estimate: SymbolEstimate
        switch hypothesis.symbolForm {
        case .free:
            var values = [Complex](repeating: .zero, count: transform.modeCount)
            for k in 0..<transform.modeCount where excited[k] {
                let s = stats.featureNorm(k, theta)
                guard s > 0 else { continue }
                let t = stats.projection(k, theta)
                values[k] = Complex(max(0, -t.re / s), transform.isSelfConjugate[k] ? 0 : -t.im / s)
            }
            estimate = SymbolEstimate(values: values)
        case let .local(even, odd):
            estimate = try localSymbolStep(theta, even: even, odd: odd)
        }
        let largest = estimate.values.map(\.magnitude).max() ?? 0
        casimir = estimate.values[0].magnitude <= options.casimirTolerance * largest
        if casimir && hypothesis.symbolForm == .free { estimate.values[0] = .zero }
        return estimate
    }

    /// The local symbol step: min Σ_k weight s_k m_k² + 2 m_k Re t_k over α ≥ 0, and likewise
    /// for w with Im t_k over β. Without α₀ when the data conserve mass.
    private func localSymbolStep(_ theta: [Double], even: Int, odd: Int) throws(OnsagerError) -> SymbolEstimate {
        let evenTerms = Array((conservesMass ? min(1, even) : 0)..<even)
        var hm = Matrix(rows: evenTerms.count, cols: evenTerms.count), hw = Matrix(rows: odd, cols: odd)
        var gm = [Double](repeating: 0, count: evenTerms.count), gw = [Double](repeating: 0, count: odd)
        for k in 0..<transform.modeCount where excited[k] {
            let s = weight[k] * stats.featureNorm(k, theta), t = stats.projection(k, theta)
            let phi = evenTerms.map { OnsagerSymbol.mobilityTerm($0, mode: k, transform) }
            let psi = (0..<odd).map { OnsagerSymbol.conservativeTerm($0, mode: k, transform) }
            for i in phi.indices {
                gm[i] += weight[k] * t.re * phi[i]
                for j in phi.indices { hm[i, j] += s * phi[i] * phi[j] }
            }
            for i in 0..<odd {
                gw[i] += weight[k] * t.im * psi[i]
                for j in 0..<odd { hw[i, j] += s * psi[i] * psi[j] }
            }
        }
        let fitted = try BoundedLeastSquares.minimizeQuadratic(hm, gm, lower: evenTerms.map { _ in 0 })
        var alpha = [Double](repeating: 0, count: even)
        for (i, j) in evenTerms.enumerated() { alpha[j] = fitted[i] }
        let beta = try BoundedLeastSquares.minimizeQuadratic(hw, gw, lower: Array(repeating: nil, count: odd))
        let symbol = try OnsagerSymbol.local(mobility: alpha, conservative: beta)
        let (m, w) = try symbol.values(on: transform)
        return SymbolEstimate(values: (0..<m.count).map { Complex(m[$0], w[$0]) }, alpha: alpha, beta: beta)
    }

    /// The best θ for a fixed symbol, with the gauge parameter at 1 and the bounds.
    func energyStep(_ sigma: [Complex]) throws(OnsagerError) -> [Double] {
        let p = hypothesis.energyParameterCount
        var h = Matrix(rows: p, cols: p)
        var g = [Double](repeating: 0, count: p)
        for k in 0..<transform.modeCount where excited[k] {
            let sk = sigma[k], scale = weight[k] * sk.normSquared
            guard scale > 0 else { continue }
            for a in 0..<p {
                let c = Complex(stats.crossReal[k * p + a], stats.crossImag[k * p + a])
                g[a] += weight[k] * (sk * c.conjugate).re
                for b in 0..<p { h[a, b] += scale * stats.gramReal[(k * p + a) * p + b] }
            }
        }
        let free = freeEnergyParameters
        var reduced = Matrix(rows: free.count, cols: free.count)
        var linear = [Double](repeating: 0, count: free.count)
        for (i, a) in free.enumerated() {
            linear[i] = g[a] + h[a, gauge]
            for (j, b) in free.enumerated() { reduced[i, j] = h[a, b] }
        }
        let x = try BoundedLeastSquares.minimizeQuadratic(reduced, linear, lower: free.map { lowerBound($0) })
        var theta = [Double](repeating: 0, count: p)
        theta[gauge] = 1
        for (i, a) in free.enumerated() { theta[a] = x[i] }
        return theta
    }

    /// The final symbol: unexcited free modes take m from the nearest excited mode and w scaled
    /// by kx, so the model is defined on every mode.
    func symbol(_ estimate: SymbolEstimate) throws(OnsagerError) -> OnsagerSymbol {
        switch hypothesis.symbolForm {
        case .local:
            return try OnsagerSymbol.local(mobility: estimate.alpha, conservative: estimate.beta)
        case .free:
            var m = estimate.values.map(\.re), w = estimate.values.map(\.im)
            let fitted = (0..<transform.modeCount).filter { excited[$0] }
            for k in unexcited {
                guard let near = fitted.min(by: {
                    abs(transform.kSquared[$0] - transform.kSquared[k]) < abs(transform.kSquared[$1] - transform.kSquared[k])
                }) else { continue }
                m[k] = m[near]
                w[k] = transform.kx[near] != 0 ? w[near] * transform.kx[k] / transform.kx[near] : 0
            }
            return try OnsagerSymbol.free(mobility: m, conservative: w, on: transform)
        }
    }
}
