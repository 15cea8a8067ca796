import Foundation
import Linalg

/// The spectrum of a real field: one complex coefficient per stored mode, split into real and
/// imaginary parts (see ``SpectralTransform`` for the layout and normalisation).
public struct Spectrum: Sendable, Equatable {
    /// Real parts, one per mode.
    public var real: [Double]
    /// Imaginary parts, one per mode.
    public var imag: [Double]

    /// A spectrum of `count` zero coefficients.
    public init(count: Int) {
        real = [Double](repeating: 0, count: count)
        imag = real
    }

    /// A spectrum holding the given parts.
    ///
    /// - Precondition: both arrays have the same length.
    public init(real: [Double], imag: [Double]) {
        precondition(real.count == imag.count, "spectrum parts differ in length")
        self.real = real
        self.imag = imag
    }

    /// The number of modes.
    public var count: Int { real.count }
}

/// Fourier transforms of real fields on a ``PeriodicGrid``, with the wave vector, Parseval
/// weight and symmetry of every stored mode.
///
/// **FFT choice.** The transforms are the project's own tested FFTs from Linalg
/// (``RealFFTPlan`` in 1D, ``FFTPlan2D`` in 2D: iterative radix-4/radix-2 Cooley–Tukey for
/// powers of two, an exact O(n²) DFT otherwise), not FFTW: no GPL dependency, one code path
/// tested against a naive DFT, and the grids here (at most 256 points in 1D, 128² in 2D) are
/// small enough that FFTW's planner would buy little.
///
/// **Layout and normalisation** (NumPy's): the forward transform is unnormalised,
/// `û_k = Σ_x u_x e^{-i k·x}`, the inverse carries 1/N.
/// - 1D: the half spectrum of `numpy.fft.rfft`, modes j = 0 ... nx/2 with k = 2πj/L.
///   Each stored mode j with 0 < j < nx/2 stands for the pair ±k: its **Parseval weight
///   (multiplicity) is 2**; the mean (j = 0) and the Nyquist mode (j = nx/2) have weight 1.
/// - 2D: the full spectrum of `numpy.fft.fft2`, mode (i, j) at index `i + nx * j`, signed
///   wavenumbers (kx, ky); every weight is 1.
///
/// With these weights the discrete L² inner product `⟨f, g⟩ = cellVolume Σ_x f_x g_x` is
/// `cellVolume / N Σ_modes weight_k Re(conj(f̂_k) ĝ_k)` (``innerProduct(_:_:)``). Forgetting the
/// weights makes the "μ" that drives the dynamics differ silently from the gradient of the
/// energy that is reported.
///
/// A mode that is its own negative (k = 0, and the Nyquist modes) is **self-conjugate**: an
/// odd symbol (the conservative part) vanishes there.
public struct SpectralTransform: Sendable {
    /// The grid.
    public let grid: PeriodicGrid
    /// The number of stored modes: nx/2 + 1 in 1D, nx·ny in 2D.
    public let modeCount: Int
    /// The x component of each mode's wave vector.
    public let kx: [Double]
    /// The y component of each mode's wave vector (0 in 1D).
    public let ky: [Double]
    /// |k|² of each mode.
    public let kSquared: [Double]
    /// The Parseval weight of each mode (1 or 2 in 1D, 1 in 2D).
    public let multiplicity: [Double]
    /// `true` for modes equal to their own negative (an odd symbol is zero there).
    public let isSelfConjugate: [Bool]
    /// The integer radius of each mode, `round(sqrt(i² + j²))` with i, j its signed indices:
    /// the shell index of the nonlocal energy term.
    public let shell: [Int]
    /// The index of the mode -k in 2D; in 1D each stored mode stands for ±k and is its own entry.
    public let partner: [Int]
    private let plan: Plan

    private enum Plan: Sendable {
        case line(RealFFTPlan)
        case plane(FFTPlan2D)
    }

    /// The transform for `grid`.
    public init(grid: PeriodicGrid) {
        self.grid = grid
        let (nx, ny) = (grid.nx, grid.ny)
        let fx = 2 * Double.pi / grid.lengthX, fy = 2 * Double.pi / grid.lengthY
        if ny == 1 {
            modeCount = nx / 2 + 1
            kx = (0..<modeCount).map { fx * Double($0) }
            ky = [Double](repeating: 0, count: modeCount)
            multiplicity = (0..<modeCount).map { $0 == 0 || $0 == nx / 2 ? 1 : 2 }
            isSelfConjugate = (0..<modeCount).map { $0 == 0 || $0 == nx / 2 }
            shell = Array(0..<modeCount)
            partner = Array(0..<modeCount)
            plan = .line(RealFFTPlan(count: nx))
        } else {
            modeCount = nx * ny
            func signed(_ i: Int, _ n: Int) -> Int { i <= n / 2 ? i : i - n }
            var kx = [Double](), ky = [Double](), selfConjugate = [Bool](), shell = [Int](), partner = [Int]()
            for j in 0..<ny {
                for i in 0..<nx {
                    let (si, sj) = (signed(i, nx), signed(j, ny))
                    kx.append(fx * Double(si))
                    ky.append(fy * Double(sj))
                    selfConjugate.append((i == 0 || i == nx / 2) && (j == 0 || j == ny / 2))
                    shell.append(Int((Double(si * si + sj * sj)).squareRoot().rounded()))
                    partner.append((nx - i) % nx + nx * ((ny - j) % ny))
                }
            }
            self.kx = kx
            self.ky = ky
            isSelfConjugate = selfConjugate
            self.shell = shell
            self.partner = partner
            multiplicity = [Double](repeating: 1, count: modeCount)
            plan = .plane(FFTPlan2D(nx: nx, ny: ny))
        }
        kSquared = zip(kx, ky).map { $0 * $0 + $1 * $1 }
    }

    /// The forward transform of `field` (`grid.count` values) into `real` and `imag`
    /// (`modeCount` values each).
    public func forward(
        _ field: UnsafePointer<Double>, real: UnsafeMutablePointer<Double>, imag: UnsafeMutablePointer<Double>
    ) {
        switch plan {
        case .line(let p):
            p.forward(field, real: real, imag: imag)
        case .plane(let p):
            real.update(from: field, count: modeCount)
            imag.update(repeating: 0, count: modeCount)
            p.transform(real: real, imag: imag, direction: .forward)
        }
    }

    /// The inverse transform of the spectrum in `real` and `imag` into `field`. The spectrum is
    /// used as workspace and overwritten. In 2D the imaginary part of the result (zero for the
    /// spectrum of a real field) is dropped.
    public func inverse(
        real: UnsafeMutablePointer<Double>, imag: UnsafeMutablePointer<Double>, field: UnsafeMutablePointer<Double>
    ) {
        switch plan {
        case .line(let p):
            p.inverse(real: real, imag: imag, output: field)
        case .plane(let p):
            p.transform(real: real, imag: imag, direction: .inverse)
            field.update(from: real, count: modeCount)
        }
    }

    /// The spectrum of `field`.
    ///
    /// - Precondition: `field.count == grid.count`.
    public func forward(_ field: [Double]) -> Spectrum {
        precondition(field.count == grid.count, "field size does not match the grid")
        var s = Spectrum(count: modeCount)
        field.withUnsafeBufferPointer { f in
            s.real.withUnsafeMutableBufferPointer { r in
                s.imag.withUnsafeMutableBufferPointer { i in forward(f.baseAddress!, real: r.baseAddress!, imag: i.baseAddress!) }
            }
        }
        return s
    }

    /// The field whose spectrum is `spectrum`.
    ///
    /// - Precondition: `spectrum.count == modeCount`.
    public func inverse(_ spectrum: Spectrum) -> [Double] {
        precondition(spectrum.count == modeCount, "spectrum size does not match the grid")
        var s = spectrum
        var field = [Double](repeating: 0, count: grid.count)
        s.real.withUnsafeMutableBufferPointer { r in
            s.imag.withUnsafeMutableBufferPointer { i in
                field.withUnsafeMutableBufferPointer { f in inverse(real: r.baseAddress!, imag: i.baseAddress!, field: f.baseAddress!) }
            }
        }
        return field
    }

    /// The discrete L² inner product `cellVolume Σ_x f_x g_x` of two fields.
    public func innerProduct(_ f: [Double], _ g: [Double]) -> Double {
        var sum = CompensatedSum()
        for i in 0..<f.count { sum.add(f[i] * g[i]) }
        return grid.cellVolume * sum.value
    }

    /// The same inner product from the spectra, with the Parseval weights:
    /// `cellVolume / N Σ_k weight_k Re(conj(f̂_k) ĝ_k)`.
    public func innerProduct(_ f: Spectrum, _ g: Spectrum) -> Double {
        var sum = CompensatedSum()
        for k in 0..<modeCount { sum.add(multiplicity[k] * (f.real[k] * g.real[k] + f.imag[k] * g.imag[k])) }
        return grid.cellVolume / Double(grid.count) * sum.value
    }
}

/// Neumaier's compensated summation: sums of many terms (energies, inner products) accurate to
/// about one rounding of the result, so that energy differences of 1e-12 are measurable.
struct CompensatedSum {
    private var sum = 0.0
    private var compensation = 0.0

    mutating func add(_ x: Double) {
        let t = sum + x
        if abs(sum) >= abs(x) { compensation += (sum - t) + x } else { compensation += (x - t) + sum }
        sum = t
    }

    var value: Double { sum + compensation }
}

extension SpectralTransform {
    /// The adjoint of ``inverse(_:)`` for the real inner products Σ_x on fields and
    /// Σ_k (Re·Re + Im·Im) on spectra: (weight_k / N) times the forward transform. It turns the
    /// gradient of a loss with respect to a field into the gradient with respect to (Re, Im) of
    /// its spectrum.
    public func adjointOfInverse(_ fieldGradient: [Double]) -> Spectrum {
        var s = forward(fieldGradient)
        let n = Double(grid.count)
        for k in 0..<modeCount {
            s.real[k] *= multiplicity[k] / n
            s.imag[k] *= multiplicity[k] / n
        }
        return s
    }

    /// The adjoint of ``forward(_:)`` for the same inner products: N times the inverse transform
    /// of the spectrum divided by the weights. The imaginary parts on self-conjugate modes,
    /// which no real field produces, are ignored.
    public func adjointOfForward(_ spectrumGradient: Spectrum) -> [Double] {
        var s = spectrumGradient
        let n = Double(grid.count)
        for k in 0..<modeCount {
            s.real[k] *= n / multiplicity[k]
            s.imag[k] *= n / multiplicity[k]
        }
        return inverse(s)
    }
}
