import Foundation
import Linalg

/// The exact solve of the projection system A V = b by the discrete Fourier transform.
///
/// The operator (``ProjectionOperator``) has constant coefficients on a periodic grid, so the
/// Fourier modes diagonalise it into one real 2 × 2 system S(k) V̂(k) = b̂(k) per wavenumber.
/// This replaces the reference's ~20 multigrid V-cycles per step (86–90 % of its run time) by
/// two FFTs and nx·ny/2 2 × 2 solves, and it is exact to rounding.
///
/// The two real components are packed into one complex field B = b_x + i b_y. Since S(k) is real
/// and even in k, the solution operator M = S⁻¹ maps real fields to real fields, and
/// V̂(k) = û + i v̂ = α(k) B̂(k) + β(k) conj(B̂(−k)) with α = (M11 + M22 + i(M21 − M12))/2 and
/// β = (M11 − M22 + i(M21 + M12))/2.
///
/// Null modes: the mean velocity (k = 0) is undetermined (S(0) = 0) and is set to zero. The
/// reference leaves it to the multigrid history (measured −0.4…−0.8 Å per time unit in set B);
/// pinning it moves T_eff by at most 13 K. The checkerboard mode (−1)^{i+j} is annihilated by
/// the 4-corner gradient and absent from the discrete right-hand side; it is set to zero too.
///
/// Owns its workspace, so an instance belongs to one run.
final class ProjectionSolver {
    let nx: Int, ny: Int
    private let plan: FFTPlan2D
    /// 2cos(2π kx/nx) per kx and 2cos(2π ky/ny) per ky.
    private let twoCosX, twoCosY: [Double]
    /// −4 sin(2π kx/nx) sin(2π ky/ny) at index kx + nx ky.
    private let minusFourSinSin: [Double]
    /// Workspace: fill with b_x (real) and b_y (imag), x fastest; ``solve(_:)`` leaves u and v.
    let real, imag: UnsafeMutablePointer<Double>

    init(nx: Int, ny: Int) {
        self.nx = nx
        self.ny = ny
        plan = FFTPlan2D(nx: nx, ny: ny)
        let ax = 2 * Double.pi / Double(nx), ay = 2 * Double.pi / Double(ny)
        twoCosX = (0..<nx).map { 2 * cos(ax * Double($0)) }
        twoCosY = (0..<ny).map { 2 * cos(ay * Double($0)) }
        var sxy = [Double](repeating: 0, count: nx * ny)
        for ky in 0..<ny {
            for kx in 0..<nx { sxy[kx + nx * ky] = -4 * sin(ax * Double(kx)) * sin(ay * Double(ky)) }
        }
        minusFourSinSin = sxy
        real = .allocate(capacity: nx * ny)
        real.initialize(repeating: 0, count: nx * ny)
        imag = .allocate(capacity: nx * ny)
        imag.initialize(repeating: 0, count: nx * ny)
    }

    deinit {
        real.deallocate()
        imag.deallocate()
    }

    /// Solves A V = b in place in the workspace (b in, V out; units of b times Å²/s_y).
    func solve(_ op: ProjectionOperator) {
        let (re, im) = (real, imag)
        plan.transform(real: re, imag: im, direction: .forward)
        let checkerboard = nx % 2 == 0 && ny % 2 == 0 ? nx / 2 + nx * (ny / 2) : -1
        for ky in 0..<ny {
            let mky = ky == 0 ? 0 : ny &- ky
            for kx in 0..<nx {
                let k = kx &+ nx &* ky, mk = (kx == 0 ? 0 : nx &- kx) &+ nx &* mky
                if mk < k { continue }
                if k == 0 || k == checkerboard {
                    re[k] = 0
                    im[k] = 0
                    continue
                }
                let m = op.symbol(twoCosX: twoCosX[kx], twoCosY: twoCosY[ky], minusFourSinSin: minusFourSinSin[k]).inverse
                let ar = 0.5 * (m.a + m.d), ai = 0.5 * (m.c - m.b)
                let br = 0.5 * (m.a - m.d), bi = 0.5 * (m.c + m.b)
                let (xr, xi, yr, yi) = (re[k], im[k], re[mk], im[mk])
                re[k] = ar * xr - ai * xi + br * yr + bi * yi
                im[k] = ar * xi + ai * xr + bi * yr - br * yi
                if mk != k {
                    re[mk] = ar * yr - ai * yi + br * xr + bi * xi
                    im[mk] = ar * yi + ai * yr + bi * xr - br * xi
                }
            }
        }
        plan.transform(real: re, imag: im, direction: .inverse)
    }
}
