/// The exponential of both lanes of a ``Pair``, branch-free, for the plastic-rate kernels.
///
/// Method: x = k ln 2 + r with k the nearest integer to x / ln 2 (found by adding 1.5·2⁵² and
/// reading k off the low bits), ln 2 split in two parts so that k ln 2 is exact, |r| ≤ ln2/2;
/// then exp(r) by a polynomial of degree 11 (Chebyshev interpolation of exp on [−ln2/2, ln2/2],
/// coefficients rounded to double: relative error below 2e-17), and the factor 2^k built
/// directly in the exponent bits.
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
    // The polynomial by Estrin's scheme (pairs of terms, then powers r², r⁴, r⁸), whose
    // dependency chain is a third of Horner's: the kernels are latency-bound.
    let r2 = r * r, r4 = r2 * r2, r8 = r4 * r4
    let q0: Pair = 1 + r, q1: Pair = 0.5000000000000019 + 0.1666666666666668 * r
    let q2: Pair = 0.0416666666664881 + 0.008333333333319601 * r
    let q3: Pair = 0.0013888888952314775 + 0.00019841269890047113 * r
    let q4: Pair = 2.4801485482328494e-05 + 2.755724091857897e-06 * r
    let q5: Pair = 2.763263963904103e-07 + 2.5110037605963777e-08 * r
    let low: Pair = (q0 + q1 * r2) + (q2 + q3 * r2) * r4
    let p: Pair = low + (q4 + q5 * r2) * r8
    let bits = (unsafeBitCast(t, to: SIMD2<UInt64>.self) &+ 1023) &<< 52
    let y = p * unsafeBitCast(bits, to: Pair.self)
    // NaN propagates through the arithmetic by itself.
    return Pair.select(x .> 709, Pair(repeating: .infinity), Pair.select(x .< -708, Pair(repeating: 0), y))
}
