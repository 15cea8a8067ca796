import Foundation

/// The AVF discrete-gradient step as a ``TrainingStep``, so that the rollout fit can train the
/// energy-stable stepper it will be used with.
///
/// Forward: Newton's method as in ``FieldStepper`` but without step rejection (a failed solve
/// makes the loss infinite, and L-BFGS shortens its step). Backward, by the implicit-function
/// theorem on R(u, v) = v - u + h K ḡ(u, v) = 0 with K = M + W:
/// solve Jᵀλ = v̄ with J = ∂R/∂v = I + hK(½L + D_v) (transposed GMRES: Kᵀ has the symbol
/// conj σ), then ū = λ - h(½L + D_u)Kᵀλ and p̄ = -⟨λ, ∂R/∂p⟩ for every parameter p. D_v and D_u
/// are the exact derivatives of the averaged force in its end points.
struct AVFTrainingStep: TrainingStep {
    let model: OnsagerModel
    let timeStep: Double

    /// The step's input and output fields.
    struct Record {
        var start: [Double]
        var end: [Double]
    }

    func forward(_ u: [Double]) -> (next: [Double], record: Record)? {
        let solver = DiscreteGradientSolver(options: ImplicitSolverOptions(maxHalvings: 0))
        guard let v = try? solver.step(FieldAVFProblem(model: model), from: u, timeStep: timeStep).state else { return nil }
        return (v, Record(start: u, end: v))
    }

    /// The field IFFT(s_k x̂_k) for a real multiplier s.
    private func multiplier(_ s: [Double], _ x: [Double]) -> [Double] {
        let t = model.transform
        var spectrum = t.forward(x)
        for k in 0..<t.modeCount {
            spectrum.real[k] *= s[k]
            spectrum.imag[k] *= s[k]
        }
        return t.inverse(spectrum)
    }

    func backward(_ record: Record, adjoint: [Double], into gradient: inout ModelGradient) -> [Double] {
        let t = model.transform, energy = model.energy, h = timeStep, (u, v) = (record.start, record.end)
        let n = u.count, basisCount = energy.basis.count
        var slopeEnd = [Double](repeating: 0, count: n), slopeStart = slopeEnd, average = slopeEnd
        for x in 0..<n {
            (average[x], slopeEnd[x]) = energy.basis.averagedForce(energy.coefficients, u[x], v[x])
            slopeStart[x] = energy.basis.averagedForce(energy.coefficients, v[x], u[x]).slope
        }
        let halfLinear = model.linear.map { 0.5 * $0 }
        let transposedSymbol = (0..<t.modeCount).map { Complex(model.mobility[$0], -model.conservative[$0]) }
        func transposedK(_ x: [Double]) -> [Double] {
            var s = t.forward(x)
            for k in 0..<s.count {
                let value = transposedSymbol[k] * Complex(s.real[k], s.imag[k])
                (s.real[k], s.imag[k]) = (value.re, value.im)
            }
            return t.inverse(s)
        }
        let meanSlope = max(slopeEnd.reduce(0, +) / Double(n), 0)
        let lambda = GMRES().solve(adjoint, apply: { x in
            let kx = transposedK(x), lkx = multiplier(halfLinear, kx)
            return (0..<n).map { x[$0] + h * (lkx[$0] + slopeEnd[$0] * kx[$0]) }
        }, precondition: { x in
            var s = t.forward(x)
            for k in 0..<s.count {
                let value = Complex(s.real[k], s.imag[k]) / (Complex.one + (h * (halfLinear[k] + meanSlope)) * transposedSymbol[k])
                (s.real[k], s.imag[k]) = (value.re, value.im)
            }
            return t.inverse(s)
        })
        let kLambda = transposedK(lambda), lkLambda = multiplier(halfLinear, kLambda)
        // Parameters: R = v - u + h IFFT(σ ĝ), ĝ = F(A) + ½L(û + v̂).
        let lambdaHat = t.adjointOfInverse(lambda)
        let uHat = t.forward(u), vHat = t.forward(v)
        var g = t.forward(average)
        for k in 0..<t.modeCount {
            let sum = Complex(uHat.real[k] + vHat.real[k], uHat.imag[k] + vHat.imag[k])
            g.real[k] += halfLinear[k] * sum.re
            g.imag[k] += halfLinear[k] * sum.im
            let barLambda = Complex(lambdaHat.real[k], -lambdaHat.imag[k])
            let z = barLambda * Complex(g.real[k], g.imag[k])
            gradient.mobility[k] -= h * z.re
            gradient.conservative[k] += h * z.im
            let throughLinear = -(barLambda * Complex(model.mobility[k], model.conservative[k]) * sum).re * 0.5 * h
            gradient.addLinear(throughLinear, mode: k, transform: t, energy: energy)
        }
        var terms = [Double](repeating: 0, count: basisCount)
        terms.withUnsafeMutableBufferPointer { p in
            for x in 0..<n {
                energy.basis.averagedForceTerms(u[x], v[x], into: p.baseAddress!)
                for j in 0..<basisCount { gradient.energy[1 + j] -= h * kLambda[x] * p[j] }
            }
        }
        return (0..<n).map { lambda[$0] - h * (lkLambda[$0] + slopeStart[$0] * kLambda[$0]) }
    }
}
