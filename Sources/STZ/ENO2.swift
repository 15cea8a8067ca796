/// The second-order ENO difference of the reference (`shear_sim::eno2`), times 2Δ.
///
/// For upwind samples p0 (downwind neighbour), p1 (the point), p2, p3 (one and two points
/// upwind), it takes the one-sided stencil 3p1 − 4p2 + p3 when its second difference is
/// strictly smaller than the centred one, and the centred p0 − p2 otherwise (ties go to the
/// centred stencil, the reference's `>`).
@inline(__always)
func eno2(_ p0: Double, _ p1: Double, _ p2: Double, _ p3: Double) -> Double {
    abs(p0 - 2 * p1 + p2) > abs(p1 - 2 * p2 + p3) ? 3 * p1 - 4 * p2 + p3 : p0 - p2
}

/// The upwinded ENO2 derivative of `field` at index `c`, times Δt: with `h` = Δt/(2Δ) and the
/// index step `d` of the axis, it looks upwind (towards −d) when `velocity > 0` and downwind
/// otherwise, as the reference's `uc>0 ? eno(h, -d) : eno(-h, +d)`.
@inline(__always)
func upwindDerivative(_ field: UnsafePointer<Double>, _ c: Int, _ d: Int, velocity: Double, h: Double) -> Double {
    if velocity > 0 {
        return h * eno2(field[c + d], field[c], field[c - d], field[c - 2 * d])
    } else {
        return -h * eno2(field[c - d], field[c], field[c + d], field[c + 2 * d])
    }
}
