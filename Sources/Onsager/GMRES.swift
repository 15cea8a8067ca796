import Foundation

/// Restarted GMRES with right preconditioning, for the Newton systems of the implicit steps:
/// solves A x = b given the action of A and of an approximate inverse P⁻¹ of A.
struct GMRES {
    /// Krylov dimension before a restart.
    var restart: Int = 50
    /// Restarts allowed.
    var maxRestarts: Int = 20
    /// Stop when |b - A x| ≤ `relativeTolerance` |b|.
    var relativeTolerance: Double = 1e-12

    /// The approximate solution x of A x = b (the best iterate when the tolerance is not reached).
    func solve(_ b: [Double], apply: ([Double]) -> [Double], precondition: ([Double]) -> [Double]) -> [Double] {
        let n = b.count
        var x = [Double](repeating: 0, count: n)
        let bNorm = norm(b)
        guard bNorm > 0 else { return x }
        let m = min(restart, n)
        for _ in 0...maxRestarts {
            let ax = apply(x)
            var r = (0..<n).map { b[$0] - ax[$0] }
            let beta = norm(r)
            if beta <= relativeTolerance * bNorm { return x }
            for i in 0..<n { r[i] /= beta }
            var basis = [r]
            var h = [[Double]](repeating: [Double](repeating: 0, count: m), count: m + 1)  // h[row][col]
            var cs = [Double](repeating: 0, count: m), sn = cs
            var g = [Double](repeating: 0, count: m + 1)
            g[0] = beta
            var columns = 0
            for j in 0..<m {
                var w = apply(precondition(basis[j]))
                for i in 0...j {  // modified Gram–Schmidt
                    let hij = dot(w, basis[i])
                    h[i][j] = hij
                    for l in 0..<n { w[l] -= hij * basis[i][l] }
                }
                let wNorm = norm(w)
                h[j + 1][j] = wNorm
                for i in 0..<j {  // apply the earlier rotations to the new column
                    let t = cs[i] * h[i][j] + sn[i] * h[i + 1][j]
                    h[i + 1][j] = -sn[i] * h[i][j] + cs[i] * h[i + 1][j]
                    h[i][j] = t
                }
                let denominator = hypot(h[j][j], h[j + 1][j])
                cs[j] = denominator == 0 ? 1 : h[j][j] / denominator
                sn[j] = denominator == 0 ? 0 : h[j + 1][j] / denominator
                h[j][j] = denominator
                h[j + 1][j] = 0
                g[j + 1] = -sn[j] * g[j]
                g[j] *= cs[j]
                columns = j + 1
                if abs(g[j + 1]) <= relativeTolerance * bNorm || wNorm == 0 { break }
                basis.append(w.map { $0 / wNorm })
            }
            // Back substitution for the Krylov coefficients, then x += P⁻¹ V y.
            var y = [Double](repeating: 0, count: columns)
            for i in stride(from: columns - 1, through: 0, by: -1) {
                var s = g[i]
                for l in (i + 1)..<columns { s -= h[i][l] * y[l] }
                y[i] = h[i][i] == 0 ? 0 : s / h[i][i]
            }
            var update = [Double](repeating: 0, count: n)
            for (i, yi) in y.enumerated() {
                for l in 0..<n { update[l] += yi * basis[i][l] }
            }
            let correction = precondition(update)
            for l in 0..<n { x[l] += correction[l] }
        }
        return x
    }
}

/// The Euclidean norm.
func norm(_ x: [Double]) -> Double { dot(x, x).squareRoot() }

/// The dot product of two arrays of the same length.
func dot(_ x: [Double], _ y: [Double]) -> Double {
    var s = 0.0
    for i in 0..<x.count { s += x[i] * y[i] }
    return s
}

/// max |x_i|; NaN when some x_i is NaN.
func maxAbs(_ x: [Double]) -> Double {
    var m = 0.0
    for v in x {
        if v.isNaN { return .nan }
        m = Swift.max(m, abs(v))
    }
    return m
}
