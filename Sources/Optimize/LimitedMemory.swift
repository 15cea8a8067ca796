import Linalg

/// The limited-memory BFGS matrix in compact form (Byrd, Nocedal and Schnabel 1994):
/// `B = θ I - W M Wᵀ` with `W = [Y  θS]` and `M = [[-D, Lᵀ], [L, θ SᵀS]]⁻¹`, built from the most
/// recent correction pairs `s = x_{k+1} - x_k`, `y = g_{k+1} - g_k`.
struct LimitedMemory: Sendable {
    /// The most pairs kept.
    let capacity: Int
    /// The corrections s, oldest first.
    private(set) var s: [[Double]] = []
    /// The gradient differences y, oldest first.
    private(set) var y: [[Double]] = []
    /// The scaling θ = yᵀy / sᵀy of the latest pair (1 with no pairs).
    private(set) var theta = 1.0
    /// The middle matrix M, 2k x 2k for k pairs.
    private(set) var middle = Matrix(rows: 0, cols: 0)

    init(capacity: Int) {
        self.capacity = capacity
    }

    /// The number of pairs held.
    var count: Int { s.count }

    /// The number of variables of the stored pairs (0 when empty).
    var dimension: Int { s.first?.count ?? 0 }

    /// Forgets every pair (after a failed line search, as L-BFGS-B does).
    mutating func reset() {
        s = []
        y = []
        theta = 1
        middle = Matrix(rows: 0, cols: 0)
    }

    /// Adds a pair when its curvature `sᵀy` is safely positive (`sᵀy > ε · (-g_oldᵀ s)`), dropping
    /// the oldest pair beyond the capacity; returns whether the pair was kept.
    @discardableResult
    mutating func update(s newS: [Double], y newY: [Double], oldSlope: Double) -> Bool {
        let sy = dot(newS, newY), yy = dot(newY, newY)
        guard sy > Double.ulpOfOne * -oldSlope, sy > 0 else { return false }
        s.append(newS)
        y.append(newY)
        if s.count > capacity {
            s.removeFirst()
            y.removeFirst()
        }
        theta = yy / sy
        do {
            middle = try middleMatrix().inverse()
        } catch {
            reset()
            return false
        }
        return true
    }

    /// [[-D, Lᵀ], [L, θ SᵀS]].
    private func middleMatrix() -> Matrix {
        let k = count
        var a = Matrix(rows: 2 * k, cols: 2 * k)
        for i in 0..<k {
            for j in 0..<k {
                let sy = dot(s[i], y[j])
                if i == j { a[i, i] = -sy }
                if i > j {
                    a[k + i, j] = sy
                    a[j, k + i] = sy
                }
                a[k + i, k + j] = theta * dot(s[i], s[j])
            }
        }
        return a
    }

    /// Row `i` of W: (y_1[i], ..., y_k[i], θ s_1[i], ..., θ s_k[i]).
    func wRow(_ i: Int) -> [Double] {
        y.map { $0[i] } + s.map { theta * $0[i] }
    }

    /// Wᵀ v restricted to the variables in `indices` (all when nil): Σ_i v[i] W[i, :].
    func wTransposeTimes(_ v: [Double], indices: [Int]? = nil) -> [Double] {
        let k = count
        var out = [Double](repeating: 0, count: 2 * k)
        for j in 0..<k {
            var ay = 0.0, asum = 0.0
            let yj = y[j], sj = s[j]
            if let indices {
                for (position, i) in indices.enumerated() {
                    ay += yj[i] * v[position]
                    asum += sj[i] * v[position]
                }
            } else {
                for i in v.indices {
                    ay += yj[i] * v[i]
                    asum += sj[i] * v[i]
                }
            }
            out[j] = ay
            out[k + j] = theta * asum
        }
        return out
    }

    /// M v.
    func middleTimes(_ v: [Double]) -> [Double] {
        let n = v.count
        var out = [Double](repeating: 0, count: n)
        for j in 0..<n where v[j] != 0 {
            for i in 0..<n { out[i] += middle[i, j] * v[j] }
        }
        return out
    }

    /// (W c)[i] for each variable i in `indices`.
    func wTimes(_ c: [Double], indices: [Int]) -> [Double] {
        let k = count
        return indices.map { i in
            var sum = 0.0
            for j in 0..<k { sum += y[j][i] * c[j] + theta * s[j][i] * c[k + j] }
            return sum
        }
    }
}

/// The dot product of two equally long arrays.
func dot(_ a: [Double], _ b: [Double]) -> Double {
    var sum = 0.0
    for i in a.indices { sum += a[i] * b[i] }
    return sum
}
