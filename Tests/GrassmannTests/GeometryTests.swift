import Foundation
import Grassmann
import Linalg
import XCTest

/// Log and exp maps, geodesics.
final class GeometryTests: XCTestCase {
    private var spaces = Subspaces(seed: 23)

    func testExpOfLogReturnsThePoint() throws {
        for (p, n) in [(1, 3), (3, 10), (6, 40)] {
            for _ in 0..<5 {
                let y = spaces.point(p, n), x = spaces.point(p, n)
                let tangent = try y.logMap(to: x)
                assertSameSubspace(try tangent.expMap(), x, tolerance: 1e-12, "Gr(\(p), \(n))")
                // The tangent is horizontal and its norm is the geodesic distance.
                XCTAssertLessThan(try (y.basis.transposed() * tangent.matrix).abs().max(), 1e-14)
                XCTAssertEqual(tangent.norm, try GrassmannMetric.geodesic.distance(y, x), accuracy: 1e-12)
            }
        }
    }

    func testLogMapAtNinetyDegrees() throws {
        // Y'X is singular here; UQpy's (Y'X)^-1 formula breaks, this one must not.
        let right = Double.pi / 2
        let cases: [[Double]] = [[right, 0.4], [right, right], [right - 1e-10, 1e-10]]
        for angles in cases {
            let (y, x) = spaces.pair(angles: angles, p: 2, q: 2, n: 7)
            let tangent = try y.logMap(to: x)
            XCTAssertEqual(tangent.norm, (angles[0] * angles[0] + angles[1] * angles[1]).squareRoot(), accuracy: 1e-13)
            assertClose(try tangent.matrix.singularValues().sorted(), angles.sorted(), tolerance: 1e-13)
            assertSameSubspace(try tangent.expMap(), x, tolerance: 1e-12, "\(angles)")
        }
    }

    func testLogMapOfTinyAngles() throws {
        // The log's singular values are the angles, to the absolute rounding of Y and X.
        let angles = [1e-12, 3e-9, 0.3]
        let (y, x) = spaces.pair(angles: angles, p: 3, q: 3, n: 20)
        let tangent = try y.logMap(to: x)
        assertClose(try tangent.matrix.singularValues().sorted(), angles, tolerance: 1e-15)
        assertSameSubspace(try tangent.expMap(), x, tolerance: 1e-15)
    }

    func testLogMapOnBothSidesOfSixtyDegrees() throws {
        // Below 60 degrees the factors come from the eigendecomposition of (Y'X)'(Y'X), from 60
        // up from the SVD of Y'X: the log's singular values are the angles either way.
        let cases: [[Double]] = [[0.2, 0.7, 1.04], [0.2, 0.7, 1.06], [1e-9, 0.3, 1.0471], [1e-9, 0.3, 1.0473]]
        for angles in cases {
            let (y, x) = spaces.pair(angles: angles, p: 3, q: 3, n: 9)
            let tangent = try y.logMap(to: x)
            assertClose(try tangent.matrix.singularValues().sorted(), angles, tolerance: 2e-15, "\(angles)")
            assertSameSubspace(try tangent.expMap(), x, tolerance: 1e-14, "\(angles)")
        }
    }

    func testExpMapOfKnownTangent() throws {
        // From span(e1) along e2 by angle t: span(cos t e1 + sin t e2).
        let y = try GrassmannPoint(basis: Matrix(column: [1, 0, 0]))
        let tangent = try TangentVector(base: y, matrix: Matrix(column: [0, 0.8, 0]))
        let expected = try GrassmannPoint(basis: Matrix(column: [cos(0.8), sin(0.8), 0]))
        assertSameSubspace(try tangent.expMap(), expected, tolerance: 1e-15)
        assertSameSubspace(try tangent.scaled(by: 0).expMap(), y, tolerance: 0)
        XCTAssertThrowsError(try TangentVector(base: y, matrix: Matrix(column: [0.1, 1, 0])))
        assertThrows(.rankMismatch(operation: "a tangent vector", 2, 1)) {
            try TangentVector(base: y, matrix: Matrix(rows: 3, cols: 2))
        }
    }

    func testExpMapOfTangentsWithKnownSingularValues() throws {
        // D = U diag(s) V' horizontal at Y: exp lands on an orthonormal basis whose principal
        // angles with Y are the s (for s <= pi/2), including tiny and repeated ones.
        for s in [[0.3, 1.1, 1.5], [1e-9, 0.7, 0.7], [2e-16, 1e-12, 0.05]] {
            let frame = spaces.orthogonal(12)
            let y = try GrassmannPoint(basis: frame.columns(0..<3))
            let u = try frame.columns(3..<6) * spaces.orthogonal(3)
            let d = try u.multipliedElementwise(by: Matrix(row: s)) * spaces.orthogonal(3)
            let end = try TangentVector(base: y, matrix: d).expMap()
            assertClose((try end.basis.transposed() * end.basis - .identity(3)).elements, Array(repeating: 0, count: 9),
                        tolerance: 1e-14, "orthonormal \(s)")
            assertClose(try y.principalAngles(with: end).angles, s.sorted(), tolerance: 1e-15, "\(s)")
        }
    }

    func testGeodesicInterpolation() throws {
        let (a, b) = spaces.pair(angles: [0.3, 0.9, 1.4], p: 3, q: 3, n: 12)
        let d = try GrassmannMetric.geodesic.distance(a, b)
        for t in [0.0, 0.25, 0.5, 1.0] {
            let m = try a.geodesic(to: b, at: t)
            XCTAssertEqual(try GrassmannMetric.geodesic.distance(a, m), t * d, accuracy: 1e-12, "t = \(t)")
            XCTAssertEqual(try GrassmannMetric.geodesic.distance(m, b), (1 - t) * d, accuracy: 1e-12, "t = \(t)")
            // Each principal angle is scaled by t.
            assertClose(try a.principalAngles(with: m).angles, [0.3, 0.9, 1.4].map { $0 * t }, tolerance: 1e-12)
        }
        assertSameSubspace(try a.geodesic(to: b, at: 1), b, tolerance: 1e-12)
    }

    func testLogMapErrors() {
        let a = spaces.point(2, 6)
        assertThrows(.rankMismatch(operation: "the log map", 2, 3)) { try a.logMap(to: spaces.point(3, 6)) }
        assertThrows(.dimensionMismatch("points", 6, 5)) { try a.logMap(to: spaces.point(2, 5)) }
    }
}
