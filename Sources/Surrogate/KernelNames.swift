import Linalg

extension Kernel {
    /// The names accepted by ``named(_:dimension:)``.
    public static let names = ["rbf", "matern12", "matern32", "matern52", "rq", "constant", "white"]

    /// The basic kernel called `name` with default hyperparameters: the stationary ones with one
    /// length scale of 1 per input column (ARD) when `dimension` is given, one shared length
    /// scale otherwise; `constant` and `white` with value 1.
    ///
    /// - Throws: ``SurrogateError/unknownKernel(name:known:)`` for a name not in ``names``.
    public static func named(_ name: String, dimension: Int? = nil) throws(SurrogateError) -> Kernel {
        let scales = [Double](repeating: 1, count: Swift.max(1, dimension ?? 1))
        switch name {
        case "rbf": return try rbf(lengthScale: scales)
        case "matern12": return try matern(.oneHalf, lengthScale: scales)
        case "matern32": return try matern(.threeHalves, lengthScale: scales)
        case "matern52": return try matern(.fiveHalves, lengthScale: scales)
        case "rq": return try rationalQuadratic(lengthScale: scales)
        case "constant": return try constant()
        case "white": return try white()
        default: throw .unknownKernel(name: name, known: names)
        }
    }
}

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
