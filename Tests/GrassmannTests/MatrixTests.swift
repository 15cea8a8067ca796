import CLinearAlgebra
import Foundation
import Grassmann
import Linalg
import XCTest

/// Distance and kernel matrices over lists of points.
final class PairwiseMatrixTests: XCTestCase {
    private var spaces = Subspaces(seed: 17)

    /// Points of mixed ranks.
    private func mixedPoints(_ count: Int, n: Int) -> [GrassmannPoint] {
        (0..<count).map { spaces.point(1 + $0 % 40, n) }
    }

    func testDistanceMatrixMatchesPairwiseDistances() throws {
        let points = mixedPoints(23, n: 60)
        for metric in [GrassmannMetric.geodesic, .chordal, .binetCauchy, .paper] {
            let d = try metric.distanceMatrix(points)
            XCTAssertEqual(d.shape, Shape(rows: 23, cols: 23))
            for i in 0..<23 {
                XCTAssertEqual(d[i, i], 0, metric.name)
                for j in 0..<23 where j != i {
                    XCTAssertEqual(d[i, j], try metric.distance(points[i], points[j]), accuracy: 1e-13, "\(metric.name) \(i) \(j)")
                    XCTAssertEqual(d[i, j], d[j, i])
                }
            }
        }
    }

    func testManyPointsSpanningTwoTilesAndSeveralRounds() throws {
        let points = (0..<100).map { _ in spaces.point(11, 40) }  // 1100 columns: two tiles
        let d = try GrassmannMetric.geodesic.distanceMatrix(points)
        for (i, j) in [(0, 1), (3, 97), (45, 46), (60, 12), (99, 98)] {
            XCTAssertEqual(d[i, j], try GrassmannMetric.geodesic.distance(points[i], points[j]), accuracy: 1e-13)
            XCTAssertEqual(d[i, j], d[j, i])
        }
    }

    func testCrossMatrixAndRepeatability() throws {
        let rows = mixedPoints(9, n: 50), cols = mixedPoints(14, n: 50)
        let d = try GrassmannMetric.projection.distanceMatrix(from: rows, to: cols)
        XCTAssertEqual(d.shape, Shape(rows: 9, cols: 14))
        for i in 0..<9 {
            for j in 0..<14 {
                XCTAssertEqual(d[i, j], try GrassmannMetric.projection.distance(rows[i], cols[j]), accuracy: 1e-13)
            }
        }
        XCTAssertEqual(try GrassmannMetric.projection.distanceMatrix(from: rows, to: cols), d, "deterministic")
        let all = rows + cols
        XCTAssertEqual(try GrassmannMetric.geodesic.distanceMatrix(all), try GrassmannMetric.geodesic.distanceMatrix(all))
    }

    func testCustomMetricMatrixEqualsTheBuiltInOne() throws {
        let points = mixedPoints(12, n: 45)
        let custom = GrassmannMetric.custom(CustomMetric(name: "arc") { input in
            (Double(abs(input.rankA - input.rankB)) * .pi * .pi / 4 + input.angles.reduce(0) { $0 + $1 * $1 }).squareRoot()
        })
        let expected = try GrassmannMetric.geodesic.distanceMatrix(points)
        let computed = try custom.distanceMatrix(points)
        XCTAssertEqual(computed.elements.count, expected.elements.count)
        for (x, y) in zip(computed.elements, expected.elements) { XCTAssertEqual(x, y, accuracy: 1e-15) }
    }

    func testConcurrentCallersLeaveOpenBLASThreadCountAsFound() throws {
        // Parallel evaluations may compute distances and means on several threads at once; each
        // keeps OpenBLAS to one thread while it runs, and the count must come back afterwards.
        let before = openblas_get_num_threads()
        openblas_set_num_threads(2)
        defer { openblas_set_num_threads(before) }
        let points = (0..<12).map { _ in spaces.point(3, 30) }
        DispatchQueue.concurrentPerform(iterations: 24) { k in
            if k % 2 == 0 {
                _ = try? GrassmannMetric.geodesic.distanceMatrix(points)
            } else {
                _ = try? KarcherMean().mean(of: points)
            }
        }
        XCTAssertEqual(openblas_get_num_threads(), 2)
    }

    func testErrors() {
        assertThrows(.emptyList("list of points")) { try GrassmannMetric.geodesic.distanceMatrix([]) }
        assertThrows(.dimensionMismatch("points of list of points", 5, 6)) {
            try GrassmannMetric.geodesic.distanceMatrix([spaces.point(2, 5), spaces.point(2, 6)])
        }
        assertThrows(.dimensionMismatch("points", 5, 7)) {
            try GrassmannMetric.geodesic.distanceMatrix(from: [spaces.point(2, 5)], to: [spaces.point(2, 7)])
        }
        assertThrows(.interrupted) {
            try GrassmannMetric.geodesic.distanceMatrix([spaces.point(2, 5), spaces.point(2, 5)], interruption: Interruption { true })
        }
        assertThrows(.invalidArgument("kernel length scale must be positive and finite, got 0.0")) {
            try GrassmannKernel.rbf(metric: .chordal, lengthscale: 0).matrix([spaces.point(1, 3)])
        }
    }

    // MARK: Kernels

    func testProjectionAndBinetCauchyKernelsAgainstTheirDefinitions() throws {
        let a = spaces.point(3, 8), b = spaces.point(3, 8), c = spaces.point(2, 8)
        let cross = try a.basis.transposed() * b.basis
        XCTAssertEqual(try GrassmannKernel.projection.value(a, b), pow(cross.norm(), 2), accuracy: 1e-14)
        XCTAssertEqual(try GrassmannKernel.binetCauchy.value(a, b), pow(try cross.determinant(), 2), accuracy: 1e-14)
        XCTAssertEqual(try GrassmannKernel.projection.value(a, c), pow((try a.basis.transposed() * c.basis).norm(), 2), accuracy: 1e-14)
        XCTAssertEqual(try GrassmannKernel.binetCauchy.value(a, c), 0)
        let k = try GrassmannKernel.projection.matrix([a, b, c])
        XCTAssertEqual([k[0, 0], k[1, 1], k[2, 2]], [3, 3, 2])
    }

    func testRBFAndMaternKernelsOnDistances() throws {
        let a = spaces.point(2, 6), b = spaces.point(2, 6)
        let d = try GrassmannMetric.geodesic.distance(a, b), r = d / 0.7
        XCTAssertEqual(try GrassmannKernel.rbf(metric: .geodesic, lengthscale: 0.7).value(a, b), exp(-r * r / 2), accuracy: 1e-15)
        let s3 = 3.0.squareRoot() * r, s5 = 5.0.squareRoot() * r
        XCTAssertEqual(try GrassmannKernel.matern(metric: .geodesic, lengthscale: 0.7, smoothness: .half).value(a, b), exp(-r), accuracy: 1e-15)
        XCTAssertEqual(try GrassmannKernel.matern(metric: .geodesic, lengthscale: 0.7, smoothness: .threeHalves).value(a, b),
                       (1 + s3) * exp(-s3), accuracy: 1e-15)
        XCTAssertEqual(try GrassmannKernel.matern(metric: .geodesic, lengthscale: 0.7, smoothness: .fiveHalves).value(a, b),
                       (1 + s5 + s5 * s5 / 3) * exp(-s5), accuracy: 1e-15)
        XCTAssertEqual(try GrassmannKernel.rbf(metric: .chordal, lengthscale: 1).matrix([a, b])[1, 1], 1)
    }

    func testKernelsDeclaredPositiveDefiniteHavePositiveSpectra() throws {
        let points = (0..<40).map { _ in spaces.point(2, 5) }
        let kernels: [GrassmannKernel] = [
            .projection, .binetCauchy, .rbf(metric: .chordal, lengthscale: 0.3), .rbf(metric: .projection, lengthscale: 2),
            .rbf(metric: .binetCauchy, lengthscale: 0.5), .matern(metric: .chordal, lengthscale: 0.5, smoothness: .threeHalves),
        ]
        for kernel in kernels {
            XCTAssertTrue(kernel.isPositiveDefinite)
            let smallest = try kernel.matrix(points).symmetricEigenvalues()[0]
            XCTAssertGreaterThan(smallest, -1e-12, "\(kernel)")
        }
        XCTAssertFalse(GrassmannKernel.rbf(metric: .geodesic, lengthscale: 1).isPositiveDefinite)
    }
}
