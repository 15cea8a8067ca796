import Foundation
import Linalg

/// Runs `body(i)` for i in 0 ..< count on all cores and returns the results in order. The first
/// error thrown (or an interruption, checked before each item) is rethrown after all running
/// items finish. Items must be independent. `progress`, when given, is called with the number of
/// items done after each one finishes, one call at a time (under a lock, on a worker thread).
func concurrentMap<T: Sendable>(
    _ count: Int, interruption: Interruption, progress: ((Int) -> Void)? = nil,
    _ body: @Sendable (Int) throws(OnsagerError) -> T
) throws(OnsagerError) -> [T] {
    let results = ConcurrentResults<T>(count: count, progress: progress)
    DispatchQueue.concurrentPerform(iterations: count) { i in
        guard !results.failed else { return }
        do throws(OnsagerError) {
            try interruption.checkOnsager()
            results.store(try body(i), at: i)
        } catch {
            results.fail(error)
        }
    }
    return try results.collect()
}

/// The shared output of ``concurrentMap(_:interruption:_:)``: each slot is written by exactly
/// one item; the error is guarded by a lock.
private final class ConcurrentResults<T: Sendable>: @unchecked Sendable {
    private var error: OnsagerError?
    private let lock = NSLock()
    private let buffer: UnsafeMutableBufferPointer<T?>
    private let progress: ((Int) -> Void)?
    private var done = 0

    init(count: Int, progress: ((Int) -> Void)?) {
        self.progress = progress
        buffer = .allocate(capacity: count)
        buffer.initialize(repeating: nil)
    }

    deinit {
        buffer.deinitialize()
        buffer.deallocate()
    }

    var failed: Bool { lock.withLock { error != nil } }

    func store(_ value: T, at index: Int) {
        buffer[index] = value
        guard let progress else { return }
        lock.withLock {
            done += 1
            progress(done)
        }
    }

    func fail(_ error: OnsagerError) {
        lock.withLock { if self.error == nil { self.error = error } }
    }

    func collect() throws(OnsagerError) -> [T] {
        if let error { throw error }
        return buffer.map { $0! }
    }
}
