extension InClassProblem {
    /// Allen–Cahn, u_t = Δu + (u - u³)/ε², in 1D or 2D (the grid decides): m ≡ 1, w ≡ 0, b = 1,
    /// F(u) = (u² - 1)²/(4ε²), i.e. F' = (u³ - u)/ε². Initial conditions: 3 random sines up to
    /// `maxWaveNumber`, rescaled to [-1, 1] (the paper's data: ε = 0.1, k ≤ 10, N = 256 or 128²,
    /// frames 10⁻³ apart).
    ///
    /// - Throws: ``OnsagerError/invalidArgument(function:message:)`` for ε ≤ 0 or a wave number
    ///   that does not fit the grid.
    public static func allenCahn(grid: PeriodicGrid, epsilon: Double = 0.1, maxWaveNumber: Int = 10)
        throws(OnsagerError) -> InClassProblem
    {
        try require(epsilon > 0 && epsilon.isFinite, "allen_cahn", "epsilon must be positive, got \(epsilon)")
        let c = 1 / (epsilon * epsilon)
        let truth = try OnsagerModel(
            grid: grid, symbol: .local(mobility: [1], conservative: []),
            energy: Energy(gradientCoefficient: 1, basis: .polynomial(degree: 3), coefficients: [0, -c, 0, c]))
        return try InClassProblem(name: "allen_cahn", truth: truth,
                                  initialCondition: RandomSines(maxWaveNumber: maxWaveNumber))
    }
}
