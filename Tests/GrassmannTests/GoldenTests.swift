import Grassmann
import Linalg
import XCTest
import TestSupport

/// The paper's Grassmann distance on the real CuZr strain fields, against the golden values of
/// research/grassmannian-ego.md section 9 (numpy float64 LAPACK): d(Exy.MD.k, 2 Exy.MD.k'; r)
/// with the ranks calibration.py fixes per frame.
final class GoldenTests: XCTestCase {
    /// (frame A, frame B, rank, distance).
    private let cases: [(Int, Int, Int, Double)] = [
        (10, 11, 2, 0.581271), (12, 13, 4, 1.360523), (16, 17, 5, 0.383299), (18, 19, 5, 0.693768),
        (20, 21, 10, 1.586910), (22, 23, 10, 0.148059), (24, 25, 14, 0.200497), (70, 71, 15, 0.256901),
        (100, 99, 16, 0.558468),
    ]

    private func field(_ frame: Int) throws -> Matrix {
        try MDGrid.read(from: SharedData.path("data/CuZr_Ref/Exy.MD.\(frame)")).field
    }

    func testPaperDistancesOnTheCuZrStrainFields() throws {
        var distances = [Double]()
        for (frameA, frameB, rank, golden) in cases {
            let a = try GrassmannPoint(projecting: field(frameA), rank: .fixed(rank))
            let b = try GrassmannPoint(projecting: field(frameB) * 2, rank: .fixed(rank))
            let d = try GrassmannMetric.paper.distance(a, b)
            XCTAssertEqual(d, golden, accuracy: 1e-6, "frames \(frameA), \(frameB), rank \(rank)")
            distances.append(d)
        }
        XCTAssertEqual(distances.reduce(0, +) / Double(distances.count), 0.641077, accuracy: 1e-6)
    }
}
