/// A reusable plan for complex two-dimensional discrete Fourier transforms of an nx × ny grid.
///
/// The grid is stored row by row with x fastest: value (x, y) at index `x + nx * y` (the layout
/// of a Gnuplot or MD grid with rows = y). The transform is
/// `X[kx, ky] = Σ_{x,y} f[x, y] exp(-2πi (kx x/nx + ky y/ny))`, unnormalised forward and scaled
/// by 1/(nx·ny) inverse, as `numpy.fft.fft2` / `ifft2`.
///
/// It applies the one-dimensional plan along x to all rows at once, then along y to all
/// columns at once (the column pass runs its inner loop over contiguous memory). Immutable and
/// `Sendable`; transforms allocate nothing when nx and ny are powers of two.
public struct FFTPlan2D: Sendable {
    /// Number of grid points along x (the fast index).
    public let nx: Int
    /// Number of grid points along y (the slow index).
    public let ny: Int
    private let planX: FFTPlan
    private let planY: FFTPlan

    /// A plan for nx × ny grids.
    ///
    /// - Precondition: `nx >= 1` and `ny >= 1`.
    public init(nx: Int, ny: Int) {
        self.nx = nx
        self.ny = ny
        planX = FFTPlan(count: nx)
        planY = FFTPlan(count: ny)
    }

    /// Transforms the grid in place.
    ///
    /// - Parameters:
    ///   - real: `nx * ny` real parts, x fastest; overwritten by the result.
    ///   - imag: `nx * ny` imaginary parts, same layout.
    ///   - direction: forward (unnormalised) or inverse (scaled by 1/(nx·ny)).
    public func transform(
        real: UnsafeMutablePointer<Double>, imag: UnsafeMutablePointer<Double>, direction: FFTDirection
    ) {
        planX.transform(real: real, imag: imag, batch: ny, elementStride: 1, batchStride: nx, direction: direction)
        planY.transform(real: real, imag: imag, batch: nx, elementStride: nx, batchStride: 1, direction: direction)
    }

    /// Transforms a grid held in two arrays, in place.
    ///
    /// - Precondition: both arrays hold `nx * ny` values.
    public func transform(real: inout [Double], imag: inout [Double], direction: FFTDirection) {
        precondition(real.count == nx * ny && imag.count == nx * ny, "FFT grid size does not match the plan")
        real.withUnsafeMutableBufferPointer { re in
            imag.withUnsafeMutableBufferPointer { im in
                transform(real: re.baseAddress!, imag: im.baseAddress!, direction: direction)
            }
        }
    }

    /// The forward transform into a separate spectrum in transposed order: X[kx, ky] at index
    /// `ky + ny * kx`. Every pass runs over contiguous sequences (the fast layout), and the
    /// one transpose is the copy into the spectrum. Allocation-free.
    ///
    /// - Parameters:
    ///   - real: `nx * ny` real parts, x fastest; used as workspace (overwritten).
    ///   - imag: `nx * ny` imaginary parts; used as workspace.
    ///   - spectrumReal: receives the `nx * ny` real parts of the spectrum, transposed.
    ///   - spectrumImag: receives the imaginary parts, transposed.
    public func forwardTransposed(
        real: UnsafeMutablePointer<Double>, imag: UnsafeMutablePointer<Double>,
        spectrumReal: UnsafeMutablePointer<Double>, spectrumImag: UnsafeMutablePointer<Double>
    ) {
        planY.transform(real: real, imag: imag, batch: nx, direction: .forward)
        FFTPlan2D.transpose(real, into: spectrumReal, rows: ny, columns: nx)
        FFTPlan2D.transpose(imag, into: spectrumImag, rows: ny, columns: nx)
        planX.transform(real: spectrumReal, imag: spectrumImag, batch: ny, direction: .forward)
    }

    /// The inverse of ``forwardTransposed(real:imag:spectrumReal:spectrumImag:)``: from a
    /// spectrum in transposed order back to the grid, x fastest, scaled by 1/(nx·ny).
    ///
    /// - Parameters:
    ///   - spectrumReal: the real parts of the spectrum, transposed; used as workspace.
    ///   - spectrumImag: the imaginary parts, transposed; used as workspace.
    ///   - real: receives the `nx * ny` real parts of the grid.
    ///   - imag: receives the imaginary parts.
    public func inverseTransposed(
        spectrumReal: UnsafeMutablePointer<Double>, spectrumImag: UnsafeMutablePointer<Double>,
        real: UnsafeMutablePointer<Double>, imag: UnsafeMutablePointer<Double>
    ) {
        planX.transform(real: spectrumReal, imag: spectrumImag, batch: ny, direction: .inverse)
        FFTPlan2D.transpose(spectrumReal, into: real, rows: nx, columns: ny)
        FFTPlan2D.transpose(spectrumImag, into: imag, rows: nx, columns: ny)
        planY.transform(real: real, imag: imag, batch: nx, direction: .inverse)
    }

    /// Copies the `rows` × `columns` row-major array `source` into `target` transposed.
    private static func transpose(
        _ source: UnsafeMutablePointer<Double>, into target: UnsafeMutablePointer<Double>, rows: Int, columns: Int
    ) {
        for r in 0..<rows {
            for c in 0..<columns { target[r &+ rows &* c] = source[c &+ columns &* r] }
        }
    }
}
