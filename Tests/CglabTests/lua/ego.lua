-- optim.ego: the standard test functions within their budgets, failed evaluations, batches in
-- parallel workers, the paper's local chain, and a killed run resumed to the same result.
local T = require "cglab.testing"

local test_functions = require "optim.test_functions"
local branin, hartmann6 = test_functions.branin, test_functions.hartmann6
local branin_bounds, branin_minimum = test_functions.branin_bounds, test_functions.branin_minimum

T.case("Branin: the minimum within 1e-3 in at most 40 evaluations", function()
  for seed = 1, 3 do
    local r = optim.ego{objective = branin, bounds = branin_bounds, budget = 40, seed = seed,
      target = branin_minimum + 1e-3, progress = false}
    T.truthy(r.y <= branin_minimum + 1e-3, string.format("seed %d: best %.6f after %d evaluations", seed, r.y, r.evaluations))
    T.equal(r.stop, "target")
    T.near(branin(r.x), r.y, 0)
  end
end)

T.case("Hartmann-6: median of 5 seeds within 1e-2 in at most 100 evaluations", function()
  local bounds, best = {}, {}
  for j = 1, 6 do bounds[j] = {0, 1} end
  for seed = 1, 5 do
    best[seed] = optim.ego{objective = hartmann6, bounds = bounds, budget = 100, seed = seed, initial = 13,
      target = -3.32237 + 1e-2, progress = false}.y
  end
  table.sort(best)
  T.truthy(best[3] <= -3.32237 + 1e-2, "median best " .. best[3])
end)

T.case("failed evaluations are recorded and the loop goes on", function()
  for _, mode in ipairs{"impute", "drop", "mask"} do
    local r = optim.ego{bounds = branin_bounds, budget = 20, seed = 2, failures = mode, timeout = 0.2, progress = false,
      objective = function(x)
        if x[1] > 7 then return 0 / 0 end
        if x[2] > 12 then error("solver diverged") end
        if x[1] < -4 then while true do end end
        return branin(x)
      end}
    T.equal(r.evaluations, 20, mode)
    local counts = {}
    for i, status in ipairs(r.statuses) do
      counts[status] = (counts[status] or 0) + 1
      T.truthy((status == "ok") == (r.values[i] == r.values[i]), "NaN exactly for failures")
    end
    T.truthy((counts.nan or 0) + (counts.error or 0) + (counts.timeout or 0) > 0, mode .. ": some evaluations failed")
    T.truthy(r.y == r.y and r.x ~= nil, mode .. ": a best point")
    if mode ~= "drop" then T.truthy(r.y < 5, mode .. ": still optimises, best " .. r.y) end
  end
end)

T.case("a killed run resumes to the uninterrupted result", function()
  local base = T.temporary_folder()
  local options = function(dir, objective)
    return {objective = objective, bounds = branin_bounds, budget = 18, seed = 4, initial = 6,
      run_dir = dir, progress = false, errors = "raise"}
  end
  local whole = optim.ego(options(base .. "/whole", branin))
  local calls = 0
  local killed = options(base .. "/killed", function(x)
    calls = calls + 1
    if calls > 11 then error("killed") end
    return branin(x)
  end)
  T.raises("killed", optim.ego, killed)
  local lines = 0
  for _ in io.lines(base .. "/killed/evaluations.jsonl") do lines = lines + 1 end
  T.equal(lines, 11, "every finished evaluation was written")
  T.raises("resume = true", optim.ego, options(base .. "/killed", branin))
  calls = 0
  local resumed_options = options(base .. "/killed", function(x) calls = calls + 1 return branin(x) end)
  resumed_options.resume = true
  local resumed = optim.ego(resumed_options)
  T.equal(calls, 18 - 11, "recorded evaluations are not repeated")
  T.equal(resumed.X, whole.X)
  T.equal(resumed.values, whole.values)
  T.equal(resumed.y, whole.y)
  os.execute("rm -rf '" .. base .. "'")
end)

T.case("batches of points evaluated in parallel workers", function()
  local dir = T.temporary_folder()
  local file = io.open(dir .. "/branin.lua", "w")
  file:write([[
    return function(x)
      local b, c, t = 5.1 / (4 * math.pi ^ 2), 5 / math.pi, 1 / (8 * math.pi)
      return (x[2] - b * x[1] ^ 2 + c * x[1] - 6) ^ 2 + 10 * (1 - t) * math.cos(x[1]) + 10
    end
  ]])
  file:close()
  for _, method in ipairs{"believer", "penalization"} do
    local iterations = 0
    local r = optim.ego{objective_file = dir .. "/branin.lua", bounds = branin_bounds, budget = 24, batch = 3,
      batch_method = method, seed = 1, progress = false, run_dir = dir .. "/" .. method,
      on_iteration = function(info)
        iterations = iterations + 1
        T.truthy(#info.x == 3 or info.evaluations == 24, "three points per iteration until the budget")
      end}
    T.equal(r.evaluations, 24, method)
    T.equal(iterations, (24 - 5) // 3 + 1, method)
    T.truthy(r.y < 1, method .. ": best " .. r.y)
  end
  os.execute("rm -rf '" .. dir .. "'")
end)

T.case("the paper's local surrogate chain and the hook that stops", function()
  local r = optim.ego{objective = branin, bounds = branin_bounds, budget = 40, seed = 3, initial = 12,
    surrogate = "local_chain", local_k = 8, refine = 0, failures = "mask", scaling = "standard", progress = false,
    on_iteration = function(info) return info.evaluations < 20 end}
  T.equal(r.stop, "on_iteration")
  T.equal(r.evaluations, 20)
  T.truthy(r.y < 10, "best " .. r.y)
end)

T.case("the paper's recipe starts from its golden design", function()
  local paper = require "optim.paper"
  local r = optim.ego(paper.calibration(function(x) return x[1] end, {budget = 2, progress = false}))
  T.near(r.X, linalg.matrix{{5.380239, -3.363620, 0.718560, 0.978893}, {8.715018, -3.363078, 0.254911, 0.954930}}, 5e-7)
  T.equal(r.stop, "budget")
end)

T.case("given initial points and the stagnation stop", function()
  local points = {{0, 0}, {5, 5}, {-3, 12}}
  local r = optim.ego{objective = function() return 1 end, bounds = branin_bounds, initial = points, budget = 30,
    stagnation = 2, progress = false}
  T.equal(r.X:row_range(1, 3):totable(), points)
  T.equal(r.stop, "stagnation")
  T.equal(r.evaluations, 5, "two iterations without improvement")
end)

T.case("log_shift and trust_region: Branin shifted to vanish at its minimum, within 40 evaluations", function()
  for seed = 1, 3 do
    local r = optim.ego{objective = function(x) return branin(x) - branin_minimum end, bounds = branin_bounds, budget = 40,
      seed = seed, log_shift = 1e-3, trust_region = true, target = 1e-3, progress = false}
    T.truthy(r.y <= 1e-3, string.format("seed %d: best %.6f after %d evaluations", seed, r.y, r.evaluations))
  end
  T.raises("log_shift 0.001 does not make the value -1 positive", optim.ego, {objective = function() return -1 end,
    bounds = branin_bounds, initial = 5, budget = 6, log_shift = 1e-3, progress = false})
  T.raises("trust_region needs a number of candidates", optim.ego, {objective = branin, bounds = branin_bounds,
    candidates = linalg.matrix{{0, 0}, {1, 1}}, trust_region = true, budget = 6, progress = false})
end)

-- A cone with a polyhedral part, the shape of a misfit that vanishes at its optimum.
local function cone(x)
  return math.sqrt((x[1] - 0.3) ^ 2 + 10 * (x[2] - 0.7) ^ 2 + 3 * (x[1] - 0.3) * (x[2] - 0.7)) + 0.5 * math.abs(x[3] - 0.2)
end
local unit3 = {{0, 1}, {0, 1}, {0, 1}}

T.case("local_model: the quadratic step on y^2 reaches a cone's apex that the surrogate alone only approaches", function()
  local plain = optim.ego{objective = cone, bounds = unit3, initial = 10, budget = 80, seed = 1, batch = 2, workers = 1,
    log_shift = 1e-3, progress = false}
  local stepped = optim.ego{objective = cone, bounds = unit3, initial = 10, budget = 80, seed = 1, batch = 2, workers = 1,
    log_shift = 1e-3, local_model = true, progress = false}
  T.truthy(plain.y > 1e-3, "the surrogate alone: " .. plain.y)
  T.truthy(stepped.y < 1e-5, "with the local step: " .. stepped.y)
  T.near(linalg.matrix{stepped.x}, linalg.matrix{{0.3, 0.7, 0.2}}, 1e-5)
  -- With batch = 1 the step takes every other iteration.
  local single = optim.ego{objective = cone, bounds = unit3, initial = 10, budget = 80, seed = 1, log_shift = 1e-3,
    local_model = true, progress = false}
  T.truthy(single.y < 1e-3, "batch 1: " .. single.y)
end)

T.case("features: a valley curved in x and straight in the features", function()
  local function valley(x) return math.sqrt(0.01 * (x[1] - 0.6) ^ 2 + 4 * (x[2] - x[1] ^ 2 - 0.1) ^ 2) end
  local features = {forward = function(x) return {x[1], x[2] - x[1] ^ 2} end,
    inverse = function(z) return {z[1], z[2] + z[1] ^ 2} end}
  local results = {}
  for _, f in ipairs{false, true} do
    results[f] = optim.ego{objective = valley, bounds = {{0, 1}, {0, 1}}, initial = 10, budget = 60, seed = 2, batch = 2,
      workers = 1, log_shift = 1e-3, local_model = true, features = f and features or nil, progress = false}
  end
  T.truthy(results[false].y > 1e-3, "in x: " .. results[false].y)
  T.truthy(results[true].y < 1e-8, "in the features: " .. results[true].y)
  T.near(linalg.matrix{results[true].x}, linalg.matrix{{0.6, 0.46}}, 1e-6)
  T.raises("option 'features' must be a table {forward = function, inverse = function}", optim.ego,
    {objective = valley, bounds = {{0, 1}, {0, 1}}, features = {forward = features.forward}, progress = false})
  T.raises("leave 'scaling' unset", optim.ego, {objective = valley, bounds = {{0, 1}, {0, 1}}, features = features,
    scaling = "unit", progress = false})
  T.raises("features.forward must return a table of numbers", optim.ego, {objective = valley, bounds = {{0, 1}, {0, 1}},
    features = {forward = function() return 1 end, inverse = features.inverse}, budget = 8, initial = 5, progress = false})
end)

T.case("option errors are clear", function()
  T.raises("bounds[1]: lower bound 2 is not below upper bound 1", optim.ego, {objective = branin, bounds = {{2, 1}}})
  T.raises("bounds[2] is NaN", optim.ego, {objective = branin, bounds = {{0, 1}, {0 / 0, 1}}})
  T.raises("unknown option 'budjet'", optim.ego, {objective = branin, bounds = branin_bounds, budjet = 3})
  T.raises("an objective is needed", optim.ego, {bounds = branin_bounds})
  T.raises("give objective_module or objective_file", optim.ego, {objective = branin, bounds = branin_bounds, workers = 2})
end)

T.finish()
