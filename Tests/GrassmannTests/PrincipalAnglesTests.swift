import Foundation
import Grassmann
import Linalg
import XCTest

final class PrincipalAnglesTests: XCTestCase {
    private var spaces = Subspaces(seed: 11)

    func testPlanesAtKnownAngles() throws {
        let cases: [[Double]] = [[0.1, 0.7], [0, Double.pi / 2], [Double.pi / 4, Double.pi / 3], [0.3, 0.3]]
        for angles in cases {
            let (a, b) = spaces.pair(angles: angles, p: 2, q: 2, n: 7)
            assertClose(try a.principalAngles(with: b).angles, angles, tolerance: 1e-14, "\(angles)")
            assertClose(try b.principalAngles(with: a).angles, angles, tolerance: 1e-14, "reversed \(angles)")
        }
    }

    func testTinyAnglesAreAccurate() throws {
        // Cosines alone would give these as 0 or to about 1e-8; the sines resolve them.
        let angles = [1e-12, 3e-10, 2e-8, 1e-5, 0.5]
        let (a, b) = spaces.pair(angles: angles, p: 5, q: 5, n: 40)
        let computed = try a.principalAngles(with: b).angles
        for (c, t) in zip(computed, angles) {
            XCTAssertEqual(c, t, accuracy: 2e-15 + 1e-10 * t, "angle \(t)")
        }
    }

    func testAnglesNearNinetyDegrees() throws {
        let angles = [.pi / 2 - 1e-9, .pi / 2]
        let (a, b) = spaces.pair(angles: angles, p: 2, q: 2, n: 6)
        assertClose(try a.principalAngles(with: b).angles, angles, tolerance: 1e-14)
    }

    func testSubspacesOfDifferentDimension() throws {
        let angles = [0.2, 0.9]
        let (a, b) = spaces.pair(angles: angles, p: 2, q: 5, n: 12)
        for result in [try a.principalAngles(with: b), try b.principalAngles(with: a)] {
            assertClose(result.angles, angles, tolerance: 1e-14)
            XCTAssertEqual(result.rankDifference, 3)
        }
        // A line inside a plane meets it at angle 0.
        let plane = try GrassmannPoint(basis: Matrix.identity(rows: 3, cols: 2))
        let line = try GrassmannPoint(basis: Matrix(column: [0.6, 0.8, 0]))
        assertClose(try line.principalAngles(with: plane).angles, [0], tolerance: 1e-16)
    }

    func testIdenticalSubspacesHaveZeroAngles() throws {
        let a = spaces.point(4, 30)
        let result = try a.principalAngles(with: spaces.rotated(a))
        assertClose(result.angles, [0, 0, 0, 0], tolerance: 1e-15)
        assertClose(result.cosines, [1, 1, 1, 1], tolerance: 1e-14)
    }

    func testCosinesAreTheSingularValuesOfTheCrossProduct() throws {
        let a = spaces.point(3, 10), b = spaces.point(3, 10)
        let expected = try (a.basis.transposed() * b.basis).singularValues()
        let result = try a.principalAngles(with: b)
        assertClose(result.cosines, expected, tolerance: 1e-15)
        assertClose(result.angles.map(cos), expected, tolerance: 1e-14)
    }

    func testDifferentAmbientSpacesAreRefused() {
        let a = spaces.point(2, 5), b = spaces.point(2, 6)
        assertThrows(.dimensionMismatch("points", 5, 6)) { try a.principalAngles(with: b) }
    }
}
