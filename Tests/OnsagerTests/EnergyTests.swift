import Foundation
import Linalg
import XCTest
@testable import Onsager

/// The energy, its gradient and the energy law of the class: identities that hold for any
/// state, checked against finite differences and direct sums.
final class EnergyTests: XCTestCase {
    private let grid1D = try! PeriodicGrid(points: 64)
    private let grid2D = try! PeriodicGrid(nx: 16, ny: 8, lengthX: 2 * .pi, lengthY: 3)

    private func energies() throws -> [Energy] {
        [
            try Energy(gradientCoefficient: 0.7, basis: .polynomial(degree: 3), coefficients: [0.3, -2, 0.5, 1.5], nonlocal: [0.2, 1, 0.4]),
            try Energy(gradientCoefficient: 1.2, basis: .bounded(centers: [-0.5, 0.4], width: 0.3), coefficients: [0.1, 2, -0.7, 0.9]),
        ]
    }

    /// Parseval with the rFFT weights (1 for k = 0 and Nyquist, 2 otherwise): the spectral inner
    /// product equals the grid sum in 1D and 2D.
    func testParsevalWithMultiplicities() {
        for grid in [grid1D, grid2D] {
            let t = SpectralTransform(grid: grid)
            let (f, g) = (randomField(on: grid, seed: 1), randomField(on: grid, seed: 2))
            let spatial = t.innerProduct(f, g)
            XCTAssertEqual(t.innerProduct(t.forward(f), t.forward(g)), spatial, accuracy: 1e-13 * abs(spatial) + 1e-14)
            XCTAssertEqual(relativeDifference(t.inverse(t.forward(f)), f), 0, accuracy: 1e-14)
        }
    }

    /// μ is the L² gradient of the reported V: d/dε V(u + ε e_x) = cellVolume μ_x, for every
    /// point, both bases, the gradient and the nonlocal terms, in 1D and 2D.
    func testChemicalPotentialIsTheGradientOfTheEnergy() throws {
        for grid in [grid1D, grid2D] {
            let t = SpectralTransform(grid: grid)
            let u = randomField(on: grid, seed: 3, maxWaveNumber: 3)
            for energy in try energies() {
                let mu = energy.gradient(of: u, on: t)
                for x in stride(from: 0, to: grid.count, by: 7) {
                    let derivative = centralDifference(step: 1e-4) { h in
                        var v = u
                        v[x] += h
                        return energy.value(of: v, on: t)
                    }
                    XCTAssertEqual(derivative / grid.cellVolume, mu[x], accuracy: 1e-6 * max(1, abs(mu[x])), "\(grid) point \(x)")
                }
            }
        }
    }

    /// dV/dt = -⟨μ, Mμ⟩ along the flow (the W part drops out), with a dissipative and a
    /// conservative symbol, measured by a centred difference of V along the velocity.
    func testEnergyLawHoldsForFreeAndLocalSymbols() throws {
        let t = SpectralTransform(grid: grid1D)
        let energy = try energies()[0]
        let k = waveNumbers(t)
        let symbols = [
            try OnsagerSymbol.local(mobility: [0.5, 0.1], conservative: [1, -0.2]),
            try OnsagerSymbol.free(mobility: k.map { 1 / (1 + $0) }, conservative: k.map { sin($0) }, on: t),
            try OnsagerSymbol.local(mobility: [], conservative: [-1]),
        ]
        let u = randomField(on: grid1D, seed: 4, maxWaveNumber: 4)
        for symbol in symbols {
            let model = try OnsagerModel(transform: t, symbol: symbol, energy: energy)
            let f = model.velocity(u)
            let rate = centralDifference(step: 1e-5) { h in model.freeEnergy(axpy(u, h, f)) }
            let dissipation = model.dissipationRate(u)
            XCTAssertGreaterThanOrEqual(dissipation, 0)
            XCTAssertEqual(rate, -dissipation, accuracy: 1e-6 * max(1, abs(rate)))
        }
    }

    /// A free 2D symbol is made even in m and odd in w, so M is symmetric and W antisymmetric:
    /// ⟨f, M g⟩ = ⟨M f, g⟩ and ⟨f, W g⟩ = -⟨W f, g⟩.
    func testFreeSymbolIsSymmetrisedIn2D() throws {
        let t = SpectralTransform(grid: grid2D)
        var rng = RandomGenerator(seed: 9)
        let m = (0..<t.modeCount).map { _ in rng.uniform(low: 0, high: 2) }
        let w = (0..<t.modeCount).map { _ in rng.uniform(low: -2, high: 2) }
        let symbol = try OnsagerSymbol.free(mobility: m, conservative: w, on: t)
        let zero = try Energy(gradientCoefficient: 0, basis: .polynomial(degree: 1), coefficients: [0, 0])
        let mOnly = try OnsagerModel(transform: t, symbol: .free(mobility: symbol.mobilityParameters,
                                                                  conservative: Array(repeating: 0, count: t.modeCount), on: t), energy: zero)
        let wOnly = try OnsagerModel(transform: t, symbol: .free(mobility: Array(repeating: 0, count: t.modeCount),
                                                                  conservative: symbol.conservativeParameters, on: t), energy: zero)
        let (f, g) = (randomField(on: grid2D, seed: 5), randomField(on: grid2D, seed: 6))
        func apply(_ model: OnsagerModel, _ v: [Double]) -> [Double] { t.inverse(model.applyingSymbol(to: t.forward(v))) }
        XCTAssertEqual(t.innerProduct(f, apply(mOnly, g)), t.innerProduct(apply(mOnly, f), g), accuracy: 1e-12)
        XCTAssertEqual(t.innerProduct(f, apply(wOnly, g)), -t.innerProduct(apply(wOnly, f), g), accuracy: 1e-12)
        XCTAssertEqual(t.innerProduct(f, apply(wOnly, f)), 0, accuracy: 1e-12)
    }

    /// The exact AVF average of F' equals the divided difference (F(b) - F(a))/(b - a), for far
    /// and for nearly equal end points, in both bases.
    func testAveragedForceIsTheDividedDifference() throws {
        for energy in try energies() {
            let (basis, c) = (energy.basis, energy.coefficients)
            for (a, b) in [(-1.3, 0.9), (0.2, 0.2 + 1e-5), (0.7, -0.4), (1.1, 1.1 + 1e-2)] {
                let divided = (basis.density(c, b) - basis.density(c, a)) / (b - a)
                XCTAssertEqual(basis.averagedForce(c, a, b).value, divided, accuracy: 1e-9 * max(1, abs(divided)))
            }
            XCTAssertEqual(basis.averagedForce(c, 0.3, 0.3).value, basis.force(c, 0.3), accuracy: 1e-14)
            // The slope is ∂A/∂b, and the per-term averages recombine into A.
            for (a, b) in [(-1.3, 0.9), (0.2, 0.2 + 1e-5), (0.7, -0.4)] {
                let numeric = centralDifference(step: 1e-6) { h in basis.averagedForce(c, a, b + h).value }
                XCTAssertEqual(basis.averagedForce(c, a, b).slope, numeric, accuracy: 1e-7 * max(1, abs(numeric)))
                var terms = [Double](repeating: 0, count: basis.count)
                terms.withUnsafeMutableBufferPointer { basis.averagedForceTerms(a, b, into: $0.baseAddress!) }
                XCTAssertEqual(zip(c, terms).reduce(0) { $0 + $1.0 * $1.1 }, basis.averagedForce(c, a, b).value, accuracy: 1e-12)
            }
        }
    }

    func testInvalidEnergiesAndSymbolsAreRejected() {
        XCTAssertThrowsError(try Energy(gradientCoefficient: -1, basis: .polynomial(degree: 3), coefficients: [0, 0, 0, 1]))
        XCTAssertThrowsError(try Energy(gradientCoefficient: 1, basis: .polynomial(degree: 2), coefficients: [0, 0, 1]))
        XCTAssertThrowsError(try Energy(gradientCoefficient: 1, basis: .polynomial(degree: 3), coefficients: [0, 1]))
        XCTAssertThrowsError(try OnsagerSymbol.local(mobility: [-1], conservative: []))
        XCTAssertThrowsError(try PeriodicGrid(points: 7))
    }
}
