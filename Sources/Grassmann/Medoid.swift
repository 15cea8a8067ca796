import Foundation
import Linalg

/// The medoid of points of one Gr(p, n): the point with the least sum of squared geodesic
/// distances to the others (UQpy's start for the Karcher mean).
///
/// The bases come in runs, each run's bases side by side (see ``KarcherMean``), so the cross
/// products of two runs are one product: every pair of runs is a task of ``Parallel/map`` that
/// forms that product and takes the angles of its pairs from the singular values of their
/// p x p blocks. The angles come from their cosines only: accurate to about 1e-8 for tiny
/// angles, plenty to choose a start.
enum Medoid {
    /// The index of the medoid of the points whose bases, each n x p, lie side by side in `runs`
    /// (the first point of least sum when several tie).
    static func index(ofRuns runs: [Matrix], rank p: Int) throws(GrassmannError) -> Int {
        let firstPoint = runs.reduce(into: [0]) { $0.append($0.last! + $1.cols / p) }
        let count = firstPoint.last!
        let runPairs = runs.indices.flatMap { a in (a..<runs.count).map { b in (a, b) } }
        let blocks = try Parallel.map(runPairs.count) { (task) throws(GrassmannError) in
            let (a, b) = runPairs[task]
            return try squaredDistances(runs[a], runs[b], rank: p, sameRun: a == b)
        }
        var squares = Matrix(rows: count, cols: count)
        for ((a, b), block) in zip(runPairs, blocks) {
            for (i, j, square) in block {
                squares[firstPoint[a] + i, firstPoint[b] + j] = square
                squares[firstPoint[b] + j, firstPoint[a] + i] = square
            }
        }
        return try linalg { () throws(LinalgError) in try squares.sum(along: .rows).argmin().col }
    }

    /// The squared geodesic distances between the points of run `a` (i) and run `b` (j), as
    /// (i, j, distance squared); only the pairs i < j when the runs are the same.
    private static func squaredDistances(_ a: Matrix, _ b: Matrix, rank p: Int, sameRun: Bool) throws(GrassmannError) -> [(Int, Int, Double)] {
        try linalg { () throws(LinalgError) in
            var crosses: Matrix
            if sameRun {
                crosses = a.gramUpperTriangle()
            } else {
                crosses = Matrix(rows: a.cols, cols: b.cols)
                try gemm(a, transposeA: true, b, into: &crosses)
            }
            var result = [(Int, Int, Double)]()
            for i in 0..<(a.cols / p) {
                for j in (sameRun ? i + 1 : 0)..<(b.cols / p) {
                    let cosines = try crosses.block(rows: (i * p)..<((i + 1) * p), cols: (j * p)..<((j + 1) * p)).singularValues()
                    result.append((i, j, cosines.reduce(0) { sum, cosine in
                        let angle = acos(Swift.min(cosine, 1))
                        return sum + angle * angle
                    }))
                }
            }
            return result
        }
    }
}
