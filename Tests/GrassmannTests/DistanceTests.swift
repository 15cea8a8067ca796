import Foundation
import Grassmann
import Linalg
import XCTest

final class DistanceTests: XCTestCase {
    private var spaces = Subspaces(seed: 3)

    // MARK: Each distance against an independent construction

    func testDistancesAtKnownAngles() throws {
        let angles = [0.15, 0.6, 1.2]
        let (a, b) = spaces.pair(angles: angles, p: 3, q: 3, n: 9)
        let squares = { (f: (Double) -> Double) in angles.reduce(0) { $0 + f($1) * f($1) } }
        let expected: [(GrassmannMetric, Double)] = [
            (.geodesic, squares { $0 }.squareRoot()),
            (.projection, squares(sin).squareRoot()),
            (.procrustes, 2 * squares { sin($0 / 2) }.squareRoot()),
            (.asimov, 1.2),
            (.spectral, 2 * sin(0.6)),
            (.binetCauchy, (1 - angles.reduce(1) { $0 * cos($1) * cos($1) }).squareRoot()),
            (.fubiniStudy, acos(angles.reduce(1) { $0 * cos($1) })),
            (.martin, (-angles.reduce(0) { $0 + log(cos($1) * cos($1)) }).squareRoot()),
        ]
        for (metric, value) in expected {
            XCTAssertEqual(try metric.distance(a, b), value, accuracy: 1e-14, metric.name)
        }
    }

    func testDistancesAgainstMatrixFormulas() throws {
        for _ in 0..<5 {
            let a = spaces.point(4, 11), b = spaces.point(4, 11)
            let cross = try a.basis.transposed() * b.basis
            let det = try cross.determinant()
            // Chordal: the Frobenius norm of the difference of the projectors.
            XCTAssertEqual(try GrassmannMetric.chordal.distance(a, b), (try a.projector() - b.projector()).norm(), accuracy: 1e-13)
            XCTAssertEqual(try GrassmannMetric.projection.distance(a, b),
                           (try a.projector() - b.projector()).norm() / 2.0.squareRoot(), accuracy: 1e-13)
            // Procrustes: min over orthogonal Q of ||A - B Q||_F, attained at Q = U V' for B'A = U S V'.
            let procrustes = try cross.transposed().svd()
            let aligned = try b.basis * procrustes.u * procrustes.vt
            XCTAssertEqual(try GrassmannMetric.procrustes.distance(a, b), (try a.basis - aligned).norm(), accuracy: 1e-13)
            // Spectral: ||A Y - B Z||_2 for the principal vectors (A'B = Y S Z').
            let principal = try cross.svd()
            let gap = try a.basis * principal.u - b.basis * principal.vt.transposed()
            XCTAssertEqual(try GrassmannMetric.spectral.distance(a, b), gap.norm(.two), accuracy: 1e-13)
            // Binet-Cauchy, Fubini-Study and Martin from det(A'B).
            XCTAssertEqual(try GrassmannMetric.binetCauchy.distance(a, b), (1 - det * det).squareRoot(), accuracy: 1e-13)
            XCTAssertEqual(try GrassmannMetric.fubiniStudy.distance(a, b), acos(Swift.abs(det)), accuracy: 1e-12)
            XCTAssertEqual(try GrassmannMetric.martin.distance(a, b), (-log(det * det)).squareRoot(), accuracy: 1e-11)
        }
    }

    func testRankMismatchTerms() throws {
        let angles = [0.3, 0.5]
        let (a, b) = spaces.pair(angles: angles, p: 2, q: 4, n: 10)
        let sumSquares = 0.3 * 0.3 + 0.5 * 0.5, sines = sin(0.3) * sin(0.3) + sin(0.5) * sin(0.5)
        XCTAssertEqual(try GrassmannMetric.geodesic.distance(a, b), (2 * .pi * .pi / 4 + sumSquares).squareRoot(), accuracy: 1e-14)
        XCTAssertEqual(try GrassmannMetric.projection.distance(a, b), (2 + sines).squareRoot(), accuracy: 1e-14)
        XCTAssertEqual(try GrassmannMetric.chordal.distance(a, b), (try a.projector() - b.projector()).norm(), accuracy: 1e-13)
        XCTAssertEqual(try GrassmannMetric.procrustes.distance(a, b),
                       2 * (2 + sin(0.15) * sin(0.15) + sin(0.25) * sin(0.25)).squareRoot(), accuracy: 1e-14)
        XCTAssertEqual(try GrassmannMetric.asimov.distance(a, b), 0.5, accuracy: 1e-14)
    }

    func testTinyAnglesKeepTheirPrecision() throws {
        let (a, b) = spaces.pair(angles: [1e-9, 2e-9], p: 2, q: 2, n: 8)
        // Accurate to about 1e-17 absolute; through the cosines they would be lost (error ~1e-8).
        let norm = (1e-18 + 4e-18).squareRoot()
        XCTAssertEqual(try GrassmannMetric.geodesic.distance(a, b), norm, accuracy: 1e-16)
        XCTAssertEqual(try GrassmannMetric.fubiniStudy.distance(a, b), norm, accuracy: 1e-16)
        XCTAssertEqual(try GrassmannMetric.binetCauchy.distance(a, b), norm, accuracy: 1e-16)
        XCTAssertEqual(try GrassmannMetric.martin.distance(a, b), norm, accuracy: 1e-16)
    }

    // MARK: Properties of every built-in distance

    func testZeroOnIdenticalSubspacesAndSymmetric() throws {
        for metric in GrassmannMetric.builtIn {
            let a = spaces.point(3, 12), b = spaces.point(3, 12)
            XCTAssertEqual(try metric.distance(a, spaces.rotated(a)), 0, accuracy: 1e-14, metric.name)
            XCTAssertEqual(try metric.distance(a, b), try metric.distance(b, a), accuracy: 1e-14, metric.name)
        }
    }

    func testInvariantToRotationsOfTheBasesAndOfSpace() throws {
        for metric in GrassmannMetric.builtIn where metric.name != "paper" {
            let a = spaces.point(3, 12), b = spaces.point(3, 12)
            let d = try metric.distance(a, b)
            XCTAssertEqual(try metric.distance(spaces.rotated(a), spaces.rotated(b)), d, accuracy: 1e-13, metric.name)
            let q = spaces.orthogonal(12)
            let moved = try metric.distance(GrassmannPoint(basis: q * a.basis), GrassmannPoint(basis: q * b.basis))
            XCTAssertEqual(moved, d, accuracy: 1e-13, metric.name)
        }
    }

    func testTriangleInequalityWhereAMetric() throws {
        // Random triples, and triples close to each other or nearly orthogonal.
        var triples = (0..<60).map { _ in (spaces.point(2, 5), spaces.point(2, 5), spaces.point(2, 5)) }
        for angles in [[0.01, 0.02], [1.5, 1.55], [0.7, 1.56]] {
            let (a, b) = spaces.pair(angles: angles, p: 2, q: 2, n: 6)
            triples.append((a, try a.geodesic(to: b, at: 0.5), b))
            triples.append((a, spaces.point(2, 6), b))
        }
        for metric in GrassmannMetric.builtIn where metric.isMetric {
            for (a, b, c) in triples {
                let direct = try metric.distance(a, c), detour = try metric.distance(a, b) + metric.distance(b, c)
                XCTAssertLessThanOrEqual(direct, detour + 1e-12, metric.name)
            }
        }
    }

    // MARK: The paper's recipe

    func testPaperRoundsCosinesToSixDecimals() throws {
        // cos = 0.9999996 rounds to 1: the paper's distance is 0 where the true angle is 8.9e-4.
        let (a, b) = spaces.pair(angles: [acos(0.9999996), acos(0.8000004)], p: 2, q: 2, n: 6)
        XCTAssertEqual(try GrassmannMetric.paper.distance(a, b), acos(0.8), accuracy: 1e-15)
        XCTAssertEqual(try GrassmannMetric.geodesic.distance(a, b),
                       (pow(acos(0.9999996), 2) + pow(acos(0.8000004), 2)).squareRoot(), accuracy: 1e-12)
        // No rank-mismatch term.
        let (c, d) = spaces.pair(angles: [acos(0.5)], p: 1, q: 3, n: 6)
        XCTAssertEqual(try GrassmannMetric.paper.distance(c, d), acos(0.5), accuracy: 1e-15)
    }

    // MARK: Names and custom metrics

    func testBuiltInNamesRoundTrip() {
        XCTAssertEqual(GrassmannMetric.builtIn.map(\.name),
                       ["geodesic", "chordal", "projection", "procrustes", "binet_cauchy", "martin", "asimov",
                        "fubini_study", "spectral", "paper"])
        for metric in GrassmannMetric.builtIn {
            XCTAssertEqual(GrassmannMetric(builtInName: metric.name)?.name, metric.name)
        }
        XCTAssertNil(GrassmannMetric(builtInName: "Geodesic"))
    }

    func testRegisteredMetricsAreUsedByName() throws {
        var registry = MetricRegistry()
        try registry.register(CustomMetric(name: "l1") { input in input.angles.reduce(0, +) })
        let metric = try registry.metric(named: "l1")
        let (a, b) = spaces.pair(angles: [0.25, 0.5], p: 2, q: 2, n: 5)
        XCTAssertEqual(try metric.distance(a, b), 0.75, accuracy: 1e-14)
        XCTAssertEqual(try registry.metric(named: "geodesic").name, "geodesic")
        XCTAssertEqual(registry.names.last, "l1")
        assertThrows(.reservedMetricName("chordal")) {
            try registry.register(CustomMetric(name: "chordal") { _ in 0 })
        }
        assertThrows(.unknownMetric(name: "nope", known: registry.names)) { try registry.metric(named: "nope") }
        // Registries are independent values.
        XCTAssertThrowsError(try MetricRegistry().metric(named: "l1"))
    }

    func testCustomMetricsMayAskForSingularValues() throws {
        var rng = RandomGenerator(seed: 8)
        let x = try GrassmannPoint(projecting: Matrix.normal(rows: 7, cols: 5, using: &rng), rank: .fixed(2))
        let y = try GrassmannPoint(projecting: Matrix.normal(rows: 7, cols: 4, using: &rng), rank: .fixed(3))
        let weighted = GrassmannMetric.custom(CustomMetric(name: "weighted", usesSingularValues: true) { input in
            XCTAssertEqual(input.rankA, 2)
            XCTAssertEqual(input.rankB, 3)
            return (input.singularValuesA?.first ?? .nan) + (input.singularValuesB?.first ?? .nan)
        })
        XCTAssertEqual(try weighted.distance(x, y), x.singularValues![0] + y.singularValues![0], accuracy: 1e-15)
        let basisOnly = spaces.point(2, 7)
        assertThrows(.missingSingularValues(metric: "weighted")) { try weighted.distance(basisOnly, y) }
    }

    func testCustomMetricFailuresAreReported() {
        let a = spaces.point(2, 5), b = spaces.point(2, 5)
        let nan = GrassmannMetric.custom(CustomMetric(name: "broken") { _ in .nan })
        assertThrows(.metricFailed(name: "broken", message: "returned nan, not a finite number")) { try nan.distance(a, b) }
        let throwing = GrassmannMetric.custom(CustomMetric(name: "raises") { _ throws(GrassmannError) in
            throw .metricFailed(name: "raises", message: "boom")
        })
        assertThrows(.metricFailed(name: "raises", message: "boom")) { try throwing.distanceMatrix([a, b]) }
    }
}
