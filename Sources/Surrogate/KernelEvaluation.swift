import Dispatch
import Foundation
import Linalg

// Covariance matrices and their gradients. Matrices here are plain column-major arrays; the
// training covariance and its gradients are symmetric and only their lower triangle (diagonal
// included) is computed and used, which is all LAPACK's Cholesky reads.

/// The lower triangle of a training covariance and of its derivative with respect to each free
/// log-hyperparameter, n x n column-major (upper triangle zero).
struct TrainingCovariance {
    var k: [Double]
    var gradients: [[Double]]
}

extension Kernel.Node {
    /// K(X, X) (lower triangle) and, when `withGradient`, dK/dθ_p for every free hyperparameter.
    func training(_ x: Matrix, withGradient: Bool) -> TrainingCovariance {
        let n = x.rows
        switch self {
        case let .stationary(kernel):
            return kernel.training(x, withGradient: withGradient)
        case let .constant(c):
            var lower = [Double](repeating: 0, count: n * n)
            for j in 0..<n { for i in j..<n { lower[i + j * n] = c.value } }
            return TrainingCovariance(k: lower, gradients: withGradient && c.isFree ? [lower] : [])
        case let .white(w):
            var diagonal = [Double](repeating: 0, count: n * n)
            for i in 0..<n { diagonal[i + i * n] = w.value }
            return TrainingCovariance(k: diagonal, gradients: withGradient && w.isFree ? [diagonal] : [])
        case let .sum(a, b):
            var left = a.training(x, withGradient: withGradient)
            let right = b.training(x, withGradient: withGradient)
            left.k.add(right.k)
            return TrainingCovariance(k: left.k, gradients: left.gradients + right.gradients)
        case let .product(a, b):
            var left = a.training(x, withGradient: withGradient), right = b.training(x, withGradient: withGradient)
            // d(k1 k2) = dk1 k2 + k1 dk2, each gradient scaled in place.
            for p in left.gradients.indices { left.gradients[p].multiply(by: right.k) }
            for p in right.gradients.indices { right.gradients[p].multiply(by: left.k) }
            left.k.multiply(by: right.k)
            return TrainingCovariance(k: left.k, gradients: left.gradients + right.gradients)
        }
    }

    /// K(B, A)ᵀ laid out as an n x m column-major array, n = rows of `a` (training inputs),
    /// m = rows of `b`: column t holds the covariances of point t of `b` with every row of `a`.
    /// White noise contributes nothing between distinct input sets. The tree is expanded into a
    /// sum of products first, so that `c * matern + white` costs one pass of the Matérn profile.
    func cross(_ a: Matrix, _ b: Matrix) -> [Double] {
        var out = [Double](repeating: 0, count: a.rows * b.rows)
        for term in crossTerms {
            guard let first = term.factors.first else {
                out.withUnsafeMutableBufferPointer { buffer in
                    for i in buffer.indices { buffer[i] += term.coefficient }
                }
                continue
            }
            if term.factors.count == 1 {
                first.accumulateCross(a, b, scale: term.coefficient, into: &out)
                continue
            }
            var product = [Double](repeating: 0, count: out.count)
            first.accumulateCross(a, b, scale: term.coefficient, into: &product)
            for factor in term.factors.dropFirst() {
                var values = [Double](repeating: 0, count: out.count)
                factor.accumulateCross(a, b, scale: 1, into: &values)
                for i in values.indices { product[i] *= values[i] }
            }
            for i in out.indices { out[i] += product[i] }
        }
        return out
    }

    /// The kernel between distinct inputs as a sum of terms `coefficient * Π factors`, products
    /// distributed over sums; white noise has no terms there.
    var crossTerms: [(coefficient: Double, factors: [StationaryKernel])] {
        switch self {
        case let .stationary(k): return [(1, [k])]
        case let .constant(c): return [(c.value, [])]
        case .white: return []
        case let .sum(l, r): return l.crossTerms + r.crossTerms
        case let .product(l, r):
            return l.crossTerms.flatMap { left in
                r.crossTerms.map { right in (left.coefficient * right.coefficient, left.factors + right.factors) }
            }
        }
    }

    /// k(x_i, x_i) for every row of `x` (white noise included, as scikit-learn's `diag`).
    func diagonal(_ x: Matrix) -> [Double] {
        switch self {
        case .stationary: return [Double](repeating: 1, count: x.rows)
        case let .constant(c): return [Double](repeating: c.value, count: x.rows)
        case let .white(w): return [Double](repeating: w.value, count: x.rows)
        case let .sum(l, r): return zip(l.diagonal(x), r.diagonal(x)).map(+)
        case let .product(l, r): return zip(l.diagonal(x), r.diagonal(x)).map(*)
        }
    }

    /// The covariances k(point, a_i) with every row of `a`, and their gradients with respect to
    /// the point: `gradient[k][i] = ∂k(point, a_i)/∂point_k`.
    func crossGradient(at point: [Double], _ a: Matrix) -> (k: [Double], gradient: [[Double]]) {
        let n = a.rows, d = point.count
        switch self {
        case let .stationary(kernel): return kernel.crossGradient(at: point, a)
        case let .constant(c):
            return ([Double](repeating: c.value, count: n), Array(repeating: [Double](repeating: 0, count: n), count: d))
        case .white:
            return ([Double](repeating: 0, count: n), Array(repeating: [Double](repeating: 0, count: n), count: d))
        case let .sum(l, r):
            let left = l.crossGradient(at: point, a), right = r.crossGradient(at: point, a)
            return (zip(left.k, right.k).map(+), zip(left.gradient, right.gradient).map { zip($0, $1).map(+) })
        case let .product(l, r):
            let left = l.crossGradient(at: point, a), right = r.crossGradient(at: point, a)
            var gradient = left.gradient
            for c in 0..<d {
                for i in 0..<n {
                    let product: Double = left.gradient[c][i] * right.k[i]
                    gradient[c][i] = product + left.k[i] * right.gradient[c][i]
                }
            }
            return (zip(left.k, right.k).map(*), gradient)
        }
    }
}

extension StationaryKernel {
    /// The lower triangle of K(X, X) and of its log-hyperparameter gradients (α first, then the
    /// free length scales), one pass over the pairs.
    func training(_ x: Matrix, withGradient: Bool) -> TrainingCovariance {
        let n = x.rows, d = x.cols, ard = lengthScales.count > 1
        let z = x.withUnsafeBufferPointer { scaledRows($0, rows: n, cols: d) }
        let shapeFree = withGradient && (shape?.isFree ?? false)
        let freeScales = withGradient ? lengthScales.indices.filter { lengthScales[$0].isFree } : []
        var k = [Double](repeating: 0, count: n * n)
        var shapeGradient = [Double](repeating: 0, count: shapeFree ? n * n : 0)
        var scaleGradients = [[Double]](repeating: [Double](repeating: 0, count: n * n), count: freeScales.count)
        var delta = [Double](repeating: 0, count: d)
        for j in 0..<n {
            k[j + j * n] = 1
            for i in (j + 1)..<Swift.max(j + 1, n) {
                var r2 = 0.0
                for c in 0..<d {
                    let diff = z[i * d + c] - z[j * d + c]
                    delta[c] = diff * diff
                    r2 += delta[c]
                }
                let (f, q) = profile(r2)
                let index = i + j * n
                k[index] = f
                if shapeFree { shapeGradient[index] = shapeDerivative(r2, f: f) }
                for (p, c) in freeScales.enumerated() { scaleGradients[p][index] = -2 * q * (ard ? delta[c] : r2) }
            }
        }
        return TrainingCovariance(k: k, gradients: (shapeFree ? [shapeGradient] : []) + scaleGradients)
    }

    /// Adds `scale` times K(B, A)ᵀ (n x m column-major, see ``Kernel/Node/cross(_:_:)``) to
    /// `out`; large blocks are split over the cores.
    func accumulateCross(_ a: Matrix, _ b: Matrix, scale: Double, into out: inout [Double]) {
        let n = a.rows, m = b.rows, d = a.cols
        let za = a.withUnsafeBufferPointer { scaledRows($0, rows: n, cols: d) }
        let zb = b.withUnsafeBufferPointer { scaledRows($0, rows: m, cols: d) }
        let chunks = n * m >= 1 << 16 ? ProcessInfo.processInfo.activeProcessorCount : 1
        za.withUnsafeBufferPointer { pa in
            zb.withUnsafeBufferPointer { pb in
                out.withUnsafeMutableBufferPointer { buffer in
                    let base = UncheckedPointer(buffer.baseAddress!)
                    let left = UncheckedPointer(UnsafeMutablePointer(mutating: pa.baseAddress!))
                    let right = UncheckedPointer(UnsafeMutablePointer(mutating: pb.baseAddress!))
                    DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
                        for t in stride(from: chunk, to: m, by: chunks) {
                            let column = base.pointer + t * n, point = right.pointer + t * d
                            for i in 0..<n {
                                let row = left.pointer + i * d
                                var r2 = 0.0
                                for c in 0..<d {
                                    let diff = row[c] - point[c]
                                    r2 += diff * diff
                                }
                                column[i] += scale * profile(r2).f
                            }
                        }
                    }
                }
            }
        }
    }

    /// k(point, a_i) and ∂k/∂point_k = 2 q (point_k - a_ik)/l_k².
    func crossGradient(at point: [Double], _ a: Matrix) -> (k: [Double], gradient: [[Double]]) {
        let n = a.rows, d = a.cols
        let scales = (0..<d).map { lengthScales.count == 1 ? lengthScales[0].value : lengthScales[$0].value }
        var k = [Double](repeating: 0, count: n)
        var gradient = [[Double]](repeating: [Double](repeating: 0, count: n), count: d)
        for i in 0..<n {
            var r2 = 0.0
            for c in 0..<d {
                let diff = (point[c] - a[i, c]) / scales[c]
                r2 += diff * diff
            }
            let (f, q) = profile(r2)
            k[i] = f
            for c in 0..<d { gradient[c][i] = 2 * q * (point[c] - a[i, c]) / (scales[c] * scales[c]) }
        }
        return (k, gradient)
    }
}

/// A raw pointer that may cross into `concurrentPerform`'s closure: each iteration writes a
/// disjoint set of columns.
struct UncheckedPointer: @unchecked Sendable {
    let pointer: UnsafeMutablePointer<Double>
    init(_ pointer: UnsafeMutablePointer<Double>) { self.pointer = pointer }
}

extension Array where Element == Double {
    /// Elementwise `self += other` (equal lengths), a loop the compiler vectorises.
    mutating func add(_ other: [Double]) {
        withUnsafeMutableBufferPointer { a in
            other.withUnsafeBufferPointer { b in
                for i in a.indices { a[i] += b[i] }
            }
        }
    }

    /// Elementwise `self *= other` (equal lengths).
    mutating func multiply(by other: [Double]) {
        withUnsafeMutableBufferPointer { a in
            other.withUnsafeBufferPointer { b in
                for i in a.indices { a[i] *= b[i] }
            }
        }
    }
}
