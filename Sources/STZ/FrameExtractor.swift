import Linalg

/// Turns the solver state into a frame's output (`write_files`): physical stresses, χ and
/// T_eff, s̄, the reference map, the Green–Lagrange strain and the velocity, as matrices.
struct FrameExtractor {
    let grid: ShearGrid
    /// T_Z in K, to turn χ into T_eff.
    let tZ: Double
    /// The fields to extract.
    let selection: Set<OutputField>

    /// The frame `frame` of `state` at shear strain `gamma`.
    func extract(_ state: ShearState, frame: Int, gamma: Double) -> FrameFields {
        let layout = state.layout
        let (nx, ny) = (layout.nx, layout.ny)
        // Physical stresses, computed once for the mean and the stress fields.
        var physical = [StressState](repeating: StressState(p: 0, q: 0, s: 0, tau: 0), count: nx * ny)
        var tauSum = 0.0
        for j in 0..<ny {
            for i in 0..<nx {
                let c = layout.index(i, j)
                let sp = StressState(p: state.p[c], q: state.q[c], s: state.s[c], tau: state.tau[c]).physical(gamma: gamma)
                physical[i + nx * j] = sp
                tauSum += sp.tau
            }
        }
        var fields: [OutputField: Matrix] = [:]
        let strain = selection.contains(where: { [.Exx, .Exy, .Eyy].contains($0) })
            ? GreenLagrangeStrain(state, grid: grid, gamma: gamma) : nil
        for field in selection {
            switch field {
            case .p: fields[field] = gridMatrix(nx, ny) { physical[$0].p }
            case .q: fields[field] = gridMatrix(nx, ny) { physical[$0].q }
            case .s: fields[field] = gridMatrix(nx, ny) { physical[$0].s }
            case .tau: fields[field] = gridMatrix(nx, ny) { physical[$0].tau }
            case .dev: fields[field] = gridMatrix(nx, ny) { physical[$0].deviatoricMagnitude }
            case .chi: fields[field] = state.matrix(state.chi)
            case .tem: fields[field] = state.matrix(state.chi) { $0 * tZ }
            case .X: fields[field] = state.matrix(state.X)
            case .Y: fields[field] = state.matrix(state.Y)
            case .u: fields[field] = state.matrix(state.u)
            case .v: fields[field] = state.matrix(state.v)
            case .Exx: fields[field] = gridMatrix(nx, ny) { strain!.exx[$0] }
            case .Exy: fields[field] = gridMatrix(nx, ny) { strain!.exy[$0] }
            case .Eyy: fields[field] = gridMatrix(nx, ny) { strain!.eyy[$0] }
            }
        }
        return FrameFields(frame: frame, gamma: gamma, meanTau: tauSum / Double(nx * ny), fields: fields)
    }

    /// An ny × nx matrix whose (row j, column i) entry is `value(i + nx * j)`.
    private func gridMatrix(_ nx: Int, _ ny: Int, _ value: (Int) -> Double) -> Matrix {
        var columnMajor = [Double](repeating: 0, count: nx * ny)
        for i in 0..<nx {
            for j in 0..<ny { columnMajor[j + ny * i] = value(i + nx * j) }
        }
        return Matrix(rows: ny, cols: nx, columnMajor: columnMajor)
    }
}
