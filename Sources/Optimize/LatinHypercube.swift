import Linalg

/// How the strata of a Latin hypercube are paired across dimensions.
public enum LatinHypercubeCriterion: Sendable, Equatable {
    /// A random point in each stratum, strata paired by random permutations (UQpy's `'random'`,
    /// the paper's design).
    case random
    /// The centre of each stratum, strata paired by random permutations (UQpy's `'centered'`).
    case centered
    /// The best of `iterations + 1` random pairings of the same stratified points by the largest
    /// minimum pairwise distance in the unit cube (UQpy's `'maximin'`).
    case maximin(iterations: Int)
}

/// A Latin hypercube design of `count` points in the box `bounds`, one per row: every variable's
/// range is cut into `count` equal strata and each stratum holds exactly one point.
///
/// The draws reproduce UQpy 3.0's `LHS` with `random_state=np.random.RandomState(seed)` bit for bit
/// when `generator` is `RandomGenerator(seed: seed)`: first, for each dimension in turn, `count`
/// uniforms `U_i` placed as `u_i = U_i (b_i - a_i) + a_i` with `a, b` the stratum edges
/// (`linspace(0, 1, count + 1)`); then, for each dimension in turn, a permutation of the rows;
/// finally `x = u (upper - lower) + lower`. The centred design draws (and ignores) the same
/// uniforms first, as UQpy does.
///
/// - Throws: ``OptimizeError`` for a negative count, infinite bounds or a negative number of
///   maximin iterations.
public func latinHypercube(
    count: Int, bounds: Bounds, criterion: LatinHypercubeCriterion = .random, generator: inout RandomGenerator
) throws(OptimizeError) -> Matrix {
    guard count >= 0 else { throw .invalidArgument(function: "lhs", message: "count must be non-negative, got \(count)") }
    try bounds.requireFinite(function: "lhs")
    let d = bounds.dimension
    let edges = Matrix.linspace(from: 0, to: 1, count: count + 1).elements
    var stratified = Matrix(rows: count, cols: d)
    for j in 0..<d {
        for i in 0..<count {
            let u = generator.randomSample()
            stratified[i, j] = u * (edges[i + 1] - edges[i]) + edges[i]
        }
    }
    if criterion == .centered {
        for j in 0..<d {
            for i in 0..<count { stratified[i, j] = (edges[i] + edges[i + 1]) / 2 }
        }
    }
    var design = permutedColumns(stratified, &generator)
    if case let .maximin(iterations) = criterion {
        guard iterations >= 0 else {
            throw .invalidArgument(function: "lhs", message: "maximin iterations must be non-negative, got \(iterations)")
        }
        var best = minimumPairwiseDistance(design)
        for _ in 0..<iterations {
            let trial = permutedColumns(stratified, &generator)
            let distance = minimumPairwiseDistance(trial)
            if distance > best {
                best = distance
                design = trial
            }
        }
    }
    return bounds.scaled(fromUnitCube: design)
}

/// `m` with the rows of each column permuted independently, column 0 first.
private func permutedColumns(_ m: Matrix, _ generator: inout RandomGenerator) -> Matrix {
    var out = m
    for j in 0..<m.cols {
        for (i, source) in generator.permutation(m.rows).enumerated() { out[i, j] = m[source, j] }
    }
    return out
}

/// The smallest Euclidean distance between two rows (infinity with fewer than two rows).
func minimumPairwiseDistance(_ m: Matrix) -> Double {
    var best = Double.infinity
    for a in 0..<m.rows {
        for b in (a + 1)..<Swift.max(a + 1, m.rows) {
            var sum = 0.0
            for j in 0..<m.cols {
                let delta = m[a, j] - m[b, j]
                sum += delta * delta
            }
            best = Swift.min(best, sum)
        }
    }
    return best.squareRoot()
}

/// `count` points drawn independently and uniformly in the box, one per row, equal to NumPy's
/// `RandomState(seed).uniform(lower, upper, (count, d))` (row-major draws).
///
/// - Throws: ``OptimizeError`` for a negative count or infinite bounds.
public func uniformSample(count: Int, bounds: Bounds, generator: inout RandomGenerator) throws(OptimizeError) -> Matrix {
    guard count >= 0 else { throw .invalidArgument(function: "uniform", message: "count must be non-negative, got \(count)") }
    try bounds.requireFinite(function: "uniform")
    var x = Matrix(rows: count, cols: bounds.dimension)
    for i in 0..<count {
        for j in 0..<bounds.dimension { x[i, j] = generator.uniform(low: bounds.lower[j], high: bounds.upper[j]) }
    }
    return x
}
