import Linalg

extension GrassmannMetric {
    /// The symmetric N x N matrix of distances between all pairs of `points`, with the distance
    /// of each point to itself on the diagonal (0 for every built-in metric).
    ///
    /// The principal angles are computed on all cores; a custom metric is then called serially
    /// on the caller's thread. The result does not depend on the number of threads.
    ///
    /// - Throws: ``GrassmannError/emptyList(_:)``, ``GrassmannError/dimensionMismatch(_:_:_:)``
    ///   when the points live in different spaces, ``GrassmannError/interrupted`` when
    ///   `interruption` is requested (checked between blocks of pairs), a custom metric's errors.
    public func distanceMatrix(
        _ points: [GrassmannPoint], interruption: Interruption = .never
    ) throws(GrassmannError) -> Matrix {
        try PairwiseMatrix.symmetric(points, interruption: interruption, entry: evaluate)
    }

    /// The `rows.count` x `cols.count` matrix of distances from each of `rows` to each of `cols`.
    ///
    /// - Throws: as ``distanceMatrix(_:interruption:)``.
    public func distanceMatrix(
        from rows: [GrassmannPoint], to cols: [GrassmannPoint], interruption: Interruption = .never
    ) throws(GrassmannError) -> Matrix {
        try PairwiseMatrix.cross(rows, cols, interruption: interruption, entry: evaluate)
    }
}
