--- optim.paper: the EGO recipes of Kontolati, Alix-Williams, Boffi, Falk, Rycroft and Shields,
-- "Manifold learning for coarse-graining atomistic simulations" (Acta Materialia 215, 2021),
-- as optim.ego options, read from the code of calibration.py and validation.py.
--
--   local paper = require "optim.paper"
--   local result = optim.ego(paper.calibration(objective, {run_dir = "runs/calibration"}))
--
-- Parameters, in this order: beta (1/eV), u0 (eV), c0, s_y (GPa). What is reproduced exactly:
-- the Latin hypercube (UQpy 3.0, seed 541122 / 5431, bit for bit), the fixed Sobol candidate
-- set (chaospy rule "S": the sequence without its origin), expected improvement with xi = 0
-- maximised by a discrete argmax over that set, the nearest-neighbour NaN masking, the kernel
-- C * RBF(ARD) + C without white noise, alpha 1e-10, standardised inputs, and (calibration) the
-- chain of local GPs of optim.local_chain with all its quirks. What differs: where a standard
-- deviation is 0 the expected improvement is max(best - mean, 0), not NaN (NumPy's argmax
-- would pick the first NaN); restarts of the hyperparameter fits draw from RandomState(0) per
-- fit, as calibration.py does, but validation.py's draws from the global NumPy stream are not
-- reproduced; the stopping tolerance dtol is the target.

local paper = {}

--- The calibration box (beta, u0, c0, s_y).
paper.calibration_bounds = {{2, 15}, {-3.395, -3.360}, {0.05, 1}, {0.8, 1.1}}
--- The validation (twin experiment) box.
paper.validation_bounds = {{2, 15}, {-3.390, -3.355}, {0.05, 1}, {0.8, 1.15}}

--- The paper's kernel: C1 * RBF(ARD, length scales 1) + C2, every bound (1e-5, 1e5).
function paper.kernel(d)
  local ones = {}
  for j = 1, d do ones[j] = 1 end
  return gp.kernel.constant(1) * gp.kernel.rbf{length_scale = ones} + gp.kernel.constant(1)
end

local function merged(options, overrides)
  for k, v in pairs(overrides or {}) do options[k] = v end
  return options
end

--- calibration.py: 350 LHS points, 10^5 Sobol candidates, the local GP chain (k = 200),
--- normalize_y false, 10 restarts with random_state 0, at most 15000 evaluations, dtol 0.01.
function paper.calibration(objective, overrides)
  local bounds = paper.calibration_bounds
  return merged({
    objective = objective, bounds = bounds, initial = 350, seed = 541122, budget = 15000, target = 0.01,
    candidates = optim.sobol(100000, bounds, {skip = 1}), acquisition = "ei", xi = 0, refine = 0,
    failures = "mask", surrogate = "local_chain", local_k = 200, kernel = paper.kernel(#bounds),
    normalize_y = false, restarts = 10, gp_seed = 0, alpha = 1e-10, scaling = "standard",
  }, overrides)
end

--- validation.py: 400 LHS points, 1.5 x 10^6 Sobol candidates, one global GP refitted every
--- iteration (warm start, normalize_y true, 50 restarts), at most 3500 evaluations, dtol 0.01.
function paper.validation(objective, overrides)
  local bounds = paper.validation_bounds
  return merged({
    objective = objective, bounds = bounds, initial = 400, seed = 5431, budget = 3500, target = 0.01,
    candidates = optim.sobol(1500000, bounds, {skip = 1}), acquisition = "ei", xi = 0, refine = 0,
    failures = "mask", surrogate = "gp", kernel = paper.kernel(#bounds), normalize_y = true, restarts = 50,
    alpha = 1e-10, scaling = "standard",
  }, overrides)
end

return paper
