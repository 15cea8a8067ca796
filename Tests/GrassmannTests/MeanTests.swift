import Foundation
import Grassmann
import Linalg
import XCTest

/// Karcher mean, Frechet variance and tangent-space interpolation.
final class MeanTests: XCTestCase {
    private var spaces = Subspaces(seed: 31)
    private var rng = RandomGenerator(seed: 31)

    /// A random tangent vector at `base` with Frobenius norm `length`: (I - YY') R, rescaled.
    private func tangent(at base: GrassmannPoint, length: Double) throws -> TangentVector {
        let r = Matrix.normal(rows: base.ambientDimension, cols: base.rank, using: &rng)
        let horizontal = try r - base.basis * (base.basis.transposed() * r)
        return try TangentVector(base: base, matrix: horizontal * (length / horizontal.norm()))
    }

    /// Pairs exp(+D_k), exp(-D_k) about `centre`: their Karcher mean is the centre by symmetry.
    private func symmetricPoints(about centre: GrassmannPoint, lengths: [Double]) throws -> ([GrassmannPoint], [TangentVector]) {
        var points = [GrassmannPoint](), tangents = [TangentVector]()
        for length in lengths {
            let d = try tangent(at: centre, length: length)
            points += [try d.expMap(), try d.scaled(by: -1).expMap()]
            tangents += [d, d]
        }
        return (points, tangents)
    }

    func testMeanOfSymmetricPointsIsTheCentre() throws {
        let centre = spaces.point(3, 10)
        let (points, tangents) = try symmetricPoints(about: centre, lengths: [0.3, 0.5, 0.2, 0.6])
        for accelerated in [false, true] {
            var karcher = KarcherMean()
            karcher.accelerated = accelerated
            karcher.start = .first
            let (mean, report) = try karcher.mean(of: points)
            XCTAssertTrue(report.converged, "\(report)")
            XCTAssertGreaterThan(report.iterations, 0)
            XCTAssertEqual(report.gradientNorms.count, report.iterations + 1)
            assertSameSubspace(mean, centre, tolerance: 1e-9, "accelerated: \(accelerated)")
            // The result is an orthonormal basis.
            XCTAssertNoThrow(try GrassmannPoint(basis: mean.basis, tolerance: 1e-13))
            // Its Frechet variance is the mean squared tangent length, and smaller than elsewhere.
            let variance = try mean.frechetVariance(of: points)
            XCTAssertEqual(variance, tangents.reduce(0) { $0 + $1.norm * $1.norm } / Double(points.count), accuracy: 1e-12)
            XCTAssertLessThan(variance, try points[0].frechetVariance(of: points))
            XCTAssertLessThan(variance, try tangent(at: mean, length: 0.05).expMap().frechetVariance(of: points))
        }
    }

    func testMedoidStartAndTrivialCases() throws {
        let centre = spaces.point(2, 8)
        let (points, _) = try symmetricPoints(about: centre, lengths: [0.4, 0.3])
        let (mean, _) = try KarcherMean().mean(of: points + [centre])
        assertSameSubspace(mean, centre, tolerance: 1e-9)
        // The medoid start is the centre itself, which needs no iteration.
        XCTAssertEqual(try KarcherMean().mean(of: points + [centre]).report.iterations, 0)
        let (single, report) = try KarcherMean().mean(of: [centre])
        assertSameSubspace(single, centre, tolerance: 0)
        XCTAssertEqual(report.iterations, 0)
    }

    func testMedoidStartIsThePointOfLeastSumOfSquaredDistances() throws {
        // 21 points: the medoid search takes them in several runs. With no iterations allowed,
        // the mean is the start, which must be the argmin of the distance matrix's row sums.
        var karcher = KarcherMean()
        karcher.maximumIterations = 0
        for (p, n) in [(3, 12), (1, 5)] {
            let points = (0..<21).map { _ in spaces.point(p, n) }
            let d = try GrassmannMetric.geodesic.distanceMatrix(points)
            let sums = (0..<21).map { i in (0..<21).reduce(0.0) { $0 + d[i, $1] * d[i, $1] } }
            let medoid = sums.indices.min { sums[$0] < sums[$1] }!
            let (start, report) = try karcher.mean(of: points)
            XCTAssertEqual(report.iterations, 0)
            XCTAssertEqual(start.basis, points[medoid].basis, "Gr(\(p), \(n)): medoid \(medoid)")
        }
    }

    func testIterationLimitInterruptionAndErrors() throws {
        let points = (0..<4).map { _ in spaces.point(2, 6) }
        var karcher = KarcherMean()
        karcher.maximumIterations = 2
        karcher.tolerance = 0
        var seen = [Int]()
        let report = try karcher.mean(of: points) { iteration, _ in seen.append(iteration) }.report
        XCTAssertFalse(report.converged)
        XCTAssertEqual(report.iterations, 2)
        XCTAssertEqual(seen, [1, 2])
        assertThrows(.interrupted) { try KarcherMean().mean(of: points, interruption: Interruption { true }) }
        assertThrows(.rankMismatch(operation: "the Karcher mean", 2, 3)) { try KarcherMean().mean(of: points + [spaces.point(3, 6)]) }
        assertThrows(.emptyList("list of points")) { try KarcherMean().mean(of: []) }
        karcher.step = 2
        assertThrows(.invalidArgument("Karcher step must be in (0, 2), got 2.0")) { try karcher.mean(of: points) }
    }

    // MARK: Interpolation

    func testLinearInterpolationFollowsTheGeodesic() throws {
        let (a, b) = spaces.pair(angles: [0.2, 0.7], p: 2, q: 2, n: 9)
        let interpolation = try TangentInterpolation(points: [b, a], parameters: Matrix(column: [3, 1]), method: .linear)
        XCTAssertEqual(interpolation.karcherReport?.converged, true)
        for (parameter, t) in [(1.0, 0.0), (1.5, 0.25), (2.0, 0.5), (3.0, 1.0), (3.5, 1.25)] {
            assertSameSubspace(try interpolation.point(at: [parameter]), try a.geodesic(to: b, at: t), tolerance: 1e-9, "\(parameter)")
        }
    }

    func testRadialInterpolationsAreExactAtTheNodes() throws {
        let centre = spaces.point(3, 15)
        let points = try (0..<7).map { _ in try tangent(at: centre, length: 0.5).expMap() }
        let parameters = Matrix.random(rows: 7, cols: 2, using: &rng)
        for method in [TangentInterpolation.Method.thinPlateSpline, .gaussian(lengthscale: 0.4)] {
            let interpolation = try TangentInterpolation(points: points, parameters: parameters, method: method)
            for (i, point) in points.enumerated() {
                assertSameSubspace(try interpolation.point(at: parameters.row(i).elements), point, tolerance: 1e-9, "\(method) node \(i)")
            }
            // Between the nodes the result stays on the manifold.
            XCTAssertNoThrow(try GrassmannPoint(basis: interpolation.point(at: [0.5, 0.5]).basis, tolerance: 1e-12))
        }
        // A given reference point is used as is.
        let given = try TangentInterpolation(points: points, parameters: parameters, method: .thinPlateSpline, reference: centre)
        XCTAssertNil(given.karcherReport)
        assertSameSubspace(given.reference, centre, tolerance: 0)
    }

    func testInterpolationErrors() throws {
        let points = [spaces.point(2, 6), spaces.point(2, 6)]
        assertThrows(.invalidArgument("linear interpolation needs one parameter, got 2")) {
            try TangentInterpolation(points: points, parameters: Matrix(rows: 2, cols: 2, rowMajor: [0, 0, 1, 1]), method: .linear)
        }
        assertThrows(.invalidArgument("parameters must have one row per point (2), got 3x1")) {
            try TangentInterpolation(points: points, parameters: Matrix(column: [0, 1, 2]), method: .linear)
        }
        assertThrows(.invalidArgument("linear interpolation needs distinct parameter values")) {
            try TangentInterpolation(points: points, parameters: Matrix(column: [1, 1]), method: .linear)
        }
        let interpolation = try TangentInterpolation(points: points, parameters: Matrix(column: [0, 1]), method: .linear)
        assertThrows(.invalidArgument("parameter must have 1 values, got 2")) { try interpolation.point(at: [0, 1]) }
    }
}
