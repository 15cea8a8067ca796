import XCTest
@testable import STZ

/// The FFT projection solve against the discrete operator itself: apply the 2 × 2-block 9-point
/// stencil to the solution and compare with the right-hand side.
final class ProjectionSolverTests: XCTestCase {
    /// (A V) at every corner of an nx × ny periodic grid, straight from the stencil definition.
    private func applyStencil(_ op: ProjectionOperator, u: [Double], v: [Double], nx: Int, ny: Int) -> ([Double], [Double]) {
        func times(_ m: Block2x2, _ x: Double, _ y: Double) -> (Double, Double) { (m.a * x + m.b * y, m.c * x + m.d * y) }
        var au = [Double](repeating: 0, count: nx * ny), av = au
        for j in 0..<ny {
            for i in 0..<nx {
                func at(_ di: Int, _ dj: Int) -> (Double, Double) {
                    let k = (i + di + nx) % nx + nx * ((j + dj + ny) % ny)
                    return (u[k], v[k])
                }
                let c = times(op.centre, u[i + nx * j], v[i + nx * j])
                let (l, r, d, t) = (at(-1, 0), at(1, 0), at(0, -1), at(0, 1))
                let h = times(op.horizontal, l.0 + r.0, l.1 + r.1), w = times(op.vertical, d.0 + t.0, d.1 + t.1)
                let (dl, dr, ul, ur) = (at(-1, -1), at(1, -1), at(-1, 1), at(1, 1))
                let g = times(op.diagonal, dl.0 - dr.0 - ul.0 + ur.0, dl.1 - dr.1 - ul.1 + ur.1)
                au[i + nx * j] = c.0 + h.0 + w.0 + g.0
                av[i + nx * j] = c.1 + h.1 + w.1 + g.1
            }
        }
        return (au, av)
    }

    /// Removes the mean and the checkerboard component, the two modes the solver sets to zero
    /// (the discrete divergence of the stresses has neither).
    private func removeNullModes(_ x: inout [Double], nx: Int, ny: Int) {
        let mean = x.reduce(0, +) / Double(x.count)
        var checker = 0.0
        for j in 0..<ny { for i in 0..<nx { checker += ((i + j) % 2 == 0 ? 1 : -1) * x[i + nx * j] } }
        checker /= Double(x.count)
        for j in 0..<ny { for i in 0..<nx { x[i + nx * j] -= mean + ((i + j) % 2 == 0 ? 1 : -1) * checker } }
    }

    func testFFTSolveSatisfiesTheStencilEquation() {
        let (nx, ny) = (32, 32)
        var seed: UInt64 = 42
        func random() -> Double {
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            return Double(seed >> 11) / Double(1 << 53) - 0.5
        }
        let units = SimulationUnits(parameters: .setB, loading: .paper)
        for gamma in [0.0, 0.4] {
            let op = ProjectionOperator(gamma: gamma, mu: units.mu, lame: units.lame, dx: 12.5, dy: 12.5)
            var bx = (0..<(nx * ny)).map { _ in random() }, by = (0..<(nx * ny)).map { _ in random() }
            removeNullModes(&bx, nx: nx, ny: ny)
            removeNullModes(&by, nx: nx, ny: ny)
            let solver = ProjectionSolver(nx: nx, ny: ny)
            for k in 0..<(nx * ny) { (solver.real[k], solver.imag[k]) = (bx[k], by[k]) }
            solver.solve(op)
            let u = (0..<(nx * ny)).map { solver.real[$0] }, v = (0..<(nx * ny)).map { solver.imag[$0] }
            let (au, av) = applyStencil(op, u: u, v: v, nx: nx, ny: ny)
            let scale = max(bx.map(abs).max()!, by.map(abs).max()!)
            let residual = zip(au + av, bx + by).map { abs($0 - $1) }.max()!
            XCTAssertLessThan(residual / scale, 1e-12, "gamma = \(gamma)")
            XCTAssertEqual(u.reduce(0, +) / Double(u.count), 0, accuracy: 1e-14, "the mean velocity is pinned to zero")
        }
    }

    func testSymbolIsInvertibleAwayFromTheMeanMode() {
        let units = SimulationUnits(parameters: .setB, loading: .paper)
        for gamma in [0.0, 0.25, 0.5, 1.0] {
            let op = ProjectionOperator(gamma: gamma, mu: units.mu, lame: units.lame, dx: 12.5, dy: 12.5)
            for ky in 0..<32 {
                for kx in 0..<32 where kx != 0 || ky != 0 {
                    let (tx, ty) = (2 * Double.pi * Double(kx) / 32, 2 * Double.pi * Double(ky) / 32)
                    let s = op.symbol(twoCosX: 2 * cos(tx), twoCosY: 2 * cos(ty), minusFourSinSin: -4 * sin(tx) * sin(ty))
                    XCTAssertGreaterThan(abs(s.determinant), 1e-6, "S(\(kx), \(ky)) at gamma \(gamma)")
                }
            }
            let zero = op.symbol(twoCosX: 2, twoCosY: 2, minusFourSinSin: 0)
            XCTAssertEqual(zero.determinant, 0, accuracy: 1e-12, "the constant velocity is in the null space")
        }
    }
}
