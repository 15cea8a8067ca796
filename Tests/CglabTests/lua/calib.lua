-- calib: the pieces of the paper's objective that do not need the optimiser: reading the MD
-- data, the stress misfit (golden values of grassmannian-ego.md section 9), synthetic fields.
local T = require "cglab.testing"
local stress = require "calib.stress"
local synthetic = require "calib.synthetic"

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

T.finish()
