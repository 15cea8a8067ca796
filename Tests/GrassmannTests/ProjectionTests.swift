import Foundation
import Grassmann
import Linalg
import XCTest

final class ProjectionTests: XCTestCase {
    private var rng = RandomGenerator(seed: 5)

    /// An n x m matrix with the given singular values (random singular vectors).
    private func matrix(_ n: Int, _ m: Int, singularValues: [Double]) throws -> Matrix {
        var spaces = Subspaces(seed: 99)
        let u = spaces.orthogonal(n).columns(0..<singularValues.count)
        let v = spaces.orthogonal(m).columns(0..<singularValues.count)
        return try u * Matrix(diagonal: singularValues) * v.transposed()
    }

    func testFixedRankKeepsTheLeadingSingularTriplets() throws {
        let x = Matrix.normal(rows: 12, cols: 7, using: &rng)
        let point = try GrassmannPoint(projecting: x, rank: .fixed(3))
        let svd = try x.svd()
        XCTAssertEqual(point.rank, 3)
        XCTAssertEqual(point.ambientDimension, 12)
        assertClose(point.singularValues ?? [], Array(svd.singularValues.prefix(3)), tolerance: 1e-12)
        // U diag(s) V' is the best rank-3 approximation: its error is the 4th singular value.
        let approximation = try point.basis * Matrix(diagonal: point.singularValues!) * point.rightVectors!.transposed()
        XCTAssertEqual((try approximation - x).norm(.two), svd.singularValues[3], accuracy: 1e-12)
        XCTAssertEqual(point.rightVectors?.shape, Shape(rows: 7, cols: 3))
    }

    func testToleranceAndEnergyRules() throws {
        let x = try matrix(20, 15, singularValues: [10, 5, 1, 1e-3, 1e-9])
        XCTAssertEqual(try GrassmannPoint(projecting: x, rank: .tolerance(1e-6, .absolute)).rank, 4)
        XCTAssertEqual(try GrassmannPoint(projecting: x, rank: .tolerance(0.05, .relative)).rank, 3)
        XCTAssertEqual(try GrassmannPoint(projecting: x, rank: .tolerance(0.6, .relative)).rank, 1)
        // Energies 100, 25, 1, 1e-6: captured fractions 0.7937, 0.9921, 1 - 7.9e-9, 1 - 8e-21.
        XCTAssertEqual(try GrassmannPoint(projecting: x, rank: .energy(0.79)).rank, 1)
        XCTAssertEqual(try GrassmannPoint(projecting: x, rank: .energy(0.8)).rank, 2)
        XCTAssertEqual(try GrassmannPoint(projecting: x, rank: .energy(0.999)).rank, 3)
        XCTAssertEqual(try GrassmannPoint(projecting: x, rank: .energy(1 - 1e-9)).rank, 4)
    }

    func testTheSubspaceIgnoresScale() throws {
        let x = Matrix.normal(rows: 9, cols: 9, using: &rng)
        let a = try GrassmannPoint(projecting: x, rank: .fixed(4))
        let b = try GrassmannPoint(projecting: x * -250, rank: .fixed(4))
        assertSameSubspace(a, b, tolerance: 1e-12)
    }

    func testListsAreProjectedInOrder() throws {
        let xs = (0..<5).map { _ in Matrix.normal(rows: 8, cols: 6, using: &rng) }
        let points = try GrassmannPoint.project(xs, rank: .fixed(2))
        for (x, point) in zip(xs, points) {
            assertSameSubspace(point, try GrassmannPoint(projecting: x, rank: .fixed(2)), tolerance: 0)
        }
    }

    func testClearErrors() throws {
        let x = Matrix.normal(rows: 6, cols: 4, using: &rng)
        assertThrows(.rankTooLarge(requested: 5, shape: Shape(rows: 6, cols: 4))) {
            try GrassmannPoint(projecting: x, rank: .fixed(5))
        }
        assertThrows(.invalidRank("rank must be at least 1, got 0")) { try GrassmannPoint(projecting: x, rank: .fixed(0)) }
        var bad = x
        bad[2, 3] = .nan
        assertThrows(.nonFinite("matrix")) { try GrassmannPoint(projecting: bad, rank: .fixed(1)) }
        assertThrows(.nonFinite("matrix 2")) { try GrassmannPoint.project([x, bad], rank: .fixed(1)) }
        assertThrows(.emptyList("list of matrices")) { try GrassmannPoint.project([], rank: .fixed(1)) }
        XCTAssertThrowsError(try GrassmannPoint(projecting: Matrix(rows: 3, cols: 3), rank: .tolerance(0, .absolute)))
        XCTAssertThrowsError(try GrassmannPoint(projecting: x, rank: .energy(1.5)))
        XCTAssertEqual(GrassmannError.rankTooLarge(requested: 40, shape: Shape(rows: 32, cols: 32)).description,
                       "rank 40 is larger than a 32x32 matrix allows (at most 32)")
    }

    func testBasesAreValidated() throws {
        let q = try Matrix.normal(rows: 6, cols: 3, using: &rng).qr().q
        let point = try GrassmannPoint(basis: q)
        XCTAssertNil(point.singularValues)
        XCTAssertEqual(point.description, "Gr(3, 6) point")
        XCTAssertThrowsError(try GrassmannPoint(basis: q * 1.001)) { error in
            guard case .notOrthonormal(let deviation, _)? = error as? GrassmannError else { return XCTFail("\(error)") }
            XCTAssertEqual(deviation, 1.001 * 1.001 - 1, accuracy: 1e-12)
        }
        XCTAssertNoThrow(try GrassmannPoint(basis: q * 1.001, tolerance: 0.01))
        assertThrows(.invalidBasis(Shape(rows: 2, cols: 3))) { try GrassmannPoint(basis: Matrix(rows: 2, cols: 3)) }
        var bad = q
        bad[0, 0] = .infinity
        assertThrows(.nonFinite("basis")) { try GrassmannPoint(basis: bad) }
    }

    func testDescriptionShowsTheManifoldAndSingularValues() throws {
        let x = try matrix(32, 20, singularValues: [12.3456, 2, 0.045678])
        XCTAssertEqual(try GrassmannPoint(projecting: x, rank: .fixed(3)).description,
                       "Gr(3, 32) point, sigma1 = 12.35, sigma3 = 0.04568")
        XCTAssertEqual(try GrassmannPoint(projecting: x, rank: .fixed(1)).description, "Gr(1, 32) point, sigma1 = 12.35")
    }
}
