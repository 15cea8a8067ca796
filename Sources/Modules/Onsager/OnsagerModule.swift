import LuaHost

/// The `onsager` Lua module: learning mesoscopic dynamics in the generalised Onsager class
/// du/dt = -(M + W) δV/δu, over the Swift `Onsager` library.
enum OnsagerModule {
    static var module: LuaModule {
        LuaModule(
            name: "onsager",
            doc: """
                onsager: mesoscopic dynamics du/dt = -(M + W) dV/du, M ⪰ 0, W = -W', V coercive.

                Data: allen_cahn, cahn_hilliard, kdv, mixed, linear (PDEs of the class, ETDRK4), fput (FPUT
                chain in KdV scaling), langevin (coarse-grained Langevin chain); each returns {trajectories
                = {n x frames matrices}, dt, grid, truth | kdv_limit}. Models: model{...}, fit (closed-form
                ALS, then optional L-BFGS on rollouts), refine, reduced_fit (POD tier), dmd (baseline).
                Stepping: model:step/rollout with "avf" (energy never increases), "sbdf1", "euler", "rk2",
                "rk4". Diagnostics: evaluate, rel_rmse, affine_fit, scaling_order, renormalized_force, split.
                FFTs are cglab's own tested radix-4/2 transforms; 1D spectra use rfft weights 1 (k = 0,
                Nyquist) and 2 (others).
                """,
            functions: OnsagerGenerators.functions + OnsagerFitting.functions + OnsagerDiagnostics.functions
                + [ModelMethods.constructor, OnsagerBaselines.dmd],
            types: [onsagerModelType, dmdType, reducedType])
    }
}
