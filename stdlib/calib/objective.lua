--- calib.objective: the Grassmannian EGO objective Y(theta) of Kontolati et al. (2021), in
-- pieces a script can replace.
--
-- For parameters theta (beta, u0, c0, s_y and anything else stz.run takes), one forward run of
-- the STZ solver is compared with a reference (MD data, or a continuum "twin" run):
--   d_G   the mean over the comparison frames of the Grassmann distance between the subspaces
--         of the reference strain field and of 2 x the continuum Exy field;
--   d_tau the weighted L1 misfit of the stress-strain curves (calib.stress);
--   Y     (w_G d_G + w_tau d_tau) / (w_G + w_tau), the paper's (d_G + 3 d_tau) / 4.
-- chi_inf follows beta and u0 from the final MD energy; the paper's feasibility filter rejects
-- theta whose final MD energy maps below 20 K anywhere (Y = NaN, no run).
--
--   local f = objective.new{reference = ref, energy0 = U0, energy_final = U100}
--   local Y, details = f{beta = 8.3, u0 = -3.368, c0 = 0.55, s_y = 1.0}

local stress = require "calib.stress"

local objective = {}

--- The paper's comparison frames (strains 0.05 ... 0.5) and fixed ranks (calibration.py).
objective.paper_frames = { 10, 12, 16, 18, 20, 22, 24, 70, 100 }
objective.paper_ranks = { 2, 4, 5, 5, 10, 10, 14, 15, 16 }

--- chi_len and ep, fixed in calibration.py (they are optima of an earlier 6-parameter run).
objective.calibration_fixed = { chi_len = 25.59275383, ep = 44.52901253 }
--- chi_len and ep of the twin experiment's truth (validation.py).
objective.twin_fixed = { chi_len = 41.79654694, ep = 7.12963104 }

--- T_Z in K (the STZ formation energy over k_B).
objective.t_z = 21000

--- The point of Gr(r, n) of a strain field under a rank rule: a number (fixed rank), or a
--- table {tol = t} / {rtol = t} / {energy = f} as grassmann.project takes.
local function subspace(field, rule)
  if type(rule) == "number" then return grassmann.project(field, { rank = math.min(rule, field:cols()) }) end
  return grassmann.project(field, rule)
end

--- Whether `ranks` is one rule for every frame (a number or a {tol | rtol | energy} table)
--- rather than a list with one rule per frame.
local function is_single_rule(ranks)
  return type(ranks) == "number" or (type(ranks) == "table" and (ranks.tol or ranks.rtol or ranks.energy) ~= nil)
end

--- The rank of both fields under an adaptive rule taken as the larger of the two
--- (validation.py's rank rule: max(rank_tol(A), rank_tol(B))).
local function common_rank(a, b, rule)
  return math.max(subspace(a, rule):rank(), subspace(b, rule):rank())
end

--- The Grassmann part: per-frame distances and their mean. `ranks` is a list (one rule per
--- frame) or one rule for all; `shared_rank` makes both fields use the larger adaptive rank.
function objective.grassmann_distance(reference_strain, continuum_strain, frames, ranks, metric, shared_rank)
  local distances = {}
  local total = 0
  for i, k in ipairs(frames) do
    local a, b = reference_strain(k), continuum_strain(k)
    local rule = is_single_rule(ranks) and ranks or ranks[i]
    if shared_rank and type(rule) == "table" then rule = common_rank(a, b, rule) end
    distances[i] = subspace(a, rule):distance(subspace(b, rule), metric)
    total = total + distances[i]
  end
  return total / #frames, distances
end

--- The Grassmann part as smooth residuals: per frame, the log map at the reference subspace of the
--- continuum one (an n x p matrix, flattened; its Frobenius norm is the geodesic distance). Fixed
--- ranks only (a number, or one per frame): an adaptive rank would change the residual's size.
function objective.grassmann_residuals(reference_strain, continuum_strain, frames, ranks)
  local residuals = {}
  for i, k in ipairs(frames) do
    local rule = type(ranks) == "number" and ranks or ranks[i]
    if math.type(rule) ~= "integer" then
      error("calib.objective: residuals need fixed ranks (an integer, or one per frame), got " .. inspect(rule), 0)
    end
    local a, b = subspace(reference_strain(k), rule), subspace(continuum_strain(k), rule)
    local tangent = grassmann.log(a, b)
    residuals[i] = tangent:reshape(tangent:rows() * tangent:cols(), 1)
  end
  return residuals
end

--- The misfit's parts for optim.prox_linear: a list of {norm = "l2" | "l1", weight, values} with
--- Y = sum of weight * norm(values): the frames' log maps (l2, each weighted w_G / (w_G + w_tau)
--- / #frames) and the signed weighted stress errors (l1, weighted w_tau / (w_G + w_tau) / count).
local function misfit_parts(tangents, signed, count, blend)
  local total, parts = blend[1] + blend[2], {}
  for i, tangent in ipairs(tangents) do parts[i] = { norm = "l2", weight = blend[1] / total / #tangents, values = tangent } end
  parts[#parts + 1] = { norm = "l1", weight = blend[2] / total / math.max(count, 1), values = signed }
  return parts
end

--- An objective function f(theta) -> Y, details. options:
---   reference      {strain = function(k) -> field, stress = tau (GPa), stress_gamma = gamma}
---   energy0        initial MD energy (eV): chi0 through the reference map (or `map`)
---   energy_final   final MD energy (eV), a field or {min = , max = }: chi_inf (from its maximum)
---                  and the feasibility filter (its minimum)
---   frames, ranks  comparison frames and rank rules (default: the paper's)
---   shared_rank    adaptive ranks taken as the larger of the two fields' (validation.py)
---   metric         Grassmann metric (default "paper": calibration.py's exact recipe)
---   stress_weights {emphasis = {first, last}, weight = w} (default: calibration.py's)
---   blend          {w_G, w_tau} (default {1, 3})
---   fixed          parameters held fixed (default: calibration.py's chi_len and ep)
---   min_temperature the feasibility filter in K (default 20; false turns it off)
---   map            function(energy, theta) -> chi0, a coarse-graining map of your own
---   run_options    extra options for stz.run (frames, steps_per_frame, ...)
---   residuals      also give details.residuals, the misfit's parts as smooth residuals (see
---                  misfit_parts; needs metric "geodesic" and fixed ranks)
function objective.new(options)
  assert(type(options) == "table", "calib.objective.new: an options table is required")
  local reference = assert(options.reference, "calib.objective.new: reference is required")
  local energy0 = assert(options.energy0, "calib.objective.new: energy0 is required")
  local energy_final = assert(options.energy_final, "calib.objective.new: energy_final is required")
  local frames = options.frames or objective.paper_frames
  local ranks = options.ranks or objective.paper_ranks
  local metric = options.metric or "paper"
  local weights = options.stress_weights or stress.paper
  local blend = options.blend or { 1, 3 }
  local fixed = options.fixed or objective.calibration_fixed
  local min_temperature = options.min_temperature == nil and 20 or options.min_temperature
  local min_final, max_final = objective.energy_range(energy_final)
  local last_frame = frames[#frames]
  if options.residuals and metric ~= "geodesic" then
    error("calib.objective: residuals need metric \"geodesic\" (the log map's norm is the geodesic distance), got " .. tostring(metric), 0)
  end
  if options.residuals and math.type(ranks) ~= "integer" then
    for i = 1, #frames do
      if type(ranks) ~= "table" or math.type(ranks[i]) ~= "integer" then
        error("calib.objective: residuals need fixed ranks (an integer, or one per frame), got " .. inspect(ranks), 0)
      end
    end
  end

  return function(theta)
    local parameters = {}
    for k, v in pairs(fixed) do parameters[k] = v end
    for k, v in pairs(theta) do parameters[k] = v end
    local details = { theta = theta }
    -- The paper's filter: the final MD energy must map above min_temperature everywhere.
    if min_temperature and parameters.beta * (min_final - parameters.u0) * objective.t_z < min_temperature then
      details.status = "infeasible"
      return 0 / 0, details
    end
    parameters.chi_inf = parameters.beta * (max_final - parameters.u0) * objective.t_z
    details.chi_inf = parameters.chi_inf
    parameters.fields = { "Exy", "tau" }
    for k, v in pairs(options.run_options or {}) do parameters[k] = v end
    if options.map then
      parameters.energy = energy0
      parameters.map = function(U) return options.map(U, parameters) end
    else
      parameters.energy = energy0
    end
    local ok, run = pcall(stz.run, parameters)
    if not ok then
      details.status = "failed"
      details.error = tostring(run)
      return 0 / 0, details
    end
    if run:frames() <= last_frame then
      details.status = "failed"
      details.error = "the run ended before frame " .. last_frame
      return 0 / 0, details
    end
    local d_g, per_frame = objective.grassmann_distance(reference.strain, function(k) return run:field("Exy", k) * 2 end,
      frames, ranks, metric, options.shared_rank)
    local gamma, tau = run:stress_strain()
    local d_tau, _, signed, count = stress.misfit(reference.stress, reference.stress_gamma, tau, gamma, weights)
    if options.residuals then
      local tangents = objective.grassmann_residuals(reference.strain, function(k) return run:field("Exy", k) * 2 end, frames, ranks)
      details.residuals = misfit_parts(tangents, signed, count, blend)
    end
    details.status = "ok"
    details.d_G = d_g
    details.d_frames = per_frame
    details.d_tau = d_tau
    details.run = run
    return (blend[1] * d_g + blend[2] * d_tau) / (blend[1] + blend[2]), details
  end
end

--- The minimum and maximum of a final energy given as a field or as {min = , max = }.
function objective.energy_range(energy)
  if linalg.is_matrix(energy) then return energy:min(), energy:max() end
  assert(type(energy) == "table" and energy.min and energy.max, "a final energy field or {min = , max = } is required")
  return energy.min, energy.max
end

--- The reference of a twin experiment: a forward run at `truth` from `energy0`, its strain
--- fields (2 x Exy, as validation.py compares) and its stress curve in GPa.
function objective.twin_reference(energy0, energy_final, truth, run_options)
  local parameters = { energy = energy0, fields = { "Exy", "tau" } }
  for k, v in pairs(truth) do parameters[k] = v end
  for k, v in pairs(run_options or {}) do parameters[k] = v end
  parameters.chi_inf = parameters.chi_inf or truth.beta * (select(2, objective.energy_range(energy_final)) - truth.u0) * objective.t_z
  local run = stz.run(parameters)
  local gamma, tau = run:stress_strain()
  return { strain = function(k) return run:field("Exy", k) * 2 end, stress = tau, stress_gamma = gamma, run = run }
end

return objective
