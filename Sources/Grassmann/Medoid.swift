import Linalg

/// The medoid of points of one Gr(p, n): the point with the least sum of squared geodesic
/// distances to the others (UQpy's start for the Karcher mean).
///
/// The cross products of all pairs come from the upper triangle of one Gram matrix of the bases
/// side by side (see ``CrossProducts``); the angles of each pair from the eigenvalues of C'C for
/// its p x p block C, the squared cosines (cheaper than the singular values of C), row by row on
/// all cores. Angles from squared cosines are accurate to about 1e-8 near 0 and 90 degrees,
/// plenty to choose a start.
enum Medoid {
    /// The index of the medoid of the points whose bases, each n x p, lie side by side in
    /// `bases` (the first point of least sum when several tie).
    static func index(of bases: Matrix, rank p: Int) throws(GrassmannError) -> Int {
        let count = bases.cols / p
        let gram = CrossProducts.upperTriangle(of: bases)
        let rows = try Parallel.map(count) { (i) throws(GrassmannError) in
            try linalg { () throws(LinalgError) in
                var crossGram = Matrix(rows: p, cols: p)
                return try ((i + 1)..<count).map { (j) throws(LinalgError) in
                    let cross = gram.block(rows: (i * p)..<((i + 1) * p), cols: (j * p)..<((j + 1) * p))
                    try gemm(cross, transposeA: true, cross, into: &crossGram)
                    return try crossGram.symmetricEigenvalues().reduce(0) { sum, squaredCosine in
                        let angle = principalAngle(squaredCosine: squaredCosine)
                        return sum + angle * angle
                    }
                }
            }
        }
        // Row i holds the squared distances from point i to the points after it.
        var sums = [Double](repeating: 0, count: count)
        for (i, row) in rows.enumerated() {
            for (offset, square) in row.enumerated() {
                sums[i] += square
                sums[i + 1 + offset] += square
            }
        }
        return sums.indices.min { sums[$0] < sums[$1] }!
    }
}
