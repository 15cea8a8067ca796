import Linalg
import LuaHost
import STZ

/// The `stz` Lua module: the quasi-static STZ plasticity solver of the Grassmannian EGO paper
/// (simple shear of a metallic glass, 32 x 32 periodic grid, 100 frames x 60 steps by default).
enum STZModule {
    static var module: LuaModule {
        LuaModule(
            name: "stz",
            doc: """
                stz: the quasi-static STZ plasticity solver (shear transformation zone theory).

                stz.run{preset = "B", energy = U0} shears a glass whose initial effective temperature
                comes from a coarse-grained MD energy field, and returns a run holding every field per
                frame and the stress-strain curve. Parameters are named as the reference solver names
                them (beta, u0, chi_inf, chi_len, c0, ep, s_y); stz.preset("B") lists a set.
                """,
            functions: [run, preset, chiInf, referenceMap],
            types: [runType],
            fields: [("fields", OutputField.allCases.map(\.rawValue))])
    }

    static let run = NativeFunction(
        "run",
        doc: """
            stz.run(options) -> run

            Runs the simulation. options: preset ("A" or "B") and/or the parameters beta (1/eV), u0
            (eV), chi_inf (K; or final_energy, a matrix from which chi_inf = beta (max U - u0) T_Z as
            the paper derives it), chi_len (A), c0, ep, s_y (GPa); the initial state as energy (an
            MD energy field, eV, mapped with the reference map chi0 = 1.0000013 beta (U - u0)), chi
            (chi0 itself, in units of T_Z), or energy plus map (a Lua function of the energy matrix
            returning chi0: your own coarse-graining map); the grid size follows the field, lx and
            ly (A, default 400); frames (100), steps_per_frame (60), strain_rate (1/s, 1e8),
            final_strain (0.5); fields (names to keep, default all: see stz.fields); on_frame (a
            function of {frame, gamma, mean_tau, fields}; return false to stop early); material
            constants shear_modulus (GPa), poisson_ratio, t_z (K), tau0 (s). Ctrl-C stops a run.
            """
    ) { call in
        let setup = try STZSetup(call, options: 1)
        let stack = call.stack
        let result = try setup.simulation.run(fields: setup.fields, interruption: luaInterruption) { frame in
            guard let callback = setup.onFrame else { return .continue }
            stack.pushCopy(of: callback)
            FrameTable.push(frame, onto: stack)
            try stack.protectedCall(arguments: 1, results: 1)
            defer { stack.pop() }
            return stack.type(at: -1) == .boolean && !stack.boolean(at: -1) ? .stop : .continue
        }
        runType.push(result, onto: stack)
        return 1
    }

    static let preset = NativeFunction(
        "preset",
        doc: """
            stz.preset(name) -> table

            The parameters of a named set: "A" (calibration.py's starting point, elastic only) or
            "B" (the twin experiment's truth, the golden reference run), with units in the key
            names' documentation of stz.run.
            """
    ) { call in
        let name = try call.choice(1, from: ["A", "B"])
        return call.returning(STZParameterTable.values(name == "A" ? .setA : .setB))
    }

    static let chiInf = NativeFunction(
        "chi_inf",
        doc: """
            stz.chi_inf(final_energy, beta, u0 [, t_z]) -> K

            The steady-state effective temperature T_inf = beta (max U_final - u0) T_Z in K, derived
            from the final MD energy field as the paper does (without the reference's 0.95 factor).
            """
    ) { call in
        let energy = try call.matrix(1)
        guard energy.count > 0 else { throw ArgumentError(1, "the energy field is empty") }
        return call.returning(STZParameters.chiInf(
            finalEnergy: energy, beta: try call.number(2), u0: try call.number(3), tZ: try call.number(4, default: 21000)))
    }

    static let referenceMap = NativeFunction(
        "reference_map",
        doc: """
            stz.reference_map(energy, beta, u0 [, t_z]) -> chi0

            The reference solver's coarse-graining map chi0 = (E_Z / k_B) beta (U - u0) / T_Z, where
            E_Z / k_B is T_Z times 1.0000013 because the reference mixes two Boltzmann constants;
            chi0 is in units of T_Z.
            """
    ) { call in
        let energy = try call.matrix(1)
        let map = CoarseGrainingMap.reference(beta: try call.number(2), u0: try call.number(3), tZ: try call.number(4, default: 21000))
        return call.returning(try map(energy))
    }
}

extension STZError: LuaReportableError {
    /// The message with 1-based rows and columns, as Lua indexes matrices.
    public var luaMessage: String {
        switch self {
        case let .invalidFieldValue(name, row, column, value, requirement):
            return "field \(name) has \(value) at row \(row + 1), column \(column + 1) (\(requirement))"
        case let .blowUp(frame, field, row, column):
            return "the solution blew up at frame \(frame): \(field) is not finite at row \(row + 1), column \(column + 1)"
        default:
            return description
        }
    }
}

/// The table an `on_frame` callback receives.
enum FrameTable {
    static func push(_ frame: FrameFields, onto stack: LuaStack) {
        stack.pushTable(fieldCount: 4)
        stack.push(frame.frame)
        stack.rawSet(-2, field: "frame")
        stack.push(frame.gamma)
        stack.rawSet(-2, field: "gamma")
        stack.push(frame.meanTau)
        stack.rawSet(-2, field: "mean_tau")
        stack.pushTable(fieldCount: frame.fields.count)
        for (field, matrix) in frame.fields {
            matrix.push(onto: stack)
            stack.rawSet(-2, field: field.rawValue)
        }
        stack.rawSet(-2, field: "fields")
    }
}
