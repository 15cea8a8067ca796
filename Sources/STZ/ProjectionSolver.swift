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
    /// 2cos(2π kx/nx) per kx, 2cos(2π ky/ny) per ky, and −4 sin(2π kx/nx) sin(2π ky/ny) at
    /// index ky + ny kx (the transposed order of the spectrum).
    private let twoCosX, twoCosY, minusFourSinSin: UnsafeMutablePointer<Double>
    /// The spectrum, transposed (wavenumber (kx, ky) at index ky + ny kx).
    private let spectrumReal, spectrumImag: UnsafeMutablePointer<Double>
    /// Workspace: fill with b_x (real) and b_y (imag), x fastest (index i + nx j); ``solve(_:)``
    /// leaves u and v. It holds two values more than the grid, so that loops over pairs of
    /// points may write one value past the last row when nx is odd.
    let real, imag: UnsafeMutablePointer<Double>
    /// Owns the buffers.
    private let pool = BufferPool()

    init(nx: Int, ny: Int) {
        self.nx = nx
        self.ny = ny
        plan = FFTPlan2D(nx: nx, ny: ny)
        let ax = 2 * Double.pi / Double(nx), ay = 2 * Double.pi / Double(ny)
        twoCosX = pool.doubles((0..<nx).map { 2 * cos(ax * Double($0)) })
        twoCosY = pool.doubles((0..<ny).map { 2 * cos(ay * Double($0)) })
        minusFourSinSin = pool.doubles((0..<(nx * ny)).map { -4 * sin(ax * Double($0 / ny)) * sin(ay * Double($0 % ny)) })
        (spectrumReal, spectrumImag) = (pool.doubles(nx * ny), pool.doubles(nx * ny))
        (real, imag) = (pool.doubles(nx * ny + 2), pool.doubles(nx * ny + 2))
    }

    /// Solves A V = b in place in the workspace (b in, V out; units of b times Å²/s_y).
    func solve(_ op: ProjectionOperator) {
        let (re, im) = (spectrumReal, spectrumImag)
        plan.forwardTransposed(real: real, imag: imag, spectrumReal: re, spectrumImag: im)
        // Each wavenumber k is solved together with −k. Rows kx and nx − kx of the transposed
        // spectrum pair up, so only rows 0...nx/2 are visited; on the self-conjugate rows
        // (kx = 0, and nx/2 for even nx) only ky ≤ ny/2 is needed.
        for kx in 0...(nx / 2) {
            let mkx = kx == 0 ? 0 : nx &- kx
            let lastKy = mkx == kx ? ny / 2 : ny &- 1
            let cx = twoCosX[kx], row = ny &* kx, mirrorRow = ny &* mkx
            for ky in 0...lastKy {
                let k = row &+ ky, mk = mirrorRow &+ (ky == 0 ? 0 : ny &- ky)
                // With S = [[a, b], [c, d]] and M = S⁻¹ = [[d, −b], [−c, a]] / det S:
                // α = (M11 + M22 + i(M21 − M12))/2, β = (M11 − M22 + i(M21 + M12))/2.
                let sym = op.symbol(twoCosX: cx, twoCosY: twoCosY[ky], minusFourSinSin: minusFourSinSin[k])
                let h = 0.5 / sym.determinant
                let ar = h * (sym.d + sym.a), ai = h * (sym.b - sym.c)
                let br = h * (sym.d - sym.a), bi = -h * (sym.c + sym.b)
                let (xr, xi, yr, yi) = (re[k], im[k], re[mk], im[mk])
                re[k] = ar * xr - ai * xi + br * yr + bi * yi
                im[k] = ar * xi + ai * xr + bi * yr - br * yi
                re[mk] = ar * yr - ai * yi + br * xr + bi * xi
                im[mk] = ar * yi + ai * yr + bi * xr - br * xi
            }
        }
        // The mean (S(0) = 0, so the loop left NaN there) and the checkerboard are set to zero.
        re[0] = 0
        im[0] = 0
        if nx % 2 == 0 && ny % 2 == 0 {
            re[ny / 2 + ny * (nx / 2)] = 0
            im[ny / 2 + ny * (nx / 2)] = 0
        }
        plan.inverseTransposed(spectrumReal: re, spectrumImag: im, real: real, imag: imag)
    }
}
