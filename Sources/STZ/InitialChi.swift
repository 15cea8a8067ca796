import Linalg

/// Where a run's initial effective temperature χ0 comes from. Every field is ny × nx
/// (rows = y from the bottom, columns = x), the layout of the MD grid files.
public enum InitialChi: Sendable {
    /// An MD potential-energy field in eV per atom, mapped by the reference map with the run's
    /// β and u0 (``CoarseGrainingMap/reference(beta:u0:tZ:)``).
    case energy(Matrix)
    /// An MD potential-energy field in eV per atom, mapped by a custom coarse-graining map.
    case mappedEnergy(Matrix, CoarseGrainingMap)
    /// χ0 itself, dimensionless (T_eff / T_Z).
    case chi(Matrix)

    /// The χ0 field for `parameters` on `grid`, checked.
    ///
    /// - Throws: ``STZError/fieldSizeMismatch(name:expectedRows:expectedColumns:rows:columns:)``
    ///   for a field of the wrong size, ``STZError/invalidFieldValue(name:row:column:value:requirement:)``
    ///   for a non-finite energy or a χ0 that is not finite and positive, or the map's own error.
    func resolve(parameters: STZParameters, grid: ShearGrid) throws -> Matrix {
        let chi: Matrix
        switch self {
        case let .energy(energy):
            try InitialChi.check(energy, name: "energy", grid: grid, positive: false)
            chi = try CoarseGrainingMap.reference(beta: parameters.beta, u0: parameters.u0, tZ: parameters.tZ)(energy)
        case let .mappedEnergy(energy, map):
            try InitialChi.check(energy, name: "energy", grid: grid, positive: false)
            chi = try map(energy)
        case let .chi(field):
            chi = field
        }
        try InitialChi.check(chi, name: "chi0", grid: grid, positive: true)
        return chi
    }

    /// Throws unless `field` is ny × nx with finite (and, if `positive`, positive) entries.
    private static func check(_ field: Matrix, name: String, grid: ShearGrid, positive: Bool) throws(STZError) {
        guard field.rows == grid.ny && field.cols == grid.nx else {
            throw .fieldSizeMismatch(
                name: name, expectedRows: grid.ny, expectedColumns: grid.nx, rows: field.rows, columns: field.cols)
        }
        for j in 0..<field.rows {
            for i in 0..<field.cols {
                let x = field[j, i]
                if !x.isFinite || (positive && !(x > 0)) {
                    throw .invalidFieldValue(
                        name: name, row: j, column: i, value: x, requirement: positive ? "must be finite and > 0" : "must be finite")
                }
            }
        }
    }
}
