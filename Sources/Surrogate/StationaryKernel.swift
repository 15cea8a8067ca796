import Foundation

/// A kernel that depends on the inputs only through the scaled squared distance
/// `r² = Σ_k (x_k - y_k)² / l_k²`: RBF, Matérn and rational quadratic.
struct StationaryKernel: Sendable, Equatable {
    /// The radial profile.
    enum Form: Sendable, Equatable {
        case rbf, matern12, matern32, matern52, rationalQuadratic

        /// The name used in descriptions and by ``Kernel/named(_:)``.
        var name: String {
            switch self {
            case .rbf: "rbf"
            case .matern12: "matern12"
            case .matern32: "matern32"
            case .matern52: "matern52"
            case .rationalQuadratic: "rq"
            }
        }
    }

    var form: Form
    /// One length scale (isotropic) or one per input column.
    var lengthScales: [Hyperparameter]
    /// The rational quadratic's α; nil for the other forms.
    var shape: Hyperparameter?

    /// The profile f(r²) and its derivative q = df/d(r²), from which both gradients follow:
    /// `dk/dlog l_k = -2 q δ_k` with `δ_k = (x_k - y_k)²/l_k²`, and `∂k/∂x_k = 2 q (x_k - y_k)/l_k²`.
    /// Where the Matérn-1/2 profile has a kink (r = 0) q is taken as 0, as scikit-learn does.
    @inline(__always)
    func profile(_ r2: Double) -> (f: Double, q: Double) {
        switch form {
        case .rbf:
            let f = exp(-0.5 * r2)
            return (f, -0.5 * f)
        case .matern12:
            let r = r2.squareRoot(), e = exp(-r)
            return (e, r > 0 ? -0.5 * e / r : 0)
        case .matern32:
            let s = (3 * r2).squareRoot(), e = exp(-s)
            return ((1 + s) * e, -1.5 * e)
        case .matern52:
            let s = (5 * r2).squareRoot(), e = exp(-s)
            return ((1 + s + 5 * r2 / 3) * e, -(5.0 / 6.0) * (1 + s) * e)
        case .rationalQuadratic:
            let alpha = shape!.value, base = 1 + r2 / (2 * alpha)
            let f = pow(base, -alpha)
            return (f, -0.5 * f / base)
        }
    }

    /// dk/dlog α of the rational quadratic at r², given f(r²).
    @inline(__always)
    func shapeDerivative(_ r2: Double, f: Double) -> Double {
        let alpha = shape!.value, s = r2 / (2 * alpha)
        return f * alpha * (s / (1 + s) - log1p(s))
    }

    /// The inputs divided by the length scales, row-major (the d values of a point together).
    func scaledRows(_ x: UnsafeBufferPointer<Double>, rows n: Int, cols d: Int) -> [Double] {
        var z = [Double](repeating: 0, count: n * d)
        for k in 0..<d {
            let l = lengthScales.count == 1 ? lengthScales[0].value : lengthScales[k].value
            for i in 0..<n { z[i * d + k] = x[i + k * n] / l }
        }
        return z
    }
}
