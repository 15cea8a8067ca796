import Foundation
import Linalg

/// Errors of rollouts against data: the relative RMSE ‖u_pred(n) - u_data(n)‖ / ‖u_data(n)‖ of
/// every trajectory at every step, and how long each rollout stayed close.
public struct RolloutErrors: Sendable {
    /// Relative errors, one row per trajectory, one column per step (step 0 first).
    public let relative: Matrix
    /// Per trajectory, the steps taken before the relative error first exceeded the divergence
    /// threshold or became non-finite (the horizon when it never did).
    public let stepsBeforeDivergence: [Int]

    /// The mean relative error over trajectories at `step` (infinite if any rollout diverged).
    public func mean(at step: Int) -> Double {
        let column = (0..<relative.rows).map { relative[$0, step] }
        return column.contains { !$0.isFinite } ? .infinity : column.reduce(0, +) / Double(column.count)
    }

    /// The standard deviation over trajectories at `step`.
    public func standardDeviation(at step: Int) -> Double {
        let column = (0..<relative.rows).map { relative[$0, step] }
        let m = mean(at: step)
        guard m.isFinite, column.count > 1 else { return m.isFinite ? 0 : .nan }
        return (column.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(column.count - 1)).squareRoot()
    }
}

/// The comparisons the benchmarks report: rollout errors of any predictor, affine fits
/// (learned against true energy), and the potential scaling order.
public enum Diagnostics {
    /// ‖p_n - d_n‖ / ‖d_n‖ for every column n of two matrices of the same shape (NaN where the
    /// prediction is not finite).
    public static func relativeErrors(predicted: Matrix, truth: Matrix) throws(OnsagerError) -> [Double] {
        try require(predicted.shape == truth.shape, "rel_rmse", "shapes differ: \(predicted.shape) and \(truth.shape)")
        return (0..<truth.cols).map { n in
            var error = 0.0, size = 0.0
            for i in 0..<truth.rows {
                let d = predicted[i, n] - truth[i, n]
                error += d * d
                size += truth[i, n] * truth[i, n]
            }
            return error.isFinite ? (error / max(size, 1e-300)).squareRoot() : .nan
        }
    }

    /// Rolls every trajectory of `data` out from its first frame for `horizon` frames with
    /// `predict` (which returns `grid.count` × (horizon + 1) frames) and measures the errors.
    ///
    /// - Throws: ``OnsagerError/invalidArgument(function:message:)`` when the horizon exceeds
    ///   the data or a prediction has the wrong shape; whatever `predict` throws;
    ///   ``OnsagerError/interrupted``.
    public static func evaluate(
        _ data: Dataset, horizon: Int, divergenceThreshold: Double = 1, interruption: Interruption = .never,
        predict: ([Double]) throws(OnsagerError) -> Matrix
    ) throws(OnsagerError) -> RolloutErrors {
        try require(horizon >= 1 && horizon < data.frameCount, "evaluate",
                    "the horizon must be 1 to \(data.frameCount - 1) frames, got \(horizon)")
        var relative = Matrix(rows: data.trajectories.count, cols: horizon + 1)
        var survived = [Int]()
        for (i, trajectory) in data.trajectories.enumerated() {
            try interruption.checkOnsager()
            let prediction = try predict(data.frame(0, of: i))
            try require(prediction.rows == data.grid.count && prediction.cols >= horizon + 1, "evaluate",
                        "a prediction must be \(data.grid.count)x\(horizon + 1), got \(prediction.shape)")
            let errors = try relativeErrors(predicted: prediction.columns(0...horizon), truth: trajectory.columns(0...horizon))
            for (n, e) in errors.enumerated() { relative[i, n] = e }
            survived.append(errors.firstIndex { !($0 <= divergenceThreshold) }.map { $0 - 1 } ?? horizon)
        }
        return RolloutErrors(relative: relative, stepsBeforeDivergence: survived)
    }

    /// The least-squares line y ≈ slope x + intercept and its coefficient of determination R².
    ///
    /// - Throws: ``OnsagerError/invalidArgument(function:message:)`` for fewer than two points,
    ///   arrays of different lengths, or constant x.
    public static func affineFit(x: [Double], y: [Double]) throws(OnsagerError) -> (slope: Double, intercept: Double, rSquared: Double) {
        try require(x.count == y.count && x.count >= 2, "affine_fit", "need two arrays of the same length, at least 2")
        let n = Double(x.count)
        let mx = x.reduce(0, +) / n, my = y.reduce(0, +) / n
        var sxx = 0.0, sxy = 0.0, syy = 0.0
        for i in 0..<x.count {
            sxx += (x[i] - mx) * (x[i] - mx)
            sxy += (x[i] - mx) * (y[i] - my)
            syy += (y[i] - my) * (y[i] - my)
        }
        try require(sxx > 0, "affine_fit", "x is constant")
        let slope = sxy / sxx
        return (slope, my - slope * mx, syy > 0 ? sxy * sxy / (sxx * syy) : 1)
    }

    /// The paper's potential scaling order p: the slope of log|V(a u) - V(0)| against log a
    /// for amplitudes a in `amplitudes` (default 0.02 ... 0.2), i.e. V(a u) - V(0) ~ a^p.
    ///
    /// - Throws: ``OnsagerError/invalidArgument(function:message:)`` when V does not change
    ///   with the amplitude.
    public static func scalingOrder(
        of model: OnsagerModel, along u: [Double], amplitudes: [Double] = (1...10).map { 0.02 * Double($0) }
    ) throws(OnsagerError) -> Double {
        let zero = model.freeEnergy([Double](repeating: 0, count: u.count))
        let points = amplitudes.map { a in (log(a), log(abs(model.freeEnergy(u.map { a * $0 }) - zero))) }
            .filter { $0.1.isFinite }
        try require(points.count >= 2, "scaling_order", "V does not change along the field")
        return try affineFit(x: points.map(\.0), y: points.map(\.1)).slope
    }
}
