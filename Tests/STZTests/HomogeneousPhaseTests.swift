import Linalg
import XCTest
@testable import STZ

/// The homogeneous elastic shortcut gives bit-for-bit the fields of the full step.
final class HomogeneousPhaseTests: XCTestCase {
    func testShortcutEqualsTheFullStep() {
        var chi = Matrix(rows: 32, cols: 32)
        for j in 0..<32 { for i in 0..<32 { chi[j, i] = 0.07 + 0.01 * sin(Double(5 * i + j)) } }
        let (parameters, grid, loading) = (STZParameters.setB, ShearGrid.paper, ShearLoading.paper)
        let units = SimulationUnits(parameters: parameters, loading: loading)
        let plasticity = AdaptivePlasticity(parameters: parameters, units: units, loading: loading)
        let (full, shortcut) = (ShearState(grid: grid, chi0: chi), ShearState(grid: grid, chi0: chi))
        let (plastic, explicit) = (PlasticRelaxation(grid: grid, units: units, plasticity: plasticity), ExplicitStep(grid: grid, units: units))
        let diffusion = ChiDiffusion(grid: grid, units: units, chiLen: parameters.chiLen)
        let (projection, projection2) = (ProjectionStep(grid: grid, units: units), ProjectionStep(grid: grid, units: units))
        var phase = HomogeneousElasticPhase()
        for _ in 0..<100 {
            let gamma = units.lambda * full.time
            plastic.relax(full, gamma: gamma)
            explicit.advect(full, plastic: plastic, gamma: gamma)
            diffusion.addIncrement(full, gamma: gamma)
            full.swapExplicitBuffers()
            full.time += units.dt
            projection.apply(full, gamma: units.lambda * full.time)
            XCTAssertTrue(phase.advance(shortcut, projection: projection2, units: units, gamma: gamma))
        }
        XCTAssertEqual(full.time, shortcut.time)
        for (a, b) in [(full.p, shortcut.p), (full.q, shortcut.q), (full.s, shortcut.s), (full.tau, shortcut.tau),
                       (full.chi, shortcut.chi), (full.u, shortcut.u), (full.X, shortcut.X), (full.ddev, shortcut.ddev)] {
            XCTAssertEqual(full.matrix(a), shortcut.matrix(b))
        }
    }
}
