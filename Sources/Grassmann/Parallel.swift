import CLinearAlgebra
import Dispatch

/// Data-parallel loops over all cores, deterministic: each index writes only its own slot, so
/// the result does not depend on how the indices were scheduled.
enum Parallel {
    /// `[body(0), body(1), ..., body(count - 1)]`, computed concurrently. When several indices
    /// throw, the error of the lowest index is rethrown.
    ///
    /// The tasks make many small BLAS and LAPACK calls; OpenBLAS is kept to one thread while
    /// they run, because its own threads would compete with the tasks for the same cores (and
    /// spin while waiting), which costs more than it gains on matrices of a few columns.
    static func map<T: Sendable>(
        _ count: Int, _ body: @Sendable (Int) throws(GrassmannError) -> T
    ) throws(GrassmannError) -> [T] {
        var results = [Result<T, GrassmannError>?](repeating: nil, count: count)
        let blasThreads = openblas_get_num_threads()
        openblas_set_num_threads(1)
        results.withUnsafeMutableBufferPointer { buffer in
            let slots = Slots(base: buffer.baseAddress)
            DispatchQueue.concurrentPerform(iterations: count) { i in
                slots.base?[i] = Result { () throws(GrassmannError) in try body(i) }
            }
        }
        openblas_set_num_threads(blasThreads)
        return try results.map { (slot) throws(GrassmannError) in try slot!.get() }
    }

    /// The result buffer shared by the tasks; safe because task i writes only element i.
    private struct Slots<T>: @unchecked Sendable {
        let base: UnsafeMutablePointer<T>?
    }
}
