import Foundation

/// The direction of a discrete Fourier transform.
///
/// The conventions are NumPy's (`numpy.fft`): the forward transform is unnormalised and the
/// inverse carries the factor 1/n, so that `inverse(forward(x)) == x`.
public enum FFTDirection: Sendable {
    /// `X[k] = Σ_j x[j] exp(-2πi jk/n)`.
    case forward
    /// `x[j] = (1/n) Σ_k X[k] exp(+2πi jk/n)`.
    case inverse
}

/// A reusable plan for complex one-dimensional discrete Fourier transforms of a fixed length.
///
/// Powers of two use an iterative in-place Cooley–Tukey transform (bit reversal, then radix-4
/// stages, with one radix-2 stage first when log2 n is odd) with twiddle factors and the
/// bit-reversal permutation precomputed here; a transform then allocates nothing.
/// Any other length falls back to the plain O(n²) DFT with a precomputed table of the n roots
/// of unity; that path allocates one temporary of n·batch complex values per call.
///
/// Data is split-complex: separate arrays of real and imaginary parts. A plan is immutable and
/// `Sendable`, so one plan can serve any number of threads at once.
public struct FFTPlan: Sendable {
    /// The transform length n.
    public let count: Int
    /// `true` when `count` is a power of two (the fast radix-2 path).
    public let isPowerOfTwo: Bool
    /// `cos(2πk/n)` for k in 0..<n/2 (radix-2) or 0..<n (fallback DFT).
    private let cosTable: [Double]
    /// `sin(2πk/n)`, same range as `cosTable`.
    private let sinTable: [Double]
    /// Index pairs (a, b), a < b, exchanged by the bit-reversal permutation (radix-2 only).
    private let swaps: [(Int, Int)]

    /// A plan for transforms of length `count`.
    ///
    /// - Precondition: `count >= 1`.
    public init(count: Int) {
        precondition(count >= 1, "FFT length must be at least 1")
        self.count = count
        self.isPowerOfTwo = count & (count - 1) == 0
        let tableCount = isPowerOfTwo ? count / 2 : count
        let angle = 2 * Double.pi / Double(count)
        cosTable = (0..<tableCount).map { cos(angle * Double($0)) }
        sinTable = (0..<tableCount).map { sin(angle * Double($0)) }
        swaps = isPowerOfTwo ? FFTPlan.bitReversalSwaps(count) : []
    }

    /// The pairs of indices that the bit-reversal permutation of `n` (a power of two) exchanges.
    private static func bitReversalSwaps(_ n: Int) -> [(Int, Int)] {
        let bits = n.trailingZeroBitCount
        var pairs: [(Int, Int)] = []
        for i in 0..<n {
            var r = 0
            for b in 0..<bits where i & (1 << b) != 0 { r |= 1 << (bits - 1 - b) }
            if i < r { pairs.append((i, r)) }
        }
        return pairs
    }

    /// Transforms `batch` interleaved sequences in place.
    ///
    /// Element j of sequence b sits at index `j * batch + b`, so `batch = 1` is a single
    /// contiguous sequence, and the columns of a row-major array with `batch` columns are
    /// transformed together (the inner loop then runs over contiguous memory).
    ///
    /// - Parameters:
    ///   - real: real parts, `count * batch` values, overwritten by the result.
    ///   - imag: imaginary parts, same layout.
    ///   - batch: the number of interleaved sequences (at least 1).
    ///   - direction: forward (unnormalised) or inverse (scaled by 1/n).
    public func transform(
        real: UnsafeMutablePointer<Double>, imag: UnsafeMutablePointer<Double>,
        batch: Int = 1, direction: FFTDirection
    ) {
        transform(real: real, imag: imag, batch: batch, elementStride: batch, batchStride: 1, direction: direction)
    }

    /// Transforms `batch` sequences laid out with arbitrary strides, in place.
    ///
    /// Element j of sequence b sits at index `j * elementStride + b * batchStride`. The rows of
    /// a row-major nx-column array are `batch: ny, elementStride: 1, batchStride: nx`; its
    /// columns are `batch: nx, elementStride: nx, batchStride: 1`. All sequences are processed
    /// stage by stage together, so the per-sequence overhead is paid once per batch.
    ///
    /// - Parameters:
    ///   - real: real parts, overwritten by the result.
    ///   - imag: imaginary parts, same layout.
    ///   - batch: the number of sequences (at least 1).
    ///   - elementStride: the index step between consecutive elements of one sequence.
    ///   - batchStride: the index step between the first elements of consecutive sequences.
    ///   - direction: forward (unnormalised) or inverse (scaled by 1/n).
    public func transform(
        real: UnsafeMutablePointer<Double>, imag: UnsafeMutablePointer<Double>,
        batch: Int, elementStride: Int, batchStride: Int, direction: FFTDirection
    ) {
        precondition(batch >= 1 && elementStride >= 1 && batchStride >= 1, "FFT batch and strides must be positive")
        let layout = Layout(batch: batch, elementStride: elementStride, batchStride: batchStride)
        if isPowerOfTwo {
            powerOfTwo(real: real, imag: imag, layout: layout, direction: direction)
        } else {
            naiveDFT(real: real, imag: imag, layout: layout, direction: direction)
        }
        if direction == .inverse && count > 1 {
            let scale = 1 / Double(count)
            for j in 0..<count {
                var i = j &* elementStride
                for _ in 0..<batch {
                    real[i] *= scale
                    imag[i] *= scale
                    i &+= batchStride
                }
            }
        }
    }

    /// Where a batch of sequences sits in memory.
    private struct Layout {
        let batch: Int, elementStride: Int, batchStride: Int
    }

    /// Transforms one sequence held in two arrays, in place.
    ///
    /// - Precondition: `real.count == count` and `imag.count == count`.
    public func transform(real: inout [Double], imag: inout [Double], direction: FFTDirection) {
        precondition(real.count == count && imag.count == count, "FFT input length does not match the plan")
        real.withUnsafeMutableBufferPointer { re in
            imag.withUnsafeMutableBufferPointer { im in
                transform(real: re.baseAddress!, imag: im.baseAddress!, direction: direction)
            }
        }
    }

    /// The iterative power-of-two transform: bit reversal, then butterfly stages (a radix-2
    /// stage of trivial twiddles when log2 n is odd, then radix-4 stages, each the work of two
    /// radix-2 stages with half the memory traffic), each stage applied to all sequences of the
    /// batch before the next. Contiguous batches (`batchStride` 1) go two sequences at a time
    /// through SSE2 lanes.
    private func powerOfTwo(
        real: UnsafeMutablePointer<Double>, imag: UnsafeMutablePointer<Double>,
        layout: Layout, direction: FFTDirection
    ) {
        let (batch, es, bs) = (layout.batch, layout.elementStride, layout.batchStride)
        let sign: Double = direction == .forward ? -1 : 1
        cosTable.withUnsafeBufferPointer { cosT in
            sinTable.withUnsafeBufferPointer { sinT in
                let tables = Twiddles(cos: cosT.baseAddress!, sin: sinT.baseAddress!, sign: sign, count: count)
                if bs == 1 && batch >= 2 {
                    let pairs = batch / 2
                    bitReverse(SIMD2<Double>.self, real: real, imag: imag, batch: pairs, elementStride: es, batchStride: 2)
                    tables.stages(SIMD2<Double>.self, real: real, imag: imag, batch: pairs, elementStride: es, batchStride: 2)
                    if batch % 2 == 1 {
                        let (tailReal, tailImag) = (real + (batch - 1), imag + (batch - 1))
                        bitReverse(Double.self, real: tailReal, imag: tailImag, batch: 1, elementStride: es, batchStride: 1)
                        tables.stages(Double.self, real: tailReal, imag: tailImag, batch: 1, elementStride: es, batchStride: 1)
                    }
                } else {
                    bitReverse(Double.self, real: real, imag: imag, batch: batch, elementStride: es, batchStride: bs)
                    tables.stages(Double.self, real: real, imag: imag, batch: batch, elementStride: es, batchStride: bs)
                }
            }
        }
    }

    /// The bit-reversal permutation of `batch` groups of lanes `V` (layout as in `stages`).
    @inline(__always)
    private func bitReverse<V: FFTLanes>(
        _: V.Type, real: UnsafeMutablePointer<Double>, imag: UnsafeMutablePointer<Double>,
        batch: Int, elementStride es: Int, batchStride bs: Int
    ) {
        for (a, b) in swaps {
            var ia = a &* es, ib = b &* es
            for _ in 0..<batch {
                let (ra, ia_, rb, ib_) = (V.load(real, ia), V.load(imag, ia), V.load(real, ib), V.load(imag, ib))
                rb.store(real, ia)
                ib_.store(imag, ia)
                ra.store(real, ib)
                ia_.store(imag, ib)
                ia &+= bs
                ib &+= bs
            }
        }
    }

    /// The plain O(n²) DFT for lengths that are not powers of two (allocates a temporary).
    private func naiveDFT(
        real: UnsafeMutablePointer<Double>, imag: UnsafeMutablePointer<Double>,
        layout: Layout, direction: FFTDirection
    ) {
        let (batch, es, bs) = (layout.batch, layout.elementStride, layout.batchStride)
        let sign: Double = direction == .forward ? -1 : 1
        var outRe = [Double](repeating: 0, count: count * batch)
        var outIm = [Double](repeating: 0, count: count * batch)
        for k in 0..<count {
            for j in 0..<count {
                let r = (j * k) % count
                let wr = cosTable[r], wi = sign * sinTable[r]
                for b in 0..<batch {
                    let xr = real[j * es + b * bs], xi = imag[j * es + b * bs]
                    outRe[k * batch + b] += wr * xr - wi * xi
                    outIm[k * batch + b] += wr * xi + wi * xr
                }
            }
        }
        for k in 0..<count {
            for b in 0..<batch {
                real[k * es + b * bs] = outRe[k * batch + b]
                imag[k * es + b * bs] = outIm[k * batch + b]
            }
        }
    }
}

/// One or two sequences' worth of values handled by one butterfly: `Double`, or `SIMD2<Double>`
/// holding the same element of two neighbouring sequences.
protocol FFTLanes {
    static func load(_ base: UnsafeMutablePointer<Double>, _ i: Int) -> Self
    func store(_ base: UnsafeMutablePointer<Double>, _ i: Int)
    static func + (a: Self, b: Self) -> Self
    static func - (a: Self, b: Self) -> Self
    static func * (a: Double, b: Self) -> Self
}

extension Double: FFTLanes {
    @inline(__always) static func load(_ base: UnsafeMutablePointer<Double>, _ i: Int) -> Double { base[i] }
    @inline(__always) func store(_ base: UnsafeMutablePointer<Double>, _ i: Int) { base[i] = self }
}

extension SIMD2: FFTLanes where Scalar == Double {
    @inline(__always) static func load(_ base: UnsafeMutablePointer<Double>, _ i: Int) -> SIMD2<Double> {
        UnsafeRawPointer(base + i).loadUnaligned(as: SIMD2<Double>.self)
    }
    @inline(__always) func store(_ base: UnsafeMutablePointer<Double>, _ i: Int) {
        UnsafeMutableRawPointer(base + i).storeBytes(of: self, as: SIMD2<Double>.self)
    }
}

/// The twiddle tables of a power-of-two plan and the butterfly stages that use them.
private struct Twiddles {
    /// cos(2πk/n) and sin(2πk/n) for k < n/2.
    let cos: UnsafePointer<Double>, sin: UnsafePointer<Double>
    /// −1 for the forward transform, +1 for the inverse.
    let sign: Double
    /// The transform length n.
    let count: Int

    /// All butterfly stages for `batch` groups of lanes `V`; element j of group b starts at
    /// `j * elementStride + b * batchStride`. Index arithmetic wraps: every index stays inside
    /// the caller's buffers.
    @inline(__always)
    func stages<V: FFTLanes>(
        _: V.Type, real: UnsafeMutablePointer<Double>, imag: UnsafeMutablePointer<Double>,
        batch: Int, elementStride es: Int, batchStride bs: Int
    ) {
        let n = count, end = n &* es
        var half = 1
        if n.trailingZeroBitCount % 2 == 1 {
            // Radix-2 stage of half-length 1: the twiddle factor is 1.
            var i1 = 0
            while i1 < end {
                var o1 = i1, o2 = i1 &+ es
                for _ in 0..<batch {
                    let (ar, ai, br, bi) = (V.load(real, o1), V.load(imag, o1), V.load(real, o2), V.load(imag, o2))
                    (ar + br).store(real, o1)
                    (ai + bi).store(imag, o1)
                    (ar - br).store(real, o2)
                    (ai - bi).store(imag, o2)
                    o1 &+= bs
                    o2 &+= bs
                }
                i1 &+= 2 &* es
            }
            half = 2
        }
        // Radix-4 stages: sub-transforms of length 4h from four of length h (h = half).
        while half < n {
            let h = half, span = h &* es
            let step1 = n / (2 &* h), step2 = n / (4 &* h)
            // k = 0 has unit twiddles: the same butterflies without their multiplications.
            radix4(V.self, real: real, imag: imag, k: 0, span: span, batch: batch, elementStride: es, batchStride: bs,
                   w1: (1, 0), w2: (1, 0), unitTwiddles: true)
            for k in 1..<max(h, 1) {
                // w1 = W_{2h}^k, w2 = W_{4h}^k.
                radix4(V.self, real: real, imag: imag, k: k, span: span, batch: batch, elementStride: es, batchStride: bs,
                       w1: (cos[k &* step1], sign * sin[k &* step1]), w2: (cos[k &* step2], sign * sin[k &* step2]),
                       unitTwiddles: false)
            }
            half &*= 4
        }
    }

    /// The radix-4 butterflies of twiddle index k in one stage, for every sub-transform and
    /// sequence: W_{4h}^{k+h} = w2 · (∓i). With `unitTwiddles` (k = 0, w1 = w2 = 1, a constant
    /// after inlining) the multiplications by w1 and w2 drop out.
    @inline(__always)
    private func radix4<V: FFTLanes>(
        _: V.Type, real: UnsafeMutablePointer<Double>, imag: UnsafeMutablePointer<Double>, k: Int, span: Int,
        batch: Int, elementStride es: Int, batchStride bs: Int,
        w1: (Double, Double), w2: (Double, Double), unitTwiddles: Bool
    ) {
        let (w1r, w1i, w2r, w2i) = (w1.0, w1.1, w2.0, w2.1)
        let end = count &* es, jump = 4 &* span
        var start = k &* es
        while start < end {
            var oa = start, ob = start &+ span, oc = ob &+ span, od = oc &+ span
            for _ in 0..<batch {
                let (br, bi, dr, di) = (V.load(real, ob), V.load(imag, ob), V.load(real, od), V.load(imag, od))
                let tbr = unitTwiddles ? br : w1r * br - w1i * bi, tbi = unitTwiddles ? bi : w1r * bi + w1i * br
                let tdr = unitTwiddles ? dr : w1r * dr - w1i * di, tdi = unitTwiddles ? di : w1r * di + w1i * dr
                let (ar, ai, cr, ci) = (V.load(real, oa), V.load(imag, oa), V.load(real, oc), V.load(imag, oc))
                let xr = ar + tbr, xi = ai + tbi, yr = ar - tbr, yi = ai - tbi
                let ur = cr + tdr, ui = ci + tdi, vr = cr - tdr, vi = ci - tdi
                let tur = unitTwiddles ? ur : w2r * ur - w2i * ui, tui = unitTwiddles ? ui : w2r * ui + w2i * ur
                // w2 · (∓i) · v: multiply by w2, then (re, im) → (±im, ∓re).
                let svr = unitTwiddles ? vr : w2r * vr - w2i * vi, svi = unitTwiddles ? vi : w2r * vi + w2i * vr
                let tvr = (-sign) * svi, tvi = sign * svr
                (xr + tur).store(real, oa)
                (xi + tui).store(imag, oa)
                (xr - tur).store(real, oc)
                (xi - tui).store(imag, oc)
                (yr + tvr).store(real, ob)
                (yi + tvi).store(imag, ob)
                (yr - tvr).store(real, od)
                (yi - tvi).store(imag, od)
                oa &+= bs
                ob &+= bs
                oc &+= bs
                od &+= bs
            }
            start &+= jump
        }
    }
}
