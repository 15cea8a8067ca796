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
        // Physical stresses and s̄, column-major (the layout of Matrix), computed once.
        var stress = [[Double]](repeating: [Double](repeating: 0, count: nx * ny), count: 5)
        var tauSum = 0.0
        for i in 0..<nx {
            for j in 0..<ny {
                let c = layout.index(i, j), k = j + ny * i
                let sp = StressState(p: state.p[c], q: state.q[c], s: state.s[c], tau: state.tau[c]).physical(gamma: gamma)
                (stress[0][k], stress[1][k], stress[2][k], stress[3][k]) = (sp.p, sp.q, sp.s, sp.tau)
                stress[4][k] = sp.deviatoricMagnitude
                tauSum += sp.tau
            }
        }
        var fields: [OutputField: Matrix] = [:]
        let strain = selection.contains(where: { [.Exx, .Exy, .Eyy].contains($0) })
            ? GreenLagrangeStrain(state, grid: grid, gamma: gamma) : nil
        for field in selection {
            switch field {
            case .p: fields[field] = Matrix(rows: ny, cols: nx, columnMajor: stress[0])
            case .q: fields[field] = Matrix(rows: ny, cols: nx, columnMajor: stress[1])
            case .s: fields[field] = Matrix(rows: ny, cols: nx, columnMajor: stress[2])
            case .tau: fields[field] = Matrix(rows: ny, cols: nx, columnMajor: stress[3])
            case .dev: fields[field] = Matrix(rows: ny, cols: nx, columnMajor: stress[4])
            case .chi: fields[field] = state.matrix(state.chi)
            case .tem: fields[field] = state.matrix(state.chi) { $0 * tZ }
            case .X: fields[field] = state.matrix(state.X)
            case .Y: fields[field] = state.matrix(state.Y)
            case .u: fields[field] = state.matrix(state.u)
            case .v: fields[field] = state.matrix(state.v)
            case .Exx: fields[field] = strain!.exx
            case .Exy: fields[field] = strain!.exy
            case .Eyy: fields[field] = strain!.eyy
            }
        }
        return FrameFields(frame: frame, gamma: gamma, meanTau: tauSum / Double(nx * ny), fields: fields)
    }
}
