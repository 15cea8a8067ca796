import Linalg

extension GaussianProcess {
    /// The model conditioned on extra observations with the same hyperparameters (no refit): the
    /// Cholesky factor grows by a block, `L_new = [[L, 0], [Bᵀ, chol(K_qq + (alpha + jitter) I - BᵀB)]]`
    /// with `B = L⁻¹ K(X, X_new)`, costing O(n² q) instead of O(n³); the whole covariance is
    /// refactorised (with jitter escalation) when the new block is not numerically positive
    /// definite. Normalisation statistics are recomputed over all targets.
    ///
    /// - Throws: ``SurrogateError`` for mismatched or non-finite observations; `LinalgError` when
    ///   the covariance cannot be factorised.
    public func adding(inputs newInputs: Matrix, targets newTargets: [Double]) throws -> GaussianProcess {
        guard newInputs.cols == inputs.cols else {
            throw SurrogateError.dimensionMismatch(function: "add", expected: inputs.cols, got: newInputs.cols)
        }
        try Self.validate(inputs: newInputs, targets: newTargets, kernel: kernel, function: "add")
        let n = count, q = newInputs.rows, total = n + q
        let allInputs = try Matrix.vcat([inputs, newInputs]), allTargets = targets + newTargets
        var b = kernel.node.cross(inputs, newInputs)
        triangularSolve(lower, order: n, &b, columns: q)
        var corner = kernel.node.training(newInputs, withGradient: false).k
        for i in 0..<q { corner[i + i * q] += options.alpha + jitter }
        subtractGram(b, rows: n, cols: q, from: &corner)
        guard choleskyInPlace(&corner, order: q) else {
            return try GaussianProcess(inputs: allInputs, targets: allTargets, kernel: kernel, options: options)
        }
        var grown = [Double](repeating: 0, count: total * total)
        for j in 0..<n {
            for i in j..<n { grown[i + j * total] = lower[i + j * n] }
            for t in 0..<q { grown[n + t + j * total] = b[j + t * n] }
        }
        for t in 0..<q {
            for s in t..<q { grown[n + s + (n + t) * total] = corner[s + t * q] }
        }
        return try GaussianProcess(kernel: kernel, inputs: allInputs, targets: allTargets, options: options,
                                   lower: grown, jitter: jitter)
    }
}
