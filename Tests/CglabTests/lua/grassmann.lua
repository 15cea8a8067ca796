-- grassmann from Lua: points, angles at known values, distances and their matrices, registered
-- metrics, kernels, log/exp, Karcher mean, interpolation, display, errors, and the paper's
-- distance on the CuZr strain fields.
local T = require "cglab.testing"
local M = linalg.matrix

-- Unit vector k of R^n as a column.
local function e(k, n)
  local v = linalg.zeros(n, 1)
  v:set(k, 1, 1)
  return v
end

-- Span(e1, e2) and span(cos t1 e1 + sin t1 e3, cos t2 e2 + sin t2 e4) in R^6: principal angles t1, t2.
local function planes(t1, t2)
  local a = grassmann.point(linalg.hcat(e(1, 6), e(2, 6)))
  local b = grassmann.point(linalg.hcat(math.cos(t1) * e(1, 6) + math.sin(t1) * e(3, 6),
                                        math.cos(t2) * e(2, 6) + math.sin(t2) * e(4, 6)))
  return a, b
end

-- max |P_a - P_b|: zero when a and b are the same subspace.
local function gap(a, b) return (a:projector() - b:projector()):abs():max() end

T.case("planes at known angles", function()
  local a, b = planes(0.3, 1.1)
  T.near(grassmann.angles(a, b), M{0.3, 1.1}, 1e-14)
  T.near(a:angles(b), M{0.3, 1.1}, 1e-14)
  T.near(grassmann.distance(a, b), math.sqrt(0.3 ^ 2 + 1.1 ^ 2), 1e-14)
  T.near(a:distance(b, "chordal"), (a:projector() - b:projector()):norm(), 1e-14)
  T.near(a:distance(b, "asimov"), 1.1, 1e-14)
  local tiny = select(2, planes(1e-10, 2e-10))
  T.near(a:distance(tiny), math.sqrt(5) * 1e-10, 1e-16, "tiny angles keep their precision")
end)

T.case("every metric is zero on the same subspace and symmetric", function()
  local rng = linalg.rng(4)
  local x = grassmann.project(rng:randn(12, 3), {rank = 3})
  local y = grassmann.project(rng:randn(12, 3), {rank = 3})
  local same = grassmann.project(x:basis() * M{{0, 1, 0}, {0, 0, 1}, {1, 0, 0}}, {rank = 3})
  for _, name in ipairs(grassmann.metrics()) do
    T.near(x:distance(same, name), 0, 1e-7, name)
    T.near(x:distance(y, name), y:distance(x, name), 1e-13, name)
  end
end)

T.case("projection rules and the kept singular triplets", function()
  local rng = linalg.rng(5)
  local u = rng:randn(20, 4):qr()
  local v = rng:randn(10, 4):qr()
  local x = u * linalg.diag{10, 5, 1, 1e-3} * v:t()
  T.equal(grassmann.project(x, {rank = 2}):rank(), 2)
  T.equal(grassmann.project(x, {tol = 1e-2}):rank(), 3)
  T.equal(grassmann.project(x, {rtol = 0.2}):rank(), 2)
  T.equal(grassmann.project(x, {energy = 0.999}):rank(), 3)
  local p = grassmann.project(x, {rank = 4})
  T.equal({p:dim(), p:rank()}, {20, 4})
  T.near(p:singular_values(), M{10, 5, 1, 1e-3}, 1e-12)
  T.near(p:basis() * linalg.diag(p:singular_values()) * p:right_vectors():t(), x, 1e-12)
  local list = grassmann.project({x, 2 * x}, {energy = 0.99})
  T.equal(#list, 2)
  T.near(gap(list[1], list[2]), 0, 1e-12, "scale does not change the subspace")
  T.equal(grassmann.point(linalg.eye(3, 2)):singular_values(), nil)
end)

T.case("clear errors", function()
  local x = linalg.rng(6):randn(6, 4)
  T.raises("rank 5 is larger than a 6x4 matrix allows (at most 4)", grassmann.project, x, {rank = 5})
  T.raises("one of rank, tol, rtol or energy", grassmann.project, x)
  T.raises("only one of rank, tol, rtol or energy", grassmann.project, x, {rank = 2, energy = 0.9})
  T.raises("matrix contains NaN or infinity", grassmann.project, M{{0 / 0, 1}, {2, 3}}, {rank = 1})
  T.raises("matrix 2 contains NaN or infinity", grassmann.project, {x, M{{0 / 0}}}, {rank = 1})
  T.raises("not orthonormal", grassmann.point, 2 * linalg.eye(3, 2))
  local a = grassmann.point(linalg.eye(5, 2))
  local b = grassmann.point(linalg.eye(6, 2))
  T.raises("points live in different spaces (R^5 and R^6)", grassmann.distance, a, b)
  T.raises("points of list of points live in different spaces", grassmann.distances, {a, b})
  T.raises("unknown metric 'nope'", grassmann.distance, a, a, "nope")
  T.raises("the log map needs subspaces of equal dimension, got 2 and 1", grassmann.log, a,
           grassmann.point(linalg.eye(5, 1)))
  T.raises("entry 2 is a number, expected a Grassmann point", grassmann.distances, {a, 3})
end)

T.case("distance matrices", function()
  local rng = linalg.rng(7)
  local points = {}
  for k = 1, 9 do points[k] = grassmann.project(rng:randn(15, 8), {rank = 1 + k % 3}) end
  local d = grassmann.distances(points, "projection")
  T.equal({d:shape()}, {9, 9})
  for i = 1, 9 do
    T.equal(d(i, i), 0)
    for j = 1, 9 do
      T.equal(d(i, j), d(j, i))
      T.near(d(i, j), points[i]:distance(points[j], "projection"), 1e-13)
    end
  end
  local cross = grassmann.distances({points[1], points[2]}, points)
  T.equal({cross:shape()}, {2, 9})
  T.near(cross(2, 5), points[2]:distance(points[5]), 1e-13)
end)

T.case("registered metrics are used by name, at native angles", function()
  grassmann.register_metric("arc", function(angles)
    local s = 0
    for _, t in ipairs(angles) do s = s + t * t end
    return math.sqrt(s)
  end)
  local rng = linalg.rng(8)
  local points = {}
  for k = 1, 6 do points[k] = grassmann.project(rng:randn(10, 5), {rank = 2}) end
  T.near(grassmann.distances(points, "arc"), grassmann.distances(points), 1e-14)
  T.near(points[1]:distance(points[2], "arc"), points[1]:distance(points[2]), 1e-15)
  T.near(grassmann.kernel(points, {kernel = "rbf", metric = "arc"}), grassmann.kernel(points, {kernel = "rbf", metric = "geodesic"}), 1e-14)
  local listed = false
  for _, name in ipairs(grassmann.metrics()) do listed = listed or name == "arc" end
  T.truthy(listed, "metrics() lists it")

  local seen
  grassmann.register_metric("sigma", function(angles, sa, sb)
    seen = {#angles, sa[1], sb[1]}
    return 0
  end, {uses_singular_values = true})
  points[1]:distance(points[2], "sigma")
  T.equal(seen, {2, points[1]:singular_values()(1), points[2]:singular_values()(1)})
  T.raises("uses singular values", grassmann.distance, grassmann.point(linalg.eye(10, 2)), points[1], "sigma")

  T.raises("'geodesic' is a built-in metric", grassmann.register_metric, "geodesic", function() return 0 end)
  grassmann.register_metric("text", function() return "far" end)
  T.raises("metric 'text': returned a string, expected a number", grassmann.distance, points[1], points[2], "text")
  grassmann.register_metric("raises", function() error({code = 42}) end)
  local ok, err = pcall(grassmann.distances, points, "raises")
  T.equal({ok, type(err), err.code}, {false, "table", 42}, "the metric's error object leaves unchanged")
end)

T.case("kernels", function()
  local rng = linalg.rng(9)
  local points = {}
  for k = 1, 20 do points[k] = grassmann.project(rng:randn(6, 2), {rank = 2}) end
  local k, pd = grassmann.kernel(points)
  T.truthy(pd)
  T.near(k(3, 3), 2, 1e-14, "the projection kernel of a plane with itself is 2")
  T.near(k(1, 2), (points[1]:basis():t() * points[2]:basis()):norm() ^ 2, 1e-14)
  for _, spec in ipairs{{kernel = "binet_cauchy"}, {kernel = "rbf", metric = "chordal", lengthscale = 0.5},
                        {kernel = "matern", metric = "projection", nu = 1.5}} do
    local kk, ok = grassmann.kernel(points, spec)
    T.truthy(ok, spec.kernel)
    T.truthy(kk:eigh()(1) > -1e-12, spec.kernel .. " has no negative eigenvalue")
  end
  T.equal(select(2, grassmann.kernel(points, {kernel = "rbf", metric = "geodesic"})), false)
  local cross = grassmann.kernel(points, {points[1]}, {kernel = "binet_cauchy"})
  T.equal({cross:shape()}, {20, 1})
  T.raises("option 'metric': required for the rbf kernel", grassmann.kernel, points, {kernel = "rbf"})
  T.raises("option 'nu': must be 0.5, 1.5 or 2.5", grassmann.kernel, points, {kernel = "matern", metric = "chordal", nu = 3})
end)

T.case("log and exp, also at 90 degrees, and geodesics", function()
  local a, b = planes(0.4, 1.2)
  local d = grassmann.log(a, b)
  T.near(d:norm(), math.sqrt(0.4 ^ 2 + 1.2 ^ 2), 1e-14)
  T.near(gap(a:exp(d), b), 0, 1e-14)
  local right = select(2, planes(math.pi / 2, 0.2))
  local dr = a:log(right)
  T.near(dr:norm(), math.sqrt((math.pi / 2) ^ 2 + 0.04), 1e-14)
  T.near(gap(grassmann.exp(a, dr), right), 0, 1e-14)
  local mid = a:geodesic(b, 0.5)
  T.near(a:angles(mid), M{0.2, 0.6}, 1e-14)
  T.raises("not tangent", grassmann.exp, a, linalg.ones(6, 2))
end)

T.case("Karcher mean of points placed symmetrically about a centre", function()
  local centre = grassmann.point(linalg.hcat(e(1, 5), e(2, 5)))
  local points = {}
  for k, dir in ipairs{{3, 1, 0.3}, {4, 2, 0.5}, {5, 1, 0.2}} do
    local d = linalg.zeros(5, 2)
    d:set(dir[1], dir[2], dir[3])
    points[#points + 1] = centre:exp(d)
    points[#points + 1] = centre:exp(-d)
  end
  for _, accelerated in ipairs{false, true} do
    local mean, report = grassmann.karcher_mean(points, {start = "first", accelerated = accelerated})
    T.truthy(report.converged)
    T.equal(#report.gradient_norms, report.iterations + 1)
    T.near(gap(mean, centre), 0, 1e-9)
    T.near(mean:frechet_variance(points), (0.09 + 0.25 + 0.04) / 3, 1e-12)
  end
  T.raises("option 'start'", grassmann.karcher_mean, points, {start = "middle"})
end)

T.case("interpolation over a parameter follows the geodesic", function()
  local a, b = planes(0.3, 0.8)
  local f = grassmann.interpolate({a, b}, {0, 1}, {method = "linear"})
  T.near(gap(f:at(0.25), a:geodesic(b, 0.25)), 0, 1e-9)
  T.near(gap(f:at{1}, b), 0, 1e-9)
  T.truthy(tostring(f):find("^Grassmann interpolation of 2 points of Gr%(2, 6%)"))
  local g = grassmann.interpolate({a, b, a:geodesic(b, 0.5)}, M{{0, 0}, {1, 0}, {0, 1}})
  T.near(gap(g:at{1, 0}, b), 0, 1e-9, "thin-plate spline in two parameters is exact at the nodes")
  T.raises("parameter must have 2 values, got 1", g.at, g, 0.5)
end)

T.case("display and help", function()
  local x = linalg.rng(10):randn(32, 20)
  local p = grassmann.project(x, {rank = 5})
  T.truthy(tostring(p):find("^Gr%(5, 32%) point, sigma1 = [%d.]+, sigma5 = [%d.]+$"), tostring(p))
  T.equal(tostring(grassmann.point(linalg.eye(4, 1))), "Gr(1, 4) point")
  T.equal({display.summary(p)}, {"grassmann.Point", "Gr(5, 32)"})
  T.truthy(help.text(grassmann.distance):find("^grassmann%.distance%(a, b"))
  T.truthy(help.text(p):find("grassmann.Point methods:"))
  T.truthy(help.text(grassmann):find("register_metric"))
end)

T.case("the paper's distance on the CuZr strain fields", function()
  -- Golden values of research/grassmannian-ego.md section 9 (numpy float64).
  local cases = {{10, 11, 2, 0.581271}, {12, 13, 4, 1.360523}, {24, 25, 14, 0.200497}, {100, 99, 16, 0.558468}}
  for _, c in ipairs(cases) do
    local a = grassmann.project(linalg.read_md(T.shared("data/CuZr_Ref/Exy.MD." .. c[1])), {rank = c[3]})
    local b = grassmann.project(2 * linalg.read_md(T.shared("data/CuZr_Ref/Exy.MD." .. c[2])), {rank = c[3]})
    T.near(a:distance(b, "paper"), c[4], 1e-6, "frames " .. c[1] .. ", " .. c[2])
  end
end)

T.finish()
