import Foundation

/// A reusable plan for the Fourier transform of real sequences of even length n, through one
/// complex transform of length n/2 (the classic packing of even and odd samples).
///
/// The spectrum of a real sequence is Hermitian, so only the n/2 + 1 bins k = 0...n/2 are
/// stored (NumPy's `rfft`/`irfft` layout and normalisation). The pointer methods work in the
/// caller's buffers and allocate nothing when n/2 is a power of two.
public struct RealFFTPlan: Sendable {
    /// The real sequence length n (even).
    public let count: Int
    /// The number of stored spectrum bins, n/2 + 1.
    public var spectrumCount: Int { count / 2 + 1 }
    /// The complex plan of length n/2.
    private let half: FFTPlan
    /// `cos(2πk/n)` and `sin(2πk/n)` for k in 0...n/4, the post-processing twiddles.
    private let cosTable: [Double]
    private let sinTable: [Double]

    /// A plan for real sequences of length `count`.
    ///
    /// - Precondition: `count` is even and at least 2.
    public init(count: Int) {
        precondition(count >= 2 && count % 2 == 0, "real FFT length must be even and at least 2")
        self.count = count
        half = FFTPlan(count: count / 2)
        let angle = 2 * Double.pi / Double(count)
        cosTable = (0...(count / 4)).map { cos(angle * Double($0)) }
        sinTable = (0...(count / 4)).map { sin(angle * Double($0)) }
    }

    /// The forward transform `X[k] = Σ_j x[j] exp(-2πi jk/n)` for k = 0...n/2.
    ///
    /// - Parameters:
    ///   - input: n real samples (read only).
    ///   - real: receives the n/2 + 1 real parts of the spectrum.
    ///   - imag: receives the n/2 + 1 imaginary parts (bins 0 and n/2 are real, so 0 there).
    public func forward(
        _ input: UnsafePointer<Double>, real: UnsafeMutablePointer<Double>, imag: UnsafeMutablePointer<Double>
    ) {
        let h = count / 2
        for j in 0..<h {
            real[j] = input[2 * j]
            imag[j] = input[2 * j + 1]
        }
        half.transform(real: real, imag: imag, direction: .forward)
        let z0r = real[0], z0i = imag[0]
        real[0] = z0r + z0i
        imag[0] = 0
        real[h] = z0r - z0i
        imag[h] = 0
        var k = 1
        while k <= h - k {
            // Even/odd parts Fe, Fo from Z[k] and conj(Z[h-k]); X[k] = Fe + w^k Fo, X[h-k] = conj(Fe - w^k Fo).
            let ar = real[k], ai = imag[k], cr = real[h - k], ci = -imag[h - k]
            let fer = 0.5 * (ar + cr), fei = 0.5 * (ai + ci)
            let for_ = 0.5 * (ai - ci), foi = -0.5 * (ar - cr)
            let wr = cosTable[k], wi = -sinTable[k]
            let tr = wr * for_ - wi * foi, ti = wr * foi + wi * for_
            real[k] = fer + tr
            imag[k] = fei + ti
            real[h - k] = fer - tr
            imag[h - k] = -(fei - ti)
            k += 1
        }
    }

    /// The inverse transform `x[j] = (1/n) Σ_k X[k] exp(+2πi jk/n)` over the full Hermitian
    /// spectrum described by bins 0...n/2.
    ///
    /// - Parameters:
    ///   - real: the n/2 + 1 real parts of the spectrum; overwritten (used as workspace).
    ///   - imag: the n/2 + 1 imaginary parts; overwritten. Imaginary parts of bins 0 and n/2
    ///     are ignored, as for a real sequence they must vanish.
    ///   - output: receives the n real samples.
    public func inverse(
        real: UnsafeMutablePointer<Double>, imag: UnsafeMutablePointer<Double>, output: UnsafeMutablePointer<Double>
    ) {
        let h = count / 2
        let x0 = real[0], xh = real[h]
        real[0] = 0.5 * (x0 + xh)
        imag[0] = 0.5 * (x0 - xh)
        var k = 1
        while k <= h - k {
            // Fe = (X[k] + conj X[h-k])/2, Fo = conj(w^k)(X[k] - conj X[h-k])/2, Z[k] = Fe + i Fo.
            let ar = real[k], ai = imag[k], cr = real[h - k], ci = -imag[h - k]
            let fer = 0.5 * (ar + cr), fei = 0.5 * (ai + ci)
            let dr = 0.5 * (ar - cr), di = 0.5 * (ai - ci)
            let wr = cosTable[k], wi = sinTable[k]
            let for_ = wr * dr - wi * di, foi = wr * di + wi * dr
            real[k] = fer - foi
            imag[k] = fei + for_
            real[h - k] = fer + foi
            imag[h - k] = -fei + for_
            k += 1
        }
        half.transform(real: real, imag: imag, direction: .inverse)
        for j in 0..<h {
            output[2 * j] = real[j]
            output[2 * j + 1] = imag[j]
        }
    }

    /// The forward transform of `input` (n values), returned as n/2 + 1 complex bins.
    ///
    /// - Precondition: `input.count == count`.
    public func forward(_ input: [Double]) -> (real: [Double], imag: [Double]) {
        precondition(input.count == count, "real FFT input length does not match the plan")
        var re = [Double](repeating: 0, count: spectrumCount)
        var im = [Double](repeating: 0, count: spectrumCount)
        input.withUnsafeBufferPointer { x in
            re.withUnsafeMutableBufferPointer { r in
                im.withUnsafeMutableBufferPointer { i in forward(x.baseAddress!, real: r.baseAddress!, imag: i.baseAddress!) }
            }
        }
        return (re, im)
    }

    /// The inverse transform of the n/2 + 1 bins `(real, imag)`, returned as n real values.
    ///
    /// - Precondition: both arrays hold `spectrumCount` values.
    public func inverse(real: [Double], imag: [Double]) -> [Double] {
        precondition(real.count == spectrumCount && imag.count == spectrumCount, "spectrum length does not match the plan")
        var re = real, im = imag
        var out = [Double](repeating: 0, count: count)
        re.withUnsafeMutableBufferPointer { r in
            im.withUnsafeMutableBufferPointer { i in
                out.withUnsafeMutableBufferPointer { o in inverse(real: r.baseAddress!, imag: i.baseAddress!, output: o.baseAddress!) }
            }
        }
        return out
    }
}
