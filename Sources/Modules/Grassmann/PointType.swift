import Grassmann
import Linalg
import LuaHost

/// The Lua userdata type of Grassmann points, `grassmann.Point`: `tostring` gives
/// `Gr(5, 32) point, sigma1 = 12.3, sigma5 = 0.0451`; the functions of the module that take a
/// point first are also its methods (`a:distance(b)`).
let pointType = UserdataType<GrassmannPoint>(
    name: "grassmann.Point", noun: "Grassmann point",
    methods: PointAccess.methods + GrassmannComparisons.pointMethods + GrassmannGeometry.pointMethods,
    metamethods: [
        NativeFunction("__tostring") { call in call.returning(try call.point(1).description) },
        NativeFunction("__summary") { call in
            let point = try call.point(1)
            return call.returning("Gr(\(point.rank), \(point.ambientDimension))")
        },
    ],
    footprint: { $0.basis.count * MemoryLayout<Double>.stride })

extension GrassmannPoint: LuaPushable {
    /// Pushes the point as a `grassmann.Point` userdata.
    public func push(onto stack: LuaStack) { pointType.push(self, onto: stack) }
}

extension LuaCall {
    /// Argument `position` as a Grassmann point.
    func point(_ position: Int) throws(ArgumentError) -> GrassmannPoint {
        try value(position, pointType)
    }

    /// `true` when argument `position` is a table whose first entry is a userdata: a list of
    /// points or matrices, not an options table or a matrix written as a table of numbers.
    func isList(_ position: Int) -> Bool {
        guard type(position) == .table else { return false }
        defer { stack.pop() }
        return stack.rawGet(Int32(position), at: 1) == .userdata
    }

    /// Argument `position` as a non-empty list (a table) of Grassmann points.
    func points(_ position: Int) throws(ArgumentError) -> [GrassmannPoint] {
        guard type(position) == .table else { throw typeError(position, expected: "list of Grassmann points") }
        let count = stack.rawLength(at: Int32(position))
        guard count > 0 else { throw ArgumentError(position, "list of Grassmann points is empty") }
        var points = [GrassmannPoint]()
        points.reserveCapacity(count)
        for k in 1...count {
            stack.rawGet(Int32(position), at: k)
            defer { stack.pop() }
            guard case .value(let box) = pointType.lookup(at: -1, in: stack) else {
                throw ArgumentError(position, "entry \(k) is a \(stack.typeName(at: -1)), expected a Grassmann point")
            }
            points.append(box.value)
        }
        return points
    }
}

/// What a point holds: its basis, dimensions, singular values and right singular vectors.
enum PointAccess {
    static let methods: [NativeFunction] = [basis, rank, dim, singularValues, rightVectors, projector]

    static let basis = NativeFunction(
        "basis", doc: "p:basis() -> matrix\n\nThe orthonormal basis of the subspace, an n x p matrix (a copy)."
    ) { call in
        call.returning(try call.point(1).basis)
    }

    static let rank = NativeFunction(
        "rank", doc: "p:rank() -> integer\n\np, the dimension of the subspace (the number of basis columns)."
    ) { call in
        call.returning(try call.point(1).rank)
    }

    static let dim = NativeFunction(
        "dim", doc: "p:dim() -> integer\n\nn, the dimension of the space the subspace lives in (the number of basis rows)."
    ) { call in
        call.returning(try call.point(1).ambientDimension)
    }

    static let singularValues = NativeFunction(
        "singular_values",
        doc: """
            p:singular_values() -> column vector or nil

            The p leading singular values of the matrix the point was projected from (nil for
            a point made from a basis).
            """
    ) { call in
        call.returning(try call.point(1).singularValues.map { Matrix(column: $0) })
    }

    static let rightVectors = NativeFunction(
        "right_vectors",
        doc: """
            p:right_vectors() -> matrix or nil

            The matching right singular vectors (columns, m x p for an n x m matrix), so that
            p:basis() * diag(s) * V' is the rank-p approximation; nil for a point made from a basis.
            """
    ) { call in
        call.returning(try call.point(1).rightVectors)
    }

    static let projector = NativeFunction(
        "projector", doc: "p:projector() -> matrix\n\nThe n x n orthogonal projector Y Y' onto the subspace."
    ) { call in
        call.returning(try call.point(1).projector())
    }
}
