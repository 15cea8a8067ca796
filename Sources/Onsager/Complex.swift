import Foundation

/// A complex number in Cartesian form: the little arithmetic the spectral code needs
/// (exponential-integrator coefficients, per-mode symbols). Internal to the library.
struct Complex: Sendable, Equatable {
    var re: Double
    var im: Double

    init(_ re: Double, _ im: Double = 0) {
        self.re = re
        self.im = im
    }

    static let zero = Complex(0, 0)
    static let one = Complex(1, 0)

    /// The complex conjugate.
    var conjugate: Complex { Complex(re, -im) }
    /// The squared modulus |z|².
    var normSquared: Double { re * re + im * im }
    /// The modulus |z|.
    var magnitude: Double { hypot(re, im) }

    static func + (a: Complex, b: Complex) -> Complex { Complex(a.re + b.re, a.im + b.im) }
    static func - (a: Complex, b: Complex) -> Complex { Complex(a.re - b.re, a.im - b.im) }
    static prefix func - (a: Complex) -> Complex { Complex(-a.re, -a.im) }
    static func * (a: Complex, b: Complex) -> Complex {
        Complex(a.re * b.re - a.im * b.im, a.re * b.im + a.im * b.re)
    }
    static func * (a: Double, b: Complex) -> Complex { Complex(a * b.re, a * b.im) }
    static func / (a: Complex, b: Complex) -> Complex {
        let d = b.normSquared
        return Complex((a.re * b.re + a.im * b.im) / d, (a.im * b.re - a.re * b.im) / d)
    }
    static func += (a: inout Complex, b: Complex) { a = a + b }

    /// The complex exponential e^z.
    static func exp(_ z: Complex) -> Complex {
        let r = Foundation.exp(z.re)
        return Complex(r * cos(z.im), r * sin(z.im))
    }
}
