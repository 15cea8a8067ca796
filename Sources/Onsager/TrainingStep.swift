/// One differentiable step of a training stepper: the forward step records what the reverse
/// sweep needs; the backward step turns the gradient with respect to the step's output field
/// into the gradient with respect to its input, adding the parameter gradients on the way.
protocol TrainingStep {
    associatedtype Record
    /// The next field and the record, or nil when the step fails (the loss is then infinite).
    func forward(_ u: [Double]) -> (next: [Double], record: Record)?
    /// The gradient with respect to the input, given `adjoint`, the gradient with respect to
    /// the output; adds the parameter gradients to `gradient`.
    func backward(_ record: Record, adjoint: [Double], into gradient: inout ModelGradient) -> [Double]
}

/// One step of explicit Euler or SBDF1, mode by mode: ŷ = α û + β â, with û the spectrum of the
/// state, â that of F'(u), and the derivatives the adjoint needs.
/// Explicit Euler: ŷ = û - hσ(Lû + â). SBDF1 with stabilisation S:
/// ŷ = (û(1 + hσS) - hσâ) / D, D = 1 + hσ(L + S).
struct TrainingStepMode {
    /// The coefficient of û.
    let alpha: Complex
    /// The coefficient of â.
    let beta: Complex
    /// The output ŷ.
    let output: Complex
    /// dŷ/dσ (ŷ is holomorphic in σ = m + iw: ∂ŷ/∂m = dŷ/dσ, ∂ŷ/∂w = i dŷ/dσ).
    let dSigma: Complex
    /// dŷ/dL.
    let dLinear: Complex

    /// The step at one mode with symbol σ, linear part L, step h and method `method`
    /// (explicit Euler or SBDF1).
    init(method: StepMethod, sigma: Complex, linear: Double, step h: Double, state u: Complex, force a: Complex) {
        let hs = h * sigma
        switch method {
        case .sbdf1(let s):
            let d = Complex.one + (linear + s) * hs
            alpha = (Complex.one + s * hs) / d
            beta = -1 * hs / d
            output = alpha * u + beta * a
            dSigma = h * (s * u - a - (linear + s) * output) / d
            dLinear = -1 * hs * output / d
        default:  // explicit Euler
            alpha = Complex.one - linear * hs
            beta = -1 * hs
            output = alpha * u + beta * a
            dSigma = -h * (linear * u + a)
            dLinear = -1 * hs * u
        }
    }
}

/// Explicit Euler or SBDF1 as a ``TrainingStep``.
struct SpectralTrainingStep: TrainingStep {
    let model: OnsagerModel
    let method: StepMethod
    let timeStep: Double

    /// The input field and the spectra of the field and of F'(u).
    struct Record {
        var field: [Double]
        var state: Spectrum
        var force: Spectrum
    }

    private func mode(_ k: Int, _ record: Record) -> TrainingStepMode {
        TrainingStepMode(
            method: method, sigma: Complex(model.mobility[k], model.conservative[k]), linear: model.linear[k],
            step: timeStep, state: Complex(record.state.real[k], record.state.imag[k]),
            force: Complex(record.force.real[k], record.force.imag[k]))
    }

    func forward(_ u: [Double]) -> (next: [Double], record: Record)? {
        let t = model.transform
        let record = Record(field: u, state: t.forward(u), force: t.forward(model.force(u)))
        var next = Spectrum(count: t.modeCount)
        for k in 0..<t.modeCount {
            let output = mode(k, record).output
            (next.real[k], next.imag[k]) = (output.re, output.im)
        }
        return (t.inverse(next), record)
    }

    func backward(_ record: Record, adjoint: [Double], into gradient: inout ModelGradient) -> [Double] {
        let t = model.transform, energy = model.energy, basisCount = energy.basis.count
        let yBar = t.adjointOfInverse(adjoint)
        var stateBar = Spectrum(count: t.modeCount), forceBar = Spectrum(count: t.modeCount)
        for k in 0..<t.modeCount {
            let step = mode(k, record)
            let bar = Complex(yBar.real[k], yBar.imag[k])
            let throughSigma = bar.conjugate * step.dSigma
            gradient.mobility[k] += throughSigma.re
            gradient.conservative[k] -= throughSigma.im
            gradient.addLinear((bar.conjugate * step.dLinear).re, mode: k, transform: t, energy: energy)
            let s = step.alpha.conjugate * bar, f = step.beta.conjugate * bar
            (stateBar.real[k], stateBar.imag[k]) = (s.re, s.im)
            (forceBar.real[k], forceBar.imag[k]) = (f.re, f.im)
        }
        let fromState = t.adjointOfForward(stateBar)
        let forceField = t.adjointOfForward(forceBar)
        var previous = fromState
        var terms = [Double](repeating: 0, count: basisCount)
        terms.withUnsafeMutableBufferPointer { p in
            for x in 0..<previous.count {
                let u = record.field[x]
                energy.basis.forceTerms(u, into: p.baseAddress!)
                for j in 0..<basisCount { gradient.energy[1 + j] += forceField[x] * p[j] }
                previous[x] += forceField[x] * energy.basis.stiffness(energy.coefficients, u)
            }
        }
        return previous
    }
}
