import Linalg

/// The engine behind distance and kernel matrices: principal angles of many pairs of points,
/// computed on every core, then turned into matrix entries one by one on the caller's thread.
///
/// The bases are concatenated in tiles of up to ``tileColumns`` columns. For each block (a pair
/// of tiles) one product gives the cross products A'B of all its pairs at BLAS level-3 speed, on
/// all cores (the upper triangle alone for a tile with itself; see ``CrossProducts``). The small
/// SVDs of its pairs follow, row by row on all cores, in rounds of about ``pairsPerRound``
/// pairs. Neither wakes OpenBLAS's own threads (see ``Parallel``). Each entry depends only on
/// its own pair, so the result does not depend on the scheduling.
enum PairwiseMatrix {
    /// What one entry is, given the angles of its pair and the two points.
    typealias Entry = (PrincipalAngles, GrassmannPoint, GrassmannPoint) throws(GrassmannError) -> Double

    /// Columns of concatenated bases per tile: a block's cross products take at most 8 MB, and
    /// products this large run near the machine's peak.
    static let tileColumns = 1024

    /// Pairs per parallel round: enough to keep every core busy, few enough to bound the memory
    /// of the angles held until their entries are evaluated (and the wait for an interruption).
    static let pairsPerRound = 4096

    /// The symmetric matrix of `entry` over all pairs of `points`; the diagonal is the entry of
    /// each point with itself (principal angles all zero).
    static func symmetric(
        _ points: [GrassmannPoint], interruption: Interruption, entry: Entry
    ) throws(GrassmannError) -> Matrix {
        try points.requireCommonSpace("list of points")
        let tiles = Tile.split(points)
        var result = Matrix(rows: points.count, cols: points.count)
        for t in tiles.indices {
            for u in t..<tiles.count {
                let block = Block(rows: tiles[t], cols: tiles[u], upperOnly: t == u)
                try block.forEachPair(interruption: interruption) { (i, j, pa) throws(GrassmannError) in
                    let value = try entry(pa, points[i], points[j])
                    result[i, j] = value
                    result[j, i] = value
                }
            }
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
        var result = Matrix(rows: rows.count, cols: cols.count)
        for rowTile in rowTiles {
            for columnTile in columnTiles {
                let block = Block(rows: rowTile, cols: columnTile, upperOnly: false)
                try block.forEachPair(interruption: interruption) { (i, j, pa) throws(GrassmannError) in
                    result[i, j] = try entry(pa, rows[i], cols[j])
                }
            }
        }
        return result
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
    }

    /// The pairs of a row tile and a column tile, with all their cross products.
    private struct Block: Sendable {
        let rows: Tile, cols: Tile
        /// Only the pairs i < j (a tile with itself).
        let upperOnly: Bool
        /// The cross products of every pair: rows.bases' cols.bases (its upper triangle when
        /// `upperOnly`).
        let gram: Matrix

        /// The block, its cross products computed on all cores.
        init(rows: Tile, cols: Tile, upperOnly: Bool) {
            self.rows = rows
            self.cols = cols
            self.upperOnly = upperOnly
            gram = upperOnly ? CrossProducts.upperTriangle(of: rows.bases) : CrossProducts.product(rows.bases, cols.bases)
        }

        /// Computes the angles of every pair, a round of rows at a time on all cores, and passes
        /// each pair (row point index, column point index, angles) to `consume` on the caller's
        /// thread, row by row.
        func forEachPair(
            interruption: Interruption, _ consume: (Int, Int, PrincipalAngles) throws(GrassmannError) -> Void
        ) throws(GrassmannError) {
            let rowsPerRound = Swift.max(1, pairsPerRound / cols.points.count)
            for first in stride(from: 0, to: rows.points.count, by: rowsPerRound) {
                if interruption.isRequested { throw .interrupted }
                let last = Swift.min(first + rowsPerRound, rows.points.count)
                let angles = try Parallel.map(last - first) { (k) throws(GrassmannError) in try self.angles(ofRow: first + k) }
                for (k, row) in angles.enumerated() {
                    for (j, pa) in row { try consume(rows.start + first + k, j, pa) }
                }
            }
        }

        /// The angles of row point `i` (position in the row tile) with the column points (those
        /// after it when `upperOnly`), as (column point index, angles) pairs.
        private func angles(ofRow i: Int) throws(GrassmannError) -> [(Int, PrincipalAngles)] {
            let a = rows.points[rows.start + i]
            return try ((upperOnly ? i + 1 : 0)..<cols.points.count).map { (j) throws(GrassmannError) in
                let cross = gram.block(rows: rows.offsets[i]..<rows.offsets[i + 1], cols: cols.offsets[j]..<cols.offsets[j + 1])
                let b = cols.points[cols.start + j]
                return (cols.start + j, try PrincipalAngles(cross: cross, a: a.basis, b: b.basis))
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
