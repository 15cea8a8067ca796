import Linalg

extension GrassmannPoint {
    /// The column space of `matrix` (n x m) as a point of Gr(p, n): its leading p left singular
    /// vectors, with p chosen by `rule`, keeping the p singular values and right singular vectors.
    ///
    /// This is UQpy's `SVDProjection` and the paper's projection (no centring, no scaling: a
    /// subspace does not depend on the scale of the matrix).
    ///
    /// - Throws: ``GrassmannError/nonFinite(_:)`` for NaN or infinity, the rule's errors (see
    ///   ``RankRule``), ``GrassmannError/linearAlgebra(_:)`` if the SVD does not converge.
    public init(projecting matrix: Matrix, rank rule: RankRule) throws(GrassmannError) {
        try self.init(projecting: matrix, rank: rule, name: "matrix")
    }

    /// As ``init(projecting:rank:)``, naming the input `name` in errors.
    init(projecting matrix: Matrix, rank rule: RankRule, name: String) throws(GrassmannError) {
        guard matrix.allFinite else { throw .nonFinite(name) }
        guard matrix.count > 0 else { throw .invalidArgument("\(name) is empty (\(matrix.shape))") }
        let svd = try linalg { () throws(LinalgError) in try matrix.svd() }
        let p = try rule.rank(for: svd.singularValues, shape: matrix.shape)
        self.init(trusted: svd.u.columns(0..<p), singularValues: Array(svd.singularValues.prefix(p)),
                  rightVectors: svd.vt.rows(0..<p).transposed())
    }

    /// Each matrix projected as ``init(projecting:rank:)`` with the same rule (so the ranks may
    /// differ from matrix to matrix under a tolerance or energy rule).
    ///
    /// - Throws: as ``init(projecting:rank:)``, naming the matrix by its 1-based position.
    public static func project(_ matrices: [Matrix], rank rule: RankRule) throws(GrassmannError) -> [GrassmannPoint] {
        guard !matrices.isEmpty else { throw .emptyList("list of matrices") }
        return try Parallel.map(matrices.count) { (i) throws(GrassmannError) in
            try GrassmannPoint(projecting: matrices[i], rank: rule, name: "matrix \(i + 1)")
        }
    }
}
