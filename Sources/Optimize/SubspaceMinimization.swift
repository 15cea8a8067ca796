import Linalg

/// The subspace minimisation of L-BFGS-B (direct primal method, routine `subsm` of version 3.0):
/// minimises the quadratic model over the variables that are free at the Cauchy point, then
/// projects the minimiser into the box, falling back to the longest feasible step along the
/// subspace direction when the projected point is not a descent direction (Morales and Nocedal
/// 2011).
///
/// - Parameters:
///   - x: the current iterate, with gradient `g`.
///   - cauchy: the generalized Cauchy point and its `c = Wᵀ(point - x)`.
///   - free: the indices of the free variables.
/// - Returns: the end point x̄ of the search direction `x̄ - x`.
func subspaceMinimum(
    x: [Double], g: [Double], cauchy: CauchyPoint, free: [Int], bounds: Bounds, memory: LimitedMemory
) -> [Double] {
    let xcp = cauchy.point
    guard !free.isEmpty, memory.count > 0 else { return xcp }
    let theta = memory.theta, k2 = 2 * memory.count
    // r = -(reduced gradient) = -Zᵀ (g + θ (xcp - x) - W M c).
    let wmc = memory.wTimes(memory.middleTimes(cauchy.c), indices: free)
    let r = free.enumerated().map { position, i in -theta * (xcp[i] - x[i]) - g[i] + wmc[position] }
    // N = I - (1/θ) M Wᵀ Z Zᵀ W, and u = N⁻¹ M Wᵀ Z r.
    var wzw = Matrix(rows: k2, cols: k2)
    for i in free {
        let row = memory.wRow(i)
        for a in 0..<k2 where row[a] != 0 {
            for b in 0..<k2 { wzw[a, b] += row[a] * row[b] }
        }
    }
    var n = Matrix(rows: k2, cols: k2)
    for b in 0..<k2 {
        let column = memory.middleTimes((0..<k2).map { wzw[$0, b] })
        for a in 0..<k2 { n[a, b] = (a == b ? 1 : 0) - column[a] / theta }
    }
    let rhs = Matrix(column: memory.middleTimes(memory.wTransposeTimes(r, indices: free)))
    guard let u = try? n.solve(rhs).elements else { return xcp }
    let wu = memory.wTimes(u, indices: free)
    let direction = r.indices.map { r[$0] / theta + wu[$0] / (theta * theta) }

    // Project x̄ = xcp + Z d into the box and keep it when it is a descent direction.
    var projected = xcp, hitBound = false
    for (position, i) in free.enumerated() {
        let value = xcp[i] + direction[position]
        projected[i] = Swift.min(Swift.max(value, bounds.lower[i]), bounds.upper[i])
        if projected[i] != value { hitBound = true }
    }
    if !hitBound { return projected }
    var slope = 0.0
    for i in x.indices { slope += (projected[i] - x[i]) * g[i] }
    if slope <= 0 { return projected }

    // Otherwise the longest step along d from xcp that stays feasible.
    var alpha = 1.0, blocking: Int?
    for (position, i) in free.enumerated() {
        let dk = direction[position]
        var limit = alpha
        if dk < 0 && bounds.lower[i].isFinite {
            let room = bounds.lower[i] - xcp[i]
            limit = room >= 0 ? 0 : (dk * alpha < room ? room / dk : alpha)
        } else if dk > 0 && bounds.upper[i].isFinite {
            let room = bounds.upper[i] - xcp[i]
            limit = room <= 0 ? 0 : (dk * alpha > room ? room / dk : alpha)
        }
        if limit < alpha {
            alpha = limit
            blocking = position
        }
    }
    var result = xcp
    for (position, i) in free.enumerated() {
        if position == blocking, alpha < 1 {
            result[i] = direction[position] > 0 ? bounds.upper[i] : bounds.lower[i]
        } else {
            result[i] = xcp[i] + alpha * direction[position]
        }
    }
    return result
}
