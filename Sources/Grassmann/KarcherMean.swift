import Linalg

/// The Karcher (Riemannian, Frechet) mean of points of Gr(p, n): the minimiser of the Frechet
/// variance F(M) = (1/N) sum d_geodesic(M, X_i)^2, found by Riemannian gradient descent.
///
/// The negative gradient of F/2 at M is the mean tangent vector G = (1/N) sum log_M(X_i); each
/// iteration moves to exp_M(step * G). With the default step 1 this is the classical fixed-point
/// iteration, which converges linearly for points within a geodesic ball of radius below pi/4.
/// The accelerated variant adds Nesterov momentum by extrapolating along the geodesic through
/// the last two iterates, restarting the momentum whenever the gradient norm grows.
public struct KarcherMean {
    /// Where the iteration starts.
    public enum Start: Sendable {
        /// The sample point of smallest Frechet variance (UQpy's choice): N^2/2 geodesic
        /// distances, from the cosines of the principal angles (see ``Medoid``).
        case medoid
        /// The first point of the list.
        case first
        /// A given point.
        case point(GrassmannPoint)
    }

    /// The step length multiplying the mean tangent vector, in (0, 2).
    public var step: Double = 1
    /// Convergence when the gradient norm ||G||_F falls to this value or below.
    public var tolerance: Double = 1e-10
    /// The iteration limit; the report says whether the tolerance was reached before it.
    public var maximumIterations: Int = 1000
    /// Nesterov-accelerated gradient descent instead of plain descent.
    public var accelerated: Bool = false
    /// The starting point.
    public var start: Start = .medoid

    /// The default settings (step 1, tolerance 1e-10, at most 1000 iterations, plain descent,
    /// starting at the medoid).
    public init() {}

    /// The mean of `points` and a report of the iteration.
    ///
    /// - Parameters:
    ///   - interruption: polled once per iteration.
    ///   - progress: called after each iteration with its number (from 1) and the gradient norm.
    /// - Throws: ``GrassmannError/emptyList(_:)``, ``GrassmannError/dimensionMismatch(_:_:_:)``,
    ///   ``GrassmannError/rankMismatch(operation:_:_:)`` for points (or a start) of different
    ///   dimensions, ``GrassmannError/invalidArgument(_:)`` for a step outside (0, 2), a negative
    ///   tolerance or iteration limit, ``GrassmannError/interrupted``.
    public func mean(
        of points: [GrassmannPoint], interruption: Interruption = .never, progress: ((Int, Double) -> Void)? = nil
    ) throws(GrassmannError) -> (mean: GrassmannPoint, report: KarcherReport) {
        try validate(points)
        // Parallel rounds alternate with serial sums of n x p matrices, which OpenBLAS would
        // otherwise split over its threads.
        return try Parallel.withSingleThreadedBLAS { () throws(GrassmannError) in
            let bases = try linalg { () throws(LinalgError) in try Matrix.hcat(points.map(\.basis)) }
            return try iterate(from: try startingPoint(points, bases: bases), over: bases,
                               interruption: interruption, progress: progress)
        }
    }

    /// The descent from `start` over the points whose bases lie side by side in `bases`.
    private func iterate(
        from start: GrassmannPoint, over bases: Matrix, interruption: Interruption, progress: ((Int, Double) -> Void)?
    ) throws(GrassmannError) -> (mean: GrassmannPoint, report: KarcherReport) {
        var current = start
        var gradient = try Self.meanLog(of: bases, at: current)
        var norms = [gradient.norm]
        // Accelerated descent: the previous iterate and the momentum counter k of beta = k/(k+3).
        var previous: GrassmannPoint?
        var momentumAge = 0
        while norms.last! > tolerance && norms.count <= maximumIterations {
            if interruption.isRequested { throw .interrupted }
            let next = try gradient.scaled(by: step).expMap()
            if accelerated {
                let momentum = Double(momentumAge) / Double(momentumAge + 3)
                current = try next.geodesic(to: previous ?? next, at: -momentum)  // beyond next, away from the last iterate
                previous = next
            } else {
                current = next
            }
            gradient = try Self.meanLog(of: bases, at: current)
            let norm = gradient.norm
            momentumAge = norm > norms.last! ? 0 : momentumAge + 1
            norms.append(norm)
            progress?(norms.count - 1, norm)
        }
        let report = KarcherReport(iterations: norms.count - 1, gradientNorm: norms.last!,
                                   converged: norms.last! <= tolerance, gradientNorms: norms)
        return (current, report)
    }

    /// Throws unless the settings are valid and the points share one Gr(p, n).
    private func validate(_ points: [GrassmannPoint]) throws(GrassmannError) {
        guard step > 0, step < 2 else { throw .invalidArgument("Karcher step must be in (0, 2), got \(step)") }
        guard tolerance >= 0 else { throw .invalidArgument("Karcher tolerance must be non-negative, got \(tolerance)") }
        guard maximumIterations >= 0 else {
            throw .invalidArgument("Karcher iteration limit must be non-negative, got \(maximumIterations)")
        }
        try points.requireCommonSpace("list of points")
        for point in points where point.rank != points[0].rank {
            throw .rankMismatch(operation: "the Karcher mean", points[0].rank, point.rank)
        }
    }

    /// The starting point for `points` (already validated), whose bases lie side by side in
    /// `bases`.
    private func startingPoint(_ points: [GrassmannPoint], bases: Matrix) throws(GrassmannError) -> GrassmannPoint {
        switch start {
        case .first:
            return points[0]
        case .medoid:
            return points[try Medoid.index(of: bases, rank: points[0].rank)]
        case .point(let given):
            try given.requireSameSpace(points[0])
            guard given.rank == points[0].rank else { throw .rankMismatch(operation: "the Karcher mean", given.rank, points[0].rank) }
            return given
        }
    }

    /// Points per task of ``meanLog(of:at:)``: a fixed number, so that the order of the sums,
    /// and with it the result, does not depend on the number of cores.
    private static let pointsPerTask = 8

    /// The mean tangent vector (1/N) sum log_M(X_i) at `base`, over the N points whose bases lie
    /// side by side in `bases`. With log_M(X_i) = X_i K_i - Y L_i (see LogExp.swift) the sum is
    /// sum X_i K_i - Y (sum L_i). Each task takes a run of ``pointsPerTask`` points: one product
    /// Y'[X_1 ... X_r] gives its cross products, one product [X_1 ... X_r][K_1; ...; K_r] the sum
    /// of its X_i K_i (see ``CrossProducts``); the partial sums are then added in task order.
    private static func meanLog(of bases: Matrix, at base: GrassmannPoint) throws(GrassmannError) -> TangentVector {
        let (n, p) = (base.ambientDimension, base.rank)
        let count = bases.cols / p
        let partialSums = try Parallel.map((count + pointsPerTask - 1) / pointsPerTask) { (task) throws(GrassmannError) in
            try linalg { () throws(LinalgError) in
                let run = (task * pointsPerTask * p)..<(Swift.min(count, (task + 1) * pointsPerTask) * p)
                var crosses = Matrix(rows: p, cols: run.count), stackedK = Matrix(rows: run.count, cols: p)
                var sumXK = Matrix(rows: n, cols: p), sumL = Matrix(rows: p, cols: p)
                CrossProducts.product(base.basis, bases, columns: run, into: &crosses)
                for first in stride(from: 0, to: run.count, by: p) {
                    let (k, l) = try GrassmannPoint.logFactors(cross: crosses.block(rows: 0..<p, cols: first..<(first + p)))
                    try stackedK.setBlock(row: first, col: 0, to: k)
                    try sumL.add(l)
                }
                CrossProducts.combination(of: bases, columns: run, stackedK, into: &sumXK)
                return (xk: sumXK, l: sumL)
            }
        }
        let mean = try linalg { () throws(LinalgError) in
            var sum = partialSums[0].xk, sumOfL = partialSums[0].l
            for partial in partialSums.dropFirst() {
                try sum.add(partial.xk)
                try sumOfL.add(partial.l)
            }
            try gemm(alpha: -1, base.basis, sumOfL, beta: 1, into: &sum)
            return try base.horizontalPart(of: sum) / Double(count)
        }
        return TangentVector(trusted: base, matrix: mean)
    }
}

/// How a Karcher mean iteration ended.
public struct KarcherReport: Sendable, CustomStringConvertible {
    /// The number of iterations made (0 when the start already met the tolerance).
    public let iterations: Int
    /// The final gradient norm ||(1/N) sum log_M(X_i)||_F.
    public let gradientNorm: Double
    /// `true` when the gradient norm reached the tolerance within the iteration limit.
    public let converged: Bool
    /// The gradient norm at the start and after each iteration.
    public let gradientNorms: [Double]

    /// `converged in 7 iterations (gradient norm 3.2e-11)` or `not converged after ...`.
    public var description: String {
        "\(converged ? "converged in" : "not converged after") \(iterations) iterations (gradient norm \(gradientNorm))"
    }
}
