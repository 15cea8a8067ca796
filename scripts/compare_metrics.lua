-- compare_metrics.lua: prototype alternative Grassmann metrics for the calibration objective on
-- the MD strain fields. MD strain fields are nearly rank 1, so the paper's fixed ranks (up to 16)
-- compare directions that are mostly noise; this script measures what that costs.
--
--   cglab scripts/compare_metrics.lua [--data DIR] [--draws N] [--step F] [--out FILE]
--
-- For each metric it reports, averaged over the paper's nine comparison frames:
--   noise 0.1 %, noise 1 %   the distance between an MD field and the same field plus Gaussian
--                            noise of that size (relative to the field's standard deviation),
--                            averaged over N draws (3): what the metric sees that is not physics;
--   beta+, u0+, c0+, s_y+    the distance between continuum fields at the paper's twin truth
--                            (set B, from DIR/pe.MD.0) and at set B with one parameter moved by
--                            F (0.05) of its bound range: how sharply the metric separates
--                            set B from nearby parameters;
--   separation / noise       the smallest of those four over the 1 % noise distance.
-- The metrics: the paper's (fixed ranks 2..16, cosines rounded, geodesic), the geodesic distance
-- on ranks that keep 99 % of each field's energy, chordal and projection distances on rank 5,
-- and a singular-value-weighted geodesic distance written here in Lua (grassmann.register_metric).
-- The table is also written as JSON to FILE (runs/compare_metrics.json).

local objective = require "calib.objective"
local problem = require "calib.problem"

local options = { data = "../shared/data/CuZr_Ref", draws = 3, step = 0.05, out = "runs/compare_metrics.json" }
local args = arg or {}
for i = 1, #args, 2 do
  local name = args[i]:match("^%-%-(.+)$")
  if not name or options[name] == nil then error("compare_metrics: unknown argument '" .. args[i] .. "'", 0) end
  local value = args[i + 1]
  if value == nil then error("compare_metrics: --" .. name .. " needs a value", 0) end
  if type(options[name]) == "number" then
    local number = tonumber(value)
    if not number or number <= 0 then error(string.format("compare_metrics: --%s expects a positive number, got '%s'", name, value), 0) end
    value = number
  end
  options[name] = value
end

-- A user-defined metric: the geodesic distance with the i-th smallest principal angle weighted
-- by the share of the i-th largest products of singular values. Dominant directions are the
-- well-determined ones and meet at small angles; noise directions get large angles and little
-- weight.
grassmann.register_metric("sv_weighted", function(angles, sa, sb)
  local weights, total = {}, 0
  for i = 1, #angles do
    weights[i] = (sa[i] or 0) * (sb[i] or 0)
    total = total + weights[i]
  end
  local sum = 0
  for i = 1, #angles do sum = sum + #angles * weights[i] / total * angles[i] ^ 2 end
  return math.sqrt(sum)
end, { uses_singular_values = true })

local frames, paper_ranks = objective.paper_frames, objective.paper_ranks

--- The metrics compared: name, description, and the distance between two fields at frame i.
local metrics = {
  { name = "paper", what = "fixed ranks 2..16, paper geodesic",
    distance = function(a, b, i) return grassmann.distance(grassmann.project(a, { rank = paper_ranks[i] }),
      grassmann.project(b, { rank = paper_ranks[i] }), "paper") end },
  { name = "energy", what = "99 % energy ranks, geodesic",
    distance = function(a, b)
      local r = math.max(grassmann.project(a, { energy = 0.99 }):rank(), grassmann.project(b, { energy = 0.99 }):rank())
      return grassmann.distance(grassmann.project(a, { rank = r }), grassmann.project(b, { rank = r }), "geodesic")
    end },
  { name = "chordal", what = "rank 5, chordal",
    distance = function(a, b) return grassmann.distance(grassmann.project(a, { rank = 5 }), grassmann.project(b, { rank = 5 }), "chordal") end },
  { name = "projection", what = "rank 5, projection",
    distance = function(a, b) return grassmann.distance(grassmann.project(a, { rank = 5 }), grassmann.project(b, { rank = 5 }), "projection") end },
  { name = "sv_weighted", what = "rank 5, singular-value weighted (Lua)",
    distance = function(a, b) return grassmann.distance(grassmann.project(a, { rank = 5 }), grassmann.project(b, { rank = 5 }), "sv_weighted") end },
}

--- The mean over the comparison frames of metric m between fields_a(k) and fields_b(k).
local function mean_distance(m, fields_a, fields_b)
  local total = 0
  for i, k in ipairs(frames) do total = total + m.distance(fields_a(k), fields_b(k), i) end
  return total / #frames
end

local data = require("calib.data").load(options.data)
local rng = linalg.rng(2021)

-- Noise: each MD field against itself plus noise, for every draw, kept fixed across metrics.
local noisy = {}
for _, level in ipairs{ 1e-3, 1e-2 } do
  noisy[level] = {}
  for draw = 1, options.draws do
    local fields = {}
    for _, k in ipairs(frames) do
      local field = data.strain(k)
      fields[k] = field + rng:randn(field:rows(), field:cols()) * (level * field:std())
    end
    noisy[level][draw] = fields
  end
end

-- Separation: continuum runs at set B and next to it, from the MD initial energy.
local truth = {}
for k, v in pairs(objective.twin_fixed) do truth[k] = v end
for k, v in pairs(problem.set_b) do truth[k] = v end
local function strain_at(theta)
  return objective.twin_reference(data.energy0, data.energy_final, theta).strain
end
local at_truth = strain_at(truth)
local nearby = {}
for j, name in ipairs(problem.names) do
  local theta = {}
  for k, v in pairs(truth) do theta[k] = v end
  theta[name] = theta[name] + options.step * (problem.twin_bounds[j][2] - problem.twin_bounds[j][1])
  nearby[name] = strain_at(theta)
end

local header = string.format("%-12s %11s %11s", "metric", "noise 0.1%", "noise 1%")
for _, name in ipairs(problem.names) do header = header .. string.format(" %9s", name .. "+") end
print(string.format("MD fields of %s; parameters moved by %g of their bound range", options.data, options.step))
print(header .. "  separation/noise")
local results = {}
for _, m in ipairs(metrics) do
  local row = { metric = m.name, description = m.what, noise = {}, separation = {} }
  for _, level in ipairs{ 1e-3, 1e-2 } do
    local total = 0
    for draw = 1, options.draws do
      total = total + mean_distance(m, data.strain, function(k) return noisy[level][draw][k] end)
    end
    row.noise[tostring(level)] = total / options.draws
  end
  local smallest = math.huge
  for _, name in ipairs(problem.names) do
    row.separation[name] = mean_distance(m, at_truth, nearby[name])
    smallest = math.min(smallest, row.separation[name])
  end
  row.ratio = smallest / row.noise["0.01"]
  local line = string.format("%-12s %11.4g %11.4g", m.name, row.noise["0.001"], row.noise["0.01"])
  for _, name in ipairs(problem.names) do line = line .. string.format(" %9.4g", row.separation[name]) end
  print(line .. string.format("  %16.3g", row.ratio))
  results[#results + 1] = row
end
for _, m in ipairs(metrics) do print(string.format("  %-12s %s", m.name, m.what)) end
json.write(options.out, { data = options.data, step = options.step, draws = options.draws, metrics = results })
