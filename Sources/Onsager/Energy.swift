import Foundation

/// The energy functional V of the field tier:
///
/// V[u] = ∫ ( b/2 |∇u|² + F(u) ) dx + ½ ⟨u, Q u⟩,
///
/// with F(u) = Σ_j c_j F_j(u) in a ``PointwiseBasis`` and Q an optional low-mode quadratic
/// nonlocal term: a Fourier multiplier q_s ≥ 0 on the shells s = 0 ..< `nonlocal.count` (in 1D
/// shell s is the mode k = 2πs/L; in 2D the ring of integer radius s). Q is diagonal in Fourier
/// space (translation-invariant, Q ⪰ 0 by q_s ≥ 0) rather than a full matrix on the low modes,
/// so that every fit stays mode by mode and linear in q. Integrals are the grid
/// quadrature `cellVolume Σ_x` (see ``SpectralTransform`` for the spectral form and its
/// Parseval weights), so V has the units of F times volume.
///
/// Its L² gradient, the chemical potential, is μ = δV/δu = -bΔu + F'(u) + Q u, the gradient of
/// V with respect to the inner product `cellVolume Σ_x f g`: V(u + εv) = V(u) + ε⟨μ, v⟩ + O(ε²).
///
/// V is bounded below and coercive when b > 0 and the coefficient at
/// ``PointwiseBasis/coerciveIndex`` is positive (``isCoercive``); fitted energies always are.
/// True energies of known PDEs need not be (KdV's F = -u³).
public struct Energy: Sendable, Equatable {
    /// b ≥ 0, the coefficient of the gradient term.
    public let gradientCoefficient: Double
    /// The basis of F.
    public let basis: PointwiseBasis
    /// The coefficients c_j of F.
    public let coefficients: [Double]
    /// q_s ≥ 0 for the nonlocal shells s = 0 ..< count (empty: no nonlocal term).
    public let nonlocal: [Double]

    /// An energy with the given parts.
    ///
    /// - Throws: ``OnsagerError/invalidArgument(function:message:)`` for a malformed basis, a
    ///   coefficient count that does not match it, a negative b or q_s, more than 64 nonlocal
    ///   shells, or a value that is not finite.
    public init(gradientCoefficient b: Double, basis: PointwiseBasis, coefficients: [Double], nonlocal: [Double] = [])
        throws(OnsagerError)
    {
        try basis.validate()
        try require(coefficients.count == basis.count, "energy",
                    "the basis takes \(basis.count) coefficients, got \(coefficients.count)")
        try require(b >= 0 && b.isFinite, "energy", "the gradient coefficient b must be finite and non-negative, got \(b)")
        try require(coefficients.allSatisfy(\.isFinite), "energy", "the coefficients of F must be finite")
        try require(nonlocal.count <= 64, "energy", "at most 64 nonlocal shells, got \(nonlocal.count)")
        try require(nonlocal.allSatisfy { $0 >= 0 && $0.isFinite }, "energy", "the nonlocal weights q must be finite and non-negative")
        gradientCoefficient = b
        self.basis = basis
        self.coefficients = coefficients
        self.nonlocal = nonlocal
    }

    /// The energy with parameter vector θ = [b, c₀ ... c_{P-1}, q₀ ... q_{K-1}] (the order of
    /// ``parameterNames``), `nonlocalShells` = K.
    ///
    /// - Throws: as ``init(gradientCoefficient:basis:coefficients:nonlocal:)``, and when θ has the
    ///   wrong length.
    public init(basis: PointwiseBasis, nonlocalShells: Int, parameters theta: [Double]) throws(OnsagerError) {
        try require(nonlocalShells >= 0 && theta.count == 1 + basis.count + nonlocalShells, "energy",
                    "expected \(1 + basis.count + max(nonlocalShells, 0)) energy parameters, got \(theta.count)")
        try self.init(gradientCoefficient: theta[0], basis: basis, coefficients: Array(theta[1...basis.count]),
                      nonlocal: Array(theta[(1 + basis.count)...]))
    }

    /// θ = [b, c₀ ... c_{P-1}, q₀ ... q_{K-1}].
    public var parameters: [Double] { [gradientCoefficient] + coefficients + nonlocal }

    /// The names of θ: `b`, `c0`, ..., `q0`, ....
    public var parameterNames: [String] { Self.parameterNames(basis: basis, nonlocalShells: nonlocal.count) }

    /// The names of θ for a basis and a number of nonlocal shells.
    public static func parameterNames(basis: PointwiseBasis, nonlocalShells: Int) -> [String] {
        ["b"] + basis.names + (0..<nonlocalShells).map { "q\($0)" }
    }

    /// `true` when V is bounded below and coercive: b > 0 and a positive coercive coefficient.
    public var isCoercive: Bool { gradientCoefficient > 0 && coefficients[basis.coerciveIndex] > 0 }

    /// The quadratic part of μ in Fourier space, L_k = b|k|² + q_{shell(k)}, per mode.
    public func linearSymbol(on transform: SpectralTransform) -> [Double] {
        (0..<transform.modeCount).map { k in
            let s = transform.shell[k]
            return gradientCoefficient * transform.kSquared[k] + (s < nonlocal.count ? nonlocal[s] : 0)
        }
    }

    /// V[u] for a field on the transform's grid (compensated sums, so differences of nearby
    /// states are accurate to about 1e-16 relative).
    public func value(of u: [Double], on transform: SpectralTransform) -> Double {
        let spectrum = transform.forward(u)
        let linear = linearSymbol(on: transform)
        var quadratic = CompensatedSum(), local = CompensatedSum()
        for k in 0..<transform.modeCount {
            quadratic.add(transform.multiplicity[k] * linear[k] * (spectrum.real[k] * spectrum.real[k] + spectrum.imag[k] * spectrum.imag[k]))
        }
        for x in u { local.add(basis.density(coefficients, x)) }
        let volume = transform.grid.cellVolume
        return volume * local.value + 0.5 * volume / Double(transform.grid.count) * quadratic.value
    }

    /// μ = δV/δu = -bΔu + F'(u) + Qu (spectral derivatives).
    public func gradient(of u: [Double], on transform: SpectralTransform) -> [Double] {
        var spectrum = transform.forward(u)
        let linear = linearSymbol(on: transform)
        for k in 0..<transform.modeCount {
            spectrum.real[k] *= linear[k]
            spectrum.imag[k] *= linear[k]
        }
        var mu = transform.inverse(spectrum)
        for i in 0..<mu.count { mu[i] += basis.force(coefficients, u[i]) }
        return mu
    }

    /// The same energy with parameters θ replaced.
    func with(parameters theta: [Double]) throws(OnsagerError) -> Energy {
        try Energy(basis: basis, nonlocalShells: nonlocal.count, parameters: theta)
    }
}
