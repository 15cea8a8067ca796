import Foundation
import Linalg

/// Interpolation of Grassmann points over a parameter space, the basis of a Grassmann
/// surrogate (UQpy's `GrassmannInterpolation`): the points X_i, known at parameters t_i in R^d,
/// are mapped to the tangent space at a reference point M (by default their Karcher mean),
/// D_i = log_M(X_i); the tangent matrices are interpolated element by element in t; the
/// interpolated tangent is mapped back with exp_M.
///
/// The interpolation is exact at the nodes (up to the log/exp round trip): point(at: t_i) = X_i.
/// Parameters enter through Euclidean distances, so give them comparable scales.
public struct TangentInterpolation: Sendable {
    /// How the tangent matrices are interpolated between the nodes.
    public enum Method: Sendable, Hashable {
        /// Piecewise linear between neighbouring nodes, for one parameter (d = 1); beyond the
        /// first and last node the end segments are extended.
        case linear
        /// Radial basis function interpolation with the Gaussian exp(-r^2 / (2 l^2)), l > 0.
        case gaussian(lengthscale: Double)
        /// Radial basis function interpolation with the thin-plate spline r^2 log r plus a linear
        /// polynomial (SciPy's `RBFInterpolator` default); needs at least d + 1 nodes not all on
        /// one hyperplane.
        case thinPlateSpline
    }

    /// The point whose tangent space holds the interpolation.
    public let reference: GrassmannPoint
    /// The report of the Karcher mean computed as the reference; nil when a reference was given.
    public let karcherReport: KarcherReport?
    /// The interpolation method.
    public let method: Method
    /// The node parameters, one row per point (N x d).
    public let parameters: Matrix
    /// The coefficients: row k multiplies basis function k of ``basisFunctions(at:)``; a column
    /// per element of the n x p tangent matrix (column-major).
    private let coefficients: Matrix

    /// An interpolation of `points` known at the rows of `parameters`.
    ///
    /// - Parameters:
    ///   - reference: the base point of the tangent space; nil (the default) for the Karcher
    ///     mean of the points, computed with `karcher`.
    ///   - interruption: passed to the Karcher mean.
    /// - Throws: ``GrassmannError/emptyList(_:)``, ``GrassmannError/invalidArgument(_:)`` when
    ///   the parameter rows do not match the points, hold NaN, repeat (linear) or the method
    ///   does not fit them, ``GrassmannError/rankMismatch(operation:_:_:)`` and
    ///   ``GrassmannError/dimensionMismatch(_:_:_:)`` for points of different Gr(p, n),
    ///   ``GrassmannError/linearAlgebra(_:)`` when the interpolation system is singular.
    public init(
        points: [GrassmannPoint], parameters: Matrix, method: Method, reference: GrassmannPoint? = nil,
        karcher: KarcherMean = KarcherMean(), interruption: Interruption = .never
    ) throws(GrassmannError) {
        guard !points.isEmpty else { throw .emptyList("list of points") }
        guard parameters.rows == points.count, parameters.cols >= 1 else {
            throw .invalidArgument("parameters must have one row per point (\(points.count)), got \(parameters.shape)")
        }
        guard parameters.allFinite else { throw .nonFinite("parameters") }
        let center: GrassmannPoint
        if let reference {
            center = reference
            self.karcherReport = nil
        } else {
            (center, self.karcherReport) = try karcher.mean(of: points, interruption: interruption)
        }
        let tangents = try Parallel.map(points.count) { (i) throws(GrassmannError) in
            try center.logMap(to: points[i]).matrix.flattened()
        }
        let values = try linalg { () throws(LinalgError) in try Matrix.hcat(tangents).transposed() }  // N x np
        self.reference = center
        self.method = method
        self.parameters = parameters
        self.coefficients = try Self.coefficients(values, parameters, method)
    }

    /// The interpolated tangent vector at `parameter` (d values).
    ///
    /// - Throws: ``GrassmannError/invalidArgument(_:)`` for a parameter of the wrong length or
    ///   holding NaN.
    public func tangent(at parameter: [Double]) throws(GrassmannError) -> TangentVector {
        guard parameter.count == parameters.cols else {
            throw .invalidArgument("parameter must have \(parameters.cols) values, got \(parameter.count)")
        }
        guard parameter.allSatisfy(\.isFinite) else { throw .nonFinite("parameter") }
        let weights = Matrix(column: basisFunctions(at: parameter))
        let flat = try linalg { () throws(LinalgError) in
            var result = Matrix(rows: coefficients.cols, cols: 1)
            try gemm(coefficients, transposeA: true, weights, into: &result)
            return result
        }
        return TangentVector(trusted: reference, matrix: flat.reshaped(rows: reference.ambientDimension, cols: reference.rank))
    }

    /// The interpolated point at `parameter`: exp of ``tangent(at:)``.
    ///
    /// - Throws: as ``tangent(at:)``.
    public func point(at parameter: [Double]) throws(GrassmannError) -> GrassmannPoint {
        try tangent(at: parameter).expMap()
    }

    /// The values of the basis functions at `t`, matching the rows of ``coefficients``.
    private func basisFunctions(at t: [Double]) -> [Double] {
        let n = parameters.rows
        switch method {
        case .linear:
            let order = (0..<n).sorted { parameters[$0, 0] < parameters[$1, 0] }
            let x = t[0]
            // The segment holding x, or the end segment nearest to it.
            let upper = order.dropFirst().firstIndex { parameters[$0, 0] >= x } ?? (n - 1)
            let left = order[upper - 1], right = order[upper]
            let w = (x - parameters[left, 0]) / (parameters[right, 0] - parameters[left, 0])
            var weights = [Double](repeating: 0, count: n)
            weights[left] = 1 - w
            weights[right] = w
            return weights
        case .gaussian(let lengthscale):
            return (0..<n).map { exp(-Self.squaredDistance(t, parameters, $0) / (2 * lengthscale * lengthscale)) }
        case .thinPlateSpline:
            return (0..<n).map { Self.thinPlate(Self.squaredDistance(t, parameters, $0)) } + [1] + t
        }
    }

    /// The coefficients interpolating `values` (N x np) at `parameters` with `method`.
    private static func coefficients(_ values: Matrix, _ parameters: Matrix, _ method: Method) throws(GrassmannError) -> Matrix {
        let n = parameters.rows, d = parameters.cols
        switch method {
        case .linear:
            guard d == 1 else { throw .invalidArgument("linear interpolation needs one parameter, got \(d)") }
            guard n >= 2 else { throw .invalidArgument("linear interpolation needs at least 2 points, got \(n)") }
            guard Set(parameters.elements).count == n else { throw .invalidArgument("linear interpolation needs distinct parameter values") }
            return values
        case .gaussian(let lengthscale):
            guard lengthscale > 0, lengthscale.isFinite else {
                throw .invalidArgument("Gaussian length scale must be positive and finite, got \(lengthscale)")
            }
            let kernel = Matrix(rows: n, cols: n) { i, j in
                exp(-squaredDistance(parameters.row(i).elements, parameters, j) / (2 * lengthscale * lengthscale))
            }
            return try linalg { () throws(LinalgError) in try kernel.solve(values) }
        case .thinPlateSpline:
            guard n >= d + 1 else { throw .invalidArgument("a thin-plate spline in \(d) parameters needs at least \(d + 1) points, got \(n)") }
            // [[Phi, P], [P', 0]] [w; c] = [values; 0] with P = [1, t].
            let size = n + 1 + d
            let system = Matrix(rows: size, cols: size) { i, j in
                switch (i < n, j < n) {
                case (true, true): thinPlate(squaredDistance(parameters.row(i).elements, parameters, j))
                case (true, false): j == n ? 1 : parameters[i, j - n - 1]
                case (false, true): i == n ? 1 : parameters[j, i - n - 1]
                case (false, false): 0
                }
            }
            let rhs = try linalg { () throws(LinalgError) in try Matrix.vcat([values, Matrix(rows: 1 + d, cols: values.cols)]) }
            return try linalg { () throws(LinalgError) in try system.solve(rhs) }
        }
    }

    /// |t - parameters[row, :]|^2.
    private static func squaredDistance(_ t: [Double], _ parameters: Matrix, _ row: Int) -> Double {
        t.indices.reduce(0) { sum, k in
            let difference = t[k] - parameters[row, k]
            return sum + difference * difference
        }
    }

    /// The thin-plate radial function r^2 log r written in r^2: (r^2 / 2) log(r^2), 0 at r = 0.
    private static func thinPlate(_ squared: Double) -> Double {
        squared > 0 ? squared * log(squared) / 2 : 0
    }
}
