/// Two neighbouring grid values processed together: the two lanes of an SSE2 register, which
/// every x86-64 processor has. The solver's stencil loops use it where the compiler does not
/// vectorise on its own (selects between stencils that depend on the data).
///
/// Unoptimised, every `SIMD2` operation is a generic call: a debug build needs minutes for the
/// run that a release build does in 0.4 s.
typealias Pair = SIMD2<Double>

extension Pair {
    /// Loads `base[i]` and `base[i + 1]` (no alignment needed).
    @inline(__always) static func load(_ base: UnsafePointer<Double>, _ i: Int) -> Pair {
        UnsafeRawPointer(base + i).loadUnaligned(as: Pair.self)
    }

    /// Stores the lanes into `base[i]` and `base[i + 1]`.
    @inline(__always) func store(_ base: UnsafeMutablePointer<Double>, _ i: Int) {
        UnsafeMutableRawPointer(base + i).storeBytes(of: self, as: Pair.self)
    }

    /// The lane-wise absolute value (clears the sign bits).
    @inline(__always) var magnitude: Pair {
        let bits = unsafeBitCast(self, to: SIMD2<UInt64>.self) & SIMD2<UInt64>(repeating: 0x7FFF_FFFF_FFFF_FFFF)
        return unsafeBitCast(bits, to: Pair.self)
    }

    /// The pair (`base[i]`, `base[j]`) from two arbitrary indices.
    @inline(__always) static func gather(_ base: UnsafePointer<Double>, _ i: Int, _ j: Int) -> Pair {
        Pair(base[i], base[j])
    }

    /// Stores the lanes into `base[i]` and `base[j]` (the second lane's value when i == j).
    @inline(__always) func scatter(_ base: UnsafeMutablePointer<Double>, _ i: Int, _ j: Int) {
        base[i] = self[0]
        base[j] = self[1]
    }

    /// Lane-wise `condition ? a : b`.
    @inline(__always) static func select(_ condition: SIMDMask<SIMD2<Int64>>, _ a: Pair, _ b: Pair) -> Pair {
        b.replacing(with: a, where: condition)
    }
}

/// Lane-wise arithmetic shared by `Double` and ``Pair``, so that formulas used both per value
/// and per pair (the stress transform) are written once.
protocol LaneArithmetic {
    static func + (a: Self, b: Self) -> Self
    static func - (a: Self, b: Self) -> Self
    static func * (a: Self, b: Self) -> Self
    static func * (a: Double, b: Self) -> Self
    func squareRoot() -> Self
}

extension Double: LaneArithmetic {}
extension SIMD2: LaneArithmetic where Scalar == Double {}

/// Calls `body` with `values` broadcast to pairs in stack memory. Loops read their coefficients
/// from there each iteration: held in registers they would outnumber the SSE registers, and the
/// compiler would recompute them inside the loop instead.
@inline(__always)
func withPairConstants(_ values: [Double], _ body: (UnsafeMutableBufferPointer<Pair>) -> Void) {
    withUnsafeTemporaryAllocation(of: Pair.self, capacity: values.count) { k in
        for (i, x) in values.enumerated() { k[i] = Pair(repeating: x) }
        body(k)
    }
}
