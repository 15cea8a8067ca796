import Linalg

/// The engine behind distance and kernel matrices: principal angles of many pairs of points,
/// computed on every core, then turned into matrix entries one by one on the caller's thread.
///
/// The bases are concatenated in tiles of about ``tileColumns`` columns. A block (a pair of
/// tiles) is one task: one matrix product gives the cross products A'B of all its pairs at BLAS
/// level-3 speed, then their small SVDs follow. Rounds of ``roundSize`` blocks run on all cores,
/// with OpenBLAS single-threaded inside them, so nothing waits on nested threads. Each entry
/// depends only on its own pair, so the result does not depend on the scheduling.
enum PairwiseMatrix {
    /// What one entry is, given the angles of its pair and the two points.
    typealias Entry = (PrincipalAngles, GrassmannPoint, GrassmannPoint) throws(GrassmannError) -> Double

    /// Columns of concatenated bases per tile: large enough for an efficient product, small
    /// enough for blocks to share the cores evenly and for diagonal blocks (of which only the
    /// upper triangle is needed) to waste little.
    static let tileColumns = 128

    /// Blocks per parallel round: enough to keep every core busy, few enough to bound the memory
    /// of the angles held until their entries are evaluated.
    static let roundSize = 32

    /// The symmetric matrix of `entry` over all pairs of `points`; the diagonal is the entry of
    /// each point with itself (principal angles all zero). `fromCosinesOnly` trades the accuracy
    /// of small angles (about 1e-8 instead of 1e-16) for speed on close subspaces.
    static func symmetric(
        _ points: [GrassmannPoint], interruption: Interruption, fromCosinesOnly: Bool = false, entry: Entry
    ) throws(GrassmannError) -> Matrix {
        try points.requireCommonSpace("list of points")
        let tiles = Tile.split(points)
        let blocks = tiles.indices.flatMap { t in tiles.indices[t...].map { (t, $0) } }
        var result = Matrix(rows: points.count, cols: points.count)
        try forEachPair(in: blocks, rowTiles: tiles, columnTiles: tiles, symmetric: true, fromCosinesOnly: fromCosinesOnly,
                        interruption: interruption) { (i, j, pa) throws(GrassmannError) in
            let value = try entry(pa, points[i], points[j])
            result[i, j] = value
            result[j, i] = value
        }
        for (i, point) in points.enumerated() {
            result[i, i] = try entry(.identical(rank: point.rank), point, point)
        }
        return result
    }

    /// The `rows.count` x `cols.count` matrix of `entry` over every pair (row point, column point).
    static func cross(
        _ rows: [GrassmannPoint], _ cols: [GrassmannPoint], interruption: Interruption, entry: Entry
    ) throws(GrassmannError) -> Matrix {
        try rows.requireCommonSpace("list of row points")
        try cols.requireCommonSpace("list of column points")
        try rows[0].requireSameSpace(cols[0])
        let rowTiles = Tile.split(rows), columnTiles = Tile.split(cols)
        let blocks = rowTiles.indices.flatMap { r in columnTiles.indices.map { (r, $0) } }
        var result = Matrix(rows: rows.count, cols: cols.count)
        try forEachPair(in: blocks, rowTiles: rowTiles, columnTiles: columnTiles, symmetric: false, fromCosinesOnly: false,
                        interruption: interruption) { (i, j, pa) throws(GrassmannError) in
            result[i, j] = try entry(pa, rows[i], cols[j])
        }
        return result
    }

    /// Computes the angles of every pair of points in `blocks` (pairs of tile positions; with
    /// `symmetric`, only i < j within a tile paired with itself), a round of blocks at a time on
    /// all cores, and passes each pair (row point index, column point index, angles) to
    /// `consume` on the caller's thread, in block order.
    private static func forEachPair(
        in blocks: [(Int, Int)], rowTiles: [Tile], columnTiles: [Tile], symmetric: Bool, fromCosinesOnly: Bool,
        interruption: Interruption, _ consume: (Int, Int, PrincipalAngles) throws(GrassmannError) -> Void
    ) throws(GrassmannError) {
        for first in stride(from: 0, to: blocks.count, by: roundSize) {
            if interruption.isRequested { throw .interrupted }
            let round = Array(blocks[first..<Swift.min(first + roundSize, blocks.count)])
            let angles = try Parallel.map(round.count) { (b) throws(GrassmannError) in
                let (r, c) = round[b]
                return try rowTiles[r].angles(with: columnTiles[c], upperOnly: symmetric && r == c, fromCosinesOnly: fromCosinesOnly)
            }
            for (block, rows) in zip(round, angles) {
                for (i, row) in rows.enumerated() {
                    for (j, pa) in row { try consume(rowTiles[block.0].start + i, j, pa) }
                }
            }
        }
    }

    /// A run of consecutive points with their bases side by side.
    private struct Tile: Sendable {
        /// The points' index of the tile's first point.
        let start: Int
        /// The tile's points.
        let points: ArraySlice<GrassmannPoint>
        /// The bases side by side, n x (sum of the ranks).
        let bases: Matrix
        /// The first column of each point's basis in `bases`.
        let offsets: [Int]

        /// `points` cut into tiles of about ``tileColumns`` columns each.
        static func split(_ points: [GrassmannPoint]) -> [Tile] {
            var tiles = [Tile](), start = 0
            while start < points.count {
                var end = start, columns = 0
                while end < points.count && (end == start || columns + points[end].rank <= tileColumns) {
                    columns += points[end].rank
                    end += 1
                }
                let slice = points[start..<end]
                let offsets = slice.reduce(into: [0]) { $0.append($0.last! + $1.rank) }
                tiles.append(Tile(start: start, points: slice,
                                  bases: try! Matrix.hcat(slice.map(\.basis)),  // same row count, checked by the caller
                                  offsets: offsets))
                start = end
            }
            return tiles
        }

        /// For each point of this tile, the angles with the points of `other` as (column point
        /// index, angles) pairs; with `upperOnly` (a tile with itself) only the pairs i < j.
        func angles(with other: Tile, upperOnly: Bool, fromCosinesOnly: Bool) throws(GrassmannError) -> [[(Int, PrincipalAngles)]] {
            let gram = try linalg { () throws(LinalgError) in
                var product = Matrix(rows: bases.cols, cols: other.bases.cols)
                try gemm(bases, transposeA: true, other.bases, into: &product)
                return product
            }
            return try points.indices.map { (index) throws(GrassmannError) in
                let i = index - start
                return try ((upperOnly ? i + 1 : 0)..<other.points.count).map { (j) throws(GrassmannError) in
                    let cross = gram.block(rows: offsets[i]..<offsets[i + 1], cols: other.offsets[j]..<other.offsets[j + 1])
                    let angles = try PrincipalAngles(
                        cross: cross, a: points[index].basis, b: other.points[other.start + j].basis, fromCosinesOnly: fromCosinesOnly)
                    return (other.start + j, angles)
                }
            }
        }
    }
}

extension PrincipalAngles {
    /// The angles of a p-dimensional subspace with itself: all zero, cosines all one.
    static func identical(rank: Int) -> PrincipalAngles {
        PrincipalAngles(angles: Array(repeating: 0, count: rank), cosines: Array(repeating: 1, count: rank),
                        rankA: rank, rankB: rank)
    }
}
