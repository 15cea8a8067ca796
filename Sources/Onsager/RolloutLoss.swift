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
/// model advances the first frame by `steps` frames of `substeps` steps each (explicit Euler or
/// SBDF1 with step Δt_frame/substeps), feeding back its own predictions; the loss is
/// Σ_windows Σ_j |u_pred(j) - u_data(j)|² divided by (windows · steps · mean |u_data|²):
/// a relative mean-square error. The gradient runs backwards through the same steps: every
/// operation is an FFT (whose adjoints are ``SpectralTransform/adjointOfInverse(_:)`` and
/// ``SpectralTransform/adjointOfForward(_:)``), a diagonal multiply, or the pointwise force.
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
        case .euler, .sbdf1: break
        default: throw .invalidArgument(function: "fit", message: "rollout training supports the euler and sbdf1 steppers, not \(method.name)")
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

    /// What the backward sweep needs of one step: its input field and spectra.
    private struct StepRecord {
        var field: [Double]
        var state: Spectrum
        var force: Spectrum
    }

    /// The loss of one window; adds its gradient to `gradient` when `withGradient`.
    private func window(_ model: OnsagerModel, trajectory: Int, start: Int, withGradient: Bool,
                        gradient: inout ModelGradient) -> Double {
        let t = model.transform, h = data.frameSpacing / Double(substeps)
        var u = data.frame(start, of: trajectory)
        var records = [StepRecord]()
        var residuals = [[Double]]()
        var loss = 0.0
        for frame in 1...steps {
            for _ in 0..<substeps {
                let record = StepRecord(field: u, state: t.forward(u), force: t.forward(model.force(u)))
                var next = Spectrum(count: t.modeCount)
                for k in 0..<t.modeCount {
                    let mode = TrainingStepMode(
                        method: method, sigma: Complex(model.mobility[k], model.conservative[k]), linear: model.linear[k],
                        step: h, state: Complex(record.state.real[k], record.state.imag[k]),
                        force: Complex(record.force.real[k], record.force.imag[k]))
                    (next.real[k], next.imag[k]) = (mode.output.re, mode.output.im)
                }
                records.append(record)
                u = t.inverse(next)
            }
            let target = data.frame(start + frame, of: trajectory)
            let residual = (0..<u.count).map { u[$0] - target[$0] }
            loss += residual.reduce(0) { $0 + $1 * $1 }
            residuals.append(residual)
        }
        guard loss.isFinite else { return .infinity }
        if withGradient { backward(model, records: records, residuals: residuals, step: h, into: &gradient) }
        return loss / normalization
    }

    /// The reverse sweep through the recorded steps.
    private func backward(_ model: OnsagerModel, records: [StepRecord], residuals: [[Double]], step h: Double,
                          into gradient: inout ModelGradient) {
        let t = model.transform, energy = model.energy, basisCount = energy.basis.count
        var adjoint = [Double](repeating: 0, count: t.grid.count)
        var terms = [Double](repeating: 0, count: basisCount)
        for index in Swift.stride(from: records.count - 1, through: 0, by: -1) {
            if (index + 1) % substeps == 0 {  // the loss gradient of the frame this step ends
                let r = residuals[(index + 1) / substeps - 1]
                for x in 0..<adjoint.count { adjoint[x] += 2 * r[x] / normalization }
            }
            let record = records[index]
            let yBar = t.adjointOfInverse(adjoint)
            var stateBar = Spectrum(count: t.modeCount), forceBar = Spectrum(count: t.modeCount)
            for k in 0..<t.modeCount {
                let mode = TrainingStepMode(
                    method: method, sigma: Complex(model.mobility[k], model.conservative[k]), linear: model.linear[k],
                    step: h, state: Complex(record.state.real[k], record.state.imag[k]),
                    force: Complex(record.force.real[k], record.force.imag[k]))
                let bar = Complex(yBar.real[k], yBar.imag[k])
                let throughSigma = bar.conjugate * mode.dSigma, throughLinear = (bar.conjugate * mode.dLinear).re
                gradient.mobility[k] += throughSigma.re
                gradient.conservative[k] -= throughSigma.im
                gradient.energy[0] += throughLinear * t.kSquared[k]
                let shell = t.shell[k]
                if shell < energy.nonlocal.count { gradient.energy[1 + basisCount + shell] += throughLinear }
                let s = mode.alpha.conjugate * bar, f = mode.beta.conjugate * bar
                (stateBar.real[k], stateBar.imag[k]) = (s.re, s.im)
                (forceBar.real[k], forceBar.imag[k]) = (f.re, f.im)
            }
            let fromState = t.adjointOfForward(stateBar)
            let forceField = t.adjointOfForward(forceBar)
            terms.withUnsafeMutableBufferPointer { p in
                for x in 0..<adjoint.count {
                    let u = record.field[x]
                    energy.basis.forceTerms(u, into: p.baseAddress!)
                    for j in 0..<basisCount { gradient.energy[1 + j] += forceField[x] * p[j] }
                    adjoint[x] = fromState[x] + forceField[x] * energy.basis.stiffness(energy.coefficients, u)
                }
            }
        }
    }
}
