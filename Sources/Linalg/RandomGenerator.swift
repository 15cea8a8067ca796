import Foundation

/// The project's one random-number generator: the 32-bit Mersenne Twister MT19937, seeded and
/// used exactly as NumPy's legacy `numpy.random.RandomState(seed)`.
///
/// Every method reproduces its `RandomState` namesake bit for bit for an integer seed, so a
/// sequence drawn here (a Latin hypercube, a random initial guess) can be redrawn in Python and
/// vice versa:
///
/// | here | NumPy (`rs = np.random.RandomState(seed)`) |
/// |---|---|
/// | `RandomGenerator(seed:)` | `RandomState(seed)` (`init_genrand`) |
/// | ``nextUInt32()`` | `rs.randint(0, 2**32, dtype=np.uint32)` (`genrand_int32`) |
/// | ``randomSample()`` | `rs.random_sample()` |
/// | ``uniform(low:high:)`` | `rs.uniform(low, high)` |
/// | ``standardNormal()`` | `rs.standard_normal()` |
/// | ``normal(mean:standardDeviation:)`` | `rs.normal(loc, scale)` |
/// | ``randomInteger(in:)`` | `rs.randint(low, high)` |
/// | ``randomInterval(_:)`` | `random_interval(max)` (the draw behind `shuffle`) |
/// | ``shuffle(_:)`` | `rs.shuffle(x)` |
/// | ``permutation(_:)`` | `rs.permutation(n)` |
///
/// The generator is a value: copying it forks the stream (both copies then produce the same
/// numbers), and passing it `inout` advances the caller's stream. It is `Sendable`, so each task
/// or thread owns its own generator.
public struct RandomGenerator: Sendable, RandomNumberGenerator {
    private static let stateCount = 624
    private static let shift = 397
    private static let matrixA: UInt32 = 0x9908_b0df
    private static let upperMask: UInt32 = 0x8000_0000
    private static let lowerMask: UInt32 = 0x7fff_ffff

    /// The 624 words of twister state.
    private var state: [UInt32]
    /// The index of the next word to temper; `stateCount` means "regenerate first".
    private var position: Int
    /// The second normal deviate of the last polar Box-Muller pair, kept for the next call.
    private var cachedGaussian: Double?

    /// A generator seeded as `numpy.random.RandomState(seed)` (Matsumoto and Nishimura's
    /// `init_genrand`). NumPy accepts integer seeds in 0 ..< 2^32, exactly the `UInt32` range.
    public init(seed: UInt32) {
        var state = [UInt32](repeating: 0, count: Self.stateCount)
        state[0] = seed
        for i in 1..<Self.stateCount {
            let previous = state[i - 1]
            state[i] = 1_812_433_253 &* (previous ^ (previous >> 30)) &+ UInt32(i)
        }
        self.state = state
        self.position = Self.stateCount
        self.cachedGaussian = nil
    }

    /// Regenerates the 624 words (the "twist").
    private mutating func twist() {
        let n = Self.stateCount, m = Self.shift
        state.withUnsafeMutableBufferPointer { key in
            func mixed(_ i: Int, _ next: Int, _ far: Int) -> UInt32 {
                let y = (key[i] & Self.upperMask) | (key[next] & Self.lowerMask)
                return key[far] ^ (y >> 1) ^ ((y & 1) == 0 ? 0 : Self.matrixA)
            }
            for i in 0..<(n - m) { key[i] = mixed(i, i + 1, i + m) }
            for i in (n - m)..<(n - 1) { key[i] = mixed(i, i + 1, i + m - n) }
            key[n - 1] = mixed(n - 1, 0, m - 1)
        }
        position = 0
    }

    /// The next 32-bit output of MT19937 (`genrand_int32`); seed 5489 starts with 3499211612.
    public mutating func nextUInt32() -> UInt32 {
        if position >= Self.stateCount { twist() }
        var y = state[position]
        position += 1
        y ^= y >> 11
        y ^= (y << 7) & 0x9d2c_5680
        y ^= (y << 15) & 0xefc6_0000
        y ^= y >> 18
        return y
    }

    /// A 64-bit value made of two 32-bit outputs, the first in the high half (NumPy's
    /// `mt19937_next64`).
    public mutating func nextUInt64() -> UInt64 {
        let high = UInt64(nextUInt32())
        return high << 32 | UInt64(nextUInt32())
    }

    /// The `RandomNumberGenerator` requirement: same as ``nextUInt64()``, so Swift's
    /// `Double.random(in:using:)` and friends can draw from this stream too.
    public mutating func next() -> UInt64 { nextUInt64() }

    /// A double uniform on [0, 1) with 53 random bits, as `RandomState.random_sample()`:
    /// `(a * 2^26 + b) / 2^53` with `a` the top 27 bits of one draw and `b` the top 26 of the next.
    public mutating func randomSample() -> Double {
        let a = Double(nextUInt32() >> 5)
        let b = Double(nextUInt32() >> 6)
        return (a * 67_108_864.0 + b) / 9_007_199_254_740_992.0
    }

    /// A double uniform on [low, high), as `RandomState.uniform(low, high)`:
    /// `low + (high - low) * randomSample()`.
    public mutating func uniform(low: Double, high: Double) -> Double {
        low + (high - low) * randomSample()
    }

    /// A standard normal deviate, as `RandomState.standard_normal()`: the polar Box-Muller method,
    /// which makes two deviates per accepted pair and returns the cached second one on the next call.
    public mutating func standardNormal() -> Double {
        if let cached = cachedGaussian {
            cachedGaussian = nil
            return cached
        }
        var x1: Double, x2: Double, r2: Double
        repeat {
            x1 = 2 * randomSample() - 1
            x2 = 2 * randomSample() - 1
            r2 = x1 * x1 + x2 * x2
        } while r2 >= 1 || r2 == 0
        let f = (-2 * Foundation.log(r2) / r2).squareRoot()
        cachedGaussian = f * x1
        return f * x2
    }

    /// A normal deviate with the given mean and standard deviation, as
    /// `RandomState.normal(loc, scale)`: `mean + standardDeviation * standardNormal()`.
    public mutating func normal(mean: Double, standardDeviation: Double) -> Double {
        mean + standardDeviation * standardNormal()
    }

    /// A uniform integer in 0 ... `max` by masked rejection, NumPy's `random_interval`: draw
    /// 32 bits (64 when `max` needs them), keep the bits of the smallest all-ones mask covering
    /// `max`, and retry while the value exceeds `max`.
    public mutating func randomInterval(_ max: UInt64) -> UInt64 {
        if max == 0 { return 0 }
        let mask = Self.mask(covering: max)
        var value: UInt64
        if max <= UInt64(UInt32.max) {
            repeat { value = UInt64(nextUInt32()) & mask } while value > max
        } else {
            repeat { value = nextUInt64() & mask } while value > max
        }
        return value
    }

    /// A uniform integer in `range` (half-open, like `RandomState.randint(low, high)`), drawn
    /// the way legacy `randint` draws bounded integers: masked rejection on 32-bit outputs when
    /// the span fits in 32 bits, on 64-bit outputs otherwise.
    ///
    /// - Precondition: `range` is not empty.
    public mutating func randomInteger(in range: Range<Int>) -> Int {
        precondition(!range.isEmpty, "randomInteger: empty range")
        let span = UInt64(bitPattern: Int64(range.upperBound &- 1 &- range.lowerBound))
        let offset = UInt64(bitPattern: Int64(range.lowerBound))
        let draw: UInt64
        switch span {
        case 0: draw = 0
        case UInt64(UInt32.max): draw = UInt64(nextUInt32())
        case UInt64.max: draw = nextUInt64()
        default: draw = randomInterval(span)
        }
        return Int(Int64(bitPattern: offset &+ draw))
    }

    /// Shuffles `elements` in place as `RandomState.shuffle`: Fisher-Yates from the last
    /// element down, swapping element `i` with element `randomInterval(i)`.
    public mutating func shuffle<T>(_ elements: inout [T]) {
        guard elements.count > 1 else { return }
        for i in stride(from: elements.count - 1, through: 1, by: -1) {
            let j = Int(randomInterval(UInt64(i)))
            elements.swapAt(i, j)
        }
    }

    /// A random permutation of 0 ..< `n`, as `RandomState.permutation(n)`.
    ///
    /// - Precondition: `n >= 0`.
    public mutating func permutation(_ n: Int) -> [Int] {
        precondition(n >= 0, "permutation: negative count")
        var values = Array(0..<n)
        shuffle(&values)
        return values
    }

    /// The smallest value of the form 2^k - 1 that is at least `value`.
    private static func mask(covering value: UInt64) -> UInt64 {
        value == 0 ? 0 : UInt64.max >> value.leadingZeroBitCount
    }
}
