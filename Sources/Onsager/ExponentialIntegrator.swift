import Foundation

/// The fourth-order exponential time-differencing Runge–Kutta scheme ETDRK4 (Cox and Matthews;
/// coefficients by contour integrals as Kassam and Trefethen, 2005), exact on the stiff linear
/// part: the data generators' integrator for models of the class.
///
/// In Fourier space the model reads dû/dt = Λ û + N(u) with Λ_k = -σ_k L_k (complex for a
/// conservative part) and N(u) = -σ F'(u)^. The φ-function coefficients are averages over 32
/// points of a unit circle around hΛ_k, accurate for every Λ_k, zero and very stiff included.
struct ExponentialIntegrator: Sendable {
    let model: OnsagerModel
    let timeStep: Double
    private let e: [Complex], eHalf: [Complex], q: [Complex], f1: [Complex], f2: [Complex], f3: [Complex]

    init(model: OnsagerModel, timeStep h: Double) {
        self.model = model
        timeStep = h
        let n = model.transform.modeCount, points = 32
        var (e, eHalf, q, f1, f2, f3) = ([Complex](), [Complex](), [Complex](), [Complex](), [Complex](), [Complex]())
        let circle = (0..<points).map { Complex.exp(Complex(0, 2 * Double.pi * (Double($0) + 0.5) / Double(points))) }
        for k in 0..<n {
            let z0 = -h * model.linear[k] * Complex(model.mobility[k], model.conservative[k])
            e.append(Complex.exp(z0))
            eHalf.append(Complex.exp(0.5 * z0))
            var (sq, s1, s2, s3) = (Complex.zero, Complex.zero, Complex.zero, Complex.zero)
            for r in circle {
                let z = z0 + r, ez = Complex.exp(z), z2 = z * z, z3 = z2 * z
                sq += (Complex.exp(0.5 * z) - Complex.one) / z
                s1 += (Complex(-4) - z + ez * (Complex(4) - 3 * z + z2)) / z3
                s2 += (Complex(2) + z + ez * (z - Complex(2))) / z3
                s3 += (Complex(-4) - 3 * z - z2 + ez * (Complex(4) - z)) / z3
            }
            let scale = h / Double(points)
            q.append(scale * sq)
            f1.append(scale * s1)
            f2.append(scale * s2)
            f3.append(scale * s3)
        }
        (self.e, self.eHalf, self.q, self.f1, self.f2, self.f3) = (e, eHalf, q, f1, f2, f3)
    }

    /// N(u) = -σ F'(u)^ for the field with spectrum `vHat`.
    private func nonlinear(_ vHat: [Complex]) -> [Complex] {
        let t = model.transform
        let v = t.inverse(Spectrum(real: vHat.map(\.re), imag: vHat.map(\.im)))
        let f = t.forward(model.force(v))
        return (0..<vHat.count).map { -1 * Complex(model.mobility[$0], model.conservative[$0]) * Complex(f.real[$0], f.imag[$0]) }
    }

    /// One step of size `timeStep` of the spectrum `uHat`.
    func step(_ uHat: [Complex]) -> [Complex] {
        let n = uHat.count
        let nu = nonlinear(uHat)
        let a = (0..<n).map { eHalf[$0] * uHat[$0] + q[$0] * nu[$0] }
        let na = nonlinear(a)
        let b = (0..<n).map { eHalf[$0] * uHat[$0] + q[$0] * na[$0] }
        let nb = nonlinear(b)
        let c = (0..<n).map { eHalf[$0] * a[$0] + q[$0] * (2 * nb[$0] - nu[$0]) }
        let nc = nonlinear(c)
        return (0..<n).map { k in
            e[k] * uHat[k] + f1[k] * nu[k] + 2 * f2[k] * (na[k] + nb[k]) + f3[k] * nc[k]
        }
    }

    /// `steps` steps from the field `u`, returning the field.
    func advance(_ u: [Double], steps: Int) -> [Double] {
        let t = model.transform
        let s = t.forward(u)
        var uHat = (0..<s.count).map { Complex(s.real[$0], s.imag[$0]) }
        for _ in 0..<steps { uHat = step(uHat) }
        return t.inverse(Spectrum(real: uHat.map(\.re), imag: uHat.map(\.im)))
    }
}
