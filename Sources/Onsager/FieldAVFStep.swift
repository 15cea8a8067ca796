/// The average-vector-field step of the field tier as a ``DiscreteGradientProblem``.
///
/// ḡ(u, v) = ½ L (û + v̂) + A(u, v) with A_x = ∫₀¹ F'(u_x + s(v_x - u_x)) ds computed exactly
/// (``PointwiseBasis/averagedForce(_:_:_:)``), so that V(v) - V(u) = ⟨ḡ, v - u⟩ holds exactly.
/// The Newton system J δ = -R, J = I + Δt K (½L + diag(∂A/∂v)), is solved by GMRES with the
/// Fourier-diagonal preconditioner 1 + Δt σ_k (½L_k + max(mean ∂A/∂v, 0)).
struct FieldAVFProblem: DiscreteGradientProblem {
    let model: OnsagerModel

    /// The spectrum of ḡ(u, v) and the slopes ∂A_x/∂v_x.
    private func averagedGradient(from u: [Double], to v: [Double]) -> (spectrum: Spectrum, slopes: [Double]) {
        let energy = model.energy
        var average = [Double](repeating: 0, count: u.count), slopes = average
        for i in 0..<u.count {
            (average[i], slopes[i]) = energy.basis.averagedForce(energy.coefficients, u[i], v[i])
        }
        let t = model.transform
        var g = t.forward(average)
        let uHat = t.forward(u), vHat = t.forward(v)
        for k in 0..<g.count {
            g.real[k] += 0.5 * model.linear[k] * (uHat.real[k] + vHat.real[k])
            g.imag[k] += 0.5 * model.linear[k] * (uHat.imag[k] + vHat.imag[k])
        }
        return (g, slopes)
    }

    func residual(from u: [Double], to v: [Double], timeStep: Double) -> [Double] {
        let kg = model.transform.inverse(model.applyingSymbol(to: averagedGradient(from: u, to: v).spectrum, scale: timeStep))
        return (0..<u.count).map { v[$0] - u[$0] + kg[$0] }
    }

    func newtonCorrection(from u: [Double], at v: [Double], residual r: [Double], timeStep: Double)
        throws(OnsagerError) -> [Double]
    {
        let slopes = averagedGradient(from: u, to: v).slopes
        let t = model.transform
        let meanSlope = max(slopes.reduce(0, +) / Double(slopes.count), 0)
        let apply = { (d: [Double]) -> [Double] in
            var h = t.forward((0..<d.count).map { slopes[$0] * d[$0] })
            let dHat = t.forward(d)
            for k in 0..<h.count {
                h.real[k] += 0.5 * model.linear[k] * dHat.real[k]
                h.imag[k] += 0.5 * model.linear[k] * dHat.imag[k]
            }
            let kh = t.inverse(model.applyingSymbol(to: h, scale: timeStep))
            return (0..<d.count).map { d[$0] + kh[$0] }
        }
        let precondition = { (d: [Double]) -> [Double] in
            var s = t.forward(d)
            for k in 0..<s.count {
                let p = Complex.one + (0.5 * model.linear[k] + meanSlope) * Complex(timeStep * model.mobility[k], timeStep * model.conservative[k])
                let value = Complex(s.real[k], s.imag[k]) / p
                s.real[k] = value.re
                s.imag[k] = value.im
            }
            return t.inverse(s)
        }
        return GMRES().solve(r.map { -$0 }, apply: apply, precondition: precondition)
    }
}
