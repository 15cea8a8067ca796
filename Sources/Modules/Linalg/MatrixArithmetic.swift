import Foundation
import Linalg
import LuaHost

/// Operators and elementwise methods of `linalg.Matrix`.
///
/// `+ - * /` accept a number on either side; `+` and `-` broadcast a row or column vector
/// against a matrix; `*` between matrices is the matrix product; `^` is the elementwise power;
/// `..` joins side by side; `==` compares shape and values; `#A` is the number of elements;
/// `A(i, j)` reads an element. Methods ending in `_` change the matrix in place and return it.
enum MatrixArithmetic {
    static let metamethods: [NativeFunction] = [add, subtract, multiply, divide, negate, power, equal, length, concat, call]
    static let methods: [NativeFunction] = [
        multiplyElementwise, divideElementwise, exp, log, sqrt, abs, pow, clamp, map,
        addInPlace, subtractInPlace, multiplyInPlace, divideInPlace, scaleInPlace, fillInPlace, applyInPlace, gemmInPlace,
    ]

    /// Applies a binary operation to arguments 1 and 2, one of which is a matrix.
    private static func binary(
        _ call: LuaCall, matrices: (Matrix, Matrix) throws(LinalgError) -> Matrix,
        numberLeft: (Double, Matrix) -> Matrix, numberRight: (Matrix, Double) -> Matrix
    ) throws -> Int {
        switch (try call.matrixOrNumber(1), try call.matrixOrNumber(2)) {
        case let (.matrix(a), .matrix(b)): return call.returning(try matrices(a, b))
        case let (.number(a), .matrix(b)): return call.returning(numberLeft(a, b))
        case let (.matrix(a), .number(b)): return call.returning(numberRight(a, b))
        case let (.number(a), .number(b)): return call.returning(numberRight(Matrix(rows: 1, cols: 1, repeating: a), b))
        }
    }

    static let add = NativeFunction("__add") { call in
        try binary(call, matrices: { a, b throws(LinalgError) in try a + b }, numberLeft: { $0 + $1 }, numberRight: { $0 + $1 })
    }

    static let subtract = NativeFunction("__sub") { call in
        try binary(call, matrices: { a, b throws(LinalgError) in try a - b }, numberLeft: { $0 - $1 }, numberRight: { $0 - $1 })
    }

    static let multiply = NativeFunction("__mul") { call in
        try binary(call, matrices: { a, b throws(LinalgError) in try a * b }, numberLeft: { $0 * $1 }, numberRight: { $0 * $1 })
    }

    static let divide = NativeFunction("__div") { call in
        try binary(
            call,
            matrices: { a, b throws(LinalgError) in
                throw .invalidArgument(
                    function: "/", message: "a matrix divided by a matrix is ambiguous: use A:div(B) for elementwise "
                        + "division or linalg.solve(B, A) for B \\ A (\(a.shape) / \(b.shape))")
            },
            numberLeft: { $0 / $1 }, numberRight: { $0 / $1 })
    }

    static let power = NativeFunction("__pow") { call in
        try binary(
            call, matrices: { a, b throws(LinalgError) in try a.pow(b) },
            numberLeft: { base, exponents in exponents.map { Foundation.pow(base, $0) } },
            numberRight: { $0.pow($1) })
    }

    static let negate = NativeFunction("__unm") { call in call.returning(-(try call.matrix(1))) }

    static let equal = NativeFunction("__eq") { call in
        call.returning(try call.matrix(1) == call.matrix(2))
    }

    static let length = NativeFunction("__len") { call in call.returning(try call.matrix(1).count) }

    static let concat = NativeFunction("__concat") { call in
        call.returning(try Matrix.hcat([call.matrix(1), call.matrix(2)]))
    }

    static let call = NativeFunction("__call") { call in
        let matrix = try call.matrix(1)
        let (i, j) = try MatrixAccess.elementPosition(call, matrix, at: 2)
        return call.returning(matrix[i, j])
    }

    // MARK: Elementwise methods

    /// A method `A:name(B)` taking a matrix or a number, elementwise.
    private static func elementwiseBinary(
        _ name: String, doc: String, _ matrices: @escaping (Matrix, Matrix) throws(LinalgError) -> Matrix,
        _ number: @escaping (Matrix, Double) -> Matrix
    ) -> NativeFunction {
        NativeFunction(name, doc: doc) { call in
            let a = try call.matrix(1)
            switch try call.matrixOrNumber(2) {
            case .matrix(let b): return call.returning(try matrices(a, b))
            case .number(let b): return call.returning(number(a, b))
            }
        }
    }

    static let multiplyElementwise = elementwiseBinary(
        "mul",
        doc: "A:mul(B) -> matrix\n\nThe elementwise (Hadamard) product; B may be a number or broadcast as a row or column vector.",
        { a, b throws(LinalgError) in try a.multipliedElementwise(by: b) }, { $0 * $1 })

    static let divideElementwise = elementwiseBinary(
        "div",
        doc: "A:div(B) -> matrix\n\nThe elementwise quotient; B may be a number or broadcast as a row or column vector.",
        { a, b throws(LinalgError) in try a.dividedElementwise(by: b) }, { $0 / $1 })

    /// A method `A:name()` applying a function to every element.
    private static func elementwise(_ name: String, _ what: String, _ transform: @escaping (Matrix) -> Matrix) -> NativeFunction {
        NativeFunction(name, doc: "A:\(name)() -> matrix\n\nThe \(what) of every element.") { call in
            call.returning(transform(try call.matrix(1)))
        }
    }

    static let exp = elementwise("exp", "exponential") { $0.exp() }
    static let log = elementwise("log", "natural logarithm") { $0.log() }
    static let sqrt = elementwise("sqrt", "square root") { $0.sqrt() }
    static let abs = elementwise("abs", "absolute value") { $0.abs() }

    static let pow = elementwiseBinary(
        "pow", doc: "A:pow(p) -> matrix\n\nEvery element to the power p (a number, or a matrix of exponents); also A ^ p.",
        { a, b throws(LinalgError) in try a.pow(b) }, { $0.pow($1) })

    static let clamp = NativeFunction(
        "clamp", doc: "A:clamp(lo, hi) -> matrix\n\nEvery element limited to [lo, hi] (nil for no limit)."
    ) { call in
        let matrix = try call.matrix(1)
        let lower = try call.number(2, default: -.infinity)
        let upper = try call.number(3, default: .infinity)
        guard lower <= upper else { throw ArgumentError(3, "upper limit \(upper) is below the lower limit \(lower)") }
        return call.returning(matrix.clamped(min: lower, max: upper))
    }

    /// Calls the Lua function at argument `position` on every element of `matrix`.
    private static func mapped(_ call: LuaCall, _ matrix: Matrix, function position: Int) throws -> Matrix {
        try call.checkFunction(position)
        let stack = call.stack
        return try matrix.map { value throws in
            stack.pushCopy(of: Int32(position))
            stack.push(value)
            try stack.protectedCall(arguments: 1, results: 1)
            defer { stack.pop() }
            guard let result = stack.number(at: -1), stack.type(at: -1) == .number else {
                throw LuaError("map: the function returned a \(stack.typeName(at: -1)), expected a number")
            }
            return result
        }
    }

    static let map = NativeFunction(
        "map", doc: "A:map(f) -> matrix\n\nA matrix of f(x) for every element x of A (f is a Lua function returning a number)."
    ) { call in
        call.returning(try mapped(call, call.matrix(1), function: 2))
    }

    // MARK: In-place methods

    /// An in-place method `A:name_(B)` taking a matrix or a number.
    private static func inPlace(
        _ name: String, doc: String, matrix: @escaping (inout Matrix, Matrix) throws(LinalgError) -> Void,
        number: @escaping (inout Matrix, Double) -> Void
    ) -> NativeFunction {
        NativeFunction(name, doc: doc) { call in
            let box = try call.matrixBox(1)
            switch try call.matrixOrNumber(2) {
            case .matrix(let other): try matrix(&box.value, other)
            case .number(let value): number(&box.value, value)
            }
            return call.returningSelf()
        }
    }

    static let addInPlace = inPlace(
        "add_", doc: "A:add_(B) -> A\n\nAdds B (a matrix, a broadcast vector or a number) to A in place.",
        matrix: { a, b throws(LinalgError) in try a.add(b) }, number: { $0 += $1 })

    static let subtractInPlace = inPlace(
        "sub_", doc: "A:sub_(B) -> A\n\nSubtracts B (a matrix, a broadcast vector or a number) from A in place.",
        matrix: { a, b throws(LinalgError) in try a.subtract(b) }, number: { $0 -= $1 })

    static let multiplyInPlace = inPlace(
        "mul_", doc: "A:mul_(B) -> A\n\nMultiplies A elementwise by B (a matrix, a broadcast vector or a number) in place.",
        matrix: { a, b throws(LinalgError) in try a.multiplyElementwise(by: b) }, number: { $0.scale(by: $1) })

    static let divideInPlace = inPlace(
        "div_", doc: "A:div_(B) -> A\n\nDivides A elementwise by B (a matrix, a broadcast vector or a number) in place.",
        matrix: { a, b throws(LinalgError) in try a.divideElementwise(by: b) }, number: { $0 /= $1 })

    static let scaleInPlace = NativeFunction("scale_", doc: "A:scale_(s) -> A\n\nMultiplies A by the number s in place.") { call in
        let box = try call.matrixBox(1)
        box.value.scale(by: try call.number(2))
        return call.returningSelf()
    }

    static let fillInPlace = NativeFunction("fill_", doc: "A:fill_(x) -> A\n\nSets every element of A to x in place.") { call in
        let box = try call.matrixBox(1)
        box.value.fill(try call.number(2))
        return call.returningSelf()
    }

    static let applyInPlace = NativeFunction(
        "apply_", doc: "A:apply_(f) -> A\n\nReplaces every element x of A by f(x), in place."
    ) { call in
        let box = try call.matrixBox(1)
        box.value = try mapped(call, box.value, function: 2)
        return call.returningSelf()
    }

    static let gemmInPlace = NativeFunction(
        "gemm_",
        doc: """
            C:gemm_(A, B [, {alpha = 1, beta = 0, trans_a = false, trans_b = false}]) -> C

            C = alpha op(A) op(B) + beta C in place (BLAS dgemm), op(X) being X or its transpose:
            the matrix product without allocating, for loops. Also linalg.gemm(C, A, B, options).
            """
    ) { call in
        let box = try call.matrixBox(1)
        let a = try call.matrix(2)
        let b = try call.matrix(3)
        let options = try call.options(4, allowed: ["alpha", "beta", "trans_a", "trans_b"])
        try gemm(
            alpha: options.number("alpha", default: 1), a, transposeA: options.boolean("trans_a", default: false),
            b, transposeB: options.boolean("trans_b", default: false), beta: options.number("beta", default: 0),
            into: &box.value)
        return call.returningSelf()
    }
}
