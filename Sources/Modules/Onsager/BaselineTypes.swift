import Linalg
import LuaHost
import Onsager

/// The Lua userdata type of DMD models, `onsager.DMD`.
let dmdType = UserdataType<DMDModel>(
    name: "onsager.DMD", noun: "DMD model",
    methods: [
        NativeFunction("rollout", doc: "dmd:rollout(u0, frames) -> U\n\nThe DMD prediction u_{n+1} = Φ(A Φ'u_n + b) from u0, n x (frames + 1).") { call in
            let dmd = try call.value(1, dmdType)
            let u = try call.field(2, points: dmd.pod.mean.count)
            let frames = try call.count(3, what: "the number of frames", limit: OnsagerLimits.frames)
            try OnsagerGenerators.checkSize(1, frames, u.count)
            return call.returning(dmd.rollout(from: u, frames: frames))
        },
        NativeFunction("eigenvalues", doc: "dmd:eigenvalues() -> re, im\n\nThe DMD eigenvalues (per frame): |λ| < 1 decays, arg λ is the phase per frame.") { call in
            let dmd = try call.value(1, dmdType)
            return call.returning(Matrix(column: dmd.eigenvalues.real), Matrix(column: dmd.eigenvalues.imaginary))
        },
        NativeFunction("modes", doc: "dmd:modes() -> Phi, A, b\n\nThe POD modes (n x rank), the reduced operator A and the affine term b (zeros without).") { call in
            let dmd = try call.value(1, dmdType)
            return call.returning(dmd.pod.modes, dmd.reducedOperator, Matrix(column: dmd.offset))
        },
    ],
    metamethods: [
        NativeFunction("__tostring") { call in
            call.returning("onsager.DMD (rank \(try call.value(1, dmdType).rank))")
        }
    ])

extension DMDModel: LuaPushable {
    /// Pushes the model as an `onsager.DMD` userdata.
    public func push(onto stack: LuaStack) { dmdType.push(self, onto: stack) }
}

/// The Lua userdata type of reduced models, `onsager.Reduced`.
let reducedType = UserdataType<ReducedOnsagerModel>(
    name: "onsager.Reduced", noun: "reduced onsager model",
    methods: [
        NativeFunction(
            "rollout",
            doc: """
                reduced:rollout(u0, frames, dt [, {method = "avf", substeps = 1, tolerance = 1e-13}]) -> U, info

                Encodes u0 on the POD modes and steps the reduced ODE (method "euler", "rk2", "rk4" or
                "avf", which never increases V); U holds the decoded fields, info is as for model:rollout.
                """
        ) { call in
            let model = try call.value(1, reducedType)
            let u = try call.field(2, points: model.pod.mean.count)
            let frames = try call.count(3, what: "the number of frames", limit: OnsagerLimits.frames)
            let dt = try call.number(4)
            let options = try call.options(5, allowed: ["method", "substeps", "tolerance"])
            let substeps = try options.integer("substeps", default: 1)
            guard substeps >= 1 && substeps <= 1_000_000 else { throw options.error("substeps", "must be 1 to 1000000") }
            try OnsagerGenerators.checkSize(1, frames, u.count)
            let stepper = try ReducedStepper(model: model, method: call.stepMethod(options, default: "avf"), timeStep: dt,
                                             solverOptions: call.solverOptions(options))
            let result = try stepper.rollout(from: u, frames: frames, substeps: substeps, interruption: luaInterruption)
            return call.returning(result.frames, RolloutInfo.record(result))
        },
        NativeFunction("encode", doc: "reduced:encode(u) -> z\n\nThe POD coordinates z = Φ'(u - ū).") { call in
            let model = try call.value(1, reducedType)
            return call.returning(Matrix(column: model.pod.encode(try call.field(2, points: model.pod.mean.count))))
        },
        NativeFunction("decode", doc: "reduced:decode(z) -> u\n\nThe field u = ū + Φz.") { call in
            let model = try call.value(1, reducedType)
            let z = try call.vector(2)
            guard z.count == model.rank else { throw ArgumentError(2, "\(model.rank) coordinates expected, got \(z.count)") }
            return call.returning(Matrix(column: model.pod.decode(z)))
        },
        NativeFunction("energy", doc: "reduced:energy(z) -> number\n\nThe reduced energy V(z).") { call in
            let model = try call.value(1, reducedType)
            let z = try call.vector(2)
            guard z.count == model.rank else { throw ArgumentError(2, "\(model.rank) coordinates expected, got \(z.count)") }
            return call.returning(model.energy(z))
        },
        NativeFunction(
            "matrices",
            doc: "reduced:matrices() -> table\n\n{M = LL' + εI, W = A - A', P = RR' + βI, h, Q (quartic directions as columns), modes, mean}."
        ) { call in
            let model = try call.value(1, reducedType)
            return call.returning(LuaRecord([
                ("M", model.mobility), ("W", model.conservative), ("P", model.quadratic), ("h", Matrix(column: model.linear)),
                ("Q", model.quarticDirections), ("modes", model.pod.modes), ("mean", Matrix(column: model.pod.mean)),
            ]))
        },
    ],
    metamethods: [
        NativeFunction("__tostring") { call in
            call.returning("onsager.Reduced (rank \(try call.value(1, reducedType).rank))")
        }
    ])

extension ReducedOnsagerModel: LuaPushable {
    /// Pushes the model as an `onsager.Reduced` userdata.
    public func push(onto stack: LuaStack) { reducedType.push(self, onto: stack) }
}

/// The DMD constructor.
enum OnsagerBaselines {
    static let dmd = NativeFunction(
        "dmd",
        doc: """
            onsager.dmd(data [, {rank = 16, affine = false}]) -> dmd

            Dynamic mode decomposition, the linear baseline: the least-squares map between consecutive
            frames on the leading rank POD modes (exact DMD; with affine = true plus a constant term),
            from an SVD and an eigendecomposition.
            """
    ) { call in
        let data = try call.dataset(1)
        let options = try call.options(2, allowed: ["rank", "affine"])
        return call.returning(try DMDModel(fitting: data, rank: options.integer("rank", default: 16),
                                           affine: options.boolean("affine", default: false)))
    }
}
