import Foundation
import Grassmann
import Linalg
import XCTest

/// Random subspaces and subspaces at known angles, built from first principles (QR of Gaussian
/// matrices, explicit cos/sin combinations), independently of the code under test.
struct Subspaces {
    var rng: RandomGenerator

    init(seed: UInt32) {
        rng = RandomGenerator(seed: seed)
    }

    /// A random n x n orthogonal matrix (Q of a Gaussian matrix).
    mutating func orthogonal(_ n: Int) -> Matrix {
        try! Matrix.normal(rows: n, cols: n, using: &rng).qr().q
    }

    /// A uniformly random point of Gr(p, n) given by an orthonormal basis.
    mutating func point(_ p: Int, _ n: Int) -> GrassmannPoint {
        try! GrassmannPoint(basis: orthogonal(n).columns(0..<p))
    }

    /// The same subspace with its basis rotated by a random p x p orthogonal matrix.
    mutating func rotated(_ point: GrassmannPoint) -> GrassmannPoint {
        try! GrassmannPoint(basis: point.basis * orthogonal(point.rank))
    }

    /// Two subspaces of R^n, of dimensions p and q (p + q <= n), whose principal angles are
    /// exactly `angles` (min(p, q) values): in a random orthonormal frame f, A spans f_1..f_p and
    /// B the vectors cos(t_i) f_i + sin(t_i) f_{p+i}, completed when q > p by f_{2p+1}, ...,
    /// which are orthogonal to A. B's basis is then rotated at random.
    mutating func pair(angles: [Double], p: Int, q: Int, n: Int) -> (GrassmannPoint, GrassmannPoint) {
        precondition(angles.count == min(p, q) && p + q <= n)
        let frame = orthogonal(n)
        let a = frame.columns(0..<p)
        var b = Matrix(rows: n, cols: q)
        for (i, t) in angles.enumerated() {
            for r in 0..<n { b[r, i] = cos(t) * frame[r, i] + sin(t) * frame[r, p + i] }
        }
        for i in angles.count..<q {
            for r in 0..<n { b[r, i] = frame[r, p + i] }
        }
        return (try! GrassmannPoint(basis: a), rotated(try! GrassmannPoint(basis: b)))
    }
}

/// Fails unless the two lists have the same length and agree elementwise within `tolerance`.
func assertClose(
    _ a: [Double], _ b: [Double], tolerance: Double, _ message: String = "",
    file: StaticString = #filePath, line: UInt = #line
) {
    guard a.count == b.count else {
        XCTFail("lengths \(a.count) != \(b.count) \(message)", file: file, line: line)
        return
    }
    let worst = zip(a, b).map { abs($0 - $1) }.max() ?? 0
    XCTAssertLessThanOrEqual(worst, tolerance, "largest difference \(worst): \(a) vs \(b) \(message)", file: file, line: line)
}

/// Fails unless `a` and `b` span the same subspace: || P_A - P_B ||_max <= tolerance.
func assertSameSubspace(
    _ a: GrassmannPoint, _ b: GrassmannPoint, tolerance: Double, _ message: String = "",
    file: StaticString = #filePath, line: UInt = #line
) {
    let difference = (try! a.projector() - b.projector()).abs()
    let worst = (try? difference.max()) ?? .nan
    XCTAssertLessThanOrEqual(worst, tolerance, "projectors differ by \(worst) \(message)", file: file, line: line)
}

/// Fails unless `body` throws exactly `expected`.
func assertThrows<T>(
    _ expected: GrassmannError, _ body: () throws -> T, file: StaticString = #filePath, line: UInt = #line
) {
    do {
        _ = try body()
        XCTFail("expected \(expected), nothing thrown", file: file, line: line)
    } catch {
        XCTAssertEqual(error as? GrassmannError, expected, "\(error)", file: file, line: line)
    }
}
