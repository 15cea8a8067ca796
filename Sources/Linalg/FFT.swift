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
/// Powers of two use an iterative in-place radix-2 Cooley–Tukey transform with twiddle factors
/// and the bit-reversal permutation precomputed here; a transform then allocates nothing.
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
            radix2(real: real, imag: imag, layout: layout, direction: direction)
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

    /// The iterative radix-2 transform: bit reversal, then log2(n) butterfly stages, each stage
    /// applied to all sequences of the batch before the next.
    ///
    /// Index arithmetic wraps (`&+`, `&*`): every index stays inside the caller's buffers, so
    /// overflow is impossible and its checks would only slow the loops.
    private func radix2(
        real: UnsafeMutablePointer<Double>, imag: UnsafeMutablePointer<Double>,
        layout: Layout, direction: FFTDirection
    ) {
        let (batch, es, bs) = (layout.batch, layout.elementStride, layout.batchStride)
        for (a, b) in swaps {
            var ia = a &* es, ib = b &* es
            for _ in 0..<batch {
                swap(&real[ia], &real[ib])
                swap(&imag[ia], &imag[ib])
                ia &+= bs
                ib &+= bs
            }
        }
        let sign: Double = direction == .forward ? -1 : 1
        let n = count
        cosTable.withUnsafeBufferPointer { cosT in
            sinTable.withUnsafeBufferPointer { sinT in
                var half = 1
                while half < n {
                    let step = n / (2 &* half), span = half &* es, jump = 2 &* span, end = n &* es
                    for k in 0..<half {
                        let wr = cosT[k &* step], wi = sign * sinT[k &* step]
                        var i1 = k &* es
                        while i1 < end {
                            var o1 = i1, o2 = i1 &+ span
                            for _ in 0..<batch {
                                let xr = real[o2], xi = imag[o2]
                                let tr = wr * xr - wi * xi, ti = wr * xi + wi * xr
                                let ur = real[o1], ui = imag[o1]
                                real[o2] = ur - tr
                                imag[o2] = ui - ti
                                real[o1] = ur + tr
                                imag[o1] = ui + ti
                                o1 &+= bs
                                o2 &+= bs
                            }
                            i1 &+= jump
                        }
                    }
                    half &*= 2
                }
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
