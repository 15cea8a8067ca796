import Grassmann
import Linalg
import LuaHost

/// Making points: projecting data matrices, or checking a given orthonormal basis.
enum GrassmannPoints {
    static let functions: [NativeFunction] = [project, point]

    static let project = NativeFunction(
        "project",
        doc: """
            grassmann.project(X, {rank = r | tol = t | rtol = t | energy = f}) -> point   (or a list of points for a list of matrices)

            The column space of X (n x m) as a point of Gr(p, n): its p leading left singular
            vectors, keeping the singular values and right vectors. Exactly one rule sets p:
            rank = r fixes it; tol = t keeps singular values above t (absolute, as
            numpy.linalg.matrix_rank); rtol = t keeps those above t times the largest; energy = f
            keeps the fewest whose squares sum to the fraction f of the total (0 < f <= 1).
            A list of matrices gives a list of points, each with its own p under tol, rtol and energy.
            """
    ) { call in
        let options = try call.options(2, allowed: ["rank", "tol", "rtol", "energy"])
        let rule = try rankRule(options)
        guard call.isList(1) else {
            return call.returning(try GrassmannPoint(projecting: call.matrix(1), rank: rule))
        }
        let count = call.stack.rawLength(at: 1)
        var matrices = [Matrix]()
        for k in stride(from: 1, through: count, by: 1) {
            call.stack.rawGet(1, at: k)
            defer { call.stack.pop() }
            guard case .value(let box) = matrixType.lookup(at: -1, in: call.stack) else {
                throw ArgumentError(1, "entry \(k) is a \(call.stack.typeName(at: -1)), expected a matrix")
            }
            matrices.append(box.value)
        }
        return call.returning(try GrassmannPoint.project(matrices, rank: rule))
    }

    /// The rank rule of the options table: exactly one of rank, tol, rtol and energy.
    private static func rankRule(_ options: LuaOptions) throws(ArgumentError) -> RankRule {
        let given = ["rank", "tol", "rtol", "energy"].filter(options.has)
        guard given.count == 1 else {
            throw ArgumentError(options.position, given.isEmpty
                ? "options table with one of rank, tol, rtol or energy expected"
                : "only one of rank, tol, rtol or energy may be given, got \(given.joined(separator: " and "))")
        }
        switch given[0] {
        case "rank": return .fixed(try options.integer("rank", default: 0))
        case "tol": return .tolerance(try options.number("tol", default: 0), .absolute)
        case "rtol": return .tolerance(try options.number("rtol", default: 0), .relative)
        default: return .energy(try options.number("energy", default: 0))
        }
    }

    static let point = NativeFunction(
        "point",
        doc: """
            grassmann.point(basis [, {tol = 1e-8}]) -> point

            The subspace spanned by the columns of basis (n x p, p <= n), which must be
            orthonormal: max |B'B - I| <= tol, an error otherwise (project orthonormalises any matrix).
            """
    ) { call in
        let basis = try call.matrix(1)
        let options = try call.options(2, allowed: ["tol"])
        return call.returning(try GrassmannPoint(basis: basis, tolerance: options.number("tol", default: GrassmannPoint.defaultTolerance)))
    }
}
