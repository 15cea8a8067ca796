extension InClassProblem {
    /// A mixed dissipative-dispersive member of the class: m(k) = νk², w(k) = k, b = 1,
    /// F' = -u + 3u² + u³ (quartic, coercive), i.e. u_t = -(ν(-Δ) + ∂x)(-Δu - u + 3u² + u³).
    /// Both parts act on every mode, so the split of M and W is identifiable. Initial
    /// conditions: 3 random sines up to `maxWaveNumber`, rescaled to [-1, 1].
    ///
    /// - Throws: ``OnsagerError/invalidArgument(function:message:)`` for ν < 0 or a wave number
    ///   that does not fit the grid.
    public static func mixed(grid: PeriodicGrid, viscosity: Double = 0.05, maxWaveNumber: Int = 6)
        throws(OnsagerError) -> InClassProblem
    {
        try require(viscosity >= 0 && viscosity.isFinite, "mixed", "the viscosity must be non-negative, got \(viscosity)")
        let truth = try OnsagerModel(
            grid: grid, symbol: .local(mobility: [0, viscosity], conservative: [1]),
            energy: Energy(gradientCoefficient: 1, basis: .polynomial(degree: 3), coefficients: [0, -1, 3, 1]))
        return try InClassProblem(name: "mixed", truth: truth, initialCondition: RandomSines(maxWaveNumber: maxWaveNumber))
    }
}
