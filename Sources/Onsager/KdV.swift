extension InClassProblem {
    /// KdV, u_t + 6uu_x + u_xxx = 0, in the class as m ≡ 0, w(k) = -k (W = -∂x), b = 1,
    /// F = -u³ (F' = -3u²); with `quartic` γ > 0 the coercive variant F = -u³ + γu⁴, i.e.
    /// u_t + 6uu_x - 12γu²u_x + u_xxx = 0. V is conserved. Initial conditions: 3 random sines up
    /// to `maxWaveNumber`, rescaled to [-1, 1] (the paper's data: k ≤ 6, frames 10⁻³ apart).
    ///
    /// - Throws: ``OnsagerError/invalidArgument(function:message:)`` for γ < 0 or a wave number
    ///   that does not fit the grid.
    public static func kdv(grid: PeriodicGrid, quartic: Double = 0, maxWaveNumber: Int = 6) throws(OnsagerError)
        -> InClassProblem
    {
        try require(quartic >= 0 && quartic.isFinite, "kdv", "the quartic coefficient must be non-negative, got \(quartic)")
        let truth = try OnsagerModel(
            grid: grid, symbol: .local(mobility: [], conservative: [-1]),
            energy: Energy(gradientCoefficient: 1, basis: .polynomial(degree: 3), coefficients: [0, 0, -3, 4 * quartic]))
        return try InClassProblem(name: quartic > 0 ? "kdv_coercive" : "kdv", truth: truth,
                                  initialCondition: RandomSines(maxWaveNumber: maxWaveNumber))
    }
}
