import Foundation
import Linalg
import XCTest
import TestSupport
@testable import STZ

/// The full set-B run against the reference solver's golden output (`../shared/golden/stz-setB`).
///
/// Acceptance (golden README): frames 0–10 within 1e-6 relative; T_eff within 20 K at every
/// frame; mean τ within 1e-3 s_y; the shear band in the same rows. "Relative" is per field and
/// frame: max |ours − golden| / max |golden| (the golden files are float32, so about 6e-8 is
/// the floor); a field that is identically zero in the golden frame must be zero to 1e-12.
/// The band is where the row mean of Exy at γ = 0.5 peaks, with the rows above half the peak.
/// A debug build runs the first 12 frames only (``TestBuild``), without the band.
final class GoldenSetBTests: XCTestCase {
    /// The golden field `field` at frame `frame`.
    private func golden(_ field: OutputField, _ frame: Int, in directory: String) throws -> Matrix {
        try GnuplotMatrix.read(from: "\(directory)/\(field.rawValue).\(frame)").field
    }

    /// The rows (y indices) of the shear band at a frame: the row-mean of Exy, its peak row,
    /// and the rows above half of the peak.
    private func band(_ exy: Matrix) -> (peak: Int, rows: Set<Int>) {
        let means = (0..<exy.rows).map { j in (0..<exy.cols).reduce(0) { $0 + exy[j, $1] } / Double(exy.cols) }
        let top = means.max()!, peak = means.firstIndex(of: top)!
        return (peak, Set(means.indices.filter { means[$0] > 0.5 * top }))
    }

    func testSetBMatchesGoldenOutput() throws {
        let energy = try MDGrid.read(from: SharedData.path("data/CuZr_Ref/pe.MD.0")).field
        let directory = try SharedData.path("golden/stz-setB/sct_q.out")
        let summary = try String(contentsOfFile: SharedData.path("golden/stz-setB/summary.csv"), encoding: .utf8)
        let goldenMeanTau = summary.split(separator: "\n").dropFirst().map { Double($0.split(separator: ",")[2])! }

        let frames = TestBuild.paperFrames
        let loading = ShearLoading(finalStrain: 0.005 * Double(frames), frames: frames)
        let run = try STZSimulation(parameters: .setB, loading: loading, initialChi: .energy(energy)).run()
        XCTAssertEqual(run.frames.count, frames + 1)

        var earlyError = 0.0
        for frame in 0...10 {
            for field in OutputField.allCases {
                let g = try golden(field, frame, in: directory), ours = run.frames[frame][field]!
                let scale = g.elements.map(abs).max()!
                let diff = zip(ours.elements, g.elements).map { abs($0 - $1) }.max()!
                if scale == 0 {
                    XCTAssertLessThan(diff, 1e-12, "\(field.rawValue).\(frame) should be zero")
                } else {
                    earlyError = max(earlyError, diff / scale)
                    XCTAssertLessThan(diff / scale, 1e-6, "\(field.rawValue).\(frame)")
                }
            }
        }

        var maxTem = 0.0, maxTemFrame = 0, maxTau = 0.0
        for frame in 0...frames {
            let g = try golden(.tem, frame, in: directory), ours = run.frames[frame][.tem]!
            let d = zip(ours.elements, g.elements).map { abs($0 - $1) }.max()!
            if d > maxTem { (maxTem, maxTemFrame) = (d, frame) }
            maxTau = max(maxTau, abs(run.frames[frame].meanTau - goldenMeanTau[frame]))
        }
        XCTAssertLessThan(maxTem, 20, "T_eff differs by \(maxTem) K at frame \(maxTemFrame)")
        XCTAssertLessThan(maxTau, 1e-3)

        guard frames == 100 else { return }
        let ours = band(run.frames[100][.Exy]!), reference = band(try golden(.Exy, 100, in: directory))
        XCTAssertEqual(ours.peak, reference.peak, "shear band centre row")
        XCTAssertLessThanOrEqual(ours.rows.symmetricDifference(reference.rows).count, 1, "shear band rows")

        print(String(
            format: "set B vs golden: frames 0-10 max rel %.2e; max |dT_eff| %.2f K (frame %d); max |d mean tau| %.2e s_y;"
                + " band peak row %d (golden %d), rows %@ (golden %@)",
            earlyError, maxTem, maxTemFrame, maxTau, ours.peak, reference.peak,
            ours.rows.sorted().description, reference.rows.sorted().description))
    }
}
