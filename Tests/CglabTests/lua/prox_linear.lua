-- optim.prox_linear: quadratic convergence at a sharp minimum of mixed l2 and l1 parts, the
-- least-squares point of an inconsistent system, bounds, features, parallel workers, a run
-- resumed to the uninterrupted result, and errors that name what is wrong.
local T = require "cglab.testing"

local sharp_file = TEST_ROOT .. "/Tests/CglabTests/lua/support/sharp_minimum.lua"
local sharp = dofile(sharp_file)
local solution = { 0.7, -0.4, 1.3 }
local sharp_bounds = { { -2, 2 }, { -2, 2 }, { -2, 2 } }

T.case("a sharp minimum of l2 and l1 parts is found to 1e-9, with quadratic convergence at the end", function()
  local accepted = {}
  local r = optim.prox_linear{ objective = sharp, x0 = { 0.2, 0.3, 0.5 }, bounds = sharp_bounds, budget = 80, target = 1e-12,
    progress = false, on_iteration = function(info) accepted[#accepted + 1] = info.best end }
  T.equal(r.stop, "target")
  for j = 1, 3 do T.near(r.x[j], solution[j], 1e-9, "coordinate " .. j) end
  T.truthy(r.evaluations <= 60, r.evaluations .. " evaluations")
  -- Quadratic: once y is small, each iteration squares it (up to a constant).
  local n = #accepted
  T.truthy(n >= 3, "iterations " .. n)
  T.truthy(accepted[n] <= 10 * accepted[n - 1] ^ 2 or accepted[n] <= 1e-12 and accepted[n - 1] <= 1e-5,
    string.format("last iterations %.3g -> %.3g", accepted[n - 1], accepted[n]))
  T.near(r.y, (sharp(r.x)), 0)
end)

T.case("an inconsistent l2 system converges to its least-squares point and stops there", function()
  -- ||(x1 - 1, x2 - 2, x1 + x2 - 4)|| is least at (4/3, 7/3), where it is 1/sqrt(3).
  local function f(x)
    local r = { x[1] - 1, x[2] - 2, x[1] + x[2] - 4 }
    return math.sqrt(r[1] ^ 2 + r[2] ^ 2 + r[3] ^ 2), { { norm = "l2", weight = 1, values = r } }
  end
  local r = optim.prox_linear{ objective = f, x0 = { 0, 0 }, bounds = { { -5, 5 }, { -5, 5 } }, budget = 200, progress = false }
  T.equal(r.stop, "converged")
  T.near(r.x[1], 4 / 3, 1e-6)
  T.near(r.x[2], 7 / 3, 1e-6)
  T.near(r.y, 1 / math.sqrt(3), 1e-10)
end)

T.case("bounds hold every evaluated point, and a minimum beyond them ends on the bound", function()
  local r = optim.prox_linear{ objective = sharp, x0 = { 0, 0, 0 }, bounds = { { -1, 0.5 }, { -1, 1 }, { -2, 2 } },
    budget = 60, progress = false }
  for i = 1, r.evaluations do
    T.truthy(r.X(i, 1) >= -1 and r.X(i, 1) <= 0.5, "evaluation " .. i .. " inside the bounds")
  end
  T.near(r.x[1], 0.5, 1e-9)
end)

T.case("features: steps taken in coordinates of the problem's own", function()
  -- Residuals of log x, minimum at x = (e, 1/e): in log coordinates the problem is linear.
  local function f(x)
    local r = { math.log(x[1]) - 1, math.log(x[2]) + 1 }
    return math.sqrt(r[1] ^ 2 + r[2] ^ 2), { { norm = "l2", weight = 1, values = r } }
  end
  local features = { forward = function(x) return { math.log(x[1]), math.log(x[2]) } end,
    inverse = function(z) return { math.exp(z[1]), math.exp(z[2]) } end }
  local r = optim.prox_linear{ objective = f, x0 = { 10, 10 }, bounds = { { 0.01, 100 }, { 0.01, 100 } }, features = features,
    budget = 40, target = 1e-10, progress = false }
  T.equal(r.stop, "target")
  T.near(r.x[1], math.exp(1), 1e-9)
  T.near(r.x[2], math.exp(-1), 1e-9)
end)

T.case("parallel workers and a resumed run give the uninterrupted result", function()
  local folder = T.temporary_folder()
  local function run(dir, budget, resume, counter)
    return optim.prox_linear{ objective = function(x)
        counter.calls = counter.calls + 1
        return sharp(x)
      end, objective_file = sharp_file, workers = 2, x0 = { 0.2, 0.3, 0.5 }, bounds = sharp_bounds, budget = budget,
      run_dir = dir, resume = resume, progress = false }
  end
  local whole = run(folder .. "/whole", 30, false, { calls = 0 })
  T.truthy(whole.evaluations >= 27, "a whole iteration no longer fits in what is left: " .. whole.evaluations)
  local counter = { calls = 0 }
  run(folder .. "/parts", 12, false, counter)
  local resumed = run(folder .. "/parts", 30, true, counter)
  T.equal(resumed.values, whole.values)
  T.equal(resumed.X:totable(), whole.X:totable())
  -- In-process calls happen only for single points (the start and lone trials): replayed
  -- evaluations are never run again.
  local lines = json.read_lines(folder .. "/parts/prox_linear.jsonl")
  T.equal(#lines, whole.evaluations)
  T.truthy(lines[2].details ~= nil, "the log keeps each evaluation's parts")
  T.truthy(counter.calls <= whole.evaluations - 12 + 1, "calls " .. counter.calls)
  T.raises("already holds " .. whole.evaluations .. " evaluations", run, folder .. "/parts", 30, false, counter)
end)

T.case("failures: a failed start stops the run, failed trials are steps refused", function()
  local r = optim.prox_linear{ objective = function() return 0 / 0 end, x0 = { 0, 0, 0 }, bounds = sharp_bounds, progress = false }
  T.equal(r.stop, "failed")
  T.equal(r.evaluations, 1)
  local refused = optim.prox_linear{ objective = function(x)
      if x[3] > 0.6 then error("solver diverged") end
      return sharp(x)
    end, x0 = { 0.2, 0.3, 0.5 }, bounds = sharp_bounds, budget = 40, progress = false }
  T.truthy(refused.x[3] <= 0.6 and refused.y < (sharp{ 0.2, 0.3, 0.5 }), "still descends where it can: " .. refused.y)
  local failed = 0
  for _, status in ipairs(refused.statuses) do if status == "error" then failed = failed + 1 end end
  T.truthy(failed > 0, "some trials failed")
end)

T.case("bad options and objectives are named", function()
  local base = { objective = sharp, x0 = { 0, 0, 0 }, bounds = sharp_bounds, progress = false }
  local function with(changes)
    local o = {}
    for k, v in pairs(base) do o[k] = v end
    for k, v in pairs(changes) do o[k] = v end
    return o
  end
  T.raises("optim.prox_linear: unknown option 'budjet'", optim.prox_linear, with{ budjet = 3 })
  T.raises("x0[2] = 3 is not inside bounds[2] = {-2, 2}", optim.prox_linear, with{ x0 = { 0, 3, 0 } })
  T.raises("option 'x0' must be a table of 3 numbers", optim.prox_linear, with{ x0 = { 0, 0 } })
  T.raises("give objective_module or objective_file", optim.prox_linear, with{ workers = 2 })
  T.raises("the parts add up to", optim.prox_linear, with{ objective = function(x)
    local y, parts = sharp(x)
    return y + 0.1, parts
  end })
  T.raises("must return its parts as a second result", optim.prox_linear, with{ objective = function(x) return (sharp(x)) end })
  T.raises("part 1: norm must be \"l2\" or \"l1\"", optim.prox_linear, with{ objective = function()
    return 1, { { norm = "l3", weight = 1, values = { 1 } } }
  end })
  T.raises("option 'scale' must be a table of 3 positive numbers", optim.prox_linear, with{ scale = { 1, 1 } })
end)

T.finish()
