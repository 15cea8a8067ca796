import CLinearAlgebra
import Foundation
import Linalg

/// The cross products A'B of many bases at once: the bases side by side as the columns of A and
/// B, the product cut into blocks that the tasks of ``Parallel/forEach(_:_:)`` compute with one
/// single-threaded BLAS call each.
///
/// OpenBLAS's own threads would compute one large product as fast, but they stay awake after
/// it, spinning on `sched_yield` for about a tenth of a second, and take cores from the small
/// SVDs that follow; split here, the product never wakes them.
enum CrossProducts {
    /// Column segments per side: enough blocks to keep every core busy, few enough that each
    /// block is a product of hundreds of columns, where BLAS runs near its peak and repacking
    /// the operands for every block costs little.
    private static let segments = Int((2 * Double(ProcessInfo.processInfo.activeProcessorCount)).squareRoot().rounded(.up))

    /// A'A (a.cols x a.cols) with its upper triangle, diagonal included, computed (`dsyrk` on
    /// the diagonal blocks); the elements below the diagonal are zero.
    static func upperTriangle(of a: Matrix) -> Matrix {
        let blocks = (0..<segments).flatMap { s in (s..<segments).map { t in (s, t) } }
        return product(a, a, blocks: blocks, upperTriangle: true)
    }

    /// A'B (a.cols x b.cols); `a` and `b` have the same number of rows.
    static func product(_ a: Matrix, _ b: Matrix) -> Matrix {
        let blocks = (0..<segments).flatMap { s in (0..<segments).map { t in (s, t) } }
        return product(a, b, blocks: blocks, upperTriangle: false)
    }

    /// The blocks (row segment, column segment) of A'B, largest first; with `upperTriangle`
    /// (a and b the same matrix) the diagonal blocks are computed above their diagonal only.
    private static func product(_ a: Matrix, _ b: Matrix, blocks: [(Int, Int)], upperTriangle: Bool) -> Matrix {
        let n = a.rows, ldc = a.cols
        var c = Matrix(rows: a.cols, cols: b.cols)
        guard n > 0, a.cols > 0, b.cols > 0 else { return c }
        let rowBounds = bounds(a.cols), columnBounds = bounds(b.cols)
        let ordered = blocks.sorted { ($0.0 - $0.1, $0.0) < ($1.0 - $1.1, $1.0) }  // off-diagonal blocks first
        a.withUnsafeBufferPointer { pa in
            b.withUnsafeBufferPointer { pb in
                c.withUnsafeMutableBufferPointer { pc in
                    let memory = Operands(a: pa.baseAddress!, b: pb.baseAddress!, c: pc.baseAddress!)
                    Parallel.forEach(ordered.count) { k in
                        let (s, t) = ordered[k]
                        let rows = rowBounds[s]..<rowBounds[s + 1], cols = columnBounds[t]..<columnBounds[t + 1]
                        guard !rows.isEmpty, !cols.isEmpty else { return }
                        let target = memory.c + rows.lowerBound + cols.lowerBound * ldc
                        if upperTriangle && s == t {
                            cblas_dsyrk(CblasColMajor, CblasUpper, CblasTrans, blasint(rows.count), blasint(n), 1,
                                        memory.a + rows.lowerBound * n, blasint(n), 0, target, blasint(ldc))
                        } else {
                            cblas_dgemm(CblasColMajor, CblasTrans, CblasNoTrans, blasint(rows.count), blasint(cols.count),
                                        blasint(n), 1, memory.a + rows.lowerBound * n, blasint(n),
                                        memory.b + cols.lowerBound * n, blasint(n), 0, target, blasint(ldc))
                        }
                    }
                }
            }
        }
        return c
    }

    /// The first column of each segment of `count` columns, and `count`.
    private static func bounds(_ count: Int) -> [Int] {
        (0...segments).map { count * $0 / segments }
    }

    /// The three matrices' memory, shared by the tasks; each task writes its own block of `c`.
    private struct Operands: @unchecked Sendable {
        let a: UnsafePointer<Double>, b: UnsafePointer<Double>, c: UnsafeMutablePointer<Double>
    }
}

extension CrossProducts {
    /// a' B, B the columns `columns` of `b`, written to `c` (a.cols x columns.count).
    static func product(_ a: Matrix, _ b: Matrix, columns: Range<Int>, into c: inout Matrix) {
        multiply(a, columns: 0..<a.cols, transposed: true, b, columns: columns, into: &c)
    }

    /// B k, B the columns `columns` of `b`, written to `c` (b.rows x k.cols).
    static func combination(of b: Matrix, columns: Range<Int>, _ k: Matrix, into c: inout Matrix) {
        multiply(b, columns: columns, transposed: false, k, columns: 0..<k.cols, into: &c)
    }

    /// op(A) B with A and B the columns `aColumns` of `a` and `bColumns` of `b`, op(A) = A' when
    /// `transposed`, written to `c`: one single-threaded BLAS call on the columns where they lie.
    private static func multiply(
        _ a: Matrix, columns aColumns: Range<Int>, transposed: Bool, _ b: Matrix, columns bColumns: Range<Int>, into c: inout Matrix
    ) {
        let (m, k) = transposed ? (aColumns.count, a.rows) : (a.rows, aColumns.count)
        precondition(k == b.rows && c.rows == m && c.cols == bColumns.count
                     && aColumns.upperBound <= a.cols && bColumns.upperBound <= b.cols)
        guard k > 0, c.count > 0 else { return c.withUnsafeMutableBufferPointer { $0.update(repeating: 0) } }
        a.withUnsafeBufferPointer { pa in
            b.withUnsafeBufferPointer { pb in
                c.withUnsafeMutableBufferPointer { pc in
                    cblas_dgemm(CblasColMajor, transposed ? CblasTrans : CblasNoTrans, CblasNoTrans, blasint(m), blasint(bColumns.count),
                                blasint(k), 1, pa.baseAddress! + aColumns.lowerBound * a.rows, blasint(a.rows),
                                pb.baseAddress! + bColumns.lowerBound * b.rows, blasint(b.rows), 0, pc.baseAddress, blasint(m))
                }
            }
        }
    }
}
