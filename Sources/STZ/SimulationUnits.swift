/// The non-dimensionalisation of the reference driver, and the constants derived from it.
///
/// Lengths are in Å, stresses in units of s_y, and time in the unit
/// t_s = ℓ_e / √(μ s_y / ρ0) with ℓ_e = 1 Å and μ s_y the shear modulus in GPa taken *as a
/// number* (the driver does not convert GPa to Pa). So t_s = 1.75e-9 s rather than the intended
/// shear-wave time 5.5e-14 s. This is harmless in the quasi-static method, since every rate is
/// converted with the same t_s, and keeping it keeps the reference's Δt and outputs.
struct SimulationUnits: Sendable {
    /// The shear modulus μ in units of s_y.
    let mu: Double
    /// The first Lamé parameter L = K − 2μ/3, in units of s_y.
    let lame: Double
    /// The time unit t_s, in s.
    let timeUnit: Double
    /// The strain rate λ, per time unit.
    let lambda: Double
    /// The quasi-static time step Δt, in time units.
    let dt: Double
    /// χ∞ = T∞ / T_Z, dimensionless.
    let chiInf: Double

    /// The reference's length unit ℓ_e, in m.
    static let lengthUnit = 1e-10

    /// Derives the solver's constants from the model parameters and the loading protocol, in
    /// the same order of operations as the reference driver.
    init(parameters: STZParameters, loading: ShearLoading) {
        let mu = parameters.shearModulus / parameters.sY
        let nu = parameters.poissonRatio
        let bulk = 2 * mu * (1 + nu) / (3 * (1 - 2 * nu))
        self.mu = mu
        lame = bulk - 2 * (1.0 / 3) * mu
        timeUnit = SimulationUnits.lengthUnit / (mu * parameters.sY / parameters.density).squareRoot()
        lambda = loading.strainRate * timeUnit
        let finalTime = loading.finalStrain / lambda
        dt = finalTime / Double(loading.frames) * (1.0 / Double(loading.stepsPerFrame))
        chiInf = parameters.chiInf / parameters.tZ
    }
}
