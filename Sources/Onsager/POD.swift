import Linalg

/// Proper orthogonal decomposition of snapshots: u ≈ ū + Φ z with Φ the leading left singular
/// vectors of the (centred) snapshot matrix, the coordinates of the reduced tier and of DMD.
public struct POD: Sendable {
    /// ū (`grid.count` values; zeros when not centred).
    public let mean: [Double]
    /// Φ, orthonormal columns (`grid.count` × rank).
    public let modes: Matrix
    /// The singular values of the snapshot matrix, all of them, in descending order.
    public let singularValues: [Double]

    /// The POD of all frames of `data` with `rank` modes, centred on the mean frame or not.
    ///
    /// - Throws: ``OnsagerError/invalidArgument(function:message:)`` unless 1 ≤ rank ≤
    ///   min(grid points, frames); ``OnsagerError/linearAlgebra(function:error:)``.
    public init(data: Dataset, rank: Int, centered: Bool) throws(OnsagerError) {
        let n = data.grid.count, columns = data.trajectories.count * data.frameCount
        try require(rank >= 1 && rank <= min(n, columns), "pod", "the rank must be 1 to \(min(n, columns)), got \(rank)")
        var snapshots = try linearAlgebra("pod") { () throws(LinalgError) in try Matrix.hcat(data.trajectories) }
        var mean = [Double](repeating: 0, count: n)
        if centered {
            for j in 0..<columns {
                for i in 0..<n { mean[i] += snapshots[i, j] / Double(columns) }
            }
            for j in 0..<columns {
                for i in 0..<n { snapshots[i, j] -= mean[i] }
            }
        }
        self.mean = mean
        if n <= columns {  // eigenvectors of the n × n Gram matrix X Xᵀ
            var gram = Matrix(rows: n, cols: n)
            let eigen = try linearAlgebra("pod") { () throws(LinalgError) in
                try gemm(snapshots, snapshots, transposeB: true, into: &gram)
                return try gram.symmetricEigen()
            }
            modes = eigen.vectors.columns((n - rank)..<n).columns((0..<rank).reversed().map { $0 })
            singularValues = eigen.values.reversed().map { max($0, 0).squareRoot() }
        } else {
            let svd = try linearAlgebra("pod") { () throws(LinalgError) in try snapshots.svd() }
            modes = svd.u.columns(0..<rank)
            singularValues = svd.singularValues
        }
    }

    /// The number of modes r.
    public var rank: Int { modes.cols }

    /// The share of the snapshot energy Σσ² the modes capture.
    public var capturedEnergy: Double {
        let total = singularValues.reduce(0) { $0 + $1 * $1 }
        return total > 0 ? singularValues.prefix(rank).reduce(0) { $0 + $1 * $1 } / total : 1
    }

    /// z = Φᵀ(u - ū).
    public func encode(_ u: [Double]) -> [Double] {
        (0..<rank).map { j in (0..<u.count).reduce(0) { $0 + modes[$1, j] * (u[$1] - mean[$1]) } }
    }

    /// u = ū + Φ z.
    public func decode(_ z: [Double]) -> [Double] {
        var u = mean
        for j in 0..<rank where z[j] != 0 {
            for i in 0..<u.count { u[i] += modes[i, j] * z[j] }
        }
        return u
    }
}

extension Matrix {
    /// The columns at `indices`, in that order.
    func columns(_ indices: [Int]) -> Matrix {
        var out = Matrix(rows: rows, cols: indices.count)
        for (c, j) in indices.enumerated() {
            for i in 0..<rows { out[i, c] = self[i, j] }
        }
        return out
    }
}
