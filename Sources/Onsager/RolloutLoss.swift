import Linalg

/// The gradient of a loss with respect to everything a field model is made of: m(k) and w(k)
/// per mode (as the model uses them) and the energy parameters θ.
struct ModelGradient {
    var mobility: [Double]
    var conservative: [Double]
    var energy: [Double]

    init(modes: Int, energyParameters: Int) {
        mobility = [Double](repeating: 0, count: modes)
        conservative = mobility
        energy = [Double](repeating: 0, count: energyParameters)
    }

    /// Adds `value`, the gradient with respect to L_k = b|k|² + q_{shell(k)} at mode k, to b and q.
    mutating func addLinear(_ value: Double, mode k: Int, transform: SpectralTransform, energy: Energy) {
        self.energy[0] += value * transform.kSquared[k]
        let shell = transform.shell[k]
        if shell < energy.nonlocal.count { self.energy[1 + energy.basis.count + shell] += value }
    }

    mutating func add(_ other: ModelGradient) {
        for k in 0..<mobility.count {
            mobility[k] += other.mobility[k]
            conservative[k] += other.conservative[k]
        }
        for p in 0..<energy.count { energy[p] += other.energy[p] }
    }
}

/// The multi-step rollout loss the paper trains on, with its gradient by a hand-written adjoint.
///
/// For every window of `steps` + 1 consecutive frames (starting every `stride` frames), the
/// model advances the first frame by `steps` frames of `substeps` steps each (explicit Euler,
/// SBDF1 or AVF with step Δt_frame/substeps), feeding back its own predictions; the loss is
/// Σ_windows Σ_j |u_pred(j) - u_data(j)|² divided by (windows · steps · mean |u_data|²):
/// a relative mean-square error. The gradient runs backwards through the same steps
/// (``TrainingStep``): every operation is an FFT (whose adjoints are
/// ``SpectralTransform/adjointOfInverse(_:)`` and ``SpectralTransform/adjointOfForward(_:)``), a
/// diagonal multiply, the pointwise force, or, for AVF, one transposed linear solve.
struct RolloutLoss: Sendable {
    let data: Dataset
    let steps: Int
    let substeps: Int
    let method: StepMethod
    let stride: Int
    /// windows · steps · mean |u|² over all frames.
    let normalization: Double
    /// Window starts, per trajectory.
    let starts: [Int]

    init(data: Dataset, steps: Int, substeps: Int, method: StepMethod, stride: Int) throws(OnsagerError) {
        try require(steps >= 1 && substeps >= 1 && stride >= 1, "fit", "rollout steps, substeps and stride must be positive")
        try require(data.frameCount > steps, "fit", "a rollout of \(steps) steps needs more than \(steps) frames per trajectory")
        switch method {
        case .euler, .sbdf1, .averageVectorField: break
        default: throw .invalidArgument(function: "fit", message: "rollout training supports the euler, sbdf1 and avf steppers, not \(method.name)")
        }
        self.data = data
        self.steps = steps
        self.substeps = substeps
        self.method = method
        self.stride = stride
        starts = Array(Swift.stride(from: 0, to: data.frameCount - steps, by: stride))
        try require(!starts.isEmpty, "fit", "no rollout window fits the trajectories")
        let meanSquare = data.trajectories.map { $0.elements.reduce(0) { $0 + $1 * $1 } }.reduce(0, +)
            / Double(data.trajectories.count * data.frameCount)
        normalization = Double(starts.count * data.trajectories.count * steps) * max(meanSquare, 1e-300)
    }

    /// The loss of `model` and, when `withGradient`, its gradient; trajectories in parallel.
    /// A non-finite prediction gives an infinite loss (and no useful gradient).
    func evaluate(_ model: OnsagerModel, withGradient: Bool, interruption: Interruption) throws(OnsagerError)
        -> (loss: Double, gradient: ModelGradient)
    {
        let parts = try concurrentMap(data.trajectories.count, interruption: interruption) { i throws(OnsagerError) in
            var gradient = ModelGradient(modes: model.transform.modeCount, energyParameters: model.energy.parameters.count)
            var loss = 0.0
            for start in starts {
                loss += window(model, trajectory: i, start: start, withGradient: withGradient, gradient: &gradient)
            }
            return (loss, gradient)
        }
        var total = ModelGradient(modes: model.transform.modeCount, energyParameters: model.energy.parameters.count)
        var loss = 0.0
        for (part, gradient) in parts {
            loss += part
            total.add(gradient)
        }
        return (loss.isFinite ? loss : .infinity, total)
    }

    /// The loss of one window; adds its gradient to `gradient` when `withGradient`.
    private func window(_ model: OnsagerModel, trajectory: Int, start: Int, withGradient: Bool,
                        gradient: inout ModelGradient) -> Double {
        let h = data.frameSpacing / Double(substeps)
        switch method {
        case .averageVectorField:
            return window(AVFTrainingStep(model: model, timeStep: h), trajectory: trajectory, start: start,
                          withGradient: withGradient, gradient: &gradient)
        default:
            return window(SpectralTrainingStep(model: model, method: method, timeStep: h), trajectory: trajectory, start: start,
                          withGradient: withGradient, gradient: &gradient)
        }
    }

    private func window<Step: TrainingStep>(_ step: Step, trajectory: Int, start: Int, withGradient: Bool,
                                            gradient: inout ModelGradient) -> Double {
        var u = data.frame(start, of: trajectory)
        var records = [Step.Record]()
        var residuals = [[Double]]()
        var loss = 0.0
        for frame in 1...steps {
            for _ in 0..<substeps {
                guard let (next, record) = step.forward(u) else { return .infinity }
                records.append(record)
                u = next
            }
            let target = data.frame(start + frame, of: trajectory)
            let residual = (0..<u.count).map { u[$0] - target[$0] }
            loss += residual.reduce(0) { $0 + $1 * $1 }
            residuals.append(residual)
        }
        guard loss.isFinite else { return .infinity }
        guard withGradient else { return loss / normalization }
        var adjoint = [Double](repeating: 0, count: u.count)
        for index in Swift.stride(from: records.count - 1, through: 0, by: -1) {
            if (index + 1) % substeps == 0 {  // the loss gradient of the frame this step ends
                let r = residuals[(index + 1) / substeps - 1]
                for x in 0..<adjoint.count { adjoint[x] += 2 * r[x] / normalization }
            }
            adjoint = step.backward(records[index], adjoint: adjoint, into: &gradient)
        }
        return loss / normalization
    }
}
