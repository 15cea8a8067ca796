import Linalg

extension GrassmannPoint {
    /// The Frechet variance of `points` about this point, (1/N) sum d(self, X_i)^2, for the
    /// distance d of `metric` (the geodesic distance by default, the one the Karcher mean
    /// minimises).
    ///
    /// - Throws: ``GrassmannError/emptyList(_:)``, ``GrassmannError/dimensionMismatch(_:_:_:)``,
    ///   a custom metric's errors.
    public func frechetVariance(
        of points: [GrassmannPoint], metric: GrassmannMetric = .geodesic
    ) throws(GrassmannError) -> Double {
        let distances = try metric.distanceMatrix(from: [self], to: points)
        return distances.elements.reduce(0) { $0 + $1 * $1 } / Double(points.count)
    }
}
