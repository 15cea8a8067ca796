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
}
