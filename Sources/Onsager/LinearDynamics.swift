extension InClassProblem {
    /// The negative control: linear dynamics u_t = Δu - a u, i.e. m ≡ 1, w ≡ 0, b = 1 and a
    /// quadratic energy F = a u²/2 (F' = a u). Only the products σ(k)(b|k|² + a) are
    /// identifiable: any a' with |k|² + a' > 0 and σ' = σ(|k|² + a)/(|k|² + a') fits as well.
    /// Initial conditions: 3 random sines up to `maxWaveNumber`, rescaled to [-1, 1].
    ///
    /// - Throws: ``OnsagerError/invalidArgument(function:message:)`` for a ≤ 0 or a wave number
    ///   that does not fit the grid.
    public static func linear(grid: PeriodicGrid, mass a: Double = 1, maxWaveNumber: Int = 10) throws(OnsagerError)
        -> InClassProblem
    {
        try require(a > 0 && a.isFinite, "linear", "the mass term must be positive, got \(a)")
        let truth = try OnsagerModel(
            grid: grid, symbol: .local(mobility: [1], conservative: []),
            energy: Energy(gradientCoefficient: 1, basis: .polynomial(degree: 1), coefficients: [0, a]))
        return try InClassProblem(name: "linear", truth: truth, initialCondition: RandomSines(maxWaveNumber: maxWaveNumber))
    }
}
