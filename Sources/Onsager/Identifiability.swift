import Foundation
import Linalg

/// What the data determine of the energy after the gauge is fixed: the spectrum of the
/// Gauss–Newton Hessian of the fit's loss in the free energy parameters, with the symbol
/// profiled out (its Schur complement), scaled to a unit diagonal.
///
/// A near-zero eigenvalue is a direction along which energy and symbol can move together
/// without changing the fit: for linear dynamics (quadratic V) only σ(k)(b|k|² + c₁) is
/// identifiable, and the direction mixing c₁ with σ shows up here. Symbol values at their bound
/// (m = 0, as for a conservative model) are held fixed in the analysis.
public struct IdentifiabilityReport: Sendable {
    /// The energy parameters analysed (all but the gauge and dropped Casimirs).
    public let parameterNames: [String]
    /// Eigenvalues of the scaled profile Hessian, ascending (each between 0 and the number of
    /// parameters).
    public let eigenvalues: [Double]
    /// The matching directions in the original parameter units, as columns, each scaled to a
    /// largest component of 1.
    public let directions: Matrix
    /// Eigenvalues below this count as flat.
    public let threshold: Double
    /// The parameter fixed by the scale gauge.
    public let gauge: String
    /// Parameters dropped as Casimirs (`c0` when σ(0) = 0).
    public let casimirs: [String]

    /// The indices of flat directions (eigenvalue below ``threshold``).
    public var flatDirections: [Int] { eigenvalues.indices.filter { eigenvalues[$0] < threshold } }

    /// `true` when every analysed parameter is identifiable.
    public var isIdentifiable: Bool { flatDirections.isEmpty }

    /// Flat direction `index` as parameter name → component.
    public func direction(_ index: Int) -> [String: Double] {
        Dictionary(uniqueKeysWithValues: parameterNames.enumerated().map { ($1, directions[$0, index]) })
    }
}

/// Builds ``IdentifiabilityReport`` from the fit's statistics.
enum Identifiability {
    static func report(problem: AlternatingProblem, sigma: SymbolEstimate, theta: [Double]) throws(OnsagerError)
        -> IdentifiabilityReport
    {
        let stats = problem.stats, t = problem.transform, p = stats.featureCount
        let free = problem.freeEnergyParameters
        let names = problem.hypothesis.energyParameterNames
        let n = free.count
        var hessian = Matrix(rows: n, cols: n)
        // Cross terms ∂r/∂(symbol) · ∂r/∂θ per mode, for m and for w.
        var crossM = [[Double]](), crossW = [[Double]](), modes = [Int]()
        for k in 0..<t.modeCount where problem.excited[k] {
            let s = sigma.values[k], weight = problem.weight[k]
            for (i, a) in free.enumerated() {
                for (j, b) in free.enumerated() { hessian[i, j] += weight * s.normSquared * stats.gramReal[(k * p + a) * p + b] }
            }
            let rows = free.map { s * stats.gramRow(k, theta, $0) }
            crossM.append(rows.map { weight * $0.re })
            crossW.append(rows.map { weight * $0.im })
            modes.append(k)
        }
        let diagonal = (0..<n).map { hessian[$0, $0] }
        try subtractSymbolBlock(&hessian, problem: problem, sigma: sigma, theta: theta, modes: modes, crossM: crossM, crossW: crossW)
        let scale = diagonal.map { $0 > 0 ? 1 / $0.squareRoot() : 0 }
        var scaled = hessian
        for i in 0..<n {
            for j in 0..<n { scaled[i, j] *= scale[i] * scale[j] }
        }
        let eigen = try linearAlgebra("fit") { () throws(LinalgError) in try scaled.symmetricEigen() }
        var directions = Matrix(rows: n, cols: n)
        for c in 0..<n {
            let column = (0..<n).map { eigen.vectors[$0, c] * scale[$0] }
            let largest = column.map(abs).max() ?? 1
            for r in 0..<n { directions[r, c] = largest > 0 ? column[r] / largest : 0 }
        }
        let casimirIndex = 1 + problem.hypothesis.basis.casimirIndex
        return IdentifiabilityReport(
            parameterNames: free.map { names[$0] }, eigenvalues: eigen.values, directions: directions,
            threshold: problem.options.flatnessThreshold, gauge: names[problem.gauge],
            casimirs: problem.casimir && casimirIndex != problem.gauge ? [names[casimirIndex]] : [])
    }

    /// H_θθ ← H_θθ - H_θs H_ss⁺ H_sθ for the symbol parameters s (per-mode m and w for a free
    /// symbol, α and β for a local one), leaving out values held at their bound.
    private static func subtractSymbolBlock(
        _ hessian: inout Matrix, problem: AlternatingProblem, sigma: SymbolEstimate, theta: [Double], modes: [Int],
        crossM: [[Double]], crossW: [[Double]]
    ) throws(OnsagerError) {
        let t = problem.transform, n = hessian.rows
        switch problem.hypothesis.symbolForm {
        case .free:
            for (index, k) in modes.enumerated() {
                let curvature = problem.weight[k] * problem.stats.featureNorm(k, theta)
                guard curvature > 0 else { continue }
                if sigma.values[k].re > 0 { subtractOuter(&hessian, crossM[index], 1 / curvature) }
                if !t.isSelfConjugate[k] { subtractOuter(&hessian, crossW[index], 1 / curvature) }
            }
            return
        case let .local(even, odd):
            var terms = [(Int) -> Double]()
            for j in 0..<even where sigma.alpha[j] > 0 { terms.append { OnsagerSymbol.mobilityTerm(j, mode: $0, t) } }
            let mobilityCount = terms.count
            for j in 0..<odd { terms.append { OnsagerSymbol.conservativeTerm(j, mode: $0, t) } }
            let count = terms.count
            var hss = Matrix(rows: count, cols: count)
            var columns = [[Double]](repeating: [Double](repeating: 0, count: n), count: count)  // H_θs by symbol parameter
            for (index, k) in modes.enumerated() {
                let curvature = problem.weight[k] * problem.stats.featureNorm(k, theta)
                let values = terms.map { $0(k) }
                for a in 0..<count {
                    let cross = a < mobilityCount ? crossM[index] : crossW[index]
                    for i in 0..<n { columns[a][i] += values[a] * cross[i] }
                    for b in 0..<count where (a < mobilityCount) == (b < mobilityCount) {
                        hss[a, b] += curvature * values[a] * values[b]
                    }
                }
            }
            guard count > 0 else { return }
            let inverse = try linearAlgebra("fit") { () throws(LinalgError) in try hss.pseudoInverse(rcond: 1e-13) }
            for i in 0..<n {
                for j in 0..<n {
                    var s = 0.0
                    for a in 0..<count {
                        for b in 0..<count { s += columns[a][i] * inverse[a, b] * columns[b][j] }
                    }
                    hessian[i, j] -= s
                }
            }
        }
    }

    /// H ← H - scale v vᵀ.
    private static func subtractOuter(_ h: inout Matrix, _ v: [Double], _ scale: Double) {
        for i in 0..<v.count {
            for j in 0..<v.count { h[i, j] -= scale * v[i] * v[j] }
        }
    }
}
