--- optim.ego: efficient global optimisation (Jones, Schonlau and Welch 1998) in plain Lua.
--
--   local result = optim.ego{
--     objective = function(x) return branin(x[1], x[2]) end,   -- x: a table of numbers
--     bounds = {{-5, 10}, {0, 15}},
--     initial = 10, budget = 40, seed = 1,
--   }
--   print(result.y, result.x[1], result.x[2])
--
-- Each iteration fits a Gaussian process to every evaluation so far (inputs mapped to the unit
-- cube, targets standardised, hyperparameters by maximum likelihood warm-started from the last
-- fit), scores a fixed Sobol candidate set with the acquisition function, refines the best
-- candidates by L-BFGS-B inside the bounds, and evaluates the winner (or a batch of q
-- points). Everything the loop does is in this file, for reading and changing.
--
-- Options (defaults in brackets):
--   objective        function(x) -> number; NaN, an error or a time-out is a failed evaluation
--   objective_module / objective_file
--                    where parallel workers load the objective (require(name) or dofile(path),
--                    returning the function or a table with a field objective); one of them is
--                    needed for workers > 1, and either replaces objective
--   bounds           {{lo, hi}, ...}, one pair per variable
--   initial          [max(5, 2d + 1)] size of the Latin hypercube design, or its points (a
--                    matrix or a table of rows in the bounds' units)
--   budget           [initial + 20 d] total number of evaluations
--   seed             [0] seeds the design, the GP restarts and everything else random
--   acquisition      ["ei"] "ei", "pi" or "lcb"; xi [0] for ei and pi, kappa [2] for lcb
--   candidates       [clamp(500 d, 1000, 20000)] Sobol points (skipping the origin), or a
--                    matrix of points (the paper's fixed set)
--   refine           [5] L-BFGS-B refinements from the best distinct candidates (0: argmax)
--   target           stop when the best value is at or below it
--   stagnation       stop after this many iterations without improving by stagnation_tol [0]
--   failures         ["impute"] how failed evaluations enter the surrogate: "impute" (as the
--                    worst value seen: the region looks bad), "drop" (left out), or "mask" (left
--                    out, and the acquisition is zero at candidates whose nearest evaluated
--                    point failed: the paper's rule)
--   errors           ["record"] an error of the objective is a failed evaluation; "raise" ends
--                    the run with it (the evaluations so far stay in the run directory)
--   timeout          [none] seconds per evaluation, enforced by a Lua count hook (a native
--                    call that never returns to Lua cannot be stopped)
--   surrogate        ["gp"] or "local_chain" (the paper's chain of local GPs, see
--                    optim.local_chain; discrete argmax, no refinement)
--   kernel           [constant * matern52(ARD) + white] a gp.Kernel on unit-cube inputs
--   restarts         [3] random restarts of each hyperparameter fit; gp_seed fixes their seed
--                    (default: seed + iteration); normalize_y [true]; alpha [1e-10]
--   scaling          ["unit"] GP inputs in the unit cube, or "standard" (zero mean, unit variance)
--   log_shift        [none] model log(y + log_shift) instead of y (for positive objectives that
--                    span decades, such as misfits that vanish at the optimum)
--   features         [none] {forward = f, inverse = g}: coordinates of the problem's own, in which
--                    the surrogate (standardised, candidates only, no refinement) and the local
--                    model work; f maps a point to a table of numbers, g maps such a table back
--                    (for the local step). A valley that is curved in the bounds' units and
--                    straight in these is found and followed far more easily
--   trust_region     [false] search a box around the best point (TuRBO, Eriksson et al. 2019):
--                    its side starts at 0.8 of the unit cube, doubles after 3 improving
--                    iterations in a row, halves after max(4, d) / batch iterations without, and
--                    starts again from 0.8 below 1/128; candidates and refinement stay inside it
--   local_model      [false] give one point of each batch (every other iteration when batch = 1)
--                    to a local step: the minimiser of a quadratic fitted to y^2 on the
--                    evaluations nearest the best point (relative least squares), within a
--                    radius that doubles after a step that improves and halves after one that
--                    does not. Misfits that vanish at the optimum are cones there, whose squares
--                    are quadratic: the step converges where the surrogate only samples
--   local_k          [200] neighbourhood size of the local chain
--   batch            [1] points per iteration; batch_method ["believer"]: kriging believer (each
--                    point added to the GP at its predicted mean before choosing the next) or
--                    "penalization" (local penalisation, González et al. 2016; ei and pi only)
--   workers          [batch] parallel evaluations, each in a Lua state of its own
--   observations     [none] {X = points, y = values}: evaluations made before (by another run),
--                    given to the surrogate as if made here; they are neither counted, logged nor
--                    candidates for the best point (NaN values follow 'failures')
--   run_dir          a folder receiving the log (one line per evaluation, flushed at once),
--                    config.json and best.json (the best point of every run in the folder)
--   log              ["evaluations.jsonl"] the log's file name in run_dir (another name lets
--                    several runs share a folder; config.json is then named after the log)
--   resume           [false] continue the run in run_dir: recorded evaluations are replayed
--                    instead of re-evaluated, so the result equals an uninterrupted run's
--   progress         [on a terminal] print one line per iteration
--   on_iteration     function(info) called after each iteration (info: iteration,
--                    evaluations, best, best_x, x, y, model, elapsed); returning false stops
--
-- The result: x and y (the best point and value), X (all points, a matrix), values and statuses
-- (tables, NaN for failures), history (best value after each evaluation), evaluations,
-- iterations, stop (the reason: "target", "budget", "stagnation", "on_iteration"), model.

local evaluations = require "optim.evaluations"
local local_chain = require "optim.local_chain"

local allowed = {}
for name in ([[objective objective_module objective_file bounds initial budget seed acquisition xi kappa
  candidates refine target stagnation stagnation_tol failures errors timeout surrogate kernel restarts
  gp_seed normalize_y alpha scaling features log_shift trust_region local_model local_k batch batch_method workers run_dir resume progress
  on_iteration observations log]]):gmatch("%S+") do allowed[name] = true end

local check = require("optim.options").for_optimiser("optim.ego", allowed)
local fail, check_choice, check_number, rows_of = check.fail, check.choice, check.number, check.rows

--- The checked configuration.
local function configure(o)
  check.table(o)
  local c = {}
  c.lower, c.upper = check.bounds(o)
  c.d = #c.lower
  local d = c.d
  c.objective, c.objective_module, c.objective_file = check.objective(o), o.objective_module, o.objective_file
  c.seed = check_number(o, "seed", 0, 0, true)
  if type(o.initial) == "table" or linalg.is_matrix(o.initial) then
    c.initial_points = rows_of(o.initial, d, "option 'initial'")
    c.initial = #c.initial_points
  else
    c.initial = check_number(o, "initial", math.max(5, 2 * d + 1), 1, true)
  end
  c.budget = check_number(o, "budget", c.initial + 20 * d, 1, true)
  c.acquisition = check_choice(o, "acquisition", { "ei", "pi", "lcb" }, "ei")
  c.xi = check_number(o, "xi", 0)
  c.kappa = check_number(o, "kappa", 2, 0)
  c.refine = check_number(o, "refine", 5, 0, true)
  c.target = check_number(o, "target", -math.huge)
  c.stagnation = check_number(o, "stagnation", math.huge, 1)
  c.stagnation_tol = check_number(o, "stagnation_tol", 0, 0)
  c.failures = check_choice(o, "failures", { "impute", "drop", "mask" }, "impute")
  c.errors = check_choice(o, "errors", { "record", "raise" }, "record")
  c.timeout = check_number(o, "timeout", 0, 0)
  c.surrogate = check_choice(o, "surrogate", { "gp", "local_chain" }, "gp")
  c.restarts = check_number(o, "restarts", 3, 0, true)
  c.gp_seed = o.gp_seed and check_number(o, "gp_seed", 0, 0, true)
  c.normalize_y = o.normalize_y ~= false
  c.alpha = check_number(o, "alpha", 1e-10, 0)
  c.log_shift = check_number(o, "log_shift", nil, 0)
  c.trust_region = o.trust_region == true
  c.local_model = o.local_model == true
  c.scaling = check_choice(o, "scaling", { "unit", "standard" }, "unit")
  c.features = check.features(o)
  if c.features ~= nil then
    if o.scaling == "unit" then fail("option 'features' works in standardised coordinates: leave 'scaling' unset or \"standard\"") end
    c.scaling = "standard"
  end
  c.local_k = check_number(o, "local_k", 200, 1, true)
  c.batch = check_number(o, "batch", 1, 1, true)
  c.batch_method = check_choice(o, "batch_method", { "believer", "penalization" }, "believer")
  if c.batch > 1 and c.surrogate == "local_chain" then fail("batches (batch > 1) need surrogate = \"gp\"") end
  if c.batch_method == "penalization" and c.acquisition == "lcb" then fail("local penalisation needs a positive acquisition: ei or pi") end
  c.workers = check_number(o, "workers", c.batch, 1, true)
  if c.workers > 1 and not (c.objective_module or c.objective_file) then
    fail("parallel evaluation (workers > 1) loads the objective in each worker: give objective_module or objective_file")
  end
  c.kernel = o.kernel
  if c.kernel == nil then
    c.kernel = gp.kernel.constant(1, { 1e-3, 1e3 }) * gp.kernel.matern52{ length_scale = (function()
      local l = {}
      for j = 1, d do l[j] = 0.5 end
      return l
    end)(), bounds = { 1e-2, 1e2 } } + gp.kernel.white(1e-6, { 1e-10, 1e-2 })
  end
  c.candidates = o.candidates or math.min(20000, math.max(1000, 500 * d))
  if type(c.candidates) == "number" then
    c.candidates = check_number(o, "candidates", c.candidates, 1, true)
  else
    c.candidates = rows_of(c.candidates, d, "option 'candidates'")
  end
  c.run_dir, c.resume, c.log = o.run_dir, o.resume == true, o.log or "evaluations.jsonl"
  c.observations = { X = {}, y = {} }
  if o.observations ~= nil then
    local observed = o.observations
    if type(observed) ~= "table" or observed.X == nil or type(observed.y) ~= "table" then
      fail("option 'observations' must be a table {X = points, y = values}")
    end
    c.observations.X = #observed.y > 0 and rows_of(observed.X, d, "option 'observations'") or {}
    if #c.observations.X ~= #observed.y then
      fail(string.format("option 'observations' has %d points and %d values", #c.observations.X, #observed.y))
    end
    for i, y in ipairs(observed.y) do
      if type(y) ~= "number" then fail(string.format("option 'observations': value %d is not a number", i)) end
      c.observations.y[i] = y
    end
  end
  if c.resume and not c.run_dir then fail("resume = true needs run_dir") end
  c.progress = o.progress
  if c.progress == nil then c.progress = cglab.isatty("stdout") end
  c.on_iteration = check.callback(o, "on_iteration")
  return c
end

-- Coordinates ------------------------------------------------------------------------------

--- The map between the bounds' units and the surrogate's inputs.
local function make_scaling(c)
  local s = {}
  function s.to_unit(x)
    local u = {}
    for j = 1, c.d do u[j] = (x[j] - c.lower[j]) / (c.upper[j] - c.lower[j]) end
    return u
  end
  function s.from_unit(u)
    local x = {}
    for j = 1, c.d do x[j] = math.min(c.upper[j], math.max(c.lower[j], c.lower[j] + u[j] * (c.upper[j] - c.lower[j]))) end
    return x
  end
  return s
end

local function argmax(values, n)
  local best, index = -math.huge, nil
  for i = 1, n do
    local v = values(i)
    if v == v and (index == nil or v > best) then best, index = v, i end
  end
  return index, best
end

-- Surrogate -----------------------------------------------------------------------------------

--- An objective value as the surrogate models it (log(y + log_shift) with that option).
local function modelled(c, y)
  if not c.log_shift then return y end
  if y + c.log_shift <= 0 then fail(string.format("log_shift %g does not make the value %g positive", c.log_shift, y)) end
  return math.log(y + c.log_shift)
end

--- The training data: inputs (tables in the bounds' units) and targets (as modelled), failures
--- handled.
local function training_data(c, run)
  local rows, values, worst = {}, {}, -math.huge
  local X, Y = { table.unpack(c.observations.X) }, { table.unpack(c.observations.y) }
  for i, x in ipairs(run.X) do X[#X + 1], Y[#Y + 1] = x, run.values[i] end
  for _, y in ipairs(Y) do if y == y then worst = math.max(worst, y) end end
  for i, x in ipairs(X) do
    local y = Y[i]
    if y == y then
      rows[#rows + 1], values[#values + 1] = x, modelled(c, y)
    elseif c.failures == "impute" and worst > -math.huge then
      rows[#rows + 1], values[#values + 1] = x, modelled(c, worst)
    end
  end
  return rows, values
end

--- The point's coordinates for the surrogate before standardising: its features, or itself.
local function raw_coordinates(c, x)
  if not c.features then return x end
  local z = c.features.forward({ table.unpack(x) })
  if type(z) ~= "table" or #z == 0 then fail("features.forward must return a table of numbers") end
  return z
end

--- The map x -> its coordinates (features or the point itself) standardised over `rows` (zero
--- mean, unit variance in each coordinate), followed by those means and scales.
local function standardiser(c, rows)
  local raw, mean, scale = {}, {}, {}
  for i, x in ipairs(rows) do raw[i] = raw_coordinates(c, x) end
  for j = 1, #raw[1] do
    local s, v = 0, 0
    for _, z in ipairs(raw) do s = s + z[j] end
    mean[j] = s / #raw
    for _, z in ipairs(raw) do v = v + (z[j] - mean[j]) ^ 2 end
    scale[j] = v > 0 and math.sqrt(v / #raw) or 1
  end
  return function(x)
    local z, u = raw_coordinates(c, x), {}
    for j = 1, #mean do u[j] = (z[j] - mean[j]) / scale[j] end
    return u
  end, mean, scale
end

--- A surrogate with predict(rows) -> mean, std for rows in the bounds' units, and the gp.Model
--- used for refinement (nil for the local chain).
local function fit_surrogate(c, state, rows, values, iteration)
  local function fit(inputs, y)
    local seed = c.gp_seed or (c.seed + iteration) % 4294967296
    return gp.fit(inputs, y, { kernel = state.kernel or c.kernel, restarts = c.restarts, seed = seed,
      normalize_y = c.normalize_y, alpha = c.alpha })
  end
  if c.surrogate == "local_chain" then
    state.chain = state.chain or local_chain.new(fit, c.local_k)
    state.chain:update(rows, values)
    return { predict = function(points) return state.chain:predict(points) end,
      nearest_scaled = function(x) return state.chain:scaled(x) end }
  end
  local transform
  if c.scaling == "unit" then
    transform = state.scaling.to_unit
  else
    transform = standardiser(c, rows)
  end
  local inputs = {}
  for i, x in ipairs(rows) do inputs[i] = transform(x) end
  local model = fit(linalg.matrix(inputs), values)
  state.kernel = model:kernel()      -- the warm start of the next fit
  return { model = model, transform = transform, nearest_scaled = transform,
    predict = function(points, m)
      local t = {}
      for i, x in ipairs(points) do t[i] = transform(x) end
      return (m or model):predict(linalg.matrix(t))
    end }
end

-- Acquisition ---------------------------------------------------------------------------------

--- Acquisition values at the candidates from predictions.
local function scores(c, mean, std, best)
  if c.acquisition == "lcb" then return optim.lcb(mean, std, best, c.kappa) end
  return optim[c.acquisition](mean, std, best, c.xi)
end

--- The paper's NaN rule: zero where the nearest evaluated point (in the surrogate's scaled
--- coordinates, failures included) failed.
local function nearest_failed(c, run, surrogate)
  local scaled, any = {}, false
  for i, x in ipairs(run.X) do
    scaled[i] = surrogate.nearest_scaled(x)
    if run.values[i] ~= run.values[i] then any = true end
  end
  return function(x)
    if not any then return false end
    local s, best, nearest = surrogate.nearest_scaled(x), math.huge, nil
    for i, z in ipairs(scaled) do
      local d = 0
      for j = 1, c.d do d = d + (s[j] - z[j]) ^ 2 end
      if d < best then best, nearest = d, i end
    end
    return run.values[nearest] ~= run.values[nearest]
  end
end

local function mask_failures(c, run, surrogate, candidates, values)
  local failed = nearest_failed(c, run, surrogate)
  for k, x in ipairs(candidates) do
    if failed(x) then values:set(k, 0) end
  end
end

--- The next points (tables in the bounds' units): q of them by kriging believer or local
--- penalisation; refinement stays inside unit_bounds (the unit cube, or the trust region).
local function propose(c, state, run, surrogate, candidates, q, unit_bounds)
  local best = run.best < math.huge and modelled(c, run.best) or 0
  local chosen, model = {}, surrogate.model
  local mean, std = surrogate.predict(candidates)
  local values = scores(c, mean, std, best)
  for _ = 1, q do
    if c.failures == "mask" then mask_failures(c, run, surrogate, candidates, values) end
    local index = argmax(values, #candidates)
    local x = candidates[index]
    if model and c.refine > 0 and c.scaling == "unit" and c.batch_method == "believer" then
      -- L-BFGS-B from the best distinct candidates, inside the unit cube.
      local order = {}
      for i = 1, #candidates do order[i] = i end
      table.sort(order, function(a, b)
        local va, vb = values(a), values(b)
        va, vb = va == va and va or -math.huge, vb == vb and vb or -math.huge
        if va ~= vb then return va > vb end
        return a < b
      end)
      local starts = {}
      for i = 1, math.min(c.refine, #order) do starts[i] = state.scaling.to_unit(candidates[order[i]]) end
      local kind = c.acquisition
      local u = optim.maximize_acquisition(model, unit_bounds, { kind = kind, xi = c.xi, kappa = c.kappa, best = best,
        candidates = linalg.matrix(starts), starts = #starts })
      local refined = state.scaling.from_unit(u:totable())
      -- Under the paper's rule the refined point must not fall next to a failure either.
      if c.failures ~= "mask" or not nearest_failed(c, run, surrogate)(refined) then x = refined end
    end
    chosen[#chosen + 1] = x
    if #chosen == q then break end
    if c.batch_method == "believer" then
      -- Believe the model: add x at its predicted mean, without refitting.
      local mu = surrogate.predict({ x }, model)
      model = model:add(linalg.matrix{ surrogate.transform(x) }, { mu(1) })
      mean, std = surrogate.predict(candidates, model)
      values = scores(c, mean, std, best)
    else
      -- Local penalisation: damp the acquisition within reach of x, the reach set by the
      -- largest slope of the mean (estimated on the candidates) and the best value.
      local slope = 1e-8
      for i = 1, math.min(#candidates, 200) do
        local _, _, dmean = model:predict_gradient(surrogate.transform(candidates[i]))
        slope = math.max(slope, dmean:norm())
      end
      -- The penalty Φ((L ||z - x|| - best + μ(x)) / σ(x)), computed as a probability of
      -- improvement below 0 of a "mean" -(L ||z - x|| - best + μ(x)).
      local mu, sd = surrogate.predict({ x })
      local ux, shifted, spread = surrogate.transform(x), linalg.zeros(#candidates), linalg.fill(#candidates, 1, math.max(sd(1), 1e-12))
      for k, z in ipairs(candidates) do
        local uz, dist = surrogate.transform(z), 0
        for j = 1, c.d do dist = dist + (uz[j] - ux[j]) ^ 2 end
        shifted:set(k, -(slope * math.sqrt(dist) - best + mu(1)))
      end
      values = values:mul(optim.pi(shifted, spread, 0))
    end
  end
  return chosen
end

-- Trust region ----------------------------------------------------------------------------------

--- The trust region's box in unit coordinates, centred on the best point.
local function region_box(c, state, run)
  local centre, half = state.scaling.to_unit(run.best_x), state.region.length / 2
  local box = {}
  for j = 1, c.d do
    local lo, hi = math.max(0, centre[j] - half), math.min(1, centre[j] + half)
    box[j] = { lo, hi }
  end
  return box
end

--- The unit-cube candidates mapped into the box, in the bounds' units.
local function candidates_in(c, state, unit_candidates, box)
  local points = {}
  for i, u in ipairs(unit_candidates) do
    local v = {}
    for j = 1, c.d do v[j] = box[j][1] + u[j] * (box[j][2] - box[j][1]) end
    points[i] = state.scaling.from_unit(v)
  end
  return points
end

--- Grows the region after repeated improvement, shrinks it after repeated stagnation, and
--- restarts it when it has shrunk too far.
local function update_region(c, state, improved)
  local region = state.region
  if improved then
    region.successes, region.failures = region.successes + 1, 0
  else
    region.successes, region.failures = 0, region.failures + 1
  end
  if region.successes >= 3 then
    region.length, region.successes = math.min(1.6, 2 * region.length), 0
  elseif region.failures >= math.ceil(math.max(4, c.d) / c.batch) then
    region.length, region.failures = region.length / 2, 0
  end
  if region.length < 1 / 128 then region.length = 0.8 end
end

-- Local quadratic model --------------------------------------------------------------------------

--- The coordinates of the local model and their inverse: the unit cube, or with features the
--- standardised features (inverted through features.inverse, then clamped to the bounds).
local function local_coordinates(c, state, run)
  if not c.features then return state.scaling.to_unit, state.scaling.from_unit end
  local valid = {}
  for i, x in ipairs(run.X) do if run.values[i] == run.values[i] then valid[#valid + 1] = x end end
  local coordinates, mean, scale = standardiser(c, valid)
  return coordinates, function(u)
    local z = {}
    for j = 1, #mean do z[j] = mean[j] + scale[j] * u[j] end
    local x = c.features.inverse(z)
    if type(x) ~= "table" or #x ~= c.d then fail("features.inverse must return a table of " .. c.d .. " numbers") end
    for j = 1, c.d do x[j] = math.min(c.upper[j], math.max(c.lower[j], x[j])) end
    return x
  end
end

--- The local step, or nil when there are too few evaluations to fit it: the quadratic
--- q(u) = a + g'(u - b) + (u - b)'H(u - b)/2 (u in the local coordinates, b the best point)
--- fitted to y^2 on the 2 (k + 1)(k + 2) / 2 valid evaluations nearest b (k coordinates), with
--- relative weights 1/y^2, then its minimiser (negative curvatures taken as positive) within
--- state.local_radius of b.
local function local_step(c, state, run)
  local coordinates, point = local_coordinates(c, state, run)
  local centre = coordinates(run.best_x)
  local d = #centre
  local terms = (d + 1) * (d + 2) // 2
  local near = {}
  for i, x in ipairs(run.X) do
    local y = run.values[i]
    if y == y then
      local u, distance = coordinates(x), 0
      for j = 1, d do
        u[j] = u[j] - centre[j]
        distance = distance + u[j] ^ 2
      end
      near[#near + 1] = { u = u, y = y, distance = distance }
    end
  end
  if #near < terms + d then return nil end
  table.sort(near, function(a, b) return a.distance < b.distance end)
  local count = math.min(#near, 2 * terms)
  local floor = math.max(math.abs(run.best), 1e-12)
  local rows, targets = {}, {}
  for i = 1, count do
    local sample = near[i]
    local w = 1 / math.max(math.abs(sample.y), floor) ^ 2
    local row = { w }
    for j = 1, d do row[#row + 1] = w * sample.u[j] end
    for j = 1, d do
      for l = j, d do row[#row + 1] = w * sample.u[j] * sample.u[l] * (j == l and 0.5 or 1) end
    end
    rows[i], targets[i] = row, { w * sample.y ^ 2 }
  end
  local coefficients = linalg.matrix(rows):lstsq(linalg.matrix(targets))
  local g, h, k = linalg.zeros(d, 1), linalg.zeros(d, d), d + 1
  for j = 1, d do g:set(j, 1, coefficients(1 + j)) end
  for j = 1, d do
    for l = j, d do
      k = k + 1
      h:set(j, l, coefficients(k))
      h:set(l, j, coefficients(k))
    end
  end
  -- Newton's step on |H| (eigenvalues by magnitude, floored), shortened to the radius.
  local values, vectors = h:eigh()
  local largest = 0
  for j = 1, d do largest = math.max(largest, math.abs(values(j))) end
  local along = vectors:t() * g
  for j = 1, d do along:set(j, 1, -along(j) / math.max(math.abs(values(j)), 1e-8 * largest, 1e-300)) end
  local step = vectors * along
  state.local_radius = state.local_radius or math.sqrt(near[count].distance)
  local length = step:norm()
  if length ~= length or length == 0 then return nil end
  if length > state.local_radius then step, length = step * (state.local_radius / length), state.local_radius end
  local u = {}
  for j = 1, d do u[j] = centre[j] + step(j) end
  state.local_length = length
  return point(u)
end

--- After a local step: a larger radius if it found a new best point, a smaller one if not.
local function update_local_radius(state, improved)
  if improved then
    state.local_radius = math.min(0.5, math.max(state.local_radius, 2 * state.local_length))
  else
    state.local_radius = math.max(1e-9, 0.5 * math.min(state.local_radius, state.local_length))
  end
end

-- The loop --------------------------------------------------------------------------------------

local function ego(options)
  local c = configure(options)
  local run = evaluations.new(c, { name = "optim.ego", log = c.log, config = { lower = c.lower, upper = c.upper,
    seed = c.seed, initial = c.initial, budget = c.budget, acquisition = c.acquisition, surrogate = c.surrogate,
    failures = c.failures, batch = c.batch } })
  local state = { scaling = make_scaling(c) }
  local start = cglab.clock()
  local stop

  local function finished()
    if run.best <= c.target then return "target" end
    if #run.X >= c.budget then return "budget" end
  end

  -- Initial design.
  local design = c.initial_points
  if not design then design = optim.lhs(c.initial, options.bounds, { seed = c.seed }):totable() end
  for first = 1, math.min(#design, c.budget), c.workers do
    local chunk = {}
    for k = first, math.min(#design, c.budget, first + c.workers - 1) do chunk[#chunk + 1] = design[k] end
    run:evaluate(chunk, "initial")
    stop = finished()
    if stop then break end
  end

  -- Candidates: a fixed set for the whole run.
  local candidates, unit_candidates = c.candidates, nil
  local unit_cube = {}
  for j = 1, c.d do unit_cube[j] = { 0, 1 } end
  if type(candidates) == "number" then
    unit_candidates = optim.sobol(candidates, unit_cube, { skip = 1 }):totable()
    candidates = candidates_in(c, state, unit_candidates, unit_cube)
  end
  if c.trust_region then
    if not unit_candidates then fail("trust_region needs a number of candidates, not a fixed set") end
    state.region = { length = 0.8, successes = 0, failures = 0 }
  end

  local iteration, since_improvement, last_best, model = 0, 0, run.best, nil
  while not stop do
    iteration = iteration + 1
    local rows, values = training_data(c, run)
    local proposals
    if #rows < 2 then
      -- Nothing to learn from yet: a seeded random point.
      proposals = optim.uniform(1, options.bounds, { seed = (c.seed + iteration) % 4294967296 }):totable()
    else
      local surrogate = fit_surrogate(c, state, rows, values, iteration)
      model = surrogate.model
      local box, pool = unit_cube, candidates
      if state.region and run.best_x then
        box = region_box(c, state, run)
        pool = candidates_in(c, state, unit_candidates, box)
      end
      local q = math.min(c.batch, c.budget - #run.X)
      local step = c.local_model and (c.batch > 1 or iteration % 2 == 0) and local_step(c, state, run) or nil
      proposals = step and q == 1 and {} or propose(c, state, run, surrogate, pool, step and q - 1 or q, box)
      if step then proposals[#proposals + 1] = step end
      state.local_point = step
    end
    local before, best_before = #run.X, run.best
    run:evaluate(proposals, "ego")
    if state.local_point then update_local_radius(state, run.best < best_before and run.best_x == state.local_point) end
    if state.region then update_region(c, state, run.best < best_before - 1e-3 * math.abs(best_before)) end
    if run.best < last_best - c.stagnation_tol then since_improvement = 0 else since_improvement = since_improvement + 1 end
    last_best = math.min(last_best, run.best)
    local elapsed = cglab.clock() - start
    if c.progress then
      print(string.format("ego: iteration %d, %d evaluations, best %.8g, %.1f s", iteration, #run.X, run.best, elapsed))
    end
    stop = finished()
    if not stop and since_improvement >= c.stagnation then stop = "stagnation" end
    if c.on_iteration then
      local new_x, new_y = {}, {}
      for i = before + 1, #run.X do new_x[#new_x + 1], new_y[#new_y + 1] = run.X[i], run.values[i] end
      local verdict = c.on_iteration{ iteration = iteration, evaluations = #run.X, best = run.best, best_x = run.best_x,
        x = new_x, y = new_y, model = model, elapsed = elapsed }
      if verdict == false and not stop then stop = "on_iteration" end
    end
  end
  local result = run:result()
  result.iterations, result.stop, result.model = iteration, stop, model
  return result
end

return ego
