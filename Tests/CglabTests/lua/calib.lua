-- calib: the pieces of the paper's objective that do not need the optimiser: reading the MD
-- data, the stress misfit (golden values of grassmannian-ego.md section 9), synthetic fields.
local T = require "cglab.testing"
local stress = require "calib.stress"
local synthetic = require "calib.synthetic"
local objective = require "calib.objective"

T.case("d_tau reproduces the golden values on the real stress curve", function()
  local data = require("calib.data").load(T.shared("data/CuZr_Ref"))
  T.equal(data.stress:rows(), 501)
  T.near(data.stress:max(), 1.541, 5e-4, "peak MD stress 1.541 GPa")
  local gamma = linalg.linspace(0, 0.5, 101)
  T.near((stress.misfit(data.stress, data.stress_gamma, linalg.zeros(101), gamma)), 1.573094, 1e-6, "tau_CM = 0")
  T.near((stress.misfit(data.stress, data.stress_gamma, (gamma * 23):clamp(nil, 0.95), gamma)), 0.198536, 1e-6,
    "tau_CM = min(23 gamma, 0.95)")
end)

T.case("the stress misfit weighs the emphasised frames", function()
  local gamma = linalg.linspace(0, 0.5, 101)
  local md_gamma = linalg.linspace(0, 0.5, 501)
  local d, errors = stress.misfit(linalg.ones(501), md_gamma, linalg.zeros(101), gamma, {emphasis = {10, 19}, weight = 3})
  T.near(d, (91 + 10 * 3) / 101, 1e-15)
  T.equal(errors(11), 3)
  T.equal(errors(21), 1)
end)

T.case("a missing data file is named", function()
  T.raises("pe.MD.0 is missing", require("calib.data").load, "/nonexistent/folder")
end)

T.case("synthetic fields have the requested statistics and are seeded", function()
  local field = synthetic.field{seed = 3}
  local stats = synthetic.statistics(field)
  T.near(stats.mean, synthetic.pe_md_0.mean, 1e-12)
  T.near(stats.std, synthetic.pe_md_0.std, 1e-15)
  T.near(stats.length_y, synthetic.pe_md_0.length_y, 0.05 * synthetic.pe_md_0.length_y)
  T.near(stats.length_x, synthetic.pe_md_0.length_x, 0.05 * synthetic.pe_md_0.length_x)
  T.equal(synthetic.field{seed = 3}, field, "same seed, same field")
  T.truthy(synthetic.field{seed = 4} ~= field)
  local measured = synthetic.statistics(linalg.read_md(T.shared("data/CuZr_Ref/pe.MD.0")))
  T.near(measured.length_y, synthetic.pe_md_0.length_y, 0.01, "the defaults are pe.MD.0's statistics")
  T.near(measured.length_x, synthetic.pe_md_0.length_x, 0.01)
end)

T.case("d_G reproduces the golden distances of the paper's recipe on the MD fields", function()
  local objective = require "calib.objective"
  local data = require("calib.data").load(T.shared("data/CuZr_Ref"))
  local mean, per_frame = objective.grassmann_distance(data.strain, function(k)
    return data.strain(k == 100 and 99 or k + 1) * 2
  end, objective.paper_frames, objective.paper_ranks, "paper")
  local golden = {0.581271, 1.360523, 0.383299, 0.693768, 1.586910, 0.148059, 0.200497, 0.256901, 0.558468}
  for i, d in ipairs(golden) do T.near(per_frame[i], d, 1e-6, "frame " .. objective.paper_frames[i]) end
  T.near(mean, 0.641077, 1e-6)
end)

--- A short twin experiment (20 frames up to strain 0.1, four comparison frames) on a synthetic
--- field: the truth (set B) and the options of calib.objective.new, comparison settings to add.
local function short_twin()
  local objective = require "calib.objective"
  local energy0 = synthetic.field{seed = 7}
  local energy_final = energy0 + 0.002
  local truth = {beta = 8.27674103, u0 = -3.36821766, c0 = 0.54989662, s_y = 1.00556564}
  local short = {frames = 20, final_strain = 0.1}
  local full_truth = {chi_len = 41.79654694, ep = 7.12963104}
  for k, v in pairs(truth) do full_truth[k] = v end
  return truth, {reference = objective.twin_reference(energy0, energy_final, full_truth, short), energy0 = energy0,
    energy_final = energy_final, frames = {4, 10, 16, 20}, fixed = objective.twin_fixed, run_options = short}
end

--- A copy of `options` with `changes` applied.
local function with(options, changes)
  local copy = {}
  for k, v in pairs(options) do copy[k] = v end
  for k, v in pairs(changes) do copy[k] = v end
  return copy
end

T.case("the twin objective vanishes at the truth and grows away from it", function()
  local objective = require "calib.objective"
  local truth, options = short_twin()
  local f = objective.new(with(options, {ranks = {tol = 1e-5}, shared_rank = true, min_temperature = false}))
  local at_truth, details = f(truth)
  T.equal(details.status, "ok")
  T.near(at_truth, 0, 1e-12, "the same parameters reproduce the reference")
  local away = f{beta = 9.5, u0 = truth.u0, c0 = truth.c0, s_y = 1.08}
  T.truthy(away > 1e-3, "different parameters give a positive objective, got " .. away)
  local cold, why = objective.new(options){beta = 2, u0 = -3.355, c0 = 0.5, s_y = 1}
  T.truthy(cold ~= cold and why.status == "infeasible", "the 20 K filter rejects a cold map")
end)

T.case("the misfit's parts add up to Y, and Gauss-Newton on them recovers a short twin's truth", function()
  local objective = require "calib.objective"
  local truth, twin = short_twin()
  local options = with(twin, {ranks = 3, metric = "geodesic", min_temperature = false, residuals = true})
  local f = objective.new(options)
  local y, details = f{beta = 9.1, u0 = -3.3675, c0 = 0.6, s_y = 1.03}
  local total = 0
  for i, part in ipairs(details.residuals) do
    local size = part.norm == "l2" and part.values:norm() or part.values:abs():sum()
    if i <= 4 then T.near(size, details.d_frames[i], 1e-12, "the log map's norm is frame " .. i .. "'s geodesic distance") end
    total = total + part.weight * size
  end
  T.near(total, y, 1e-12 * y, "the weighted parts add up to Y")
  T.truthy(y > 1e-3, "the start is away from the truth: " .. y)
  -- Gauss-Newton from there: the truth to 1e-6 of each range, in a few dozen forward runs. Y
  -- is least sensitive to c0 (about 0.006 per unit near the truth), so the target is 1e-9.
  local names, bounds = {"beta", "u0", "c0", "s_y"}, {{2, 15}, {-3.390, -3.355}, {0.05, 1}, {0.8, 1.15}}
  local function theta(x)
    local t = {}
    for j, name in ipairs(names) do t[name] = x[j] end
    return t
  end
  local r = optim.prox_linear{objective = function(x)
      local value, d = f(theta(x))
      return value, d.residuals
    end, x0 = {9.1, -3.3675, 0.6, 1.03}, bounds = bounds, budget = 60, target = 1e-9, progress = false}
  T.equal(r.stop, "target")
  for j, name in ipairs(names) do
    T.near(r.x[j], truth[name], 1e-6 * (bounds[j][2] - bounds[j][1]), name)
  end
  options.metric = "paper"
  T.raises("residuals need metric \"geodesic\"", objective.new, options)
  options.metric, options.ranks = "geodesic", {tol = 1e-5}
  T.raises("residuals need fixed ranks", objective.new, options)
end)

T.case("valley features: mean initial temperature and c0/beta, inverted exactly", function()
  local problem = require "calib.problem"
  local p = problem.twin{seed = 3}
  local features = problem.valley_features(p)
  local mean_energy = synthetic.field{seed = 3}:mean()
  local x = {8.27674103, -3.36821766, 0.54989662, 1.00556564}
  local z = features.forward(x)
  T.near(z[2], x[1] * objective.t_z * (mean_energy - x[2]), 1e-9, "T0 in K")
  T.near(z[3], x[3] / x[1], 1e-15)
  T.near(linalg.matrix{features.inverse(z)}, linalg.matrix{x}, 1e-12)
end)

T.finish()
