import Foundation

/// The fourth-order exponential time-differencing Runge–Kutta scheme ETDRK4 (Cox and Matthews;
/// coefficients by contour integrals as Kassam and Trefethen, 2005), exact on the stiff linear
/// part: the data generators' integrator for models of the class.
///
/// In Fourier space the model reads dû/dt = Λ û + N(u) with Λ_k = -σ_k L_k (complex for a
/// conservative part) and N(u) = -σ F'(u)^. The φ-function coefficients are averages over 32
/// points of a unit circle around hΛ_k, accurate for every Λ_k, zero and very stiff included.
/// Spectra are kept split into real and imaginary arrays and every stage works in place.
struct ExponentialIntegrator: Sendable {
    let model: OnsagerModel
    let timeStep: Double
    /// e^{hΛ}, e^{hΛ/2}, and the φ-function weights Q, f1, f2, f3, per mode.
    private let e: [Complex], eHalf: [Complex], q: [Complex], f1: [Complex], f2: [Complex], f3: [Complex]
    /// -σ_k per mode, the factor of the nonlinear term.
    private let minusSigma: [Complex]

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
        minusSigma = (0..<n).map { Complex(-model.mobility[$0], -model.conservative[$0]) }
    }

    /// Buffers for one trajectory: the state, the stage values and the nonlinear terms.
    private struct Workspace {
        var u, a, b, c, nu, na, nb, nc, scratch: Spectrum
        var field: [Double]

        init(modes: Int, points: Int) {
            let s = Spectrum(count: modes)
            (u, a, b, c, nu, na, nb, nc, scratch) = (s, s, s, s, s, s, s, s, s)
            field = [Double](repeating: 0, count: points)
        }
    }

    /// out = N(v) = -σ F'(v)^, through the field.
    private func nonlinear(_ v: Spectrum, into out: inout Spectrum, scratch: inout Spectrum, field: inout [Double]) {
        let t = model.transform, energy = model.energy
        scratch.real.withUnsafeMutableBufferPointer { sr in
            scratch.imag.withUnsafeMutableBufferPointer { si in
                field.withUnsafeMutableBufferPointer { f in
                    for k in 0..<v.count {
                        sr[k] = v.real[k]
                        si[k] = v.imag[k]
                    }
                    t.inverse(real: sr.baseAddress!, imag: si.baseAddress!, field: f.baseAddress!)
                    for x in 0..<f.count { f[x] = energy.basis.force(energy.coefficients, f[x]) }
                }
            }
        }
        out.real.withUnsafeMutableBufferPointer { r in
            out.imag.withUnsafeMutableBufferPointer { i in
                field.withUnsafeBufferPointer { f in t.forward(f.baseAddress!, real: r.baseAddress!, imag: i.baseAddress!) }
                for k in 0..<r.count {
                    let value = minusSigma[k] * Complex(r[k], i[k])
                    r[k] = value.re
                    i[k] = value.im
                }
            }
        }
    }

    /// One ETDRK4 step of `w.u` in place.
    private func step(_ w: inout Workspace) {
        let n = w.u.count
        nonlinear(w.u, into: &w.nu, scratch: &w.scratch, field: &w.field)
        for k in 0..<n {
            let value = eHalf[k] * Complex(w.u.real[k], w.u.imag[k]) + q[k] * Complex(w.nu.real[k], w.nu.imag[k])
            (w.a.real[k], w.a.imag[k]) = (value.re, value.im)
        }
        nonlinear(w.a, into: &w.na, scratch: &w.scratch, field: &w.field)
        for k in 0..<n {
            let value = eHalf[k] * Complex(w.u.real[k], w.u.imag[k]) + q[k] * Complex(w.na.real[k], w.na.imag[k])
            (w.b.real[k], w.b.imag[k]) = (value.re, value.im)
        }
        nonlinear(w.b, into: &w.nb, scratch: &w.scratch, field: &w.field)
        for k in 0..<n {
            let value = eHalf[k] * Complex(w.a.real[k], w.a.imag[k])
                + q[k] * Complex(2 * w.nb.real[k] - w.nu.real[k], 2 * w.nb.imag[k] - w.nu.imag[k])
            (w.c.real[k], w.c.imag[k]) = (value.re, value.im)
        }
        nonlinear(w.c, into: &w.nc, scratch: &w.scratch, field: &w.field)
        for k in 0..<n {
            let value = e[k] * Complex(w.u.real[k], w.u.imag[k]) + f1[k] * Complex(w.nu.real[k], w.nu.imag[k])
                + 2 * f2[k] * Complex(w.na.real[k] + w.nb.real[k], w.na.imag[k] + w.nb.imag[k])
                + f3[k] * Complex(w.nc.real[k], w.nc.imag[k])
            (w.u.real[k], w.u.imag[k]) = (value.re, value.im)
        }
    }

    /// `steps` steps from the field `u`, returning the field.
    func advance(_ u: [Double], steps: Int) -> [Double] {
        let t = model.transform
        var w = Workspace(modes: t.modeCount, points: t.grid.count)
        w.u = t.forward(u)
        for _ in 0..<steps { step(&w) }
        return t.inverse(w.u)
    }
}
