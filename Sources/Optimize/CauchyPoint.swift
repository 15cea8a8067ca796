/// Where a variable stands at the generalized Cauchy point.
enum VariableStatus {
    /// Strictly inside its bounds (or with a zero gradient component): free for the subspace step.
    case free
    /// Held at its lower bound.
    case atLower
    /// Held at its upper bound.
    case atUpper
    /// Lower and upper bounds coincide.
    case fixed
}

/// The generalized Cauchy point of L-BFGS-B: the first local minimiser of the quadratic model
/// `m(x) = f + gᵀ(x - x_k) + ½ (x - x_k)ᵀ B (x - x_k)` along the projected steepest-descent path
/// `P(x_k - t g)`, found by walking through the breakpoints where variables hit their bounds
/// (Byrd, Lu, Nocedal and Zhu 1995, Algorithm CP; routine `cauchy` of L-BFGS-B 3.0).
struct CauchyPoint {
    /// The Cauchy point.
    var point: [Double]
    /// `c = Wᵀ (point - x)`, needed by the subspace minimisation.
    var c: [Double]
    /// The status of each variable at the Cauchy point.
    var status: [VariableStatus]

    /// The Cauchy point from iterate `x` with gradient `g` under `bounds` and the model `memory`.
    static func find(x: [Double], g: [Double], bounds: Bounds, memory: LimitedMemory) -> CauchyPoint {
        let n = x.count, theta = memory.theta, lower = bounds.lower, upper = bounds.upper
        var status = [VariableStatus](repeating: .free, count: n)
        var d = [Double](repeating: 0, count: n)
        var breakpoints: [(t: Double, index: Int)] = []
        var f1 = 0.0, p = [Double](repeating: 0, count: 2 * memory.count)
        var allMovingBounded = true
        for i in 0..<n {
            let negative = -g[i]
            if lower[i] == upper[i] {
                status[i] = .fixed
                continue
            }
            let tl = x[i] - lower[i], tu = upper[i] - x[i]
            if lower[i].isFinite && tl <= 0 {
                if negative <= 0 { status[i] = .atLower; continue }
            } else if upper[i].isFinite && tu <= 0 {
                if negative >= 0 { status[i] = .atUpper; continue }
            } else if negative == 0 {
                continue
            }
            d[i] = negative
            f1 -= negative * negative
            if memory.count > 0 { addScaled(memory.wRow(i), negative, to: &p) }
            if lower[i].isFinite && negative < 0 {
                breakpoints.append((tl / -negative, i))
            } else if upper[i].isFinite && negative > 0 {
                breakpoints.append((tu / negative, i))
            } else if negative != 0 {
                allMovingBounded = false
            }
        }
        var point = x, c = [Double](repeating: 0, count: 2 * memory.count)
        if f1 == 0 { return CauchyPoint(point: point, c: c, status: status) }  // nothing moves

        var f2 = -theta * f1
        let f2Original = f2
        if memory.count > 0 { f2 -= dot(memory.middleTimes(p), p) }
        var dtm = -f1 / f2, tsum = 0.0, tj = 0.0
        breakpoints.sort { $0.t < $1.t }
        for (position, (t, b)) in breakpoints.enumerated() {
            let dt = t - tj
            tj = t
            if dtm < dt { break }  // the minimiser lies before this breakpoint
            tsum += dt
            let db = d[b]
            d[b] = 0
            let zb: Double
            if db > 0 {
                zb = upper[b] - x[b]
                point[b] = upper[b]
                status[b] = .atUpper
            } else {
                zb = lower[b] - x[b]
                point[b] = lower[b]
                status[b] = .atLower
            }
            let isLast = position == breakpoints.count - 1
            if isLast && breakpoints.count == n {
                // Every variable is at a bound: the path ends here.
                addScaled(p, dt, to: &c)
                return CauchyPoint(point: point, c: c, status: status)
            }
            let db2 = db * db
            f1 += dt * f2 + db2 - theta * db * zb
            f2 -= theta * db2
            if memory.count > 0 {
                addScaled(p, dt, to: &c)
                let wb = memory.wRow(b), v = memory.middleTimes(wb)
                let wmc = dot(v, c), wmp = dot(v, p), wmw = dot(v, wb)
                addScaled(wb, -db, to: &p)
                f1 += db * wmc
                f2 += 2 * db * wmp - db2 * wmw
            }
            f2 = Swift.max(Double.ulpOfOne * f2Original, f2)
            if !isLast {
                dtm = -f1 / f2
            } else {
                dtm = allMovingBounded ? 0 : -f1 / f2
            }
        }
        dtm = Swift.max(dtm, 0)
        tsum += dtm
        for i in 0..<n where d[i] != 0 { point[i] = x[i] + tsum * d[i] }
        if memory.count > 0 { addScaled(p, dtm, to: &c) }
        return CauchyPoint(point: point, c: c, status: status)
    }
}

/// `y += alpha * x` for equally long arrays.
func addScaled(_ x: [Double], _ alpha: Double, to y: inout [Double]) {
    for i in x.indices { y[i] += alpha * x[i] }
}
