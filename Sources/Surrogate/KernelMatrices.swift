import Linalg

extension Kernel {
    /// The covariance matrix k(X, X) between the rows of `x`, white noise on its diagonal.
    ///
    /// - Throws: ``SurrogateError/dimensionMismatch(function:expected:got:)`` when `x` does not
    ///   have one column per ARD length scale.
    public func covariance(_ x: Matrix) throws(SurrogateError) -> Matrix {
        try requireColumns(x.cols)
        let n = x.rows
        var k = node.training(x, withGradient: false).k
        for j in 0..<n { for i in 0..<j { k[i + j * n] = k[j + i * n] } }
        return Matrix(rows: n, cols: n, columnMajor: k)
    }

    /// The cross-covariance matrix k(A, B) between the rows of `a` and of `b` (no white noise).
    ///
    /// - Throws: ``SurrogateError/dimensionMismatch(function:expected:got:)`` as
    ///   ``covariance(_:)``, or when `a` and `b` differ in columns.
    public func covariance(_ a: Matrix, _ b: Matrix) throws(SurrogateError) -> Matrix {
        try requireColumns(a.cols)
        guard b.cols == a.cols else { throw .dimensionMismatch(function: "covariance", expected: a.cols, got: b.cols) }
        return Matrix(rows: a.rows, cols: b.rows, columnMajor: node.cross(a, b))
    }

    /// Throws unless inputs with `columns` columns fit every ARD length-scale list.
    func requireColumns(_ columns: Int) throws(SurrogateError) {
        guard node.dimensionsAgree(with: columns) else {
            throw .dimensionMismatch(function: "covariance", expected: inputDimension ?? columns, got: columns)
        }
    }
}
