/// The part of the hypothesis class a fit searches: the form of the symbol, the basis of F and
/// the number of nonlocal shells. The energy parameters are θ = [b, c₀ ..., q₀ ...]
/// (``Energy/parameterNames``).
public struct Hypothesis: Sendable, Equatable {
    /// Free per mode, or local with the given numbers of even and odd terms.
    public var symbolForm: OnsagerSymbol.Form
    /// The basis of the pointwise energy density F.
    public var basis: PointwiseBasis
    /// The number of low-mode nonlocal shells q_s (0: none).
    public var nonlocalShells: Int

    /// A hypothesis with the given parts.
    public init(symbolForm: OnsagerSymbol.Form, basis: PointwiseBasis, nonlocalShells: Int = 0) {
        self.symbolForm = symbolForm
        self.basis = basis
        self.nonlocalShells = nonlocalShells
    }

    /// The number of energy parameters, 1 + basis count + shells.
    public var energyParameterCount: Int { 1 + basis.count + nonlocalShells }

    /// The names of the energy parameters.
    public var energyParameterNames: [String] { Energy.parameterNames(basis: basis, nonlocalShells: nonlocalShells) }

    /// Throws unless the hypothesis is well formed on `grid`.
    func validate(on grid: PeriodicGrid) throws(OnsagerError) {
        try basis.validate()
        try require(nonlocalShells >= 0 && nonlocalShells <= min(64, grid.nx / 2), "fit",
                    "the number of nonlocal shells must be 0 to \(min(64, grid.nx / 2)), got \(nonlocalShells)")
        if case let .local(even, odd) = symbolForm {
            try require(even >= 0 && odd >= 0 && even + odd >= 1 && even <= 8 && odd <= 8, "fit",
                        "a local symbol needs 0 to 8 terms of each kind, and at least one term")
        }
    }
}
