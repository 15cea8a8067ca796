import Linalg

/// The physical parameters of the STZ model, named as the reference solver names them
/// (`beta`, `u0`, `chi_inf`, `chi_len`, `c0`, `ep`, `s_y`), plus the material constants its
/// driver hard-codes.
///
/// The seven calibrated parameters have no defaults: pick a preset (``setA``, ``setB``) or give
/// them all. The material constants default to the paper's values.
public struct STZParameters: Sendable, Equatable {
    /// β, the inverse energy scale of the reference coarse-graining map, in 1/eV.
    public var beta: Double
    /// u0, the energy offset of the reference coarse-graining map, in eV per atom.
    public var u0: Double
    /// `chi_inf`: the steady-state effective temperature T∞ = T_Z χ∞, in K.
    public var chiInf: Double
    /// `chi_len`: the χ-diffusion length ℓχ, in Å (the simulation's length unit).
    public var chiLen: Double
    /// c0: the inverse fraction of plastic work that goes into χ, dimensionless.
    public var c0: Double
    /// `ep`: ε0, the STZ strain-rate prefactor (rate scale ε0/τ0), dimensionless.
    public var ep: Double
    /// `s_y`: the yield stress, in GPa. It is also the stress unit of the solver.
    public var sY: Double

    /// The shear modulus μ, in GPa (the solver uses μ/s_y). Paper: 20 GPa.
    public var shearModulus: Double = 20
    /// Poisson's ratio ν, dimensionless; the bulk modulus is K = 2μ(1+ν)/(3(1−2ν)). Paper: 0.35.
    public var poissonRatio: Double = 0.35
    /// T_Z, the STZ formation energy over k_B, in K: χ = T_eff / T_Z. Paper: 21000 K.
    public var tZ: Double = 21000
    /// τ0, the molecular vibration time scale, in s. Paper: 1e-13 s.
    public var tau0: Double = 1e-13
    /// ρ0, the density, in kg/m³; it only sets the solver's time unit. Paper: 6125 kg/m³.
    public var density: Double = 6125

    /// Parameters with the material constants at the paper's values.
    ///
    /// - Parameters:
    ///   - beta: β in 1/eV.
    ///   - u0: u0 in eV.
    ///   - chiInf: T∞ in K.
    ///   - chiLen: ℓχ in Å.
    ///   - c0: c0, dimensionless.
    ///   - ep: ε0, dimensionless.
    ///   - sY: s_y in GPa.
    public init(beta: Double, u0: Double, chiInf: Double, chiLen: Double, c0: Double, ep: Double, sY: Double) {
        self.beta = beta
        self.u0 = u0
        self.chiInf = chiInf
        self.chiLen = chiLen
        self.c0 = c0
        self.ep = ep
        self.sY = sY
    }

    /// Set A: the starting point of the paper's calibration (calibration.py). With it χ0 ≈ 0.024
    /// everywhere, so the run stays elastic.
    public static let setA = STZParameters(
        beta: 8.0, u0: -3.3626, chiInf: 1769.3525, chiLen: 25.59275383, c0: 0.3, ep: 44.52901253, sY: 0.95)

    /// Set B: the "truth" of the paper's twin experiment (validation.py), the parameter set of the
    /// golden reference output. It yields at γ ≈ 0.05 and forms one shear band.
    public static let setB = STZParameters(
        beta: 8.27674103, u0: -3.36821766, chiInf: 2806.9732907749035, chiLen: 41.79654694,
        c0: 0.54989662, ep: 7.12963104, sY: 1.00556564)

    /// T∞ in K derived from the final MD energy field as the paper does (calibration.py):
    /// T∞ = β (max U_final − u0) T_Z, without the driver's 0.95 factor and without the
    /// 1.0000013 factor of the initial map.
    ///
    /// - Parameters:
    ///   - finalEnergy: the last MD potential-energy field, in eV per atom.
    ///   - beta: β in 1/eV.
    ///   - u0: u0 in eV.
    ///   - tZ: T_Z in K.
    public static func chiInf(finalEnergy: Matrix, beta: Double, u0: Double, tZ: Double = 21000) -> Double {
        beta * ((finalEnergy.elements.max() ?? .nan) - u0) * tZ
    }

    /// Checks every parameter and throws the first one out of range.
    ///
    /// - Throws: ``STZError/invalidParameter(name:value:requirement:)`` naming the parameter.
    public func validate() throws(STZError) {
        try require("beta", beta, true, "must be finite")
        try require("u0", u0, true, "must be finite")
        try require("chi_inf", chiInf, chiInf > 0, "must be > 0 K")
        try require("chi_len", chiLen, chiLen >= 0, "must be >= 0 A")
        try require("c0", c0, c0 > 0, "must be > 0")
        try require("ep", ep, ep >= 0, "must be >= 0")
        try require("s_y", sY, sY > 0, "must be > 0 GPa")
        try require("shear_modulus", shearModulus, shearModulus > 0, "must be > 0 GPa")
        try require("poisson_ratio", poissonRatio, poissonRatio > -1 && poissonRatio < 0.5, "must lie in (-1, 0.5)")
        try require("T_Z", tZ, tZ > 0, "must be > 0 K")
        try require("tau0", tau0, tau0 > 0, "must be > 0 s")
        try require("density", density, density > 0, "must be > 0 kg/m^3")
    }
}
