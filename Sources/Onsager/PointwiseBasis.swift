import Foundation

/// The basis of the pointwise energy density F(u) = Σ_j c_j F_j(u), linear in its coefficients.
///
/// Both bases start with c₀ (F₀ = u, a constant force): the Casimir ∫u, which the data cannot fix
/// when the symbol vanishes at k = 0 (mass-conserving dynamics). Coercivity of the energy
/// needs the coefficient at ``coerciveIndex`` to be positive.
/// - **polynomial(degree: d)**, d odd: F'(u) = Σ_{j=0}^{d} c_j u^j, so F is a polynomial of even
///   degree d + 1 whose top coefficient c_d/(d+1) must be positive. Covers Allen–Cahn
///   (F' = (u³ - u)/ε²), Cahn–Hilliard and FPU-type energies.
/// - **bounded(centers:width:)**: F'(u) = c₀ + c₁u + Σ_j c_{j+2} tanh((u - s_j)/width), a
///   quadratic (c₁ > 0 makes it coercive) plus log-cosh pieces with bounded derivative, in the
///   spirit of the paper's bounded sine-headed network.
public enum PointwiseBasis: Sendable, Equatable {
    /// F' a polynomial of odd degree `degree` (1 to 9).
    case polynomial(degree: Int)
    /// F' linear plus `tanh` steps at `centers`, each of the given width.
    case bounded(centers: [Double], width: Double)

    /// Throws unless the basis is well formed (odd degree 1–9; positive width, finite centers,
    /// at most 16 of them).
    func validate() throws(OnsagerError) {
        switch self {
        case .polynomial(let d):
            try require(d >= 1 && d <= 9 && d % 2 == 1, "energy", "the polynomial degree of F' must be odd, 1 to 9, got \(d)")
        case let .bounded(centers, width):
            try require(width > 0 && width.isFinite, "energy", "the width of the bounded basis must be positive, got \(width)")
            try require(centers.count <= 16 && centers.allSatisfy(\.isFinite), "energy",
                        "the bounded basis takes at most 16 finite centers")
        }
    }

    /// The number of coefficients.
    public var count: Int {
        switch self {
        case .polynomial(let d): return d + 1
        case .bounded(let centers, _): return centers.count + 2
        }
    }

    /// The coefficient that must be positive for the energy to be coercive: c_d (polynomial) or
    /// c₁ (bounded).
    public var coerciveIndex: Int {
        switch self {
        case .polynomial(let d): return d
        case .bounded: return 1
        }
    }

    /// The coefficient of the Casimir ∫u (a constant force): always 0.
    public var casimirIndex: Int { 0 }

    /// The coefficient names: `c0`, `c1`, ... (c_j multiplies u^j in F' for the polynomial basis).
    public var names: [String] { (0..<count).map { "c\($0)" } }

    /// F(u) = Σ_j c_j F_j(u), with F(0) = 0.
    public func density(_ c: [Double], _ u: Double) -> Double {
        switch self {
        case .polynomial(let d):
            var value = 0.0
            for j in stride(from: d, through: 0, by: -1) { value = value * u + c[j] / Double(j + 1) }
            return value * u
        case let .bounded(centers, width):
            var value = c[0] * u + 0.5 * c[1] * u * u
            for (j, s) in centers.enumerated() {
                value += c[j + 2] * width * (Self.logCosh((u - s) / width) - Self.logCosh(-s / width))
            }
            return value
        }
    }

    /// The force F'(u).
    public func force(_ c: [Double], _ u: Double) -> Double {
        switch self {
        case .polynomial(let d):
            var value = 0.0
            for j in stride(from: d, through: 0, by: -1) { value = value * u + c[j] }
            return value
        case let .bounded(centers, width):
            var value = c[0] + c[1] * u
            for (j, s) in centers.enumerated() { value += c[j + 2] * tanh((u - s) / width) }
            return value
        }
    }

    /// The stiffness F''(u).
    public func stiffness(_ c: [Double], _ u: Double) -> Double {
        switch self {
        case .polynomial(let d):
            var value = 0.0
            for j in stride(from: d, through: 1, by: -1) { value = value * u + Double(j) * c[j] }
            return value
        case let .bounded(centers, width):
            var value = c[1]
            for (j, s) in centers.enumerated() {
                let t = tanh((u - s) / width)
                value += c[j + 2] * (1 - t * t) / width
            }
            return value
        }
    }

    /// The basis forces F_j'(u) for every j, written to `terms` (`count` values): the features
    /// the energy coefficients multiply.
    public func forceTerms(_ u: Double, into terms: UnsafeMutablePointer<Double>) {
        switch self {
        case .polynomial(let d):
            var power = 1.0
            for j in 0...d {
                terms[j] = power
                power *= u
            }
        case let .bounded(centers, width):
            terms[0] = 1
            terms[1] = u
            for (j, s) in centers.enumerated() { terms[j + 2] = tanh((u - s) / width) }
        }
    }

    /// The average force of the straight path from a to b, `A(a, b) = ∫₀¹ F'(a + s(b - a)) ds`,
    /// exactly (it equals (F(b) - F(a))/(b - a), the pointwise discrete gradient of the AVF step),
    /// and its derivative ∂A/∂b (Newton's method, the adjoint). A is symmetric in a and b, so
    /// ∂A/∂a is the slope with the arguments swapped.
    public func averagedForce(_ c: [Double], _ a: Double, _ b: Double) -> (value: Double, slope: Double) {
        switch self {
        case .polynomial(let d):
            // S_j = Σ_{i ≤ j} a^i b^{j-i} (so ∫ u^j = S_j/(j+1)); S_j = b S_{j-1} + a^j.
            var s = 1.0, ds = 0.0, aPower = 1.0
            var value = c[0], slope = 0.0
            for j in 1...d {
                aPower *= a
                ds = b * ds + s
                s = b * s + aPower
                value += c[j] * s / Double(j + 1)
                slope += c[j] * ds / Double(j + 1)
            }
            return (value, slope)
        case let .bounded(centers, width):
            var value = c[0] + c[1] * 0.5 * (a + b), slope = 0.5 * c[1]
            for (j, center) in centers.enumerated() {
                let step = Self.averagedStep(a, b, center: center, width: width)
                value += c[j + 2] * step.value
                slope += c[j + 2] * step.slope
            }
            return (value, slope)
        }
    }

    /// The averages ∫₀¹ F_j'(a + s(b - a)) ds of every basis force, written to `terms`: the
    /// features the coefficients multiply in the AVF step.
    public func averagedForceTerms(_ a: Double, _ b: Double, into terms: UnsafeMutablePointer<Double>) {
        switch self {
        case .polynomial(let d):
            var s = 1.0, aPower = 1.0
            terms[0] = 1
            for j in 1...d {
                aPower *= a
                s = b * s + aPower
                terms[j] = s / Double(j + 1)
            }
        case let .bounded(centers, width):
            terms[0] = 1
            terms[1] = 0.5 * (a + b)
            for (j, center) in centers.enumerated() { terms[j + 2] = Self.averagedStep(a, b, center: center, width: width).value }
        }
    }

    /// The average of tanh((u - center)/width) from a to b and its derivative in b: the divided
    /// difference of width·log cosh, or near a = b its expansion about the midpoint m with
    /// f(u) = tanh((u - center)/width): value f(m) + f₂h²/24, slope f₁/2 + f₂h/12 + f₃h²/48
    /// (f₁, f₂, f₃ the derivatives at m).
    private static func averagedStep(_ a: Double, _ b: Double, center: Double, width: Double) -> (value: Double, slope: Double) {
        let h = b - a
        if abs(h) > 1e-3 * width {
            let average = width * (logCosh((b - center) / width) - logCosh((a - center) / width)) / h
            return (average, (tanh((b - center) / width) - average) / h)
        }
        let t = tanh((0.5 * (a + b) - center) / width), s2 = 1 - t * t
        let f1 = s2 / width, f2 = -2 * t * s2 / (width * width), f3 = (4 * t * t * s2 - 2 * s2 * s2) / (width * width * width)
        return (t + f2 * h * h / 24, 0.5 * f1 + f2 * h / 12 + f3 * h * h / 48)
    }

    /// log(cosh x) without overflow.
    static func logCosh(_ x: Double) -> Double {
        let a = abs(x)
        return a + log1p(exp(-2 * a)) - M_LN2
    }
}
