import Linalg

/// Dynamic mode decomposition, the linear baseline: u_{n+1} ≈ Φ(A Φᵀu_n + b) on the leading
/// POD modes Φ of the (uncentred) frames, with A (and the optional affine term b) the
/// least-squares fit over every pair of consecutive frames. Without b this is exact DMD
/// (A = Φᵀ Y V Σ⁻¹); its eigenvalues are the DMD eigenvalues, |λ| < 1 decaying, arg λ the
/// frequency per frame. Built from an SVD and an eigendecomposition, as LAPACK has no DMD driver.
public struct DMDModel: Sendable {
    /// The POD of the frames.
    public let pod: POD
    /// A (rank × rank).
    public let reducedOperator: Matrix
    /// b (zeros without the affine term).
    public let offset: [Double]
    /// The eigenvalues of A.
    public let eigenvalues: (real: [Double], imaginary: [Double])

    /// Fits DMD of `rank` modes to `data`, with or without the affine term.
    ///
    /// - Throws: ``OnsagerError/invalidArgument(function:message:)`` for a bad rank or too few
    ///   frame pairs; ``OnsagerError/linearAlgebra(function:error:)``.
    public init(fitting data: Dataset, rank: Int, affine: Bool = false) throws(OnsagerError) {
        pod = try POD(data: data, rank: rank, centered: false)
        let pairs = data.trajectories.count * (data.frameCount - 1), columns = rank + (affine ? 1 : 0)
        try require(pairs >= columns, "dmd", "\(pairs) frame pairs cannot fit \(columns) unknowns per mode")
        var inputs = Matrix(rows: pairs, cols: columns), outputs = Matrix(rows: pairs, cols: rank)
        var row = 0
        for t in 0..<data.trajectories.count {
            var z = pod.encode(data.frame(0, of: t))
            for n in 1..<data.frameCount {
                let next = pod.encode(data.frame(n, of: t))
                for j in 0..<rank {
                    inputs[row, j] = z[j]
                    outputs[row, j] = next[j]
                }
                if affine { inputs[row, rank] = 1 }
                (z, row) = (next, row + 1)
            }
        }
        let solution = try linearAlgebra("dmd") { () throws(LinalgError) in try inputs.leastSquares(outputs).solution }
        let a = solution.rows(0..<rank).transposed()
        reducedOperator = a
        offset = affine ? (0..<rank).map { solution[rank, $0] } : [Double](repeating: 0, count: rank)
        eigenvalues = try linearAlgebra("dmd") { () throws(LinalgError) in try a.eigenvalues() }
    }

    /// The rank.
    public var rank: Int { reducedOperator.rows }

    /// `frames` + 1 frames from `initial` (its projection on the modes first), as columns.
    public func rollout(from initial: [Double], frames: Int) -> Matrix {
        var output = Matrix(rows: initial.count, cols: frames + 1)
        var z = pod.encode(initial)
        for n in 0...frames {
            if n > 0 {
                z = (0..<rank).map { i in offset[i] + (0..<rank).reduce(0) { $0 + reducedOperator[i, $1] * z[$1] } }
            }
            let u = pod.decode(z)
            for i in 0..<u.count { output[i, n] = u[i] }
        }
        return output
    }
}
