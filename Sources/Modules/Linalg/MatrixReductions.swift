import Linalg
import LuaHost

/// Reductions of `linalg.Matrix`: over the whole matrix (a number) or along a dimension
/// (1: down the rows, giving a row vector; 2: along the columns, giving a column vector).
enum MatrixReductions {
    static let methods: [NativeFunction] = [sum, mean, std, variance, min, max, argmin, argmax, norm, trace, dot, allFinite]

    /// A reduction method `A:name([dim])`.
    private static func reduction(
        _ name: String, _ what: String, whole: @escaping (Matrix) throws(LinalgError) -> Double,
        along: @escaping (Matrix, Dimension) throws(LinalgError) -> Matrix
    ) -> NativeFunction {
        NativeFunction(
            name,
            doc: """
                A:\(name)([dim]) -> number or vector

                The \(what) of all elements, or along dim: 1 gives a row vector (one value per
                column), 2 a column vector (one value per row).
                """
        ) { call in
            let matrix = try call.matrix(1)
            guard let dimension = try call.reductionDimension(2) else { return call.returning(try whole(matrix)) }
            return call.returning(try along(matrix, dimension))
        }
    }

    static let sum = reduction("sum", "sum", whole: { $0.sum() }, along: { $0.sum(along: $1) })
    static let mean = reduction("mean", "mean", whole: { $0.mean() }, along: { $0.mean(along: $1) })
    static let min = reduction(
        "min", "minimum", whole: { m throws(LinalgError) in try m.min() }, along: { m, d throws(LinalgError) in try m.min(along: d) })
    static let max = reduction(
        "max", "maximum", whole: { m throws(LinalgError) in try m.max() }, along: { m, d throws(LinalgError) in try m.max(along: d) })

    /// `A:std([dim] [, ddof])` and `A:var(...)`.
    private static func spread(_ name: String, _ what: String, squared: Bool) -> NativeFunction {
        NativeFunction(
            name,
            doc: """
                A:\(name)([dim] [, ddof]) -> number or vector

                The \(what) of all elements, or along dim (1 or 2, as for sum), with ddof degrees
                of freedom removed from the count (0, the population value, by default; 1 for the
                sample estimate).
                """
        ) { call in
            let matrix = try call.matrix(1)
            let ddof = try call.integer(3, default: 0)
            guard ddof >= 0 else { throw ArgumentError(3, "ddof must be non-negative, got \(ddof)") }
            if let dimension = try call.reductionDimension(2) {
                return call.returning(
                    squared ? matrix.variance(along: dimension, ddof: ddof) : matrix.standardDeviation(along: dimension, ddof: ddof))
            }
            return call.returning(squared ? matrix.variance(ddof: ddof) : matrix.standardDeviation(ddof: ddof))
        }
    }

    static let std = spread("std", "standard deviation", squared: false)
    static let variance = spread("var", "variance", squared: true)

    /// `A:argmin([dim])` and `A:argmax([dim])`: 1-based positions.
    private static func position(
        _ name: String, _ what: String, whole: @escaping (Matrix) throws(LinalgError) -> (row: Int, col: Int),
        along: @escaping (Matrix, Dimension) throws(LinalgError) -> [Int]
    ) -> NativeFunction {
        NativeFunction(
            name,
            doc: """
                A:\(name)([dim]) -> i, j  or  table

                The row and column (1-based) of the \(what) (the first in column-major order on
                ties); along dim (1 or 2), a table of 1-based positions per column or row.
                """
        ) { call in
            let matrix = try call.matrix(1)
            guard let dimension = try call.reductionDimension(2) else {
                let (i, j) = try whole(matrix)
                return call.returning(i + 1, j + 1)
            }
            return call.returning(try along(matrix, dimension).map { $0 + 1 })
        }
    }

    static let argmin = position(
        "argmin", "smallest element", whole: { m throws(LinalgError) in try m.argmin() },
        along: { m, d throws(LinalgError) in try m.argmin(along: d) })
    static let argmax = position(
        "argmax", "largest element", whole: { m throws(LinalgError) in try m.argmax() },
        along: { m, d throws(LinalgError) in try m.argmax(along: d) })

    static let norm = NativeFunction(
        "norm",
        doc: """
            A:norm([kind]) -> number   (also linalg.norm(A, kind))

            The norm of A: "fro" (Frobenius, the default; the Euclidean norm of a vector), "1"
            (largest column sum), "inf" (largest row sum) or "2" (largest singular value). For
            vectors "1", "2" and "inf" are the vector norms.
            """
    ) { call in
        let matrix = try call.matrix(1)
        let kinds: [String: NormKind] = ["fro": .frobenius, "1": .one, "2": .two, "inf": .infinity]
        let name = call.isNil(2) ? "fro" : try call.string(2)
        guard let kind = kinds[name] else {
            throw ArgumentError(2, "unknown norm '\(name)'; expected one of: fro, 1, 2, inf")
        }
        return call.returning(matrix.norm(kind))
    }

    static let trace = NativeFunction("trace", doc: "A:trace() -> number\n\nThe sum of the diagonal elements.") { call in
        call.returning(try call.matrix(1).trace())
    }

    static let dot = NativeFunction(
        "dot", doc: "A:dot(B) -> number   (also linalg.dot(A, B))\n\nThe sum of the elementwise products of two matrices of the same shape."
    ) { call in
        call.returning(try call.matrix(1).dot(call.matrix(2)))
    }

    static let allFinite = NativeFunction(
        "all_finite", doc: "A:all_finite() -> boolean\n\nWhether no element is NaN or infinite."
    ) { call in
        call.returning(try call.matrix(1).allFinite)
    }
}
