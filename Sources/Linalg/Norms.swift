import CLinearAlgebra

/// Which norm ``Matrix/norm(_:)`` computes.
///
/// For a vector (one row or one column) these are the vector norms: `.one` is the sum of absolute
/// values, `.two` and `.frobenius` the Euclidean length, `.infinity` the largest absolute value.
/// For a matrix: `.frobenius` is the square root of the sum of squares, `.one` the largest
/// absolute column sum, `.infinity` the largest absolute row sum and `.two` the largest singular
/// value (the spectral norm).
public enum NormKind: Sendable, Hashable {
    /// Square root of the sum of squared elements.
    case frobenius
    /// Vector: sum of absolute values. Matrix: largest absolute column sum.
    case one
    /// Vector: Euclidean length. Matrix: largest singular value.
    case two
    /// Vector: largest absolute value. Matrix: largest absolute row sum.
    case infinity
}

extension Matrix {
    /// The norm of the given kind (Frobenius by default); 0 for an empty matrix.
    ///
    /// The matrix 2-norm needs an SVD: it is NaN when the matrix holds NaN or infinity (as is every
    /// norm of a matrix holding NaN).
    public func norm(_ kind: NormKind = .frobenius) -> Double {
        if count == 0 { return 0 }
        switch (kind, isVector) {
        case (.frobenius, _), (.two, true):
            return storage.withUnsafeBufferPointer { cblas_dnrm2(blasInt(count), $0.baseAddress, 1) }
        case (.one, true):
            return abs().sum()
        case (.infinity, true):
            return (try? abs().max()) ?? .nan
        case (.one, false):
            return (try? abs().sum(along: .rows).max()) ?? .nan
        case (.infinity, false):
            return (try? abs().sum(along: .columns).max()) ?? .nan
        case (.two, false):
            return (try? singularValues().first) ?? .nan
        }
    }

    /// The sum of the main diagonal, elements (k, k) for k < min(rows, cols).
    public func trace() -> Double {
        diagonal().sum()
    }

    /// The dot product: the sum of the products of matching elements. Two vectors of the same
    /// length may differ in orientation (row with column); matrices must have the same shape
    /// (the Frobenius inner product).
    ///
    /// - Throws: ``LinalgError/shapeMismatch(operation:lhs:rhs:)`` otherwise.
    public func dot(_ other: Matrix) throws(LinalgError) -> Double {
        guard shape == other.shape || (isVector && other.isVector && count == other.count) else {
            throw .shapeMismatch(operation: "dot", lhs: shape, rhs: other.shape)
        }
        if count == 0 { return 0 }
        return storage.withUnsafeBufferPointer { x in
            other.storage.withUnsafeBufferPointer { y in
                cblas_ddot(blasInt(count), x.baseAddress, 1, y.baseAddress, 1)
            }
        }
    }
}
