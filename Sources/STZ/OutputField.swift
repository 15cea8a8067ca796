/// The fields a run can report per frame, named as the reference's output files.
public enum OutputField: String, CaseIterable, Sendable, Hashable {
    /// Physical pressure component p, in s_y (cell centres).
    case p
    /// Physical out-of-plane deviatoric component q, in s_y (cell centres).
    case q
    /// Physical in-plane deviatoric component s, in s_y (cell centres).
    case s
    /// Physical shear stress σxy = τ, in s_y (cell centres).
    case tau
    /// Effective temperature χ = T_eff / T_Z, dimensionless (cell centres).
    case chi
    /// Effective temperature T_eff = T_Z χ, in K (cell centres).
    case tem
    /// Deviatoric magnitude s̄ = √(½ s:s) / s_y (cell centres).
    case dev
    /// Reference map X (initial ξ of the material now here), in Å (corners).
    case X
    /// Reference map Y, in Å (corners).
    case Y
    /// Green–Lagrange strain Exx, dimensionless (corners).
    case Exx
    /// Green–Lagrange strain Exy, dimensionless (corners; γ/2 in homogeneous shear).
    case Exy
    /// Green–Lagrange strain Eyy, dimensionless (corners).
    case Eyy
    /// Corner velocity u in the sheared frame, in Å per solver time unit (1.75e-9 s by default).
    case u
    /// Corner velocity v in the sheared frame, in Å per solver time unit.
    case v

    /// `true` for fields at the cell centres ((i+½)Δx, (j+½)Δy), `false` for fields at the
    /// corners (iΔx, jΔy).
    public var isCellCentred: Bool {
        switch self {
        case .p, .q, .s, .tau, .chi, .tem, .dev: return true
        case .X, .Y, .Exx, .Exy, .Eyy, .u, .v: return false
        }
    }
}
