import Linalg
import LuaHost
import Optimize
import Surrogate

/// The Lua userdata type of fitted Gaussian processes, `gp.Model`.
let modelType: UserdataType<GaussianProcess> = UserdataType<GaussianProcess>(
    name: "gp.Model", noun: "Gaussian process",
    methods: [GPModel.predict, GPModel.predictGradient, GPModel.lml, GPModel.add, GPModel.kernel, GPModel.data],
    metamethods: [GPModel.toString, GPModel.length],
    footprint: { $0.count * $0.count * MemoryLayout<Double>.stride })

extension GaussianProcess: LuaPushable {
    /// Pushes the model as a `gp.Model` userdata.
    public func push(onto stack: LuaStack) { modelType.push(self, onto: stack) }
}

/// The methods of `gp.Model`.
enum GPModel {
    static let predict = NativeFunction(
        "predict",
        doc: """
            m:predict(X [, {cov = false}]) -> mean, std [, cov]

            The predictive mean and standard deviation (column vectors) at the rows of X, all
            points at once; with cov = true also the joint covariance matrix.
            """
    ) { call in
        let model = try call.value(1, modelType)
        let x = try call.matrix(2)
        let options = try call.options(3, allowed: ["cov"])
        let joint = try options.boolean("cov", default: false)
        let prediction = try model.predict(x, covariance: joint, interruption: luaInterruption)
        let mean = Matrix(column: prediction.mean), deviation = Matrix(column: prediction.standardDeviation)
        if let covariance = prediction.covariance { return call.returning(mean, deviation, covariance) }
        return call.returning(mean, deviation)
    }

    static let predictGradient = NativeFunction(
        "predict_gradient",
        doc: """
            m:predict_gradient(x) -> mean, std, dmean, dstd

            The prediction at one point x (a vector) with the gradients of the mean and of the
            standard deviation with respect to x (column vectors).
            """
    ) { call in
        let model = try call.value(1, modelType)
        let p = try model.predictWithGradient(at: try call.vector(2))
        return call.returning(p.mean, p.standardDeviation, Matrix(column: p.meanGradient),
                              Matrix(column: p.standardDeviationGradient))
    }

    static let lml = NativeFunction(
        "lml",
        doc: """
            m:lml([theta]) -> value [, gradient]

            The log marginal likelihood of the model, or at log-hyperparameters theta (a vector,
            in the order of m:kernel():names()) with its gradient; -inf where the covariance is
            singular.
            """
    ) { call in
        let model = try call.value(1, modelType)
        guard !call.isNil(2) else { return call.returning(model.logMarginalLikelihood) }
        let (value, gradient) = try model.logMarginalLikelihood(theta: try call.vector(2))
        return call.returning(value, Matrix(column: gradient))
    }

    static let add = NativeFunction(
        "add",
        doc: """
            m:add(X, y) -> model

            A new model conditioned also on the rows of X with targets y, same hyperparameters (no
            refit; a block update of the Cholesky factor).
            """
    ) { call in
        let model = try call.value(1, modelType)
        let x = try call.matrix(2)
        let y = try call.vector(3)
        return call.returning(try model.adding(inputs: x, targets: y))
    }

    static let kernel = NativeFunction(
        "kernel",
        doc: """
            m:kernel() -> kernel

            The kernel with the fitted hyperparameters (pass it to gp.fit to start from them).
            """
    ) { call in
        call.returning(try call.value(1, modelType).kernel)
    }

    static let data = NativeFunction(
        "data",
        doc: """
            m:data() -> X, y

            The training inputs (one point per row) and targets (a column vector).
            """
    ) { call in
        let model = try call.value(1, modelType)
        return call.returning(model.inputs, Matrix(column: model.targets))
    }

    static let toString = NativeFunction("__tostring") { call in
        let model = try call.value(1, modelType)
        return call.returning("gp.Model: \(model.count) points in \(model.inputDimension) dimensions, kernel "
            + "\(model.kernel), log marginal likelihood \(model.logMarginalLikelihood)")
    }

    static let length = NativeFunction("__len") { call in
        call.returning(try call.value(1, modelType).count)
    }
}
