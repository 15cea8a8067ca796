--- calib.problem: a calibration problem as plain data (JSON-friendly), and the objective it
-- defines. Keeping the problem as data lets parallel workers, each in a Lua state of its own,
-- rebuild exactly the same objective from the run directory's problem.json.
--
--   local problem = require("calib.problem").twin{seed = 1}          -- or .md{data = folder}
--   local f = require("calib.problem").objective(problem)            -- f(x) -> Y, details
--
-- Twin experiments compare against a continuum run at known parameters ("truth", the paper's
-- set B by default) from a synthetic initial energy field (seeded, pe.MD.0's statistics) or
-- from a data folder's pe.MD.0, as validation.py does; MD calibrations compare against the
-- MD strain fields and stress curve of a folder laid out like CuZr_Ref, as calibration.py does.

local objective = require "calib.objective"
local stress = require "calib.stress"
local synthetic = require "calib.synthetic"

local problem = {}

--- The calibrated parameters, in the order of x (units: 1/eV, eV, -, GPa).
problem.names = { "beta", "u0", "c0", "s_y" }
problem.units = { beta = "1/eV", u0 = "eV", c0 = "", s_y = "GPa" }

--- The paper's boxes: calibration.py for MD data, validation.py for the twin experiment.
problem.md_bounds = { { 2, 15 }, { -3.395, -3.360 }, { 0.05, 1 }, { 0.8, 1.1 } }
problem.twin_bounds = { { 2, 15 }, { -3.390, -3.355 }, { 0.05, 1 }, { 0.8, 1.15 } }

--- The twin experiment's truth (validation.py; the golden set B).
problem.set_b = { beta = 8.27674103, u0 = -3.36821766, c0 = 0.54989662, s_y = 1.00556564 }

--- The final MD energy range of CuZr_Ref (pe.MD.100, eV): chi_inf and the filter of a twin
--- experiment without data (the truth's chi_inf is then the golden 2807 K).
problem.pe_md_100_range = { min = -3.361053, max = -3.352068 }

local function copy(t)
  local c = {}
  for k, v in pairs(t or {}) do c[k] = type(v) == "table" and copy(v) or v end
  return c
end

local function merge(base, overrides)
  local result = copy(base)
  for k, v in pairs(overrides or {}) do result[k] = v end
  return result
end

--- A twin experiment. options: data (a folder: its pe.MD.0 and pe.MD.100), seed (of the
--- synthetic field when there is no data), truth, and any comparison setting (frames, ranks,
--- shared_rank, metric, stress_weights, blend, min_temperature, run_options).
function problem.twin(options)
  return merge({
    kind = "twin", seed = 1, truth = copy(problem.set_b), fixed = copy(objective.twin_fixed),
    bounds = copy(problem.twin_bounds), frames = copy(objective.paper_frames), ranks = { tol = 1e-5 },
    shared_rank = true, metric = "paper", stress_weights = copy(stress.twin), min_temperature = false,
  }, options)
end

--- An MD calibration (calibration.py). options: data (required), and any comparison setting.
function problem.md(options)
  assert(options and options.data, "calib.problem.md: the data folder is required")
  return merge({
    kind = "md", fixed = copy(objective.calibration_fixed), bounds = copy(problem.md_bounds),
    frames = copy(objective.paper_frames), ranks = copy(objective.paper_ranks), metric = "paper",
    stress_weights = copy(stress.paper), min_temperature = 20,
  }, options)
end

--- The initial and final energies of a problem.
function problem.energies(p)
  if p.data then
    local data = require("calib.data").load(p.data)
    return data.energy0, data.energy_final, data
  end
  return synthetic.field{ seed = p.seed }, problem.pe_md_100_range
end

--- Parameters as a named table from x (a table of numbers in problem.names order).
function problem.theta(x)
  local theta = {}
  for j, name in ipairs(problem.names) do theta[name] = x[j] end
  return theta
end

--- Search coordinates in which the calibration's valley is straight, for optim.ego's
--- `features`: beta (1/eV), the mean initial effective temperature T0 = beta T_Z (mean U0 - u0)
--- (K), c0 / beta (eV) and s_y (GPa). Along the valley of Y, T0 and c0 / beta stay nearly fixed
--- while beta (the spread of chi0) moves, so in these coordinates it runs along one axis.
function problem.valley_features(p)
  local mean_energy = problem.energies(p):mean()
  return {
    forward = function(x)
      return { x[1], x[1] * objective.t_z * (mean_energy - x[2]), x[3] / x[1], x[4] }
    end,
    inverse = function(z)
      return { z[1], mean_energy - z[2] / (z[1] * objective.t_z), z[3] * z[1], z[4] }
    end,
  }
end

--- Saves a twin reference (the comparison frames' strain fields and the stress curve) as .npz.
local function save_reference(reference, frames, path)
  local arrays = { stress = reference.stress, stress_gamma = reference.stress_gamma }
  for _, k in ipairs(frames) do arrays["strain_" .. k] = reference.strain(k) end
  linalg.save(path, arrays)
end

--- A twin reference saved by save_reference.
local function load_reference(path)
  local arrays = linalg.load(path)
  return { strain = function(k) return arrays["strain_" .. k] end, stress = arrays.stress, stress_gamma = arrays.stress_gamma }
end

--- The reference (strain fields and stress curve) of a problem. A twin reference is a forward
--- run at the truth; with p.reference_file it is computed once and then read from that file
--- (parallel workers share it instead of running it again).
function problem.reference(p)
  local energy0, energy_final, data = problem.energies(p)
  if p.kind == "twin" then
    if p.reference_file and io.open(p.reference_file) then return load_reference(p.reference_file), energy0, energy_final end
    local reference = objective.twin_reference(energy0, energy_final, merge(p.fixed, p.truth), p.run_options)
    if p.reference_file then save_reference(reference, p.frames, p.reference_file) end
    return reference, energy0, energy_final
  end
  return { strain = data.strain, stress = data.stress, stress_gamma = data.stress_gamma }, energy0, energy_final
end

--- The objective of a problem: f(x) -> Y, details (x in problem.names order). With
--- p.details_log set, every evaluation's details are appended there (flushed JSON lines).
function problem.objective(p)
  local reference, energy0, energy_final = problem.reference(p)
  local f = objective.new{
    reference = reference, energy0 = energy0, energy_final = energy_final, frames = p.frames, ranks = p.ranks,
    shared_rank = p.shared_rank, metric = p.metric, stress_weights = p.stress_weights, blend = p.blend,
    fixed = p.fixed, min_temperature = p.min_temperature, run_options = p.run_options, residuals = p.residuals,
  }
  return function(x)
    local y, details = f(problem.theta(x))
    if p.details_log then
      json.append(p.details_log, { x = x, y = y, status = details.status, d_G = details.d_G, d_frames = details.d_frames,
        d_tau = details.d_tau, chi_inf = details.chi_inf, error = details.error })
    end
    return y, details
  end
end

--- The objective of the problem saved in run_dir/problem.json (for parallel workers).
function problem.load_objective(run_dir)
  return problem.objective(json.read(run_dir .. "/problem.json"))
end

--- The objective with its parts, for optim.prox_linear: f(x) -> Y, parts (see
--- calib.objective's residuals; the problem needs metric "geodesic" and fixed ranks).
function problem.residual_objective(p)
  local f = problem.objective(merge(p, { residuals = true }))
  return function(x)
    local y, details = f(x)
    return y, details.residuals
  end
end

--- The residual objective of the problem saved in run_dir/problem.json (for parallel workers).
function problem.load_residual_objective(run_dir)
  return problem.residual_objective(json.read(run_dir .. "/problem.json"))
end

return problem
