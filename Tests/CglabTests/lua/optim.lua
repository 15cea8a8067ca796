-- optim from Lua: the torch/optim convention of the optimisers, samplers against published
-- values, acquisition functions in closed form, and parallel evaluation in worker states.
local T = require "cglab.testing"
local M = linalg.matrix

local function rosenbrock(x)
  local a, b = x[2] - x[1] ^ 2, 1 - x[1]
  return 100 * a * a + b * b, {-400 * x[1] * a - 2 * b, 200 * a}
end

T.case("L-BFGS-B on the bounded Rosenbrock function, torch/optim style", function()
  -- With x <= 0.5 the minimiser is (0.5, 0.25), f = 0.25: the KKT conditions hold there.
  local state = {}
  local x, fx = optim.lbfgsb(rosenbrock, {-1.2, 1}, {lower = {-1.5, -1.5}, upper = {0.5, 2}}, state)
  T.near(x[1], 0.5, 1e-12)
  T.near(x[2], 0.25, 1e-6)
  T.near(fx[#fx], 0.25, 1e-10)
  T.near(fx[1], 24.2, 1e-12, "fx starts at f(x0)")
  T.equal(state.stop, "gradient tolerance")
  T.truthy(state.iterations == #fx - 1 and state.evaluations >= state.iterations)
  local xm = optim.lbfgs(function(v) return (v(1) - 3) ^ 2, M{2 * (v(1) - 3)} end, M{0})
  T.truthy(linalg.is_matrix(xm), "a vector x0 gives vectors")
  T.near(xm(1), 3, 1e-6)
end)

T.case("the state table continues an interrupted minimisation", function()
  local state = {}
  local x = optim.lbfgsb(rosenbrock, {-1.2, 1}, {max_iter = 4}, state)
  T.equal(state.stop, "iteration limit")
  x = optim.lbfgsb(rosenbrock, x, {}, state)
  T.near(x[1], 1, 1e-4)
  T.truthy(state.iterations > 4)
end)

T.case("Nelder-Mead with bounds", function()
  local x, fx = optim.nelder_mead(function(v) return (v[1] - 2) ^ 2 + (v[2] + 1) ^ 2 end, {0, 0},
    {lower = {-1, -1}, upper = {1, 1}, xtol = 1e-8, ftol = 1e-12})
  T.near(x[1], 1, 1e-6)
  T.near(x[2], -1, 1e-6)
  T.truthy(fx[#fx] <= fx[1])
end)

T.case("the paper's Latin hypercube rows, strata and Sobol points", function()
  local bounds = {{2, 15}, {-3.395, -3.360}, {0.05, 1}, {0.8, 1.1}}
  local X = optim.lhs(350, bounds, {seed = 541122})
  T.near(X:row(1), M{{5.380239, -3.363620, 0.718560, 0.978893}}, 5e-7)
  T.near(X:row(2), M{{8.715018, -3.363078, 0.254911, 0.954930}}, 5e-7)
  local n = 50
  local U = optim.lhs(n, {{0, 1}, {0, 1}}, {criterion = "maximin", iterations = 10, rng = linalg.rng(4)})
  for j = 1, 2 do
    local seen = {}
    for i = 1, n do seen[math.floor(U(i, j) * n)] = true end
    for s = 0, n - 1 do T.truthy(seen[s], "stratum " .. s .. " of column " .. j) end
  end
  local S = optim.sobol(4, {{0, 1}, {0, 1}, {0, 1}})
  T.equal(S:totable(), {{0, 0, 0}, {0.5, 0.5, 0.5}, {0.75, 0.25, 0.25}, {0.25, 0.75, 0.75}})
  T.equal(optim.sobol(1, {{0, 2}}, {skip = 1}):totable(), {1}, "skip = 1 starts at the centre")
  T.equal(optim.uniform(3, {{0, 1}}, {seed = 5}), linalg.rng(5):rand(3, 1), "uniform draws as numpy")
end)

T.case("acquisition functions in closed form", function()
  local phi, Phi = 0.24197072451914337, 0.8413447460685429 -- φ(1), Φ(1)
  T.near(optim.ei(M{0}, M{1}, 1)(1), Phi + phi, 1e-12)
  T.near(optim.pi(M{1}, M{2}, 1)(1), 0.5, 1e-15)
  T.near(optim.lcb(M{1}, M{3}, nil, 2)(1), 5, 1e-15)
  local X = M{{0.1}, {0.4}, {0.9}}
  local m = gp.fit(X, X:map(function(x) return (x - 0.5) ^ 2 end), {kernel = gp.kernel.rbf{length_scale = 0.3, bounds = "fixed"}})
  local x, value = optim.maximize_acquisition(m, {{0, 1}}, {candidates = 64})
  T.truthy(x(1) > 0.4 and x(1) < 0.6 and value > 0, "the expected improvement peaks near the minimum")
end)

T.case("parallel evaluation in worker states, failures recorded", function()
  local dir = T.temporary_folder()
  local file = io.open(dir .. "/objective.lua", "w")
  file:write([[
    return { objective = function(x)
      if x[1] < 0 then error("negative input") end
      if x[1] == 0 then return 0 / 0 end
      if x[1] > 100 then while true do end end
      return x[1] * 2 + x[2]
    end }
  ]])
  file:close()
  local values, statuses, messages = optim.evaluate(M{{1, 2}, {3, 4}, {-1, 0}, {0, 0}, {200, 0}, {5, 5}},
    {file = dir .. "/objective.lua", workers = 3, timeout = 0.5})
  T.equal(values[1], 4)
  T.equal(values[2], 10)
  T.equal(values[6], 15)
  T.equal(statuses, {"ok", "ok", "error", "nan", "timeout", "ok"})
  T.truthy(messages[3]:find("negative input"))
  T.truthy(values[3] ~= values[3] and values[5] ~= values[5])
  T.raises("exactly one of the options 'module' and 'file'", optim.evaluate, M{{1}}, {})
  os.execute("rm -rf '" .. dir .. "'")
end)

T.case("bad bounds are clear errors", function()
  T.raises("lower bound above upper bound for variable 2", optim.lhs, 5, {{0, 1}, {3, 2}})
  T.raises("a bound is NaN for variable 1", optim.sobol, 5, {{0 / 0, 1}})
  T.raises("bounds expected as a table of {lower, upper} pairs", optim.uniform, 5, {1, 2, 3})
  T.raises("expected 2 values, got 3", optim.lbfgsb, rosenbrock, {0, 0}, {lower = {0, 0, 0}})
  T.raises("f returned a nil value, expected a number", optim.lbfgsb, function() end, {0})
end)

T.finish()
