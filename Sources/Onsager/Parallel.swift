import Foundation
import Linalg

/// Runs `body(i)` for i in 0 ..< count on all cores and returns the results in order. The first
/// error thrown (or an interruption, checked before each item) is rethrown after all running
/// items finish. Items must be independent.
func concurrentMap<T: Sendable>(
    _ count: Int, interruption: Interruption, _ body: @Sendable (Int) throws(OnsagerError) -> T
) throws(OnsagerError) -> [T] {
    let results = ConcurrentResults<T>(count: count)
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

    init(count: Int) {
        buffer = .allocate(capacity: count)
        buffer.initialize(repeating: nil)
    }

    deinit {
        buffer.deinitialize()
        buffer.deallocate()
    }

    var failed: Bool { lock.withLock { error != nil } }

    func store(_ value: T, at index: Int) { buffer[index] = value }

    func fail(_ error: OnsagerError) {
        lock.withLock { if self.error == nil { self.error = error } }
    }

    func collect() throws(OnsagerError) -> [T] {
        if let error { throw error }
        return buffer.map { $0! }
    }
}
