import Linalg

/// The sufficient statistics of the bilinear residual of the closed-form fit, per mode k:
///
/// r_k = D_k + σ_k Σ_p θ_p G_{k,p},
///
/// with D = u_{n+last} - u_{n+first} and G_p = Δt Σ_i w_i ĝ_p(u_{n+offset_i}) for the
/// ``TimeStencil``, where ĝ_p is the spectrum of the p-th energy feature: |k|² û for b, F_j'(u)^
/// for c_j, û on shell s for q_s. Summed over every window of every trajectory:
///
/// A_k[p, q] = Σ conj(G_p) G_q,  c_k[p] = Σ conj(G_p) D,  d_k = Σ |D|²,
///
/// so that the loss Σ_k weight_k Σ |r_k|² and both half-steps of the alternating fit are
/// cheap functions of (A, c, d): one pass over the data, then sweeps cost O(modes·P²).
struct GramStatistics: Sendable {
    /// The number of modes.
    let modeCount: Int
    /// The number of energy parameters P.
    let featureCount: Int
    /// Re and Im of A_k[p, q], at `k * P * P + p * P + q`.
    var gramReal: [Double], gramImag: [Double]
    /// Re and Im of c_k[p], at `k * P + p`.
    var crossReal: [Double], crossImag: [Double]
    /// d_k.
    var target: [Double]
    /// Σ over frames of |û_k|², for deciding which modes the data excite.
    var dataEnergy: [Double]
    /// The number of windows summed.
    var windows: Int

    init(modeCount: Int, featureCount: Int) {
        self.modeCount = modeCount
        self.featureCount = featureCount
        let p = featureCount
        gramReal = [Double](repeating: 0, count: modeCount * p * p)
        gramImag = gramReal
        crossReal = [Double](repeating: 0, count: modeCount * p)
        crossImag = crossReal
        target = [Double](repeating: 0, count: modeCount)
        dataEnergy = target
        windows = 0
    }

    /// Adds another set of statistics of the same shape.
    mutating func add(_ other: GramStatistics) {
        for i in 0..<gramReal.count {
            gramReal[i] += other.gramReal[i]
            gramImag[i] += other.gramImag[i]
        }
        for i in 0..<crossReal.count {
            crossReal[i] += other.crossReal[i]
            crossImag[i] += other.crossImag[i]
        }
        for k in 0..<modeCount {
            target[k] += other.target[k]
            dataEnergy[k] += other.dataEnergy[k]
        }
        windows += other.windows
    }

    /// The statistics of `data` for `hypothesis` and `stencil`, trajectories in parallel.
    ///
    /// - Throws: ``OnsagerError/invalidArgument(function:message:)`` when the trajectories are
    ///   shorter than the stencil; ``OnsagerError/interrupted``.
    static func collect(
        _ data: Dataset, hypothesis: Hypothesis, stencil: TimeStencil, transform: SpectralTransform,
        interruption: Interruption
    ) throws(OnsagerError) -> GramStatistics {
        try require(data.frameCount >= stencil.width, "fit",
                    "the \(stencil.name) stencil needs \(stencil.width) frames per trajectory, the data have \(data.frameCount)")
        let parts = try concurrentMap(data.trajectories.count, interruption: interruption) { i throws(OnsagerError) in
            try trajectory(data, i, hypothesis: hypothesis, stencil: stencil, transform: transform, interruption: interruption)
        }
        var total = GramStatistics(modeCount: transform.modeCount, featureCount: hypothesis.energyParameterCount)
        for part in parts { total.add(part) }
        return total
    }

    /// The spectra one frame contributes: û and the force features F_j'(u)^.
    private struct FrameFeatures {
        var field: Spectrum
        var forces: [Spectrum]
    }

    private static func features(_ u: [Double], basis: PointwiseBasis, transform: SpectralTransform) -> FrameFeatures {
        let count = basis.count
        var terms = [[Double]](repeating: [Double](repeating: 0, count: u.count), count: count)
        var scratch = [Double](repeating: 0, count: count)
        scratch.withUnsafeMutableBufferPointer { s in
            for x in 0..<u.count {
                basis.forceTerms(u[x], into: s.baseAddress!)
                for j in 0..<count { terms[j][x] = s[j] }
            }
        }
        return FrameFeatures(field: transform.forward(u), forces: terms.map { transform.forward($0) })
    }

    /// The statistics of trajectory `index`.
    private static func trajectory(
        _ data: Dataset, _ index: Int, hypothesis: Hypothesis, stencil: TimeStencil, transform: SpectralTransform,
        interruption: Interruption
    ) throws(OnsagerError) -> GramStatistics {
        let p = hypothesis.energyParameterCount, basisCount = hypothesis.basis.count
        var stats = GramStatistics(modeCount: transform.modeCount, featureCount: p)
        let frames = (0..<data.frameCount).map { features(data.frame($0, of: index), basis: hypothesis.basis, transform: transform) }
        for frame in frames {
            for k in 0..<transform.modeCount {
                stats.dataEnergy[k] += frame.field.real[k] * frame.field.real[k] + frame.field.imag[k] * frame.field.imag[k]
            }
        }
        var gRe = [Double](repeating: 0, count: p), gIm = gRe
        var active = [Int]()
        for n in (-stencil.first)..<(data.frameCount - stencil.last) {
            try interruption.checkOnsager()
            stats.windows += 1
            let (late, early) = (frames[n + stencil.last].field, frames[n + stencil.first].field)
            for k in 0..<transform.modeCount {
                let shell = transform.shell[k]
                active.removeAll(keepingCapacity: true)
                active.append(contentsOf: 0...basisCount)
                if shell < hypothesis.nonlocalShells { active.append(1 + basisCount + shell) }
                for q in active {
                    gRe[q] = 0
                    gIm[q] = 0
                }
                for (offset, weight) in zip(stencil.offsets, stencil.weights) {
                    let f = frames[n + offset], w = weight * data.frameSpacing
                    gRe[0] += w * transform.kSquared[k] * f.field.real[k]
                    gIm[0] += w * transform.kSquared[k] * f.field.imag[k]
                    for j in 0..<basisCount {
                        gRe[1 + j] += w * f.forces[j].real[k]
                        gIm[1 + j] += w * f.forces[j].imag[k]
                    }
                    if shell < hypothesis.nonlocalShells {
                        gRe[1 + basisCount + shell] += w * f.field.real[k]
                        gIm[1 + basisCount + shell] += w * f.field.imag[k]
                    }
                }
                let dRe = late.real[k] - early.real[k], dIm = late.imag[k] - early.imag[k]
                stats.target[k] += dRe * dRe + dIm * dIm
                for a in active {
                    // conj(G_a) D and conj(G_a) G_b
                    stats.crossReal[k * p + a] += gRe[a] * dRe + gIm[a] * dIm
                    stats.crossImag[k * p + a] += gRe[a] * dIm - gIm[a] * dRe
                    for b in active {
                        stats.gramReal[(k * p + a) * p + b] += gRe[a] * gRe[b] + gIm[a] * gIm[b]
                        stats.gramImag[(k * p + a) * p + b] += gRe[a] * gIm[b] - gIm[a] * gRe[b]
                    }
                }
            }
        }
        return stats
    }

    /// θᵀ Re(A_k) θ = Σ |g_k|², g = Σ_p θ_p G_p.
    func featureNorm(_ k: Int, _ theta: [Double]) -> Double {
        var s = 0.0
        for a in 0..<featureCount where theta[a] != 0 {
            for b in 0..<featureCount where theta[b] != 0 { s += theta[a] * theta[b] * gramReal[(k * featureCount + a) * featureCount + b] }
        }
        return s
    }

    /// t_k = Σ_p θ_p c_k[p] = Σ conj(g_k) D_k.
    func projection(_ k: Int, _ theta: [Double]) -> Complex {
        var t = Complex.zero
        for a in 0..<featureCount where theta[a] != 0 {
            t += theta[a] * Complex(crossReal[k * featureCount + a], crossImag[k * featureCount + a])
        }
        return t
    }

    /// (θᵀ A_k)_q = Σ_p θ_p A_k[p, q].
    func gramRow(_ k: Int, _ theta: [Double], _ q: Int) -> Complex {
        var s = Complex.zero
        for a in 0..<featureCount where theta[a] != 0 {
            let i = (k * featureCount + a) * featureCount + q
            s += theta[a] * Complex(gramReal[i], gramImag[i])
        }
        return s
    }

    /// The residual Σ |D + σ_k g_k|² at mode k: d + 2 Re(σ conj t) + |σ|² s.
    func residual(_ k: Int, sigma: Complex, _ theta: [Double]) -> Double {
        let t = projection(k, theta)
        return target[k] + 2 * (sigma.re * t.re + sigma.im * t.im) + sigma.normSquared * featureNorm(k, theta)
    }
}
