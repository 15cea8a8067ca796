/// The linear operator of the projection step (`qs_multi::init`, `mul_a`): a 2 × 2-block,
/// 9-point, constant-coefficient stencil on the periodic corner grid, acting on the corner
/// velocity V = (u, v) at shear strain γ,
///
///     (A V)_ij = A_c V_ij + A_h (V_{i−1,j} + V_{i+1,j}) + A_v (V_{i,j−1} + V_{i,j+1})
///              + A_d (V_{i−1,j−1} − V_{i+1,j−1} − V_{i−1,j+1} + V_{i+1,j+1}),
///
/// with A_h = Δx⁻²[[L+2μ+γ²μ, γμ(1+γ²)], [−γ(L+μ), μ(1+γ²)]], A_v = Δy⁻²[[μ, γμ], [0, L+2μ]],
/// A_c = −2(A_h + A_v), A_d = (ΔxΔy)⁻¹[[−γμ/2, (L+μ−2γ²μ)/4], [(L+μ)/4, −γ(L+3μ)/4]].
/// (The reference multiplies every block by A_c⁻¹, a Jacobi preconditioning that does not
/// change the solution.) Moduli are in s_y, lengths in Å.
///
/// Its discrete Fourier symbol at wavenumber angles (θx, θy) is the real, even 2 × 2 matrix
/// S = A_c + 2cos θx A_h + 2cos θy A_v − 4 sin θx sin θy A_d. S vanishes at θ = 0 (the constant
/// velocity is in the null space) and is invertible elsewhere.
struct ProjectionOperator: Sendable {
    let horizontal, vertical, diagonal, centre: Block2x2

    /// The operator at shear strain `gamma` for moduli μ, L (in s_y) and spacings Δx, Δy (Å).
    init(gamma g: Double, mu: Double, lame: Double, dx: Double, dy: Double) {
        let (xsp2, ysp2, xy) = (1 / (dx * dx), 1 / (dy * dy), 1 / (dx * dy))
        let g2 = g * g
        horizontal = xsp2 * Block2x2(lame + 2 * mu + g2 * mu, g * mu + g * g2 * mu, -g * (lame + mu), mu * (1 + g2))
        vertical = ysp2 * Block2x2(mu, g * mu, 0, lame + 2 * mu)
        diagonal = xy * Block2x2(-0.5 * g * mu, 0.25 * (lame + mu - 2 * g2 * mu), 0.25 * (lame + mu), -0.25 * g * (lame + 3 * mu))
        centre = -2 * (horizontal + vertical)
    }

    /// The Fourier symbol S for the coefficients 2cos θx, 2cos θy and −4 sin θx sin θy.
    @inline(__always)
    func symbol(twoCosX cx: Double, twoCosY cy: Double, minusFourSinSin sxy: Double) -> Block2x2 {
        Block2x2(
            centre.a + cx * horizontal.a + cy * vertical.a + sxy * diagonal.a,
            centre.b + cx * horizontal.b + cy * vertical.b + sxy * diagonal.b,
            centre.c + cx * horizontal.c + cy * vertical.c + sxy * diagonal.c,
            centre.d + cx * horizontal.d + cy * vertical.d + sxy * diagonal.d)
    }
}
