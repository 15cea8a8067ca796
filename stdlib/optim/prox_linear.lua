--- optim.prox_linear: the prox-linear method, Gauss-Newton for misfits that are sums of norms of
-- smooth residuals (Burke 1985; Lewis and Wright 2016; Drusvyatskiy and Paquette 2019):
--
--     y(x) = sum_k w_k ||r_k(x)||,   each norm Euclidean ("l2") or the sum of magnitudes ("l1").
--
-- Each iteration linearises every residual by forward differences (d evaluations, in parallel
-- workers), minimises the convex model  sum_k w_k ||r_k + J_k s|| + mu/2 ||s||^2  over the step s
-- (iteratively reweighted least squares in d unknowns) and accepts the step when y falls by at
-- least a tenth of what the model predicts; mu falls fourfold after a success and grows fourfold
-- after a failure. With several workers the trial steps for mu, 4 mu, ... are evaluated side by
-- side. Near a sharp minimum (y = 0 where the residuals' Jacobian has full rank, as at a twin
-- experiment's truth) the convergence is quadratic, where a smooth model of y (a quadratic fitted
-- to y or y^2) crawls: y is a cone there, with polyhedral faces where l1 parts enter.
--
--   local result = optim.prox_linear{
--     objective = function(x) return y, parts end,   -- parts: {{norm = "l2", weight = w, values = v}, ...}
--     x0 = {1, 2}, bounds = {{0, 5}, {0, 5}}, budget = 40,
--   }
--
-- Options (defaults in brackets):
--   objective        f(x) -> y, parts: parts a list of {norm = "l2" | "l1", weight = w >= 0,
--                    values = a table of numbers or a vector}, whose sum of w ||values|| must be y
--                    (checked); NaN, an error or a time-out is a failed evaluation
--   objective_module / objective_file
--                    where parallel workers load f (as in optim.ego); needed for workers > 1
--   x0               the starting point, inside the bounds (evaluated first)
--   bounds           {{lo, hi}, ...}: every point evaluated is clamped into them
--   budget           [10 (d + 1)] evaluations at most, the start's included
--   target           stop when y is at or below it
--   features         {forward = f, inverse = g}: coordinates of the problem's own (as in optim.ego)
--                    in which the residuals are linearised and the steps taken
--   scale            the unit of each coordinate (of the features when given): by default its
--                    spread over the corners of the bounds
--   difference       [1e-6] the forward-difference step, in units of scale (backward where the
--                    forward point would leave the bounds)
--   radius           [0.05] the length of the first step, in units of scale (it sets the first mu)
--   tolerance        [1e-10] stop ("converged") when the step falls below this, in units of scale
--   workers          [1] parallel evaluations; timeout, errors ["record"], run_dir, resume as in
--                    optim.ego; log ["prox_linear.jsonl"] the log's file name in run_dir (each line
--                    keeps the parts, so that a resumed run replays them)
--   progress         [on a terminal] one line per iteration; on_iteration function(info)
--                    (iteration, evaluations, best, best_x, mu, elapsed); returning false stops
--
-- The result: x and y (the best point and value), X, values, statuses, history (as optim.ego's),
-- evaluations, iterations, mu, and stop: "target", "budget", "converged" (the step fell below the
-- tolerance, or mu grew past any useful step: a minimum of the model), "failed" (the start or every
-- difference failed) or "on_iteration".

local evaluations = require "optim.evaluations"

local allowed = {}
for name in ([[objective objective_module objective_file x0 bounds budget target features scale difference radius
  tolerance workers timeout errors run_dir resume log progress on_iteration]]):gmatch("%S+") do allowed[name] = true end

local check = require("optim.options").for_optimiser("optim.prox_linear", allowed)
local fail, check_number = check.fail, check.number

--- The checked configuration.
local function configure(o)
  check.table(o)
  local c = {}
  c.lower, c.upper = check.bounds(o)
  c.d = #c.lower
  if type(o.x0) ~= "table" or #o.x0 ~= c.d then fail("option 'x0' must be a table of " .. c.d .. " numbers") end
  c.x0 = {}
  for j = 1, c.d do
    local v = o.x0[j]
    if type(v) ~= "number" or v ~= v or v < c.lower[j] or v > c.upper[j] then
      fail(string.format("x0[%d] = %s is not inside bounds[%d] = {%g, %g}", j, tostring(v), j, c.lower[j], c.upper[j]))
    end
    c.x0[j] = v
  end
  c.objective, c.objective_module, c.objective_file = check.objective(o), o.objective_module, o.objective_file
  c.budget = check_number(o, "budget", 10 * (c.d + 1), 1, true)
  c.target = check_number(o, "target", -math.huge)
  c.difference = check_number(o, "difference", 1e-6, 0)
  c.radius = check_number(o, "radius", 0.05, 0)
  c.tolerance = check_number(o, "tolerance", 1e-10, 0)
  if c.difference == 0 or c.radius == 0 then fail("options 'difference' and 'radius' must be positive") end
  c.workers = check_number(o, "workers", 1, 1, true)
  if c.workers > 1 and not (c.objective_module or c.objective_file) then
    fail("parallel evaluation (workers > 1) loads the objective in each worker: give objective_module or objective_file")
  end
  c.timeout = check_number(o, "timeout", 0, 0)
  c.errors = check.choice(o, "errors", { "record", "raise" }, "record")
  c.features = check.features(o)
  c.scale = o.scale
  c.run_dir, c.resume, c.log = o.run_dir, o.resume == true, o.log or "prox_linear.jsonl"
  if c.resume and not c.run_dir then fail("resume = true needs run_dir") end
  c.progress = o.progress
  if c.progress == nil then c.progress = cglab.isatty("stdout") end
  c.on_iteration = check.callback(o, "on_iteration")
  c.details = true
  return c
end

-- Coordinates -----------------------------------------------------------------------------------

--- The maps between points (tables in the bounds' units) and scaled coordinates u (the features,
--- or the point itself, each divided by its scale); to_point clamps into the bounds.
local function coordinates(c)
  local forward = c.features and function(x)
    local z = c.features.forward({ table.unpack(x) })
    if type(z) ~= "table" or #z == 0 then fail("features.forward must return a table of numbers") end
    return z
  end or function(x) return { table.unpack(x) } end
  local scale = c.scale
  if scale == nil then
    -- The spread of each coordinate over the 2^d corners of the bounds.
    if c.d > 16 then fail("give option 'scale' when there are more than 16 variables") end
    local low, high = {}, {}
    for corner = 0, 2 ^ c.d - 1 do
      local x = {}
      for j = 1, c.d do x[j] = (corner // 2 ^ (j - 1)) % 2 == 0 and c.lower[j] or c.upper[j] end
      for j, z in ipairs(forward(x)) do low[j], high[j] = math.min(low[j] or z, z), math.max(high[j] or z, z) end
    end
    scale = {}
    for j = 1, #low do scale[j] = high[j] > low[j] and high[j] - low[j] or 1 end
  end
  local k = #forward(c.x0)
  if type(scale) ~= "table" or #scale ~= k then fail("option 'scale' must be a table of " .. k .. " positive numbers") end
  for j = 1, k do
    if type(scale[j]) ~= "number" or not (scale[j] > 0) or scale[j] == math.huge then fail("option 'scale' must be positive and finite") end
  end
  local map = { k = k }
  function map.to_u(x)
    local z = forward(x)
    for j = 1, k do z[j] = z[j] / scale[j] end
    return z
  end
  function map.to_point(u)
    local z = {}
    for j = 1, k do z[j] = u[j] * scale[j] end
    local x = c.features and c.features.inverse(z) or z
    if type(x) ~= "table" or #x ~= c.d then fail("features.inverse must return a table of " .. c.d .. " numbers") end
    for j = 1, c.d do
      if x[j] ~= x[j] then fail("features.inverse returned NaN") end
      x[j] = math.min(c.upper[j], math.max(c.lower[j], x[j]))
    end
    return x
  end
  return map
end

-- Parts and the model ----------------------------------------------------------------------------

--- The parts of an evaluation as {norm, weight, values (a column vector)}, checked against y.
local function read_parts(parts, y)
  if type(parts) ~= "table" or #parts == 0 then
    fail("the objective must return its parts as a second result: a list of {norm = \"l2\" | \"l1\", weight = w, values = v}")
  end
  local read, total = {}, 0
  for k, part in ipairs(parts) do
    if type(part) ~= "table" or (part.norm ~= "l2" and part.norm ~= "l1") then fail(string.format("part %d: norm must be \"l2\" or \"l1\"", k)) end
    if type(part.weight) ~= "number" or not (part.weight >= 0) then fail(string.format("part %d: weight must be a non-negative number", k)) end
    local values = part.values
    if type(values) == "table" then values = linalg.matrix(values) end
    if not linalg.is_matrix(values) or values:numel() == 0 then fail(string.format("part %d: values must be a non-empty table of numbers or a vector", k)) end
    values = values:reshape(values:numel(), 1)
    read[k] = { norm = part.norm, weight = part.weight, values = values }
    total = total + part.weight * (part.norm == "l2" and values:norm() or values:abs():sum())
  end
  if math.abs(total - y) > 1e-8 * math.max(1, math.abs(y)) then
    fail(string.format("the parts add up to %.12g, but the objective returned %.12g", total, y))
  end
  return read
end

--- The model m(s) = sum_k w_k ||r_k + J_k s|| at the current point: parts (with values r_k) and
--- their Jacobians J_k (columns in scaled coordinates).
local function new_model(parts, jacobians)
  local model = {}
  for k, part in ipairs(parts) do
    if part.norm == "l2" then
      local J = jacobians[k]
      part.gram, part.cross, part.square = J:t() * J, J:t() * part.values, part.values:norm() ^ 2
    end
  end
  function model.value(s)
    local total = 0
    for k, part in ipairs(parts) do
      local e = part.values + jacobians[k] * s
      total = total + part.weight * (part.norm == "l2" and e:norm() or e:abs():sum())
    end
    return total
  end
  --- The minimiser of m(s) + mu/2 ||s||^2, by iteratively reweighted least squares: each part's
  --- norm replaced by a quadratic that touches it at the current s.
  function model.step(mu, d)
    local s = linalg.zeros(d, 1)
    local floor = 1e-12 * math.max(model.value(s), 1e-300)
    for _ = 1, 200 do
      local A, g = linalg.eye(d) * mu, linalg.zeros(d, 1)
      for k, part in ipairs(parts) do
        local J = jacobians[k]
        if part.norm == "l2" then
          local q = part.square + 2 * (part.cross:t() * s)(1, 1) + (s:t() * part.gram * s)(1, 1)
          local w = part.weight / math.max(math.sqrt(math.max(q, 0)), floor)
          A, g = A + part.gram * w, g + part.cross * w
        else
          local w = (part.values + J * s):abs():clamp(floor, nil):pow(-1) * part.weight
          local weighted = J:mul(w)
          A, g = A + J:t() * weighted, g + weighted:t() * part.values
        end
      end
      local next_s = A:solve(g) * -1
      local change = (next_s - s):norm()
      s = next_s
      if change <= 1e-13 * (1 + s:norm()) then break end
    end
    return s
  end
  --- The model's slope at s = 0 (the length of a subgradient), which sets the first mu.
  function model.slope(d)
    local g = linalg.zeros(d, 1)
    for k, part in ipairs(parts) do
      local J = jacobians[k]
      if part.norm == "l2" then
        if part.square > 0 then g = g + part.cross * (part.weight / math.sqrt(part.square)) end
      else
        g = g + J:t() * part.values:map(function(v) return v > 0 and 1 or (v < 0 and -1 or 0) end) * part.weight
      end
    end
    return g:norm()
  end
  return model
end

-- The loop ----------------------------------------------------------------------------------------

local function prox_linear(options)
  local c = configure(options)
  local map = coordinates(c)
  local run = evaluations.new(c, { name = "optim.prox_linear", log = c.log })
  local start_time = cglab.clock()
  local k = map.k

  --- Evaluates points, returning for each its y and parts (nil when it failed).
  local function evaluate(points, phase)
    local first = #run.X + 1
    run:evaluate(points, phase)
    local outcomes = {}
    for i = first, #run.X do
      local y = run.values[i]
      outcomes[#outcomes + 1] = y == y and { y = y, parts = read_parts(run.details[i], y), x = run.X[i] } or false
    end
    return outcomes
  end

  local function remaining() return c.budget - #run.X end

  local current = evaluate({ c.x0 }, "start")[1]
  local stop = not current and "failed" or nil
  local u = map.to_u(c.x0)
  local iteration, mu = 0, nil
  while not stop do
    if current.y <= c.target then stop = "target" break end
    if remaining() < k + 1 then stop = "budget" break end
    iteration = iteration + 1
    -- Forward differences (backward where the forward point leaves the bounds).
    local points, steps = {}, {}
    for j = 1, k do
      local h = c.difference
      local v = { table.unpack(u) }
      v[j] = v[j] + h
      local x = map.to_point(v)
      local back = map.to_u(x)
      if math.abs(back[j] - v[j]) > 1e-3 * h then
        h, v[j] = -h, u[j] - h
        x = map.to_point(v)
      end
      points[j], steps[j] = x, h
    end
    local differenced = evaluate(points, "difference")
    local jacobians = {}
    for index, part in ipairs(current.parts) do
      local columns = {}
      for j = 1, k do
        local other = differenced[j] and differenced[j].parts[index]
        if other and other.values:numel() == part.values:numel() then
          columns[j] = (other.values - part.values) * (1 / steps[j])
        else
          columns[j] = linalg.zeros(part.values:numel(), 1)
        end
      end
      jacobians[index] = linalg.hcat(columns)
    end
    local any = false
    for j = 1, k do any = any or differenced[j] ~= false end
    if not any then stop = "failed" break end
    local model = new_model(current.parts, jacobians)
    mu = mu or math.max(model.slope(k), 1e-300) / c.radius
    -- Trial steps with mu, 4 mu, ... side by side, until one is accepted or mu is too large.
    local accepted = false
    while not accepted and not stop do
      local count = math.min(c.workers, remaining())
      if count < 1 then stop = "budget" break end
      local trials, predicted, lengths = {}, {}, {}
      for t = 1, count do
        local s = model.step(mu * 4 ^ (t - 1), k)
        local v = {}
        for j = 1, k do v[j] = u[j] + s(j) end
        local x = map.to_point(v)
        local taken, back = linalg.zeros(k, 1), map.to_u(x)
        for j = 1, k do taken:set(j, 1, back[j] - u[j]) end
        trials[t], predicted[t], lengths[t] = x, current.y - model.value(taken), taken:norm()
      end
      if lengths[1] < c.tolerance then stop = "converged" break end
      local outcomes = evaluate(trials, "trial")
      local chosen
      for t, outcome in ipairs(outcomes) do
        local decrease = outcome and current.y - outcome.y or -math.huge
        if decrease > 0 and decrease >= 0.1 * predicted[t] and (not chosen or outcome.y < outcomes[chosen].y) then chosen = t end
      end
      if chosen then
        current, u, accepted = outcomes[chosen], map.to_u(outcomes[chosen].x), true
        mu = mu * 4 ^ (chosen - 1) / 4
      else
        mu = mu * 4 ^ count
      end
    end
    local elapsed = cglab.clock() - start_time
    if c.progress then
      print(string.format("prox_linear: iteration %d, %d evaluations, best %.8g, mu %.3g, %.1f s", iteration, #run.X, run.best, mu, elapsed))
    end
    if not stop and c.on_iteration and c.on_iteration{ iteration = iteration, evaluations = #run.X, best = run.best,
        best_x = run.best_x, mu = mu, elapsed = elapsed } == false then
      stop = "on_iteration"
    end
  end
  local result = run:result()
  result.iterations, result.stop, result.mu = iteration, stop, mu
  return result
end

return prox_linear
