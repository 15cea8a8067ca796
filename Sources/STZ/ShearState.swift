import Linalg

/// The mutable state of one run: the staggered fields in ghosted flat arrays, the buffers the
/// explicit step writes into, and the simulation time.
///
/// Owned by a single run and never shared, so runs in different threads are independent.
/// Units: u, v in Å per time unit (corner velocity in the sheared frame); X, Y in Å (reference
/// map at the corners); p, q, s, τ in s_y (transformed stress at the centres); χ dimensionless;
/// `ddev` the decrease of s̄ (in s_y) in the last step, whose ghosts stay zero as in the
/// reference (see ``ChiDiffusion``).
final class ShearState {
    let layout: GhostedLayout
    /// The current fields.
    private(set) var u, v, X, Y, p, q, s, tau, chi, ddev: UnsafeMutablePointer<Double>
    /// The explicit step writes the new X, Y, p, q, s, τ, χ here before ``swapExplicitBuffers()``.
    private(set) var nextX, nextY, nextP, nextQ, nextS, nextTau, nextChi: UnsafeMutablePointer<Double>
    /// Simulation time, in time units; the shear strain is γ = λ t.
    var time = 0.0
    /// The box size, in Å, for the reference-map ghosts.
    private let lx, ly: Double
    /// Owns the buffers.
    private let pool = BufferPool()

    /// The initial state: zero stress and velocity, X = ξ and Y = y at the corners, χ from
    /// `chi0` (ny × nx, rows = y), `ddev` = 0 (the reference leaves it uninitialised).
    init(grid: ShearGrid, chi0: Matrix) {
        let layout = GhostedLayout(nx: grid.nx, ny: grid.ny)
        self.layout = layout
        lx = grid.lx
        ly = grid.ly
        let buffer = { [pool] in pool.doubles(layout.count) }
        (u, v, X, Y, p) = (buffer(), buffer(), buffer(), buffer(), buffer())
        (q, s, tau, chi, ddev) = (buffer(), buffer(), buffer(), buffer(), buffer())
        (nextX, nextY, nextP, nextQ) = (buffer(), buffer(), buffer(), buffer())
        (nextS, nextTau, nextChi) = (buffer(), buffer(), buffer())
        let (dx, dy) = (grid.dx, grid.dy)
        for j in 0..<grid.ny {
            for i in 0..<grid.nx {
                let c = layout.index(i, j)
                X[c] = Double(i) * dx
                Y[c] = Double(j) * dy
                chi[c] = chi0[j, i]
            }
        }
        fillAllGhosts()
    }

    /// Makes the explicit step's output current (a pointer swap) and refreshes its ghosts.
    func swapExplicitBuffers() {
        swap(&X, &nextX)
        swap(&Y, &nextY)
        swap(&p, &nextP)
        swap(&q, &nextQ)
        swap(&s, &nextS)
        swap(&tau, &nextTau)
        swap(&chi, &nextChi)
        fillReferenceMapAndCentreGhosts()
    }

    /// Refreshes the ghosts of the reference map and of the cell-centred fields.
    func fillReferenceMapAndCentreGhosts() {
        layout.fillGhosts(X, shiftX: lx)
        layout.fillGhosts(Y, shiftY: ly)
        fillStressGhosts()
        layout.fillGhosts(chi)
    }

    /// Refreshes the ghosts of p, q, s, τ.
    func fillStressGhosts() {
        layout.fillGhosts(p)
        layout.fillGhosts(q)
        layout.fillGhosts(s)
        layout.fillGhosts(tau)
    }

    /// Refreshes the ghosts of the corner velocity.
    func fillVelocityGhosts() {
        layout.fillGhosts(u)
        layout.fillGhosts(v)
    }

    /// Refreshes every ghost layer.
    func fillAllGhosts() {
        fillReferenceMapAndCentreGhosts()
        fillVelocityGhosts()
    }

    /// The interior of `field` as an ny × nx matrix (rows = y), each value mapped by `transform`.
    func matrix(_ field: UnsafePointer<Double>, _ transform: (Double) -> Double = { $0 }) -> Matrix {
        let (nx, ny) = (layout.nx, layout.ny)
        var values = [Double](repeating: 0, count: nx * ny)
        for i in 0..<nx {
            for j in 0..<ny { values[j + ny * i] = transform(field[layout.index(i, j)]) }
        }
        return Matrix(rows: ny, cols: nx, columnMajor: values)
    }
}
