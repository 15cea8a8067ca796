import Foundation

/// A member of the generalised Onsager hypothesis class on a periodic grid (the field tier):
///
/// ∂u/∂t = -(M + W) μ,  μ = δV/δu,
///
/// with M ⪰ 0 and W = -W* Fourier multipliers (``OnsagerSymbol``) and V an ``Energy``. Along
/// any solution dV/dt = -⟨μ, Mμ⟩ ≤ 0 (``dissipationRate(_:)``): the W term drops out because W
/// is skew-adjoint. Every method takes and returns fields of `grid.count` values, x fastest.
/// Time is in the units of the rate σ·μ.
public struct OnsagerModel: Sendable {
    /// The Fourier transforms of the grid.
    public let transform: SpectralTransform
    /// The symbol σ = m + iw of M + W.
    public let symbol: OnsagerSymbol
    /// The energy V.
    public let energy: Energy
    /// m(k) per mode.
    public let mobility: [Double]
    /// w(k) per mode.
    public let conservative: [Double]
    /// L_k = b|k|² + q_k per mode: the linear part of μ in Fourier space.
    public let linear: [Double]

    /// The model with symbol `symbol` and energy `energy` on `grid`.
    ///
    /// - Throws: ``OnsagerError/invalidArgument(function:message:)`` when a free symbol does not
    ///   match the grid's modes.
    public init(grid: PeriodicGrid, symbol: OnsagerSymbol, energy: Energy) throws(OnsagerError) {
        try self.init(transform: SpectralTransform(grid: grid), symbol: symbol, energy: energy)
    }

    /// The same, reusing the transforms `transform`.
    public init(transform: SpectralTransform, symbol: OnsagerSymbol, energy: Energy) throws(OnsagerError) {
        self.transform = transform
        self.symbol = symbol
        self.energy = energy
        (mobility, conservative) = try symbol.values(on: transform)
        linear = energy.linearSymbol(on: transform)
    }

    /// The grid.
    public var grid: PeriodicGrid { transform.grid }

    /// The same model with another symbol.
    public func replacing(symbol: OnsagerSymbol) throws(OnsagerError) -> OnsagerModel {
        try OnsagerModel(transform: transform, symbol: symbol, energy: energy)
    }

    /// The same model with another energy.
    public func replacing(energy: Energy) throws(OnsagerError) -> OnsagerModel {
        try OnsagerModel(transform: transform, symbol: symbol, energy: energy)
    }

    /// V[u].
    public func freeEnergy(_ u: [Double]) -> Double { energy.value(of: u, on: transform) }

    /// μ = δV/δu.
    public func chemicalPotential(_ u: [Double]) -> [Double] { energy.gradient(of: u, on: transform) }

    /// du/dt = -(M + W) μ.
    public func velocity(_ u: [Double]) -> [Double] {
        transform.inverse(applyingSymbol(to: transform.forward(chemicalPotential(u)), scale: -1))
    }

    /// ⟨μ, Mμ⟩ = -dV/dt ≥ 0 (with the Parseval weights).
    public func dissipationRate(_ u: [Double]) -> Double {
        let mu = transform.forward(chemicalPotential(u))
        var sum = CompensatedSum()
        for k in 0..<transform.modeCount {
            sum.add(transform.multiplicity[k] * mobility[k] * (mu.real[k] * mu.real[k] + mu.imag[k] * mu.imag[k]))
        }
        return transform.grid.cellVolume / Double(transform.grid.count) * sum.value
    }

    /// `scale` σ_k v̂_k per mode.
    func applyingSymbol(to v: Spectrum, scale: Double = 1) -> Spectrum {
        var out = Spectrum(count: v.count)
        for k in 0..<v.count {
            let (m, w) = (scale * mobility[k], scale * conservative[k])
            out.real[k] = m * v.real[k] - w * v.imag[k]
            out.imag[k] = m * v.imag[k] + w * v.real[k]
        }
        return out
    }

    /// The field F'(u) pointwise.
    func force(_ u: [Double]) -> [Double] {
        u.map { energy.basis.force(energy.coefficients, $0) }
    }
}
