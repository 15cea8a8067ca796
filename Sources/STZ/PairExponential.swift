/// The exponential of both lanes of a ``Pair``, branch-free, for the plastic-rate kernels.
///
/// Method: x = k ln 2 + r with k the nearest integer to x / ln 2 (found by adding 1.5·2⁵² and
/// reading k off the low bits), ln 2 split in two parts so that k ln 2 is exact, |r| ≤ ln2/2;
/// then exp(r) by its Taylor polynomial of degree 13 (truncation error below 5e-18 relative),
/// and the factor 2^k built directly in the exponent bits.
///
/// Accuracy: within 5e-16 relative of `Foundation.exp` (about two units in the last place)
/// for x in [−708, 709]. Below −708 the result is 0 (the true value is subnormal, under 3e-308),
/// above 709 it is +∞, and NaN stays NaN.
@inline(__always)
func exponential(_ x: Pair) -> Pair {
    let shift = Pair(repeating: 6_755_399_441_055_744)  // 1.5 · 2^52
    let t = x * 1.4426950408889634 + shift
    let k = t - shift
    let r = (x - k * 0.6931471803691238) - k * 1.9082149292705877e-10
    // Σ_{n ≤ 13} rⁿ/n! by Estrin's scheme (pairs of terms, then powers r², r⁴, r⁸), whose
    // dependency chain is a third of Horner's: the kernels are latency-bound.
    let r2 = r * r, r4 = r2 * r2, r8 = r4 * r4
    let q0 = 1 + r, q1 = 1 / 2.0 + (1 / 6.0) * r, q2 = 1 / 24.0 + (1 / 120.0) * r
    let q3 = 1 / 720.0 + (1 / 5_040.0) * r, q4 = 1 / 40_320.0 + (1 / 362_880.0) * r
    let q5 = 1 / 3_628_800.0 + (1 / 39_916_800.0) * r, q6 = 1 / 479_001_600.0 + (1 / 6_227_020_800.0) * r
    let low = (q0 + q1 * r2) + (q2 + q3 * r2) * r4, high = (q4 + q5 * r2) + q6 * r4
    let p = low + high * r8
    let bits = (unsafeBitCast(t, to: SIMD2<UInt64>.self) &+ 1023) &<< 52
    let y = p * unsafeBitCast(bits, to: Pair.self)
    // NaN propagates through the arithmetic by itself.
    return Pair.select(x .> 709, Pair(repeating: .infinity), Pair.select(x .< -708, Pair(repeating: 0), y))
}
