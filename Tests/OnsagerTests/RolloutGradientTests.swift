import Foundation
import Linalg
import XCTest
@testable import Onsager

/// The hand-written adjoint of the rollout loss against central finite differences, for the
/// free and the local symbol, explicit Euler, stabilised SBDF1 and the implicit AVF step, with
/// sub-steps, the nonlocal term and the bounded basis, in 1D and 2D.
final class RolloutGradientTests: XCTestCase {
    private func check(
        grid: PeriodicGrid, symbol: (SpectralTransform) throws -> OnsagerSymbol, energy: Energy, method: StepMethod,
        substeps: Int, file: StaticString = #filePath, line: UInt = #line
    ) throws {
        let problem = try InClassProblem.allenCahn(grid: grid, epsilon: 0.3, maxWaveNumber: 2)
        let data = try problem.generate(trajectories: 2, frames: 6, frameSpacing: 2e-3, substeps: 4, seed: 3)
        let transform = SpectralTransform(grid: grid)
        let model = try OnsagerModel(transform: transform, symbol: symbol(transform), energy: energy)
        let loss = try RolloutLoss(data: data, steps: 3, substeps: substeps, method: method, stride: 2)
        let map = RolloutParameterization(model: model, gauge: 0, coercivityFloor: 1e-8)
        let x = map.start
        let (value, gradient) = try loss.evaluate(try map.model(at: x), withGradient: true, interruption: .never)
        XCTAssertTrue(value.isFinite && value > 0, file: file, line: line)
        let analytic = map.pullback(gradient)
        var worst = 0.0
        for i in Swift.stride(from: 0, to: x.count, by: max(1, x.count / 12)) + [x.count - 1] {
            func lossAt(_ shift: Double) throws -> Double {
                var moved = x
                moved[i] += shift
                return try loss.evaluate(map.model(at: moved), withGradient: false, interruption: .never).loss
            }
            // Fourth-order central difference.
            let h = 1e-3
            let numeric = (8 * (try lossAt(h) - lossAt(-h)) - (try lossAt(2 * h) - lossAt(-2 * h))) / (12 * h)
            worst = max(worst, abs(numeric - analytic[i]) / max(abs(numeric), 1e-3 * maxAbs(analytic)))
        }
        XCTAssertLessThan(worst, 1e-5, "worst relative gradient error \(worst)", file: file, line: line)
    }

    private func polynomialEnergy(nonlocal: [Double] = []) throws -> Energy {
        try Energy(gradientCoefficient: 1, basis: .polynomial(degree: 3), coefficients: [0.2, -8, 0.5, 9], nonlocal: nonlocal)
    }

    private func freeSymbol(_ t: SpectralTransform) throws -> OnsagerSymbol {
        try .free(mobility: t.kSquared.map { 0.8 + 0.3 * sin($0) }, conservative: t.kx.map { 0.5 * $0 + 0.1 * cos($0) }, on: t)
    }

    func testSBDF1FreeSymbol1D() throws {
        try check(grid: PeriodicGrid(points: 32), symbol: freeSymbol, energy: polynomialEnergy(nonlocal: [0.3, 0.5, 0.2]),
                  method: .sbdf1(stabilization: 2), substeps: 2)
    }

    func testEulerLocalSymbol1D() throws {
        try check(grid: PeriodicGrid(points: 32), symbol: { _ in try .local(mobility: [0.7, 0.05], conservative: [0.4, -0.01]) },
                  energy: polynomialEnergy(), method: .euler, substeps: 3)
    }

    func testSBDF1BoundedBasis1D() throws {
        let energy = try Energy(gradientCoefficient: 1, basis: .bounded(centers: [-0.5, 0.5], width: 0.4), coefficients: [0.1, 3, -1, 0.8])
        try check(grid: PeriodicGrid(points: 32), symbol: freeSymbol, energy: energy, method: .sbdf1(stabilization: 0), substeps: 1)
    }

    func testAVFFreeSymbolWithNonlocalTerm1D() throws {
        try check(grid: PeriodicGrid(points: 32), symbol: freeSymbol, energy: polynomialEnergy(nonlocal: [0.3, 0.5, 0.2]),
                  method: .averageVectorField, substeps: 2)
    }

    func testAVFLocalSymbolBoundedBasis1D() throws {
        let energy = try Energy(gradientCoefficient: 1, basis: .bounded(centers: [-0.5, 0.5], width: 0.4), coefficients: [0.1, 3, -1, 0.8])
        try check(grid: PeriodicGrid(points: 32), symbol: { _ in try .local(mobility: [0.7, 0.05], conservative: [0.4, -0.01]) },
                  energy: energy, method: .averageVectorField, substeps: 1)
    }

    func testAVF2D() throws {
        try check(grid: PeriodicGrid(nx: 8, ny: 8), symbol: freeSymbol, energy: polynomialEnergy(nonlocal: [0.2, 0.4]),
                  method: .averageVectorField, substeps: 1)
    }

    func testSBDF1FreeAndLocalSymbols2D() throws {
        let grid = try PeriodicGrid(nx: 8, ny: 8)
        try check(grid: grid, symbol: freeSymbol, energy: polynomialEnergy(nonlocal: [0.2, 0.4]), method: .sbdf1(stabilization: 1), substeps: 1)
        try check(grid: grid, symbol: { _ in try .local(mobility: [0.7, 0.05], conservative: [0.3]) }, energy: polynomialEnergy(),
                  method: .euler, substeps: 2)
    }
}
