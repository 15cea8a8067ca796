/// One step of a differentiable training stepper, mode by mode: ŷ = α û + β â, with û the
/// spectrum of the state, â that of F'(u), and the derivatives the adjoint needs.
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
    /// (euler or sbdf1).
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
