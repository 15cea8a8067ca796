import Foundation

/// A uniform periodic grid in one or two dimensions, the domain of the field tier.
///
/// The domain is [0, lengthX) × [0, lengthY) (lengths in the units of x; the default 2π makes
/// the wavenumbers integers). A one-dimensional grid has `ny == 1`. Fields on the grid are
/// stored x fastest: the value at (i, j) sits at index `i + nx * j`. Grid sizes must be even
/// along x (the one-dimensional transform is a real FFT of even length); powers of two are
/// fastest.
public struct PeriodicGrid: Sendable, Equatable, CustomStringConvertible {
    /// Number of points along x.
    public let nx: Int
    /// Number of points along y (1 for a one-dimensional grid).
    public let ny: Int
    /// The period along x.
    public let lengthX: Double
    /// The period along y (unused when `ny == 1`).
    public let lengthY: Double

    /// A one-dimensional grid of `points` points on [0, `length`).
    ///
    /// - Throws: ``OnsagerError/invalidArgument(function:message:)`` unless `points` is even and
    ///   at least 4 and `length` is positive and finite.
    public init(points: Int, length: Double = 2 * Double.pi) throws(OnsagerError) {
        try self.init(nx: points, ny: 1, lengthX: length, lengthY: length)
    }

    /// A two-dimensional grid of `nx` × `ny` points on [0, `lengthX`) × [0, `lengthY`)
    /// (`ny == 1` gives a one-dimensional grid).
    ///
    /// - Throws: ``OnsagerError/invalidArgument(function:message:)`` unless `nx` is even and at
    ///   least 4, `ny` is 1 or even and at least 4, the total size is at most 2^24 points, and the
    ///   lengths are positive and finite.
    public init(nx: Int, ny: Int, lengthX: Double = 2 * Double.pi, lengthY: Double = 2 * Double.pi)
        throws(OnsagerError)
    {
        try require(nx >= 4 && nx % 2 == 0, "grid", "nx must be even and at least 4, got \(nx)")
        try require(ny == 1 || (ny >= 4 && ny % 2 == 0), "grid", "ny must be 1 or even and at least 4, got \(ny)")
        try require(nx <= 1 << 24 && ny <= 1 << 24 && nx * ny <= 1 << 24, "grid", "a \(nx)x\(ny) grid is too large")
        try require(lengthX > 0 && lengthX.isFinite && lengthY > 0 && lengthY.isFinite, "grid",
                    "lengths must be positive and finite")
        self.nx = nx
        self.ny = ny
        self.lengthX = lengthX
        self.lengthY = lengthY
    }

    /// 1 or 2.
    public var dimension: Int { ny == 1 ? 1 : 2 }
    /// The number of grid points, `nx * ny`.
    public var count: Int { nx * ny }
    /// The grid spacing along x.
    public var spacingX: Double { lengthX / Double(nx) }
    /// The grid spacing along y (the grid is one cell thick in 1D: spacing 1).
    public var spacingY: Double { ny == 1 ? 1 : lengthY / Double(ny) }
    /// The volume of one cell, the quadrature weight of every point: dx in 1D, dx·dy in 2D.
    /// Integrals over the domain are `cellVolume * Σ f`.
    public var cellVolume: Double { spacingX * spacingY }

    /// The coordinates of point `index` (x fastest).
    public func coordinates(of index: Int) -> (x: Double, y: Double) {
        (Double(index % nx) * spacingX, ny == 1 ? 0 : Double(index / nx) * spacingY)
    }

    /// `256 points on [0, 6.283)` or `128x128 points on [0, 6.283)x[0, 6.283)`.
    public var description: String {
        let fx = String(format: "%.4g", lengthX), fy = String(format: "%.4g", lengthY)
        return ny == 1 ? "\(nx) points on [0, \(fx))" : "\(nx)x\(ny) points on [0, \(fx))x[0, \(fy))"
    }
}
