import Foundation
import Linalg

/// An overdamped Langevin chain coarse-grained to a strain field: microscopic data whose meso
/// structure is known only qualitatively.
///
/// Positions follow dx_n = [Φ'(r_n) - Φ'(r_{n-1})] dt + √(2T) dW_n on a periodic chain of
/// `sites` sites, with strains r_n = x_{n+1} - x_n and the FPU-β potential
/// Φ(r) = r²/2 + β r⁴/4. In strains, dr_n = Δ_d Φ'(r)_n dt + √(2T)(dW_{n+1} - dW_n): total strain
/// is conserved, and the microscopic mobility symbol is 4 sin²(k/2) ≈ k² (k per site). Each
/// trajectory starts from a smooth strain profile (a draw of ``initialCondition`` on the
/// sites, no fluctuations) and runs `realizations` independent noise histories by the weak
/// Euler scheme with step `timeStep` (Euler–Maruyama with uniform increments of the right
/// variance, √(6T dt)·U(-1, 1): the same ensemble averages to first order, at a fraction of the
/// cost of normal draws); the data are the block averages over `block` sites,
/// averaged over the realizations, on a grid of sites/block points of length `sites`
/// (positions in site units, time in the chain's units).
///
/// The ensemble mean is not exactly closed, so a learned model can only approximate it; the
/// expected structure is m(k) ∝ k² at small k, w ≈ 0, and F' close to the temperature-
/// renormalised force ``renormalizedForce(_:)``.
public struct LangevinChain: Sendable {
    /// The number of sites.
    public let sites: Int
    /// Sites per coarse cell.
    public let block: Int
    /// Independent noise histories averaged per trajectory.
    public let realizations: Int
    /// The temperature T (energy units of Φ).
    public let temperature: Double
    /// β, the quartic coefficient of Φ.
    public let quartic: Double
    /// The Euler–Maruyama step.
    public let timeStep: Double
    /// The law of the initial strain profile on the sites.
    public let initialCondition: RandomSines

    /// A chain with the given parameters.
    ///
    /// - Throws: ``OnsagerError/invalidArgument(function:message:)`` unless sites/block is an
    ///   even number of cells (at least 4), T ≥ 0, β ≥ 0, and the step is positive and below the
    ///   explicit stability limit 0.5/(1 + 12β) for strains up to 2.
    public init(
        sites: Int = 512, block: Int = 16, realizations: Int = 32, temperature: Double = 0.5, quartic: Double = 1,
        timeStep: Double = 0.02, initialCondition: RandomSines = RandomSines(terms: 3, maxWaveNumber: 3, scaling: .amplitude(1))
    ) throws(OnsagerError) {
        try require(block >= 1 && sites % block == 0 && (sites / block) % 2 == 0 && sites / block >= 4 && sites <= 1 << 20,
                    "langevin", "sites/block must be an even number of cells, at least 4")
        try require(realizations >= 1 && realizations <= 1 << 16, "langevin", "realizations must be 1 to 65536")
        try require(temperature >= 0 && temperature.isFinite && quartic >= 0 && quartic.isFinite, "langevin",
                    "the temperature and the quartic coefficient must be non-negative")
        try require(timeStep > 0 && timeStep <= 0.5 / (1 + 12 * quartic), "langevin",
                    "the time step must be positive and at most \(0.5 / (1 + 12 * quartic)) for stability")
        try initialCondition.validate(on: PeriodicGrid(points: sites / block))
        self.sites = sites
        self.block = block
        self.realizations = realizations
        self.temperature = temperature
        self.quartic = quartic
        self.timeStep = timeStep
        self.initialCondition = initialCondition
    }

    /// The coarse grid: sites/block points on [0, sites).
    public var grid: PeriodicGrid { try! PeriodicGrid(points: sites / block, length: Double(sites)) }

    /// Φ'(r).
    private func force(_ r: Double) -> Double { r + quartic * r * r * r }

    /// `trajectories` trajectories of `frames` frames, `frameSpacing` apart (rounded to whole
    /// steps), profiles and noise seeds drawn in order from `RandomGenerator(seed: seed)`.
    ///
    /// `progress`, when given, is called with the number of trajectories done after each one
    /// (one call at a time, from a worker thread).
    ///
    /// - Throws: ``OnsagerError/invalidArgument(function:message:)`` for non-positive counts or
    ///   a spacing below one step; ``OnsagerError/nonFinite(function:what:)``;
    ///   ``OnsagerError/interrupted``.
    public func generate(
        trajectories: Int, frames: Int, frameSpacing: Double, seed: UInt32 = 1, interruption: Interruption = .never,
        progress: ((_ done: Int) -> Void)? = nil
    ) throws(OnsagerError) -> Dataset {
        try require(trajectories >= 1 && frames >= 2, "langevin", "need at least one trajectory and two frames")
        try require(frameSpacing >= timeStep && frameSpacing.isFinite, "langevin", "the frame spacing must be at least one step")
        let stepsPerFrame = Int((frameSpacing / timeStep).rounded())
        let siteGrid = try PeriodicGrid(points: sites, length: Double(sites))
        var rng = RandomGenerator(seed: seed)
        let profiles = (0..<trajectories).map { _ in initialCondition.sample(on: siteGrid, using: &rng) }
        let seeds = (0..<trajectories).map { _ in rng.nextUInt32() }
        let cells = sites / block
        let results = try concurrentMap(trajectories, interruption: interruption, progress: progress) { i throws(OnsagerError) -> Matrix in
            var noise = RandomGenerator(seed: seeds[i])
            var mean = Matrix(rows: cells, cols: frames)
            for _ in 0..<realizations {
                var r = profiles[i]
                for frame in 0..<frames {
                    if frame > 0 {
                        try interruption.checkOnsager()
                        advance(&r, steps: stepsPerFrame, using: &noise)
                    }
                    guard r.allSatisfy(\.isFinite) else { throw .nonFinite(function: "langevin", what: "chain \(i + 1)") }
                    for c in 0..<cells {
                        var s = 0.0
                        for j in (c * block)..<((c + 1) * block) { s += r[j] }
                        mean[c, frame] += s / Double(block * realizations)
                    }
                }
            }
            return mean
        }
        return try Dataset(grid: grid, frameSpacing: Double(stepsPerFrame) * timeStep, trajectories: results)
    }

    /// Weak Euler steps of the strains: increments √(2T dt)·√3·U(-1, 1), variance 2T dt.
    private func advance(_ r: inout [Double], steps: Int, using rng: inout RandomGenerator) {
        let n = sites, h = timeStep, amplitude = (6 * temperature * timeStep).squareRoot(), beta = quartic
        let unit = 2 / 4_294_967_296.0
        var f = [Double](repeating: 0, count: n + 1), kick = f
        r.withUnsafeMutableBufferPointer { r in
            f.withUnsafeMutableBufferPointer { f in
                kick.withUnsafeMutableBufferPointer { kick in
                    for _ in 0..<steps {
                        for j in 0..<n {
                            let x = r[j]
                            f[j] = x + beta * x * x * x
                            kick[j] = amplitude * (Double(rng.nextUInt32()) * unit - 1)
                        }
                        // Periodic neighbours through one ghost entry each side of the loop.
                        f[n] = f[0]
                        kick[n] = kick[0]
                        var previous = f[n - 1]
                        for j in 0..<n {
                            let current = f[j]
                            r[j] += h * (f[j + 1] - 2 * current + previous) + kick[j + 1] - kick[j]
                            previous = current
                        }
                    }
                }
            }
        }
    }

    /// The temperature-renormalised force at mean strains `strains`: the tension τ at which
    /// the equilibrium chain, whose strains are independent with density ∝ exp(-(Φ(r) - τr)/T),
    /// has mean strain s. It is the local-equilibrium closure d⟨r⟩/dt = Δ τ(⟨r⟩) and the
    /// large-block limit of the per-site force -(T/B) ∂ log p(s)/∂s from the histogram of block
    /// strain. At T = 0 it is Φ' itself.
    public func renormalizedForce(_ strains: [Double]) -> [Double] {
        guard temperature > 0 else { return strains.map(force) }
        return strains.map { s in
            var (low, high) = (force(s) - 50 * (1 + temperature), force(s) + 50 * (1 + temperature))
            for _ in 0..<200 where high - low > 1e-12 * max(1, abs(low), abs(high)) {  // bisection on τ → mean strain
                let mid = 0.5 * (low + high)
                if meanStrain(tension: mid) < s { low = mid } else { high = mid }
            }
            return 0.5 * (low + high)
        }
    }

    /// ⟨r⟩ under the density ∝ exp(-(Φ(r) - τr)/T), by quadrature on a fine grid around the
    /// maximum of the exponent.
    private func meanStrain(tension tau: Double) -> Double {
        // The exponent's maximum solves Φ'(r) = τ (increasing Φ'): bisection.
        var (low, high) = (-1.0 - abs(tau), 1.0 + abs(tau))
        for _ in 0..<200 where high - low > 1e-13 * max(1, abs(low)) {
            let mid = 0.5 * (low + high)
            if force(mid) < tau { low = mid } else { high = mid }
        }
        let peak = 0.5 * (low + high), width = 12 * (temperature / (1 + 3 * quartic * peak * peak)).squareRoot() + 1e-9
        let points = 4001
        var (z, first) = (0.0, 0.0)
        let top = -(peak * peak / 2 + quartic * pow(peak, 4) / 4 - tau * peak) / temperature
        for i in 0..<points {
            let r = peak - width + 2 * width * Double(i) / Double(points - 1)
            let exponent = -(r * r / 2 + quartic * r * r * r * r / 4 - tau * r) / temperature - top
            let weight = exp(exponent)
            z += weight
            first += r * weight
        }
        return first / z
    }
}
