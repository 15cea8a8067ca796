import Foundation
import Linalg

/// Small bound-constrained least-squares and quadratic problems, the closed-form steps of the
/// fit: minimise |A x - b|² (or xᵀHx + 2hᵀx) subject to x_i ≥ lower_i for the bounded
/// components (`nil`: free). Lawson and Hanson's active-set NNLS, extended to free variables,
/// with minimum-norm solves (LAPACK dgelsd) of the passive subproblems so that rank-deficient
/// problems (flat directions) get the minimum-norm solution.
enum BoundedLeastSquares {
    /// The minimiser of |A x - b|² with x_i ≥ lower_i where `lower[i]` is not nil.
    static func solve(_ a: Matrix, _ b: [Double], lower: [Double?]) throws(OnsagerError) -> [Double] {
        let n = a.cols
        // Shift the bounded variables to y_i = x_i - lower_i ≥ 0.
        let shift = lower.map { $0 ?? 0 }
        var rhs = b
        for j in 0..<n where shift[j] != 0 {
            for i in 0..<a.rows { rhs[i] -= a[i, j] * shift[j] }
        }
        let bounded = lower.map { $0 != nil }
        var passive = Set((0..<n).filter { !bounded[$0] })
        var y = try passiveSolution(a, rhs, passive)
        let tolerance = 10 * Double.ulpOfOne * Double(max(a.rows, n)) * max(a.norm(.one), 1)
        for _ in 0..<(3 * n + 3) {
            let gradient = negativeGradient(a, rhs, y)
            guard let j = (0..<n).filter({ bounded[$0] && !passive.contains($0) && gradient[$0] > tolerance })
                .max(by: { gradient[$0] < gradient[$1] }) else { break }
            passive.insert(j)
            while true {
                let z = try passiveSolution(a, rhs, passive)
                let violating = passive.filter { bounded[$0] && z[$0] <= 0 }
                if violating.isEmpty {
                    y = z
                    break
                }
                let alpha = violating.map { y[$0] / (y[$0] - z[$0]) }.min() ?? 0
                for i in 0..<n { y[i] += alpha * (z[i] - y[i]) }
                for i in passive where bounded[i] && y[i] <= tolerance {
                    y[i] = 0
                    passive.remove(i)
                }
            }
        }
        for i in 0..<n where bounded[i] { y[i] = max(y[i], 0) }
        return (0..<n).map { y[$0] + shift[$0] }
    }

    /// The minimiser of xᵀHx + 2hᵀx (H symmetric positive semi-definite) with the same bounds,
    /// through the least-squares form A = Λ^{1/2}Uᵀ, b = -Λ^{-1/2}Uᵀh of H = UΛUᵀ (eigenvalues
    /// below 1e-14 of the largest dropped: minimum norm along flat directions).
    ///
    /// The problem is first scaled to a unit diagonal (Jacobi), so that parameters of very
    /// different sizes (powers of k up to k⁸) keep their information.
    static func minimizeQuadratic(_ h: Matrix, _ linear: [Double], lower: [Double?]) throws(OnsagerError) -> [Double] {
        let n = h.rows
        guard n > 0 else { return [] }
        let scale = (0..<n).map { h[$0, $0] > 0 ? 1 / h[$0, $0].squareRoot() : 1 }
        var scaled = h
        for i in 0..<n {
            for j in 0..<n { scaled[i, j] *= scale[i] * scale[j] }
        }
        let x = try minimizeScaled(scaled, (0..<n).map { linear[$0] * scale[$0] },
                                   lower: (0..<n).map { i in lower[i].map { $0 / scale[i] } })
        return (0..<n).map { x[$0] * scale[$0] }
    }

    private static func minimizeScaled(_ h: Matrix, _ linear: [Double], lower: [Double?]) throws(OnsagerError) -> [Double] {
        let n = h.rows
        let eigen = try linearAlgebra("fit") { () throws(LinalgError) in try h.symmetricEigen() }
        let largest = eigen.values.last ?? 0
        let kept = (0..<n).filter { eigen.values[$0] > 1e-14 * largest && eigen.values[$0] > 0 }
        guard !kept.isEmpty else { return try solve(Matrix(rows: 0, cols: n), [], lower: lower) }
        var a = Matrix(rows: kept.count, cols: n)
        var b = [Double](repeating: 0, count: kept.count)
        for (row, index) in kept.enumerated() {
            let root = eigen.values[index].squareRoot()
            var projection = 0.0
            for j in 0..<n {
                a[row, j] = root * eigen.vectors[j, index]
                projection += eigen.vectors[j, index] * linear[j]
            }
            b[row] = -projection / root
        }
        return try solve(a, b, lower: lower)
    }

    /// Aᵀ(b - A y).
    private static func negativeGradient(_ a: Matrix, _ b: [Double], _ y: [Double]) -> [Double] {
        var residual = b
        for j in 0..<a.cols where y[j] != 0 {
            for i in 0..<a.rows { residual[i] -= a[i, j] * y[j] }
        }
        return (0..<a.cols).map { j in (0..<a.rows).reduce(0) { $0 + a[$1, j] * residual[$1] } }
    }

    /// The minimum-norm least-squares solution on the `passive` columns, zero elsewhere.
    private static func passiveSolution(_ a: Matrix, _ b: [Double], _ passive: Set<Int>) throws(OnsagerError) -> [Double] {
        var y = [Double](repeating: 0, count: a.cols)
        let columns = passive.sorted()
        guard !columns.isEmpty, a.rows > 0 else { return y }
        var sub = Matrix(rows: a.rows, cols: columns.count)
        for (c, j) in columns.enumerated() {
            for i in 0..<a.rows { sub[i, c] = a[i, j] }
        }
        let solution = try linearAlgebra("fit") { () throws(LinalgError) in try sub.leastSquares(Matrix(column: b)) }
        for (c, j) in columns.enumerated() { y[j] = solution.solution[c, 0] }
        return y
    }
}
