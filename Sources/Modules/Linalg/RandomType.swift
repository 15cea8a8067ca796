import Linalg
import LuaHost

/// The Lua userdata type of random generators, `linalg.Random` (see `linalg.rng`).
let randomType = UserdataType<RandomGenerator>(
    name: "linalg.Random", noun: "random generator",
    methods: [
        NativeFunction("uniform", doc: "rng:uniform([a, b]) -> number\n\nA uniform number in [a, b) (default [0, 1)).") { call in
            let box = try call.box(1, randomType)
            let low = try call.number(2, default: 0)
            let high = try call.number(3, default: 1)
            guard low <= high else { throw ArgumentError(3, "upper bound \(high) is below the lower bound \(low)") }
            return call.returning(box.value.uniform(low: low, high: high))
        },
        NativeFunction("normal", doc: "rng:normal([mean, sd]) -> number\n\nA normal number (default mean 0, standard deviation 1).") { call in
            let box = try call.box(1, randomType)
            let mean = try call.number(2, default: 0)
            let deviation = try call.number(3, default: 1)
            guard deviation >= 0 else { throw ArgumentError(3, "standard deviation must be non-negative, got \(deviation)") }
            return call.returning(box.value.normal(mean: mean, standardDeviation: deviation))
        },
        NativeFunction("integer", doc: "rng:integer(a, b) -> integer\n\nA uniform integer in a..b inclusive.") { call in
            let box = try call.box(1, randomType)
            let low = try call.integer(2)
            let high = try call.integer(3)
            guard low <= high, high < Int.max else { throw ArgumentError(3, "empty range \(low)..\(high)") }
            return call.returning(box.value.randomInteger(in: low..<(high + 1)))
        },
        NativeFunction("permutation", doc: "rng:permutation(n) -> table\n\nA random permutation of 1..n (as numpy's RandomState.permutation, plus one).") { call in
            let box = try call.box(1, randomType)
            let count = try call.dimension(2, what: "n")
            return call.returning(box.value.permutation(count).map { $0 + 1 })
        },
        NativeFunction("rand", doc: "rng:rand(m [, n]) -> matrix\n\nAn m x n matrix of uniform numbers in [0, 1), filled row by row.") { call in
            let box = try call.box(1, randomType)
            let (rows, cols) = try call.shape(2, squareByDefault: false)
            return call.returning(Matrix.random(rows: rows, cols: cols, using: &box.value))
        },
        NativeFunction("randn", doc: "rng:randn(m [, n]) -> matrix\n\nAn m x n matrix of standard normal numbers, filled row by row.") { call in
            let box = try call.box(1, randomType)
            let (rows, cols) = try call.shape(2, squareByDefault: false)
            return call.returning(Matrix.normal(rows: rows, cols: cols, using: &box.value))
        },
    ],
    metamethods: [
        NativeFunction("__tostring") { call in
            _ = try call.box(1, randomType)
            return call.returning("linalg.Random (MT19937)")
        }
    ])
