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
