/// Zero-initialised buffers of `Double` (and `Int`) owned together and freed together when the
/// pool goes away: the flat arrays of a run's state and workspaces, reached through raw pointers
/// in the hot loops (no bounds checks, no copy-on-write, no exclusivity checks).
final class BufferPool {
    private var allocations: [UnsafeMutableRawPointer] = []

    /// A new buffer of `count` zeros, valid for the lifetime of the pool.
    func doubles(_ count: Int) -> UnsafeMutablePointer<Double> {
        let buffer = UnsafeMutablePointer<Double>.allocate(capacity: count)
        buffer.initialize(repeating: 0, count: count)
        allocations.append(UnsafeMutableRawPointer(buffer))
        return buffer
    }

    /// A new buffer of `count` integer zeros, valid for the lifetime of the pool.
    func integers(_ count: Int) -> UnsafeMutablePointer<Int> {
        let buffer = UnsafeMutablePointer<Int>.allocate(capacity: count)
        buffer.initialize(repeating: 0, count: count)
        allocations.append(UnsafeMutableRawPointer(buffer))
        return buffer
    }

    /// A new buffer holding `values`, valid for the lifetime of the pool.
    func doubles(_ values: [Double]) -> UnsafeMutablePointer<Double> {
        let buffer = doubles(values.count)
        for (k, x) in values.enumerated() { buffer[k] = x }
        return buffer
    }

    deinit {
        for allocation in allocations { allocation.deallocate() }
    }
}
