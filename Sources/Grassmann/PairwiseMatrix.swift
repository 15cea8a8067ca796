import Linalg

/// The engine behind distance and kernel matrices: principal angles of many pairs of points,
/// computed on every core, then turned into matrix entries one by one on the caller's thread.
///
/// The bases are concatenated in tiles of about ``tileColumns`` columns; one matrix product
/// per pair of tiles gives every cross product A'B of the pairs in the two tiles at BLAS level-3
/// speed, and the small SVDs of those blocks run concurrently, one row of the tile per task.
/// Each entry depends only on its own pair, so the result does not depend on the scheduling.
enum PairwiseMatrix {
    /// What one entry is, given the angles of its pair and the two points.
    typealias Entry = (PrincipalAngles, GrassmannPoint, GrassmannPoint) throws(GrassmannError) -> Double

    /// Columns of concatenated bases per tile: large enough for an efficient product, small
    /// enough that the symmetric case computes little of the unused lower triangle.
    static let tileColumns = 256

    /// The symmetric matrix of `entry` over all pairs of `points`; the diagonal is the entry of
    /// each point with itself (principal angles all zero). `fromCosinesOnly` trades the accuracy
    /// of small angles (about 1e-8 instead of 1e-16) for speed on close subspaces.
    static func symmetric(
        _ points: [GrassmannPoint], interruption: Interruption, fromCosinesOnly: Bool = false, entry: Entry
    ) throws(GrassmannError) -> Matrix {
        try points.requireCommonSpace("list of points")
        let tiles = Tile.split(points)
        var result = Matrix(rows: points.count, cols: points.count)
        for (t, rowTile) in tiles.enumerated() {
            for columnTile in tiles[t...] {
                if interruption.isRequested { throw .interrupted }
                let angles = try rowTile.angles(with: columnTile, upperOnly: t == columnTile.index, fromCosinesOnly: fromCosinesOnly)
                for (i, row) in angles.enumerated() {
                    for (j, pa) in row {
                        let value = try entry(pa, points[rowTile.start + i], points[j])
                        result[rowTile.start + i, j] = value
                        result[j, rowTile.start + i] = value
                    }
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
        let columnTiles = Tile.split(cols)
        var result = Matrix(rows: rows.count, cols: cols.count)
        for rowTile in Tile.split(rows) {
            for columnTile in columnTiles {
                if interruption.isRequested { throw .interrupted }
                let angles = try rowTile.angles(with: columnTile, upperOnly: false, fromCosinesOnly: false)
                for (i, row) in angles.enumerated() {
                    for (j, pa) in row {
                        result[rowTile.start + i, j] = try entry(pa, rows[rowTile.start + i], cols[j])
                    }
                }
            }
        }
        return result
    }

    /// A run of consecutive points with their bases side by side.
    private struct Tile: Sendable {
        /// The position of the tile in its list of tiles.
        let index: Int
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
                tiles.append(Tile(index: tiles.count, start: start, points: slice,
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
            return try Parallel.map(points.count) { (i) throws(GrassmannError) in
                let a = points[start + i]
                let rowBlock = offsets[i]..<offsets[i + 1]
                return try ((upperOnly ? i + 1 : 0)..<other.points.count).map { (j) throws(GrassmannError) in
                    let b = other.points[other.start + j]
                    let cross = gram.block(rows: rowBlock, cols: other.offsets[j]..<other.offsets[j + 1])
                    return (other.start + j, try PrincipalAngles(cross: cross, a: a.basis, b: b.basis, fromCosinesOnly: fromCosinesOnly))
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
