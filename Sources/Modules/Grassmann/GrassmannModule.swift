import Grassmann
import Linalg
import LuaHost

/// The `grassmann` Lua module: subspaces as points of Grassmann manifolds, their principal
/// angles, distances, kernels, log and exp maps, means and interpolation.
enum GrassmannModule {
    static var module: LuaModule {
        LuaModule(
            name: "grassmann",
            doc: """
                grassmann: subspaces, principal angles, distances, kernels and means on Grassmann manifolds.

                Make points with project(X, {rank = r}) (or tol, rtol, energy) or point(basis);
                compare them with angles, distance, distances and kernel (metrics: see metrics(),
                and register_metric for your own); move on the manifold with log, exp, geodesic;
                average with karcher_mean and frechet_variance; interpolate over parameters with
                interpolate. Points print as Gr(p, n) point; see help(grassmann.point(linalg.eye(2, 1)))
                for their methods.
                """,
            functions: GrassmannPoints.functions + GrassmannComparisons.functions + GrassmannGeometry.functions
                + [GrassmannInterpolation.interpolate],
            types: [pointType, interpolationType])
    }
}

extension GrassmannError: LuaReportableError {
    /// The message, reported after the Lua function's name.
    public var luaMessage: String { description }
}

extension LuaCall {
    /// Long loops stop within one iteration of a Ctrl-C.
    var interruption: Interruption { Interruption { LuaInterrupt.isRequested } }
}
