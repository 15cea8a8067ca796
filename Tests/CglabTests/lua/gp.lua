-- gp from Lua: kernels and their composition, fitting, prediction against the closed form,
-- updates, the likelihood gradient, and the errors a user meets.
local T = require "cglab.testing"
local M = linalg.matrix

T.case("kernels compose with + and * and expose log hyperparameters", function()
  local k = gp.kernel.matern52{length_scale = {1, 2}} * gp.kernel.constant(3) + gp.kernel.white(1e-5)
  T.equal(k:names(), {"matern52.length_scale[1]", "matern52.length_scale[2]", "constant.value", "white.noise_level"})
  T.near(M(k:theta()), M{0, math.log(2), math.log(3), math.log(1e-5)}, 1e-12)
  T.equal(k:bounds()[1], {math.log(1e-5), math.log(1e5)})
  T.truthy(tostring(2 * gp.kernel.rbf()):find("2 %* rbf"), "a number times a kernel is a constant kernel")
  local fixed = gp.kernel.rbf{length_scale = 0.5, bounds = "fixed"} * gp.kernel.constant(2, "fixed")
  T.equal(fixed:theta(), {}, "fixed hyperparameters are not fitted")
  local moved = k:with_theta{0, 0, 0, 0}
  T.near(M(moved:theta()), M{0, 0, 0, 0}, 1e-15)
  -- k(x, x') by hand: 3 * Matérn-5/2 at scaled distance r = 1 (dx = 1 with length 1).
  local K = k:covariance(M{{0, 0}, {1, 0}})
  local r5 = math.sqrt(5)
  T.near(K(1, 2), 3 * (1 + r5 + 5 / 3) * math.exp(-r5), 1e-12)
  T.near(K(1, 1), 3 + 1e-5, 1e-12, "white noise on the diagonal")
end)

T.case("posterior mean and variance match the closed form", function()
  local k = gp.kernel.rbf{length_scale = 0.7, bounds = "fixed"}
  local X, y = M{{0}, {1}}, M{1, 3}
  local m = gp.fit(X, y, {kernel = k, optimize = false, normalize_y = false, alpha = 0.01})
  local Xs = M{{0.25}, {2}}
  local Kxx = k:covariance(X) + 0.01 * linalg.eye(2)
  local Ks = k:covariance(Xs, X)
  local mean_expected = Ks * Kxx:solve(y)
  local cov_expected = k:covariance(Xs) - Ks * Kxx:solve(Ks:t())
  local mean, std, cov = m:predict(Xs, {cov = true})
  T.near(mean, mean_expected, 1e-12)
  T.near(cov, cov_expected, 1e-12)
  T.near(std:pow(2), linalg.diag(cov_expected), 1e-12)
  local lml = -0.5 * y:dot(Kxx:solve(y)) - 0.5 * Kxx:logdet() - math.log(2 * math.pi)
  T.near(m:lml(), lml, 1e-12)
end)

T.case("fitting is seeded, warm-startable and raises the likelihood", function()
  local X = optim.lhs(25, {{0, 1}, {0, 1}}, {seed = 3})
  local y = linalg.zeros(25)
  for i = 1, 25 do y:set(i, math.sin(5 * X(i, 1)) * X(i, 2)) end
  local a = gp.fit(X, y, {restarts = 3, seed = 7})
  local b = gp.fit(X, y, {restarts = 3, seed = 7})
  T.equal(a:kernel():theta(), b:kernel():theta(), "same seed, same fit")
  local fixed = gp.fit(X, y, {optimize = false})
  T.truthy(a:lml() > fixed:lml(), "fitting raises the log marginal likelihood")
  local warm = gp.fit(X, y, {kernel = a:kernel()})
  T.near(warm:lml(), a:lml(), 1e-6, "a warm start stays at the optimum")
  T.equal(#a, 25)
  local mean = a:predict(X)
  T.near(mean, y, 1e-2, "a fitted GP nearly interpolates smooth data")
end)

T.case("the likelihood gradient matches finite differences", function()
  local X = optim.lhs(12, {{0, 1}, {0, 2}}, {seed = 1})
  local y = linalg.zeros(12)
  for i = 1, 12 do y:set(i, X(i, 1) ^ 2 - X(i, 2)) end
  local k = gp.kernel.constant(1.3) * gp.kernel.rq{length_scale = {0.6, 0.9}, alpha = 1.5} + gp.kernel.white(0.01)
  local m = gp.fit(X, y, {kernel = k, optimize = false})
  local theta = k:theta()
  local value, gradient = m:lml(theta)
  T.near(value, m:lml(), 1e-10)
  for p = 1, #theta do
    local up, down = {table.unpack(theta)}, {table.unpack(theta)}
    up[p], down[p] = up[p] + 1e-5, down[p] - 1e-5
    T.near(gradient(p), (m:lml(up) - m:lml(down)) / 2e-5, 1e-5, "component " .. p)
  end
end)

T.case("adding observations equals conditioning on all of them", function()
  local X = optim.lhs(20, {{0, 1}}, {seed = 2})
  local y = X:map(function(x) return math.cos(4 * x) end)
  local k = gp.kernel.constant(1) * gp.kernel.matern32{length_scale = 0.3}
  local first = gp.fit(X:row_range(1, 15), y:row_range(1, 15), {kernel = k, optimize = false})
  local grown = first:add(X:row_range(16, 20), y:row_range(16, 20))
  local all = gp.fit(X, y, {kernel = k, optimize = false})
  local Xs = linalg.linspace(0, 1, 7)
  local m1, s1 = grown:predict(Xs)
  local m2, s2 = all:predict(Xs)
  T.near(m1, m2, 1e-9)
  T.near(s1, s2, 1e-9)
  local Xg = grown:data()
  T.equal(Xg:rows(), 20)
end)

T.case("errors name the problem", function()
  local X = M{{0, 0}, {1, 1}}
  T.raises("2 input rows but 3 targets", gp.fit, X, {1, 2, 3})
  T.raises("no observations", gp.fit, linalg.zeros(0, 2), {})
  T.raises("unknown kernel 'matern42'", gp.fit, X, {1, 2}, {kernel = "matern42"})
  T.raises("targets contains NaN", gp.fit, X, {1, 0 / 0})
  T.raises("inputs have 2 columns, expected 3", gp.fit, X, {1, 2}, {kernel = gp.kernel.rbf{length_scale = {1, 1, 1}}})
  T.raises("unknown option 'restart'", gp.fit, X, {1, 2}, {restart = 3})
  T.raises("length scale must be positive", gp.kernel.rbf, {length_scale = -1})
  T.raises("{lower, upper} with lower <= upper", gp.kernel.matern52, {bounds = {2, 1}})
  local m = gp.fit(X, {1, 2}, {optimize = false})
  T.raises("inputs have 1 columns, expected 2", m.predict, m, M{1, 2})
end)

T.finish()
