/// The flat storage layout of the solver's fields: the nx × ny grid padded by two ghost layers
/// on every side (for the ENO2 stencils), x fastest. Corner (i, j) and centre (i, j) share the
/// index `origin + i + stride * j`, for i in −2..<nx+2 and j in −2..<ny+2.
///
/// Each row has two more unused (zero) columns after its ghosts, so that loops processing two
/// neighbouring points at a time (``Pair``) may run one point past the last ghost column.
struct GhostedLayout: Sendable {
    /// Interior cells along x and y.
    let nx: Int, ny: Int
    /// Row length: two ghosts on each side and two padding columns, nx + 6.
    let stride: Int
    /// Total number of stored values, (nx + 6)(ny + 4).
    let count: Int
    /// The index of interior point (0, 0).
    let origin: Int

    init(nx: Int, ny: Int) {
        self.nx = nx
        self.ny = ny
        stride = nx + 6
        count = (nx + 6) * (ny + 4)
        origin = 2 * stride + 2
    }

    /// The storage index of point (i, j).
    @inline(__always) func index(_ i: Int, _ j: Int) -> Int { origin &+ i &+ stride &* j }

    /// Fills the ghost layers of `field` from the periodic images of the interior, adding
    /// `shiftX` to values copied across the x period and `shiftY` across the y period (the
    /// reference map's ±lx and ±ly, `prd_bc`).
    func fillGhosts(_ field: UnsafeMutablePointer<Double>, shiftX: Double = 0, shiftY: Double = 0) {
        func copyRow(_ to: Int, from: Int, shift: Double) {
            let (target, source) = (field + index(0, to), field + index(0, from))
            for i in 0..<nx { target[i] = source[i] + shift }
        }
        copyRow(-2, from: ny - 2, shift: -shiftY)
        copyRow(-1, from: ny - 1, shift: -shiftY)
        copyRow(ny, from: 0, shift: shiftY)
        copyRow(ny + 1, from: 1, shift: shiftY)
        var row = field + index(0, -2)
        for _ in 0..<(ny + 4) {
            row[-2] = row[nx - 2] - shiftX
            row[-1] = row[nx - 1] - shiftX
            row[nx] = row[0] + shiftX
            row[nx + 1] = row[1] + shiftX
            row += stride
        }
    }

    /// Calls `body` with the storage index of the first point of each pair of neighbouring
    /// interior points, row by row. When nx is odd the last pair of a row includes the first
    /// ghost column, so `body` may write there (never into another row).
    @inline(__always) func forEachPair(_ body: (Int) -> Void) {
        for j in 0..<ny {
            var c = index(0, j)
            let end = index(nx, j)
            while c < end {
                body(c)
                c &+= 2
            }
        }
    }
}
