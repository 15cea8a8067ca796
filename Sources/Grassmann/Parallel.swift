import CLinearAlgebra
import Dispatch
import Synchronization

/// Data-parallel loops over all cores, deterministic: each index writes only its own slot, so
/// the result does not depend on how the indices were scheduled.
///
/// The tasks make many small BLAS and LAPACK calls; OpenBLAS is kept to one thread while they
/// run, because its own threads would compete with the tasks for the same cores (and spin while
/// waiting), which costs more than it gains on matrices of a few columns.
enum Parallel {
    /// `[body(0), body(1), ..., body(count - 1)]`, computed concurrently. When several indices
    /// throw, the error of the lowest index is rethrown.
    static func map<T: Sendable>(
        _ count: Int, _ body: @Sendable (Int) throws(GrassmannError) -> T
    ) throws(GrassmannError) -> [T] {
        var results = [Result<T, GrassmannError>?](repeating: nil, count: count)
        results.withUnsafeMutableBufferPointer { buffer in
            let slots = Slots(base: buffer.baseAddress)
            forEach(count) { i in slots.base?[i] = Result { () throws(GrassmannError) in try body(i) } }
        }
        return try results.map { (slot) throws(GrassmannError) in try slot!.get() }
    }

    /// Calls `body(0)`, ..., `body(count - 1)` concurrently.
    static func forEach(_ count: Int, _ body: @Sendable (Int) -> Void) {
        withSingleThreadedBLAS { DispatchQueue.concurrentPerform(iterations: count, execute: body) }
    }

    /// `body()` with OpenBLAS kept to one thread. Algorithms that alternate parallel rounds with
    /// serial steps run whole inside this, so that no serial BLAS call (a large `daxpy`, say)
    /// wakes OpenBLAS's threads, which would then spin beside the next round's tasks.
    ///
    /// The setting is process-wide and several threads may be in here at once (parallel
    /// evaluations each computing distances): the first to enter saves the thread count, the last
    /// to leave restores it.
    static func withSingleThreadedBLAS<T, E: Error>(_ body: () throws(E) -> T) throws(E) -> T {
        singleThreadedBLAS.withLock { state in
            if state.holders == 0 {
                state.savedThreads = openblas_get_num_threads()
                openblas_set_num_threads(1)
            }
            state.holders += 1
        }
        defer {
            singleThreadedBLAS.withLock { state in
                state.holders -= 1
                if state.holders == 0 { openblas_set_num_threads(state.savedThreads) }
            }
        }
        return try body()
    }

    /// The callers inside ``withSingleThreadedBLAS(_:)`` and the thread count to restore.
    private static let singleThreadedBLAS = Mutex<(holders: Int, savedThreads: Int32)>((0, 1))

    /// The result buffer shared by the tasks; safe because task i writes only element i.
    private struct Slots<T>: @unchecked Sendable {
        let base: UnsafeMutablePointer<T>?
    }
}
