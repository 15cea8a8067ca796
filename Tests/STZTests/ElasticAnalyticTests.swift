import Linalg
import XCTest
@testable import STZ

/// With a tiny effective temperature, exp(−1/χ) underflows to zero, D^pl = 0, and the run is
/// purely elastic simple shear: uniform fields, zero velocity and τ = μγ exactly (in the solver's
/// stress unit s_y: τ/s_y = (μ/s_y) γ, μ = 20 GPa), for γ = λ t the imposed strain, even far
/// above the yield strain. (A debug build runs the first 12 frames, see ``TestBuild``.)
final class ElasticAnalyticTests: XCTestCase {
    func testTinyChiStaysElasticWithTauEqualToMuGamma() throws {
        let parameters = STZParameters.setB
        let chi = Matrix(rows: 32, cols: 32, repeating: 1e-3)
        let frames = TestBuild.paperFrames
        let loading = ShearLoading(finalStrain: 0.005 * Double(frames), frames: frames)
        let run = try STZSimulation(parameters: parameters, loading: loading, initialChi: .chi(chi))
            .run(fields: [.tau, .chi, .Exy, .u])
        let mu = parameters.shearModulus / parameters.sY
        XCTAssertEqual(run.frames.count, frames + 1)
        for frame in run.frames {
            let tau = frame[.tau]!.elements
            XCTAssertEqual(tau.max()!, tau.min()!, "tau stays uniform at frame \(frame.frame)")
            XCTAssertEqual(frame.meanTau, mu * frame.gamma, accuracy: 1e-12 * max(1, mu * frame.gamma), "frame \(frame.frame)")
            XCTAssertEqual(frame[.Exy]!.elements[0], frame.gamma / 2, accuracy: 1e-12)
            XCTAssertEqual(frame[.u]!.elements.map(abs).max()!, 0)
            XCTAssertEqual(frame[.chi]!.elements.max()!, 1e-3)
        }
        XCTAssertEqual(run.frames.last!.gamma, 0.005 * Double(frames), accuracy: 1e-12)
        XCTAssertGreaterThan(run.meanTau.last!, 1.1, "above the yield stress, still elastic")
    }
}

/// Grids of any size: odd and not powers of two (the pair loops' padding, the O(n²) DFT path).
final class GridSizeTests: XCTestCase {
    func testOddGridRunsAndMatchesTheElasticSolution() throws {
        let grid = ShearGrid(nx: 15, ny: 10, lx: 187.5, ly: 125)
        var chi = Matrix(rows: 10, cols: 15)
        for j in 0..<10 { for i in 0..<15 { chi[j, i] = 0.07 + 0.015 * sin(Double(2 * i + 3 * j)) } }
        let loading = ShearLoading(finalStrain: 0.1, frames: 20)
        let plastic = try STZSimulation(parameters: .setB, grid: grid, loading: loading, initialChi: .chi(chi)).run()
        XCTAssertEqual(plastic.frames.count, 21)
        XCTAssertEqual(plastic.frames.last![.tau]!.rows, 10)
        XCTAssertEqual(plastic.frames.last![.tau]!.cols, 15)
        let mu = 20 / STZParameters.setB.sY
        XCTAssertLessThan(plastic.meanTau.last!, mu * 0.1, "yielded: below the elastic line")
        XCTAssertTrue(plastic.frames.last![.chi]!.elements.allSatisfy(\.isFinite))

        let tiny = Matrix(rows: 10, cols: 15, repeating: 1e-3)
        let elastic = try STZSimulation(parameters: .setB, grid: grid, loading: loading, initialChi: .chi(tiny)).run(fields: [.tau])
        XCTAssertEqual(elastic.meanTau.last!, mu * 0.1, accuracy: 1e-12)
    }
}
