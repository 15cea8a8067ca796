import Linalg

/// A coarse-graining map: from an MD potential-energy field (eV per atom, ny × nx) to the
/// initial effective-temperature field χ0 (dimensionless, same shape).
///
/// ``reference(beta:u0:tZ:)`` is the paper's map; any other map is a closure, e.g. a
/// researcher's own nonlinear or smoothing map.
public struct CoarseGrainingMap: Sendable {
    private let body: @Sendable (Matrix) throws -> Matrix

    /// A map computing the whole χ0 field from the whole energy field.
    public init(_ body: @escaping @Sendable (_ energy: Matrix) throws -> Matrix) {
        self.body = body
    }

    /// Applies the map to an energy field (eV per atom).
    public func callAsFunction(_ energy: Matrix) throws -> Matrix {
        try body(energy)
    }

    /// A map applying `f` (energy in eV per atom → χ) to every cell independently.
    public static func pointwise(_ f: @escaping @Sendable (Double) -> Double) -> CoarseGrainingMap {
        CoarseGrainingMap { energy in
            Matrix(rows: energy.rows, cols: energy.cols, columnMajor: energy.elements.map(f))
        }
    }

    /// Boltzmann's constant in J/K, as the reference driver has it.
    static let boltzmannSI = 1.3806503e-23
    /// Boltzmann's constant in eV/K, as the reference driver has it.
    static let boltzmannMetal = 8.617330350e-5
    /// Electron-volts per joule, as the reference driver has it.
    static let electronVoltsPerJoule = 6.241509e18

    /// E_Z, the STZ formation energy in eV, as the reference driver computes it:
    /// T_Z k_B eV_per_J with k_B in J/K.
    public static func formationEnergy(tZ: Double = 21000) -> Double {
        tZ * boltzmannSI * electronVoltsPerJoule
    }

    /// E_Z / k_B in K as the reference computes it, dividing ``formationEnergy(tZ:)`` by k_B in
    /// eV/K. The two Boltzmann constants of the driver are not consistent, so this is
    /// T_Z · 1.0000013 rather than T_Z.
    public static func activationTemperature(tZ: Double = 21000) -> Double {
        formationEnergy(tZ: tZ) / boltzmannMetal
    }

    /// The reference map (`read_chi_from_file` with the driver's scaling):
    /// χ0 = (E_Z / k_B) β (U − u0) / T_Z = 1.0000013 β (U − u0), evaluated in the reference's
    /// order of operations.
    ///
    /// The reference interpolates the MD grid bicubically onto the solver grid; with equal grid
    /// sizes the sample points coincide and the interpolation is the identity, which is the only
    /// case supported here (the MD grid must have the solver's size). It also adds the MD file
    /// header's base and scale (0 and 1 in every CuZr_Ref energy file).
    ///
    /// - Parameters:
    ///   - beta: β in 1/eV.
    ///   - u0: u0 in eV.
    ///   - tZ: T_Z in K.
    public static func reference(beta: Double, u0: Double, tZ: Double = 21000) -> CoarseGrainingMap {
        let energyScale = beta * formationEnergy(tZ: tZ) / boltzmannMetal
        return pointwise { energy in (1 / tZ) * ((energy - u0) * energyScale) }
    }
}
