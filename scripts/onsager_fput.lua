-- onsager_fput.lua: benchmark B6, the FPUT chain in KdV scaling, at the paper's settings.
--
--   cglab scripts/onsager_fput.lua [trajectories = 100] [sbdf1_refine = 40] [avf_refine = 20]
--
-- 128 sites, force r + r^2, 50,000 Stormer-Verlet steps per trajectory (500 per frame), strain
-- read as u = r/eps^2 on a 256-point co-moving grid, 101 frames 0.01 apart in KdV time. Fits the
-- class on the first 70 % (ALS, then L-BFGS-B on SBDF1 or AVF rollouts of subsets), reports on the
-- last 10 trajectories the relative RMSE at 1, 5 and 100 steps of the learned models (AVF,
-- SBDF1), the KdV limit (SBDF1, AVF), DMD and the paper's S-OnsagerNet; the learned symbol
-- (m ~ 0, w(k)/k against the KdV limit -1/24), the potential scaling order, and the times (the
-- numpy prototype needed 9.8 s for 100 trajectories).

local trajectories = tonumber(arg and arg[1]) or 100
local avf_count = tonumber(arg and arg[3]) or 20
local refine_count = tonumber(arg and arg[2]) or 40
local dt = 0.01

local benchmark = require "onsager.benchmark"
local seconds = benchmark.seconds

local t_gen, data = seconds(onsager.fput, trajectories, 101)
print(string.format("FPUT chain: %d trajectories x 50,000 Verlet steps (128 sites) in %.2f s (numpy prototype: 9.8 s for 100)",
  trajectories, t_gen))
local train, rest = onsager.split(data, math.floor(0.7 * trajectories))
local _, test = onsager.split(rest, #rest.trajectories - 10)

local t_als, model, report = seconds(onsager.fit, train)
print(string.format("\nstage 1 (ALS): %.2f s, residual %.2e, Casimirs dropped: %s", t_als, report.residual,
  table.concat(report.casimirs, ", ")))
local m, w, k = model:symbol()
print("k     m(k)        w(k)/k      KdV limit -c/24 = -0.041667")
local near_conservative = true
for i = 2, 9 do
  print(string.format("%-4d  %.3e   %.6f", i - 1, m(i), w(i) / k(i)))
  near_conservative = near_conservative and m(i) <= 1e-2 * math.abs(w(i))
end
print(string.format("learned m ~ 0 (m(k) <= 1e-2 |w(k)| for k <= 8): %s", near_conservative and "PASS" or "FAIL"))
local c = model:coefficients()
print(string.format("learned F'(u) = %.4f + %.4f u + %.4f u^2 + %.2e u^3 (KdV limit: -12 u^2)", c.c[1], c.c[2], c.c[3], c.c[4]))
print(string.format("potential scaling order p (paper: 1.98-2.51 for the local part): %.3f",
  onsager.scaling_order(model, test.trajectories[1]:col(1))))

local refined, refined_avf, t_refine, t_avf = benchmark.refine(train, model, refine_count, avf_count)
local t_dmd, dmd = seconds(onsager.dmd, train, {rank = 32})

local rows = {
  {"KdV limit, SBDF1", onsager.evaluate(test, data.kdv_limit, {method = "sbdf1"})},
  {"KdV limit, AVF", onsager.evaluate(test, data.kdv_limit, {method = "avf"})},
  {"learned (ALS), AVF", onsager.evaluate(test, model, {method = "avf"})},
  {"learned (ALS), SBDF1", onsager.evaluate(test, model, {method = "sbdf1"})},
  {"learned (ALS + rollout), SBDF1", onsager.evaluate(test, refined, {method = "sbdf1"})},
  {"learned (ALS + AVF rollout fit), AVF", onsager.evaluate(test, refined_avf, {method = "avf"})},
  {"DMD, rank 32", onsager.evaluate(test, dmd)},
}
benchmark.print_errors(rows, test, dt)
print(string.format("%-40s %.2e +- %.1e   %.2e +- %.1e", "paper: S-OnsagerNet", 2.13e-3, 8.2e-4, 8.16e-3, 2.6e-3))
print(string.format("%-40s %.2e +- %.1e   %.2e +- %.1e", "paper: FNO", 8.67e-3, 2.6e-3, 3.60e-2, 9.6e-3))
print(string.format("fit times: ALS %.2f s, SBDF1 rollout refinement %.2f s, AVF rollout refinement %.2f s, DMD %.2f s", t_als,
  t_refine, t_avf, t_dmd))

local U, r = model:rollout(test.trajectories[1]:col(1), 100, dt)
local drift = 0
for n = 1, 100 do drift = math.max(drift, math.abs(r.energies(n + 1) - r.energies(n))) end
print(string.format("AVF rollout of the learned model: V %.6f -> %.6f, largest per-step |dV| %.2e (m > 0 on some modes dissipates a little)",
  r.energies(1), r.energies(101), drift))
