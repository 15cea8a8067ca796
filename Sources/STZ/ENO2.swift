/// The advection increment Δt V·∇f at every interior point, with the reference's upwinded
/// second-order ENO derivative (`eno2`, `st_eno2`, `rm_eno2`): out = cx · D_x f + cy · D_y f,
/// with the velocity given as cx = vx Δt/(2Δx), cy = vy Δt/(2Δy) and D the ENO2 difference.
///
/// Along an axis with step d, the reference takes, for velocity > 0, the one-sided stencil
/// 3f₀ − 4f₋₁ + f₋₂ (times Δt/(2Δ)) when its second difference is strictly smaller in magnitude
/// than the centred one, and the centred f₁ − f₋₁ otherwise (ties go to the centred stencil);
/// for velocity ≤ 0 the mirror image, −(3f₀ − 4f₁ + f₂) or the centred one. With the second
/// differences S_k = f_{k+1} − 2f_k + f_{k−1} this is
///
///     velocity > 0:  D = f₁ − f₋₁ + (|S₀| > |S₋₁| ? S₋₁ − S₀ : 0)
///     velocity ≤ 0:  D = f₁ − f₋₁ + (|S₀| > |S₁|  ? S₀ − S₁  : 0),
///
/// which is how it is computed here: S once per point and axis, then both candidates for two
/// neighbouring points at a time (``Pair``), selected by the sign of the velocity, so that the
/// loops have no data-dependent branches. For velocity > 0 the comparison is the reference's bit
/// for bit; otherwise, and for the derivative itself, only the rounding differs.
///
/// - Parameters:
///   - field: the advected field (ghosts filled).
///   - cx: the x velocity at each point times Δt/(2Δx), dimensionless.
///   - cy: the y velocity at each point times Δt/(2Δy).
///   - out: receives the increment, in the field's unit, or `base` minus the increment (the pass
///     may also write the column after the last interior one, a ghost, when nx is odd).
///   - base: when given, the field the increment is subtracted from.
///   - secondX: workspace for the x second differences.
///   - secondY: workspace for the y second differences.
///   - layout: the storage layout.
func advectionIncrement(
    _ field: UnsafePointer<Double>, cx: UnsafePointer<Double>, cy: UnsafePointer<Double>,
    into out: UnsafeMutablePointer<Double>, subtractedFrom base: UnsafePointer<Double>? = nil,
    secondX sx: UnsafeMutablePointer<Double>,
    secondY sy: UnsafeMutablePointer<Double>, layout: GhostedLayout
) {
    let gm = layout.stride, two = Pair(repeating: 2)
    // Second differences on rows −1...ny and columns −1...nx (+1 when nx is odd).
    for j in -1...layout.ny {
        var c = layout.index(-1, j)
        let end = layout.index(layout.nx, j)
        while c <= end {
            let f0 = Pair.load(field, c)
            ((Pair.load(field, c &+ 1) - two * f0) + Pair.load(field, c &- 1)).store(sx, c)
            ((Pair.load(field, c &+ gm) - two * f0) + Pair.load(field, c &- gm)).store(sy, c)
            c &+= 2
        }
    }
    let zero = Pair(repeating: 0)
    for j in 0..<layout.ny {
        var c = layout.index(0, j)
        let end = layout.index(layout.nx, j)
        while c < end {
            let a = Pair.load(cx, c), b = Pair.load(cy, c)
            // The one-sided corrections, zero where the centred stencil wins.
            let s0 = Pair.load(sx, c), sm = Pair.load(sx, c &- 1), sp = Pair.load(sx, c &+ 1)
            let fromLeft = Pair.select(s0.magnitude .> sm.magnitude, sm - s0, zero)
            let fromRight = Pair.select(s0.magnitude .> sp.magnitude, s0 - sp, zero)
            let t0 = Pair.load(sy, c), tm = Pair.load(sy, c &- gm), tp = Pair.load(sy, c &+ gm)
            let fromBelow = Pair.select(t0.magnitude .> tm.magnitude, tm - t0, zero)
            let fromAbove = Pair.select(t0.magnitude .> tp.magnitude, t0 - tp, zero)
            let ex: Pair = (Pair.load(field, c &+ 1) - Pair.load(field, c &- 1)) + Pair.select(a .> zero, fromLeft, fromRight)
            let ey: Pair = (Pair.load(field, c &+ gm) - Pair.load(field, c &- gm)) + Pair.select(b .> zero, fromBelow, fromAbove)
            let increment: Pair = a * ex + b * ey
            if let base { (Pair.load(base, c) - increment).store(out, c) } else { increment.store(out, c) }
            c &+= 2
        }
    }
}
