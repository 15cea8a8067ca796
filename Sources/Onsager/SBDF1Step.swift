/// The stabilised SBDF1 step of the field tier (see ``StepMethod/sbdf1(stabilization:)``).
extension OnsagerModel {
    /// û' = (û - Δt σ (F'(u)^ - S û)) / (1 + Δt σ (L + S)), mode by mode.
    func sbdf1Step(_ u: [Double], _ dt: Double, stabilization s: Double) -> [Double] {
        let uHat = transform.forward(u)
        let fHat = transform.forward(force(u))
        var next = Spectrum(count: uHat.count)
        for k in 0..<uHat.count {
            let sigma = Complex(dt * mobility[k], dt * conservative[k])
            let numerator = Complex(uHat.real[k], uHat.imag[k])
                - sigma * Complex(fHat.real[k] - s * uHat.real[k], fHat.imag[k] - s * uHat.imag[k])
            let value = numerator / (Complex.one + (linear[k] + s) * sigma)
            next.real[k] = value.re
            next.imag[k] = value.im
        }
        return transform.inverse(next)
    }
}
