import Linalg

/// The Sobol low-discrepancy sequence in up to ``maximumDimension`` dimensions, with the
/// Joe-Kuo `new-joe-kuo-6.21201` direction numbers and 32-bit integers, in Gray-code order
/// (Antonov and Saleev): point i is the XOR of the direction numbers selected by the bits of
/// `i ^ (i >> 1)`, divided by 2^32.
///
/// Point 0 is the origin. Conventions differ on whether to drop it: SciPy's `qmc.Sobol` keeps it;
/// chaospy 4.3 (`sample(N, rule="S")`, the paper's candidate set) and Burkardt's `i4_sobol`
/// start at point 1, (0.5, 0.5, ...), which is `skip: 1` here. Skipping a power of two keeps the
/// balance properties of the following blocks.
public struct SobolSequence: Sendable {
    /// The largest supported dimension.
    public static let maximumDimension = 1000
    /// The number of bits of the integers: at most 2^32 points.
    private static let bits = 32

    /// The direction numbers, `directions[bit][dimension]`, bit 0 the most significant.
    private let directions: [[UInt32]]
    /// The integer coordinates of the next point.
    private var state: [UInt32]
    /// The index of the next point.
    public private(set) var index: Int

    /// A sequence in `dimension` dimensions whose first point is point `skip`.
    ///
    /// - Throws: ``OptimizeError/invalidArgument(function:message:)`` for a dimension outside
    ///   1 ... ``maximumDimension`` or a negative skip.
    public init(dimension: Int, skip: Int = 0) throws(OptimizeError) {
        guard dimension >= 1 && dimension <= Self.maximumDimension else {
            throw .invalidArgument(function: "sobol",
                                   message: "dimension must be in 1...\(Self.maximumDimension), got \(dimension)")
        }
        guard skip >= 0 && skip < 1 << 32 else {
            throw .invalidArgument(function: "sobol", message: "skip must be in 0 ..< 2^32, got \(skip)")
        }
        directions = Self.table.map { Array($0.prefix(dimension)) }
        state = [UInt32](repeating: 0, count: dimension)
        index = skip
        let gray = skip ^ (skip >> 1)
        for bit in 0..<Self.bits where gray & (1 << bit) != 0 {
            for j in 0..<dimension { state[j] ^= directions[bit][j] }
        }
    }

    /// The number of dimensions.
    public var dimension: Int { state.count }

    /// The next point in the unit cube [0, 1)^d.
    public mutating func next() -> [Double] {
        precondition(index < 1 << 32, "sobol: more than 2^32 points")
        let point = state.map { Double($0) / 4_294_967_296.0 }
        let bit = (~index).trailingZeroBitCount  // the lowest zero bit of the index
        index += 1
        if bit < Self.bits {
            for j in state.indices { state[j] ^= directions[bit][j] }
        }
        return point
    }

    /// The next `count` points, one per row.
    public mutating func next(_ count: Int) -> Matrix {
        var m = Matrix(rows: count, cols: dimension)
        for i in 0..<count {
            for (j, v) in next().enumerated() { m[i, j] = v }
        }
        return m
    }

    /// Direction numbers for every supported dimension: `table[bit][dimension]`.
    private static let table: [[UInt32]] = {
        var columns: [[UInt32]] = [(0..<bits).map { UInt32(1) << (31 - $0) }]
        for line in joeKuoDirectionNumbers.split(separator: "\n") {
            let fields = line.split(separator: " ").map { Int($0)! }
            columns.append(directionColumn(degree: fields[1], coefficients: fields[2], initial: Array(fields[3...])))
        }
        return (0..<bits).map { bit in columns.map { $0[bit] } }
    }()

    /// The 32 direction numbers of one dimension from its primitive polynomial (degree s,
    /// interior coefficients a) and initial integers m_1 ... m_s, by Bratley and Fox's recurrence.
    private static func directionColumn(degree s: Int, coefficients a: Int, initial m: [Int]) -> [UInt32] {
        var v = [UInt32](repeating: 0, count: bits)
        for k in 0..<Swift.min(s, bits) { v[k] = UInt32(m[k]) << (31 - k) }
        if s < bits {
            for k in s..<bits {
                v[k] = v[k - s] ^ (v[k - s] >> UInt32(s))
                for t in 1..<s where (a >> (s - 1 - t)) & 1 == 1 { v[k] ^= v[k - t] }
            }
        }
        return v
    }
}

/// `count` points of the Sobol sequence mapped into the box, one per row: `x = u (upper - lower)
/// + lower`, starting at point `skip` (see ``SobolSequence`` for the conventions).
///
/// - Throws: ``OptimizeError`` for infinite bounds, a negative count, or a dimension or skip out
///   of range.
public func sobolSample(count: Int, bounds: Bounds, skip: Int = 0) throws(OptimizeError) -> Matrix {
    guard count >= 0 else { throw .invalidArgument(function: "sobol", message: "count must be non-negative, got \(count)") }
    try bounds.requireFinite(function: "sobol")
    var sequence = try SobolSequence(dimension: bounds.dimension, skip: skip)
    return bounds.scaled(fromUnitCube: sequence.next(count))
}
