import Linalg
import LuaHost
import STZ

/// Parameters, grid, loading, initial state and output choices of `stz.run`, read from its
/// options table.
struct STZSetup {
    let simulation: STZSimulation
    let fields: Set<OutputField>
    /// The stack index of the `on_frame` function (pushed by the setup), if any.
    let onFrame: Int32?

    static let allowed = STZParameterTable.names + [
        "preset", "final_energy", "energy", "chi", "map", "lx", "ly", "frames", "steps_per_frame", "strain_rate",
        "final_strain", "fields", "on_frame",
    ]

    init(_ call: LuaCall, options position: Int) throws {
        try call.checkTable(position)
        let options = try call.options(position, allowed: Self.allowed)
        var parameters = try STZParameterTable.read(options, call: call)
        let energy = try options.withValue("energy") { _ in try call.matrixFromTop("energy", options) }
        let chi = try options.withValue("chi") { _ in try call.matrixFromTop("chi", options) }
        guard (energy == nil) != (chi == nil) else {
            throw options.error(energy == nil ? "energy" : "chi", "give exactly one of energy (an MD energy field) and chi (chi0)")
        }
        if let final = try options.withValue("final_energy", { _ in try call.matrixFromTop("final_energy", options) }) {
            guard !options.has("chi_inf") else { throw options.error("final_energy", "give chi_inf or final_energy, not both") }
            guard final.count > 0 else { throw options.error("final_energy", "the field is empty") }
            parameters.chiInf = STZParameters.chiInf(finalEnergy: final, beta: parameters.beta, u0: parameters.u0, tZ: parameters.tZ)
        } else if !options.has("chi_inf") && !options.has("preset") {
            throw options.error("chi_inf", "missing: give chi_inf (K), final_energy, or a preset")
        }
        let field = energy ?? chi!
        let grid = ShearGrid(nx: field.cols, ny: field.rows, lx: try options.number("lx", default: 400), ly: try options.number("ly", default: 400))
        let loading = ShearLoading(
            strainRate: try options.number("strain_rate", default: ShearLoading.paper.strainRate),
            finalStrain: try options.number("final_strain", default: ShearLoading.paper.finalStrain),
            frames: try options.integer("frames", default: ShearLoading.paper.frames),
            stepsPerFrame: try options.integer("steps_per_frame", default: ShearLoading.paper.stepsPerFrame))
        let initial: InitialChi
        if let chi {
            guard !options.has("map") else { throw options.error("map", "a map needs an energy field, not chi") }
            initial = .chi(chi)
        } else if options.has("map") {
            initial = .chi(try Self.mapped(energy!, call: call, options: options))
        } else {
            initial = .energy(energy!)
        }
        simulation = try STZSimulation(parameters: parameters, grid: grid, loading: loading, initialChi: initial)
        fields = try Self.fieldSelection(options)
        let stack = call.stack
        guard try options.withValue("on_frame", { stack throws(ArgumentError) -> Bool in
            guard stack.type(at: -1) == .function else { throw options.error("on_frame", "function expected, got \(stack.typeName(at: -1))") }
            return true
        }) != nil else {
            onFrame = nil
            return
        }
        stack.rawGet(Int32(position), field: "on_frame")
        onFrame = stack.top
    }

    /// chi0 from the user's Lua map of the energy field.
    private static func mapped(_ energy: Matrix, call: LuaCall, options: LuaOptions) throws -> Matrix {
        let chi = try options.withValue("map") { stack throws -> Matrix in
            guard stack.type(at: -1) == .function else { throw options.error("map", "function expected, got \(stack.typeName(at: -1))") }
            stack.pushCopy(of: -1)
            energy.push(onto: stack)
            try stack.protectedCall(arguments: 1, results: 1)
            defer { stack.pop() }
            guard case .value(let box) = matrixType.lookup(at: -1, in: stack) else {
                throw options.error("map", "the map returned a \(stack.typeName(at: -1)), expected a chi0 matrix")
            }
            return box.value
        }
        guard let chi else { throw options.error("map", "missing") }
        return chi
    }

    private static func fieldSelection(_ options: LuaOptions) throws(ArgumentError) -> Set<OutputField> {
        try options.withValue("fields") { stack throws(ArgumentError) -> Set<OutputField> in
            guard stack.type(at: -1) == .table else { throw options.error("fields", "a list of field names expected") }
            var selection = Set<OutputField>()
            for k in stride(from: 1, through: stack.rawLength(at: -1), by: 1) {
                stack.rawGet(-1, at: k)
                defer { stack.pop() }
                guard let name = stack.string(at: -1), let field = OutputField(rawValue: name) else {
                    throw options.error("fields", "entry \(k) is not a field name; fields: "
                        + OutputField.allCases.map(\.rawValue).joined(separator: " "))
                }
                selection.insert(field)
            }
            return selection
        } ?? Set(OutputField.allCases)
    }
}

extension LuaCall {
    /// The matrix option on top of the stack (pushed by `LuaOptions.withValue`).
    func matrixFromTop(_ key: String, _ options: LuaOptions) throws(ArgumentError) -> Matrix {
        guard case .value(let box) = matrixType.lookup(at: -1, in: stack) else {
            throw options.error(key, "matrix expected, got \(stack.typeName(at: -1))")
        }
        return box.value
    }
}
