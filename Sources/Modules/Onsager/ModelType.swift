import Foundation
import Linalg
import LuaHost
import Onsager

/// The Lua userdata type of field models, `onsager.Model`.
let onsagerModelType = UserdataType<OnsagerModel>(
    name: "onsager.Model", noun: "onsager model", methods: ModelMethods.methods,
    metamethods: [
        NativeFunction("__tostring") { call in
            let model = try call.value(1, onsagerModelType)
            let symbol = model.symbol.form == .free ? "free symbol" : "local symbol"
            let basis: String
            switch model.energy.basis {
            case .polynomial(let d): basis = "polynomial F' of degree \(d)"
            case .bounded(let centers, _): basis = "bounded F' with \(centers.count) steps"
            }
            return call.returning("onsager.Model (\(symbol), \(basis), \(model.grid))")
        }
    ])

extension OnsagerModel: LuaPushable {
    /// Pushes the model as an `onsager.Model` userdata.
    public func push(onto stack: LuaStack) { onsagerModelType.push(self, onto: stack) }
}

extension LuaCall {
    /// Argument `position` as an onsager model.
    func onsagerModel(_ position: Int) throws(ArgumentError) -> OnsagerModel { try value(position, onsagerModelType) }

    /// The stepping method of the options `method` (default `fallback`) and `stabilization`.
    func stepMethod(_ options: LuaOptions, default fallback: String) throws(ArgumentError) -> StepMethod {
        let name = try options.choice("method", from: ["euler", "rk2", "rk4", "sbdf1", "avf"], default: fallback)
        switch name {
        case "euler": return .euler
        case "rk2": return .rk2
        case "rk4": return .rk4
        case "sbdf1": return .sbdf1(stabilization: try options.number("stabilization", default: 0))
        default: return .averageVectorField
        }
    }

    /// The implicit-solver settings of the option `tolerance`.
    func solverOptions(_ options: LuaOptions) throws(ArgumentError) -> ImplicitSolverOptions {
        ImplicitSolverOptions(tolerance: try options.number("tolerance", default: 1e-13))
    }
}

/// The methods of `onsager.Model` and the constructor `onsager.model`.
enum ModelMethods {
    static let methods: [NativeFunction] = [energy, potential, velocity, dissipation, symbol, coefficients, step, rollout, grid]

    static let energy = NativeFunction(
        "energy", doc: "model:energy(u) -> number\n\nThe energy V[u] = ∫ b/2 |∇u|² + F(u) dx + ½⟨u, Qu⟩ of a field u (a vector of grid values, x fastest)."
    ) { call in
        let model = try call.onsagerModel(1)
        return call.returning(model.freeEnergy(try call.field(2, points: model.grid.count)))
    }

    static let potential = NativeFunction(
        "potential", doc: "model:potential(u) -> vector\n\nThe chemical potential μ = δV/δu = -bΔu + F'(u) + Qu (the L² gradient of model:energy)."
    ) { call in
        let model = try call.onsagerModel(1)
        return call.returning(Matrix(column: model.chemicalPotential(try call.field(2, points: model.grid.count))))
    }

    static let velocity = NativeFunction(
        "velocity", doc: "model:velocity(u) -> vector\n\nThe right-hand side du/dt = -(M + W) μ."
    ) { call in
        let model = try call.onsagerModel(1)
        return call.returning(Matrix(column: model.velocity(try call.field(2, points: model.grid.count))))
    }

    static let dissipation = NativeFunction(
        "dissipation", doc: "model:dissipation(u) -> number\n\nThe dissipation rate ⟨μ, Mμ⟩ = -dV/dt ≥ 0 (Parseval weights 1 for k = 0 and Nyquist, 2 otherwise)."
    ) { call in
        let model = try call.onsagerModel(1)
        return call.returning(model.dissipationRate(try call.field(2, points: model.grid.count)))
    }

    static let symbol = NativeFunction(
        "symbol",
        doc: """
            model:symbol() -> m, w, k

            The symbol per stored Fourier mode: mobility m(k) ≥ 0, conservative part w(k) (odd), and |k|,
            as column vectors (1D: the rfft modes 0..n/2; 2D: all nx*ny modes, x fastest).
            """
    ) { call in
        let model = try call.onsagerModel(1)
        return call.returning(Matrix(column: model.mobility), Matrix(column: model.conservative),
                              Matrix(column: model.transform.kSquared.map { $0.squareRoot() }))
    }

    static let coefficients = NativeFunction(
        "coefficients",
        doc: """
            model:coefficients() -> table

            The parameters: {b = ..., c = {c0, c1, ...}, q = {...}, basis = "polynomial" | "bounded",
            degree | centers and width, symbol = "free" | "local", alpha = {...}, beta = {...} (local form)}.
            For the polynomial basis F'(u) = c0 + c1 u + c2 u^2 + ....
            """
    ) { call in
        let model = try call.onsagerModel(1)
        let e = model.energy
        var fields: [(String, any LuaPushable)] = [("b", e.gradientCoefficient), ("c", e.coefficients), ("q", e.nonlocal)]
        switch e.basis {
        case .polynomial(let d): fields += [("basis", "polynomial"), ("degree", d)]
        case let .bounded(centers, width): fields += [("basis", "bounded"), ("centers", centers), ("width", width)]
        }
        if case .local = model.symbol.form {
            fields += [("symbol", "local"), ("alpha", model.symbol.mobilityParameters), ("beta", model.symbol.conservativeParameters)]
        } else {
            fields.append(("symbol", "free"))
        }
        return call.returning(LuaRecord(fields))
    }

    static let step = NativeFunction(
        "step",
        doc: """
            model:step(u, dt [, {method = "avf", stabilization = 0, tolerance = 1e-13}]) -> u, info

            One step of size dt: method "euler", "rk2", "rk4", "sbdf1" (stabilised by S = stabilization)
            or "avf" (the discrete-gradient step: V never increases, for any dt). info = {newton, rejections}.
            """
    ) { call in
        let model = try call.onsagerModel(1)
        let u = try call.field(2, points: model.grid.count)
        let dt = try call.number(3)
        let options = try call.options(4, allowed: ["method", "stabilization", "tolerance"])
        let stepper = try FieldStepper(model: model, method: call.stepMethod(options, default: "avf"), timeStep: dt,
                                       solverOptions: call.solverOptions(options))
        let (next, statistics) = try stepper.step(u)
        return call.returning(Matrix(column: next),
                              LuaRecord([("newton", statistics.newtonIterations), ("rejections", statistics.rejections)]))
    }

    static let rollout = NativeFunction(
        "rollout",
        doc: """
            model:rollout(u0, frames, dt [, {method = "avf", substeps = 1, stabilization = 0, tolerance = 1e-13}]) -> U, info

            Steps u0 for frames frames of substeps steps of size dt each (method as in model:step). U is
            n x (frames + 1), the initial field first; after a divergence its columns are NaN.
            info = {energies (column of V per frame), max_energy_increase (over every step), diverged,
            completed (frames computed), newton, rejections}.
            """
    ) { call in
        let model = try call.onsagerModel(1)
        let u = try call.field(2, points: model.grid.count)
        let frames = try call.count(3, what: "the number of frames", limit: OnsagerLimits.frames)
        let dt = try call.number(4)
        let options = try call.options(5, allowed: ["method", "substeps", "stabilization", "tolerance"])
        let substeps = try options.integer("substeps", default: 1)
        guard substeps >= 1 && substeps <= 1_000_000 else { throw options.error("substeps", "must be 1 to 1000000") }
        try OnsagerGenerators.checkSize(1, frames, model.grid.count)
        let stepper = try FieldStepper(model: model, method: call.stepMethod(options, default: "avf"), timeStep: dt,
                                       solverOptions: call.solverOptions(options))
        let result = try stepper.rollout(from: u, frames: frames, substeps: substeps, interruption: luaInterruption)
        return call.returning(result.frames, RolloutInfo.record(result))
    }

    static let grid = NativeFunction(
        "grid", doc: "model:grid() -> {nx, ny, length_x, length_y}\n\nThe model's periodic grid."
    ) { call in
        call.returning(DatasetTable.gridRecord(try call.onsagerModel(1).grid))
    }

    static let constructor = NativeFunction(
        "model",
        doc: """
            onsager.model{n = 256, ny = 1, length = 2pi, alpha = {...}, beta = {...} | m = vector, w = vector, b = 1, c = {...}, q = {}, basis = "polynomial", degree, centers, width} -> model

            A model of the class: the local symbol m(k) = sum alpha_j |k|^2j, w(k) = sum beta_j |k|^2j kx
            (alpha_j ≥ 0), or a free symbol given per mode (m, w with one value per stored mode); the
            energy b/2|∇u|² + F(u) with F' = c0 + c1 u + ... (polynomial, degree = #c - 1, odd) or the
            bounded basis F' = c0 + c1 u + sum c_{j+2} tanh((u - centers_j)/width); q the nonlocal weights
            of the lowest shells. Example: Allen-Cahn is onsager.model{alpha = {1}, c = {0, -100, 0, 100}}.
            """
    ) { call in
        let options = try call.options(1, allowed: ["n", "ny", "length", "length_y", "alpha", "beta", "m", "w", "b", "c", "q",
                                                   "basis", "degree", "centers", "width"])
        let grid = try call.grid(options)
        let transform = SpectralTransform(grid: grid)
        let symbol: OnsagerSymbol
        if options.has("m") || options.has("w") {
            guard !options.has("alpha") && !options.has("beta") else { throw options.error("m", "give either m and w or alpha and beta") }
            let zeros = [Double](repeating: 0, count: transform.modeCount)
            symbol = try .free(mobility: ModelSpec.vector(options, "m") ?? zeros, conservative: ModelSpec.vector(options, "w") ?? zeros,
                               on: transform)
        } else {
            symbol = try .local(mobility: ModelSpec.vector(options, "alpha") ?? [1], conservative: ModelSpec.vector(options, "beta") ?? [])
        }
        let c = try ModelSpec.vector(options, "c") ?? [0, -1, 0, 1]
        let basis: PointwiseBasis
        switch try options.choice("basis", from: ["polynomial", "bounded"], default: "polynomial") {
        case "bounded":
            basis = .bounded(centers: try ModelSpec.vector(options, "centers") ?? [], width: try options.number("width", default: 1))
        default:
            basis = .polynomial(degree: try options.integer("degree", default: c.count - 1))
        }
        let energy = try Energy(gradientCoefficient: options.number("b", default: 1), basis: basis, coefficients: c,
                                nonlocal: ModelSpec.vector(options, "q") ?? [])
        return call.returning(try OnsagerModel(transform: transform, symbol: symbol, energy: energy))
    }
}

/// Reading vectors out of option tables.
enum ModelSpec {
    /// Option `key` as a vector (matrix or table of numbers), nil when absent.
    static func vector(_ options: LuaOptions, _ key: String) throws(ArgumentError) -> [Double]? {
        try options.withValue(key) { stack throws(ArgumentError) -> [Double] in
            if case .value(let box) = matrixType.lookup(at: -1, in: stack) {
                guard box.value.isVector || box.value.count == 0 else { throw options.error(key, "a vector expected, got a \(box.value.shape) matrix") }
                return box.value.elements
            }
            guard stack.type(at: -1) == .table else { throw options.error(key, "a vector or a table of numbers expected") }
            let count = stack.rawLength(at: -1)
            guard count <= 1 << 24 else { throw options.error(key, "too many values") }
            var values = [Double]()
            for i in 0..<count {
                stack.rawGet(-1, at: i + 1)
                defer { stack.pop() }
                guard stack.type(at: -1) == .number, let value = stack.number(at: -1) else {
                    throw options.error(key, "entry \(i + 1) is not a number")
                }
                values.append(value)
            }
            return values
        }
    }
}

/// The info table of a rollout.
enum RolloutInfo {
    static func record(_ rollout: Rollout) -> LuaRecord {
        LuaRecord([
            ("energies", Matrix(column: rollout.energies)), ("max_energy_increase", rollout.maxEnergyIncrease),
            ("diverged", rollout.diverged), ("completed", rollout.completedFrames),
            ("newton", rollout.statistics.newtonIterations), ("rejections", rollout.statistics.rejections),
        ])
    }
}
