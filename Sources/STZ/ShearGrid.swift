/// The computational grid: nx × ny cells over an lx × ly box in the frame co-moving with the
/// simple shear, periodic in both directions (Lees–Edwards in the physical frame).
///
/// The grid is staggered: cell corners (i Δx, j Δy) carry the velocity and the reference map;
/// cell centres ((i+½) Δx, (j+½) Δy) carry the stresses and χ. Every field matrix of the public
/// API has ny rows (y, from the bottom) and nx columns (x), as the MD and Gnuplot files do.
/// Any size from 4 × 4 works; powers of two get the fast FFT in the projection solve (other
/// sizes use an O(n²) DFT per grid line).
public struct ShearGrid: Sendable, Equatable {
    /// Number of cells along x (columns of every field matrix).
    public var nx: Int
    /// Number of cells along y (rows of every field matrix).
    public var ny: Int
    /// Box width along x, in Å.
    public var lx: Double
    /// Box height along y, in Å.
    public var ly: Double

    /// A grid of `nx` × `ny` cells over an `lx` × `ly` Å box; the defaults are the paper's
    /// 32 × 32 cells over 400 × 400 Å.
    public init(nx: Int = 32, ny: Int = 32, lx: Double = 400, ly: Double = 400) {
        self.nx = nx
        self.ny = ny
        self.lx = lx
        self.ly = ly
    }

    /// The paper's grid: 32 × 32 cells over 400 × 400 Å (Δx = Δy = 12.5 Å).
    public static let paper = ShearGrid()

    /// Cell width Δx, in Å.
    public var dx: Double { lx / Double(nx) }
    /// Cell height Δy, in Å.
    public var dy: Double { ly / Double(ny) }

    /// Checks the grid and throws the first invalid dimension.
    ///
    /// - Throws: ``STZError/invalidParameter(name:value:requirement:)``.
    public func validate() throws(STZError) {
        try require("nx", Double(nx), nx >= 4, "must be at least 4 cells")
        try require("ny", Double(ny), ny >= 4, "must be at least 4 cells")
        try require("lx", lx, lx > 0, "must be > 0 A")
        try require("ly", ly, ly > 0, "must be > 0 A")
    }
}
