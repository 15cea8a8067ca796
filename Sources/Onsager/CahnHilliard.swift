extension InClassProblem {
    /// Cahn–Hilliard, u_t = Δ((u³ - u)/ε² - Δu): an H⁻¹ gradient flow with m(k) = |k|², w ≡ 0,
    /// b = 1, F' = (u³ - u)/ε². Mass ∫u is conserved exactly (m(0) = 0). Initial conditions:
    /// 3 random sines up to `maxWaveNumber`, rescaled to [-1, 1].
    ///
    /// - Throws: ``OnsagerError/invalidArgument(function:message:)`` for ε ≤ 0 or a wave number
    ///   that does not fit the grid.
    public static func cahnHilliard(grid: PeriodicGrid, epsilon: Double = 0.2, maxWaveNumber: Int = 6)
        throws(OnsagerError) -> InClassProblem
    {
        try require(epsilon > 0 && epsilon.isFinite, "cahn_hilliard", "epsilon must be positive, got \(epsilon)")
        let c = 1 / (epsilon * epsilon)
        let truth = try OnsagerModel(
            grid: grid, symbol: .local(mobility: [0, 1], conservative: []),
            energy: Energy(gradientCoefficient: 1, basis: .polynomial(degree: 3), coefficients: [0, -c, 0, c]))
        return try InClassProblem(name: "cahn_hilliard", truth: truth,
                                  initialCondition: RandomSines(maxWaveNumber: maxWaveNumber))
    }
}
