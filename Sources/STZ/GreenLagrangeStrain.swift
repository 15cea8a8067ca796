import Linalg

/// The Green–Lagrange strain E = ½(FᵀF − I) at the corners, from the reference map
/// (`compute_strain`): F = T · (∂(X, Y)/∂(ξ, y))⁻¹ with centred differences of the reference map
/// (its periodic images shifted by ±lx, ±ly) and T = [[1, γ], [0, 1]]. Homogeneous simple shear
/// gives Exx = 0, Exy = γ/2, Eyy = γ²/2. Dimensionless.
struct GreenLagrangeStrain {
    /// Exx, Exy, Eyy at the corners, ny × nx matrices (rows = y).
    let exx, exy, eyy: Matrix

    /// Computes the strain of the state's reference map at shear strain `gamma`.
    init(_ state: ShearState, grid: ShearGrid, gamma g: Double) {
        let layout = state.layout
        let (nx, ny, gm) = (layout.nx, layout.ny, layout.stride)
        let (xsp, ysp) = (1 / grid.dx, 1 / grid.dy)
        let (X, Y) = (state.X, state.Y)
        var exx = [Double](repeating: 0, count: nx * ny), exy = exx, eyy = exx
        for j in 0..<ny {
            for i in 0..<nx {
                let c = layout.index(i, j)
                let xy = 0.5 * ysp * (X[c + gm] - X[c - gm]), yy = 0.5 * ysp * (Y[c + gm] - Y[c - gm])
                let xx = 0.5 * xsp * (X[c + 1] - X[c - 1]), yx = 0.5 * xsp * (Y[c + 1] - Y[c - 1])
                let jac = 1 / (xx * yy - xy * yx)
                let inv = Block2x2(yy * jac, -xy * jac, -yx * jac, xx * jac)
                // F = T · inv.
                let f = Block2x2(inv.a + g * inv.c, inv.b + g * inv.d, inv.c, inv.d)
                let k = j + ny * i
                exx[k] = 0.5 * (f.a * f.a + f.c * f.c - 1)
                exy[k] = 0.5 * (f.a * f.b + f.c * f.d)
                eyy[k] = 0.5 * (f.b * f.b + f.d * f.d - 1)
            }
        }
        self.exx = Matrix(rows: ny, cols: nx, columnMajor: exx)
        self.exy = Matrix(rows: ny, cols: nx, columnMajor: exy)
        self.eyy = Matrix(rows: ny, cols: nx, columnMajor: eyy)
    }
}
