import Foundation
import Linalg

/// The Fermi–Pasta–Ulam–Tsingou chain in KdV scaling, the paper's microscopic data with no
/// known meso model.
///
/// A periodic chain of `sites` particles with nearest-neighbour force F(r) = c²r + αr² on the
/// strains r_n = x_{n+1} - x_n: ṙ_n = p_{n+1} - p_n, ṗ_n = F(r_n) - F(r_{n-1}), integrated by
/// Störmer–Verlet (symplectic, `substeps` steps per frame). With ε = 2π/sites the KdV scaling
/// r = ε² u(ξ, τ), ξ = ε(y - ct), τ = ε³t (y the position along the chain, strain r_n sitting
/// at y = n + ½) maps the chain onto the periodic interval ξ ∈ [0, 2π); frames are τ apart
/// and the strain is read on a co-moving grid of `gridPoints` points by exact Fourier
/// interpolation (the chain's Nyquist mode dropped). In the small-amplitude, long-wave limit
/// u_τ + (α/c) u u_ξ + (c/24) u_ξξξ = 0 (``kdvLimit``).
///
/// Initial conditions: u(ξ, 0) a draw of ``initialCondition`` (3 sines with k ≤ 6, max |u| = 1,
/// zero mean), strains r_n = ε² u(ε(n + ½)), velocities of a right-moving wave
/// p_n = -c ε² u(εn). The paper's settings are the defaults: 128 sites, c = α = 1, frames
/// 10⁻² apart in τ, 101 frames; 500 Verlet steps per frame (Δt ≈ 0.17 in chain time).
public struct FPUTChain: Sendable {
    /// The number of sites (even).
    public let sites: Int
    /// The sound speed c.
    public let soundSpeed: Double
    /// The quadratic force coefficient α.
    public let nonlinearity: Double
    /// The co-moving grid the strain is read on.
    public let grid: PeriodicGrid
    /// The law of u(ξ, 0).
    public let initialCondition: RandomSines
    /// Verlet steps per frame.
    public let substeps: Int

    /// A chain with the given parameters.
    ///
    /// - Throws: ``OnsagerError/invalidArgument(function:message:)`` for an odd or too small
    ///   chain, a grid coarser than the chain, non-positive c, or no substeps.
    public init(
        sites: Int = 128, soundSpeed: Double = 1, nonlinearity: Double = 1, gridPoints: Int = 256,
        initialCondition: RandomSines = RandomSines(terms: 3, maxWaveNumber: 6, scaling: .amplitude(1)), substeps: Int = 500
    ) throws(OnsagerError) {
        try require(sites >= 8 && sites % 2 == 0 && sites <= 1 << 20, "fput", "the chain needs an even number of sites, 8 or more")
        try require(gridPoints >= sites && gridPoints % 2 == 0, "fput", "the grid must have at least as many points as the chain has sites")
        try require(soundSpeed > 0 && soundSpeed.isFinite && nonlinearity.isFinite, "fput", "c must be positive and α finite")
        try require(substeps >= 1, "fput", "substeps must be positive")
        self.sites = sites
        self.soundSpeed = soundSpeed
        self.nonlinearity = nonlinearity
        grid = try PeriodicGrid(points: gridPoints)
        try initialCondition.validate(on: PeriodicGrid(points: sites))
        self.initialCondition = initialCondition
        self.substeps = substeps
    }

    /// ε = 2π / sites.
    public var epsilon: Double { 2 * Double.pi / Double(sites) }

    /// The KdV limit in the class on the co-moving grid: m ≡ 0, w(k) = -(c/24) k, b = 1,
    /// F' = -(12α/c²) u², the reference "true PDE" for the chain.
    public func kdvLimit() throws(OnsagerError) -> OnsagerModel {
        try OnsagerModel(
            grid: grid, symbol: .local(mobility: [], conservative: [-soundSpeed / 24]),
            energy: Energy(gradientCoefficient: 1, basis: .polynomial(degree: 3),
                           coefficients: [0, 0, -12 * nonlinearity / (soundSpeed * soundSpeed), 0]))
    }

    /// `trajectories` trajectories of `frames` frames, `frameSpacing` apart in τ, initial
    /// conditions drawn in order from `RandomGenerator(seed: seed)`, chains run in parallel.
    ///
    /// `progress`, when given, is called with the number of trajectories done after each one
    /// (one call at a time, from a worker thread).
    ///
    /// - Throws: ``OnsagerError/invalidArgument(function:message:)`` for non-positive counts or
    ///   spacing, or a Verlet step beyond the stability limit (cΔt < 1, the fastest chain
    ///   frequency being 2c); ``OnsagerError/nonFinite(function:what:)`` if a chain blows up;
    ///   ``OnsagerError/interrupted``.
    public func generate(
        trajectories: Int, frames: Int, frameSpacing: Double = 0.01, seed: UInt32 = 1, interruption: Interruption = .never,
        progress: ((_ done: Int) -> Void)? = nil
    ) throws(OnsagerError) -> Dataset {
        try require(trajectories >= 1 && frames >= 2, "fput", "need at least one trajectory and two frames")
        try require(frameSpacing > 0 && frameSpacing.isFinite, "fput", "the frame spacing must be positive")
        let eps = epsilon, eps2 = eps * eps, c = soundSpeed
        let chainGrid = try PeriodicGrid(points: sites, length: 2 * Double.pi)
        var rng = RandomGenerator(seed: seed)
        let initial = (0..<trajectories).map { _ in initialCondition.sample(on: chainGrid, using: &rng) }
        let chainTransform = SpectralTransform(grid: chainGrid), fieldTransform = SpectralTransform(grid: grid)
        let frameTime = frameSpacing / (eps2 * eps), h = frameTime / Double(substeps)
        try require(h * soundSpeed < 1, "fput", "\(substeps) Verlet steps per frame are too few: the step \(h) exceeds the stability limit 1/c")
        let results = try concurrentMap(trajectories, interruption: interruption, progress: progress) { i throws(OnsagerError) -> Matrix in
            // u0 sampled at the sites ξ = εn; strains sit half a site further on.
            let u0 = initial[i]
            let u0Half = Self.shifted(u0, by: 0.5, transform: chainTransform)
            var r = u0Half.map { eps2 * $0 }, p = u0.map { -c * eps2 * $0 }
            var output = Matrix(rows: grid.count, cols: frames)
            for frame in 0..<frames {
                if frame > 0 {
                    try interruption.checkOnsager()
                    verlet(&r, &p, steps: substeps, step: h)
                }
                guard r.allSatisfy(\.isFinite) else { throw .nonFinite(function: "fput", what: "chain \(i + 1)") }
                let field = coMovingField(r, time: Double(frame) * frameTime, chain: chainTransform, field: fieldTransform)
                output.withUnsafeMutableBufferPointer { o in
                    for x in 0..<field.count { o[frame * field.count + x] = field[x] / eps2 }
                }
            }
            return output
        }
        return try Dataset(grid: grid, frameSpacing: frameSpacing, trajectories: results)
    }

    /// Störmer–Verlet (kick, drift, kick) on strains and momenta.
    private func verlet(_ r: inout [Double], _ p: inout [Double], steps: Int, step h: Double) {
        let n = sites, c2 = soundSpeed * soundSpeed, alpha = nonlinearity
        var force = [Double](repeating: 0, count: n)
        r.withUnsafeMutableBufferPointer { r in
            p.withUnsafeMutableBufferPointer { p in
                force.withUnsafeMutableBufferPointer { f in
                    func forces() {
                        for j in 0..<n { f[j] = (c2 + alpha * r[j]) * r[j] }
                    }
                    forces()
                    for _ in 0..<steps {
                        p[0] += 0.5 * h * (f[0] - f[n - 1])
                        for j in 1..<n { p[j] += 0.5 * h * (f[j] - f[j - 1]) }
                        for j in 0..<(n - 1) { r[j] += h * (p[j + 1] - p[j]) }
                        r[n - 1] += h * (p[0] - p[n - 1])
                        forces()
                        p[0] += 0.5 * h * (f[0] - f[n - 1])
                        for j in 1..<n { p[j] += 0.5 * h * (f[j] - f[j - 1]) }
                    }
                }
            }
        }
    }

    /// The strain on the co-moving grid ξ_j = 2πj/N at chain time t: r at y = ξ_j/ε + ct,
    /// by Fourier interpolation of the site values (which sit at y = n + ½).
    private func coMovingField(_ r: [Double], time t: Double, chain: SpectralTransform, field: SpectralTransform) -> [Double] {
        let spectrum = chain.forward(r)
        let shift = soundSpeed * t - 0.5  // in sites: r(y) at y = n* + ½, n* = ξ/ε + ct - ½
        var padded = Spectrum(count: grid.nx / 2 + 1)
        let ratio = Double(grid.nx) / Double(sites)
        for k in 0..<(sites / 2) {  // the chain's Nyquist mode is dropped
            let angle = 2 * Double.pi * Double(k) * shift / Double(sites)
            let value = Complex(spectrum.real[k], spectrum.imag[k]) * Complex(cos(angle), sin(angle))
            (padded.real[k], padded.imag[k]) = (ratio * value.re, ratio * value.im)
        }
        return field.inverse(padded)
    }

    /// The periodic samples f shifted by `offset` sites (f(n + offset)), by Fourier interpolation.
    static func shifted(_ f: [Double], by offset: Double, transform: SpectralTransform) -> [Double] {
        var s = transform.forward(f)
        let n = f.count
        for k in 0..<s.count {
            if k == n / 2 {
                (s.real[k], s.imag[k]) = (0, 0)
                continue
            }
            let angle = 2 * Double.pi * Double(k) * offset / Double(n)
            let value = Complex(s.real[k], s.imag[k]) * Complex(cos(angle), sin(angle))
            (s.real[k], s.imag[k]) = (value.re, value.im)
        }
        return transform.inverse(s)
    }
}
