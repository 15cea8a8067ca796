import Foundation
import Linalg

/// The reduced tier: an Onsager ODE on POD coordinates u ≈ ū + Φz, z ∈ ℝʳ,
///
/// ż = -(M + W) ∇V(z),  M = L Lᵀ + εI,  W = A - Aᵀ,
/// V(z) = hᵀz + ½ zᵀ(R Rᵀ + βI) z + ¼ Σ_j (q_jᵀ z)⁴,
///
/// with L lower triangular, A strictly upper triangular, ε, β > 0. M is positive definite, W
/// antisymmetric and V coercive (a positive-definite quadratic plus non-negative quartics) by
/// construction, so dV/dt = -∇Vᵀ M ∇V < 0 away from the minimum. A fixed orthonormal POD basis
/// removes the gauge z → Tz except scale.
public struct ReducedOnsagerModel: Sendable {
    /// The POD coordinates.
    public let pod: POD
    /// L (r × r, lower triangular).
    public let lowerFactor: Matrix
    /// A (r × r, strictly upper triangular).
    public let skewFactor: Matrix
    /// R (r × r).
    public let quadraticFactor: Matrix
    /// h (r values).
    public let linear: [Double]
    /// The quartic directions q_j as columns (r × J).
    public let quarticDirections: Matrix
    /// ε > 0 and β > 0.
    public let epsilon: Double, beta: Double
    /// M = L Lᵀ + εI.
    public let mobility: Matrix
    /// W = A - Aᵀ.
    public let conservative: Matrix
    /// R Rᵀ + βI.
    public let quadratic: Matrix

    /// A reduced model with the given parts (L and A are read in their triangles only).
    ///
    /// - Throws: ``OnsagerError/invalidArgument(function:message:)`` when shapes do not match the
    ///   POD rank, ε or β is not positive, or a value is not finite.
    public init(pod: POD, lowerFactor: Matrix, skewFactor: Matrix, quadraticFactor: Matrix, linear: [Double],
                quarticDirections: Matrix, epsilon: Double = 1e-3, beta: Double = 1e-3) throws(OnsagerError) {
        let r = pod.rank
        let square = Shape(rows: r, cols: r)
        try require(lowerFactor.shape == square && skewFactor.shape == square && quadraticFactor.shape == square,
                    "reduced", "L, A and R must be \(r)x\(r)")
        try require(linear.count == r && quarticDirections.rows == r, "reduced", "h and the quartic directions need \(r) rows")
        try require(epsilon > 0 && beta > 0 && epsilon.isFinite && beta.isFinite, "reduced", "epsilon and beta must be positive")
        try require([lowerFactor, skewFactor, quadraticFactor, quarticDirections].allSatisfy(\.allFinite)
                    && linear.allSatisfy(\.isFinite), "reduced", "parameters must be finite")
        self.pod = pod
        var l = lowerFactor, a = skewFactor
        for i in 0..<r {
            for j in 0..<r {
                if j > i { l[i, j] = 0 }
                if j <= i { a[i, j] = 0 }
            }
        }
        self.lowerFactor = l
        self.skewFactor = a
        self.quadraticFactor = quadraticFactor
        self.linear = linear
        self.quarticDirections = quarticDirections
        self.epsilon = epsilon
        self.beta = beta
        var m = Matrix.identity(r) * epsilon, w = Matrix(rows: r, cols: r), p = Matrix.identity(r) * beta
        for i in 0..<r {
            for j in 0..<r {
                for s in 0..<r {
                    m[i, j] += l[i, s] * l[j, s]
                    p[i, j] += quadraticFactor[i, s] * quadraticFactor[j, s]
                }
                w[i, j] = a[i, j] - a[j, i]
            }
        }
        mobility = m
        conservative = w
        quadratic = p
    }

    /// The dimension r.
    public var rank: Int { pod.rank }

    /// V(z).
    public func energy(_ z: [Double]) -> Double {
        var v = 0.0
        for i in 0..<rank {
            v += linear[i] * z[i]
            for j in 0..<rank { v += 0.5 * z[i] * quadratic[i, j] * z[j] }
        }
        for j in 0..<quarticDirections.cols {
            let y = projection(j, z)
            v += 0.25 * y * y * y * y
        }
        return v
    }

    /// ∇V(z).
    public func gradient(_ z: [Double]) -> [Double] {
        var g = linear
        for i in 0..<rank {
            for j in 0..<rank { g[i] += quadratic[i, j] * z[j] }
        }
        for j in 0..<quarticDirections.cols {
            let y = projection(j, z), y3 = y * y * y
            for i in 0..<rank { g[i] += y3 * quarticDirections[i, j] }
        }
        return g
    }

    /// ż = -(M + W) ∇V(z).
    public func velocity(_ z: [Double]) -> [Double] {
        apply(gradient(z), scale: -1)
    }

    /// q_jᵀ z.
    func projection(_ j: Int, _ z: [Double]) -> Double {
        (0..<rank).reduce(0) { $0 + quarticDirections[$1, j] * z[$1] }
    }

    /// scale (M + W) v.
    func apply(_ v: [Double], scale: Double = 1) -> [Double] {
        (0..<rank).map { i in scale * (0..<rank).reduce(0) { $0 + (mobility[i, $1] + conservative[i, $1]) * v[$1] } }
    }
}
