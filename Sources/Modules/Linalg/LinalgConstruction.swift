import Linalg
import LuaHost

/// Constructors of `linalg`, and the seeded random generator type `linalg.Random`.
///
/// Randomness is explicit: `linalg.rng(seed)` makes a generator; `rand`/`randn` take a seed or a
/// generator as their last argument, or use the session's default generator (seed 0 at start,
/// reset by `linalg.seed`). Generators are NumPy's legacy MT19937: `linalg.rand(3, 2, 7)` holds
/// the same numbers, row by row, as `numpy.random.RandomState(7).random_sample((3, 2))`.
enum LinalgConstruction {
    static let functions: [NativeFunction] = [
        matrix, vector, zeros, ones, eye, diag, linspace, fill, fromFunction, rand, randn, rng, seed, hcat, vcat, isMatrix,
    ]

    static let matrix = NativeFunction(
        "matrix",
        doc: """
            linalg.matrix(t) -> matrix

            A matrix from a table of rows, linalg.matrix{{1, 2}, {3, 4}}, or a column vector from
            a flat table, linalg.matrix{1, 2, 3}. Given a matrix, a copy of it.
            """
    ) { call in
        call.returning(try call.matrix(1))
    }

    static let vector = NativeFunction(
        "vector",
        doc: """
            linalg.vector(t) -> column vector

            A column vector from a flat table of numbers, or the elements of a matrix in
            column-major order.
            """
    ) { call in
        call.returning(Matrix(column: try call.matrix(1).elements))
    }

    /// A constructor `linalg.name(m [, n])` of an m x n matrix (m x 1 when n is absent).
    private static func filled(_ name: String, _ what: String, value: Double) -> NativeFunction {
        NativeFunction(name, doc: "linalg.\(name)(m [, n]) -> matrix\n\nAn m x n matrix of \(what) (a column vector when n is absent).") { call in
            let (rows, cols) = try call.shape(1, squareByDefault: false)
            return call.returning(Matrix(rows: rows, cols: cols, repeating: value))
        }
    }

    static let zeros = filled("zeros", "zeros", value: 0)
    static let ones = filled("ones", "ones", value: 1)

    static let fill = NativeFunction(
        "fill", doc: "linalg.fill(m, n, x) -> matrix\n\nAn m x n matrix with every element equal to x."
    ) { call in
        let (rows, cols) = try call.shape(1, squareByDefault: false)
        return call.returning(Matrix(rows: rows, cols: cols, repeating: try call.number(3)))
    }

    static let eye = NativeFunction(
        "eye", doc: "linalg.eye(m [, n]) -> matrix\n\nThe m x n identity matrix (square when n is absent)."
    ) { call in
        let (rows, cols) = try call.shape(1, squareByDefault: true)
        return call.returning(Matrix.identity(rows: rows, cols: cols))
    }

    static let diag = NativeFunction(
        "diag",
        doc: """
            linalg.diag(v) -> matrix

            The square matrix with the vector v (a vector or a flat table) on its diagonal; given
            a matrix that is not a vector, its diagonal as a column vector.
            """
    ) { call in
        let value = try call.matrix(1)
        if value.isVector { return call.returning(Matrix(diagonal: value.elements)) }
        return call.returning(value.diagonal())
    }

    static let linspace = NativeFunction(
        "linspace",
        doc: """
            linalg.linspace(a, b, n) -> column vector

            n evenly spaced numbers from a to b inclusive (as numpy.linspace).
            """
    ) { call in
        let start = try call.number(1)
        let stop = try call.number(2)
        let count = try call.dimension(3, what: "number of points")
        return call.returning(Matrix.linspace(from: start, to: stop, count: count))
    }

    static let fromFunction = NativeFunction(
        "from_function",
        doc: """
            linalg.from_function(m, n, f) -> matrix

            The m x n matrix whose element (i, j) is f(i, j) (1-based; f returns a number).
            """
    ) { call in
        let (rows, cols) = try call.shape(1, squareByDefault: false)
        try call.checkFunction(3)
        let stack = call.stack
        return call.returning(try Matrix(rows: rows, cols: cols) { i, j throws in
            stack.pushCopy(of: 3)
            stack.push(i + 1)
            stack.push(j + 1)
            try stack.protectedCall(arguments: 2, results: 1)
            defer { stack.pop() }
            guard stack.type(at: -1) == .number, let value = stack.number(at: -1) else {
                throw LuaError("from_function: f(\(i + 1), \(j + 1)) returned a \(stack.typeName(at: -1)), expected a number")
            }
            return value
        })
    }

    static let hcat = joining("hcat", "side by side (same number of rows)") { matrices throws(LinalgError) in try Matrix.hcat(matrices) }
    static let vcat = joining("vcat", "one above the other (same number of columns)") { matrices throws(LinalgError) in
        try Matrix.vcat(matrices)
    }

    /// `linalg.name(A, B, ...)` or `linalg.name{A, B, ...}`.
    private static func joining(
        _ name: String, _ how: String, _ join: @escaping ([Matrix]) throws(LinalgError) -> Matrix
    ) -> NativeFunction {
        NativeFunction(name, doc: "linalg.\(name)(A, B, ...) -> matrix\n\nThe matrices joined \(how); also linalg.\(name){A, B, ...}.") { call in
            var matrices: [Matrix] = []
            if call.argumentCount == 1, call.type(1) == .table {
                let count = call.stack.rawLength(at: 1)
                for k in stride(from: 1, through: count, by: 1) {
                    call.stack.rawGet(1, at: k)
                    defer { call.stack.pop() }
                    guard case .value(let box) = matrixType.lookup(at: -1, in: call.stack) else {
                        throw ArgumentError(1, "entry \(k) is a \(call.stack.typeName(at: -1)), expected a matrix")
                    }
                    matrices.append(box.value)
                }
            } else {
                for position in stride(from: 1, through: call.argumentCount, by: 1) { matrices.append(try call.matrix(position)) }
            }
            guard !matrices.isEmpty else { throw ArgumentError(1, "at least one matrix expected") }
            return call.returning(try join(matrices))
        }
    }

    static let isMatrix = NativeFunction(
        "is_matrix", doc: "linalg.is_matrix(x) -> boolean\n\nWhether x is a linalg matrix."
    ) { call in
        if case .value = matrixType.lookup(at: 1, in: call.stack) { return call.returning(true) }
        return call.returning(false)
    }

    // MARK: Random numbers

    /// The generator chosen by argument `position`: a seed (a fresh generator), a generator
    /// userdata (advanced in place), or the session's default generator when absent.
    static func generator<R>(_ call: LuaCall, _ position: Int, _ body: (inout RandomGenerator) -> R) throws(ArgumentError) -> R {
        if call.type(position) == .number { return withFresh(seed: try seedValue(call, position), body) }
        if !call.isNil(position) { return body(&(try call.box(position, randomType).value)) }
        return body(&defaultGenerator(call.stack).value)
    }

    private static func withFresh<R>(seed: UInt32, _ body: (inout RandomGenerator) -> R) -> R {
        var generator = RandomGenerator(seed: seed)
        return body(&generator)
    }

    private static func seedValue(_ call: LuaCall, _ position: Int) throws(ArgumentError) -> UInt32 {
        let value = try call.integer(position)
        guard let seed = UInt32(exactly: value) else { throw ArgumentError(position, "seed must be in 0..2^32-1, got \(value)") }
        return seed
    }

    /// The session's default generator (created with seed 0 on first use).
    static func defaultGenerator(_ stack: LuaStack) -> UserdataBox<RandomGenerator> {
        randomType.singleton("linalg.default_rng", in: stack) { RandomGenerator(seed: 0) }
    }

    /// `linalg.rand` and `linalg.randn`.
    private static func randomMatrix(_ name: String, _ what: String, normal: Bool) -> NativeFunction {
        NativeFunction(
            name,
            doc: """
                linalg.\(name)(m [, n] [, seed or rng]) -> matrix

                An m x n matrix (m x 1 without n) of \(what), filled row by row from a fresh
                generator seeded with seed, from the generator rng (advancing it), or from the
                session's default generator.
                """
        ) { call in
            let (rows, cols) = try call.shape(1, squareByDefault: false)
            return call.returning(try generator(call, 3) { generator in
                normal
                    ? Matrix.normal(rows: rows, cols: cols, using: &generator)
                    : Matrix.random(rows: rows, cols: cols, using: &generator)
            })
        }
    }

    static let rand = randomMatrix("rand", "uniform numbers in [0, 1)", normal: false)
    static let randn = randomMatrix("randn", "standard normal numbers", normal: true)

    static let rng = NativeFunction(
        "rng",
        doc: """
            linalg.rng([seed]) -> generator

            A random generator (MT19937, seeded as numpy.random.RandomState(seed); seed 0 by
            default) with methods uniform, normal, integer, permutation, rand and randn.
            """
    ) { call in
        let seed = call.isNil(1) ? 0 : try seedValue(call, 1)
        randomType.push(RandomGenerator(seed: seed), onto: call.stack)
        return 1
    }

    static let seed = NativeFunction(
        "seed", doc: "linalg.seed(s)\n\nRestarts the session's default generator with seed s."
    ) { call in
        defaultGenerator(call.stack).value = RandomGenerator(seed: try seedValue(call, 1))
        return 0
    }
}
