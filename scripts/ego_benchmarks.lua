-- The figures of optim.ego on the standard test functions: evaluations to reach the Branin
-- minimum within 1e-3 (budget 40) over 20 seeds, and the best Hartmann-6 value after at most
-- 100 evaluations over 5 seeds (target: median within 1e-2 of -3.32237).
-- Run: cglab scripts/ego_benchmarks.lua (a release build takes about a minute).

local function branin(x)
  local b, c, t = 5.1 / (4 * math.pi ^ 2), 5 / math.pi, 1 / (8 * math.pi)
  return (x[2] - b * x[1] ^ 2 + c * x[1] - 6) ^ 2 + 10 * (1 - t) * math.cos(x[1]) + 10
end

local A = {{10, 3, 17, 3.5, 1.7, 8}, {0.05, 10, 17, 0.1, 8, 14}, {3, 3.5, 1.7, 10, 17, 8}, {17, 8, 0.05, 10, 0.1, 14}}
local P = {{1312, 1696, 5569, 124, 8283, 5886}, {2329, 4135, 8307, 3736, 1004, 9991},
  {2348, 1451, 3522, 2883, 3047, 6650}, {4047, 8828, 8732, 5743, 1091, 381}}
local weights = {1.0, 1.2, 3.0, 3.2}
local function hartmann6(x)
  local s = 0
  for i = 1, 4 do
    local e = 0
    for j = 1, 6 do e = e + A[i][j] * (x[j] - P[i][j] * 1e-4) ^ 2 end
    s = s + weights[i] * math.exp(-e)
  end
  return -s
end

local function median(values)
  local sorted = {table.unpack(values)}
  table.sort(sorted)
  local n = #sorted
  return n % 2 == 1 and sorted[(n + 1) // 2] or (sorted[n // 2] + sorted[n // 2 + 1]) / 2
end

local counts, reached = {}, 0
local start = cglab.clock()
for seed = 1, 20 do
  local r = optim.ego{objective = branin, bounds = {{-5, 10}, {0, 15}}, budget = 40, seed = seed,
    target = 0.397887 + 1e-3, progress = false}
  if r.y <= 0.397887 + 1e-3 then reached = reached + 1 end
  counts[seed] = r.evaluations
end
table.sort(counts)
print(string.format("Branin: within 1e-3 of 0.397887 in %d of 20 seeds; evaluations median %g, max %d (%.1f s)",
  reached, median(counts), counts[#counts], cglab.clock() - start))

local bounds, best, used = {}, {}, {}
for j = 1, 6 do bounds[j] = {0, 1} end
start = cglab.clock()
for seed = 1, 5 do
  local r = optim.ego{objective = hartmann6, bounds = bounds, budget = 100, seed = seed, initial = 13,
    target = -3.32237 + 1e-2, progress = false}
  best[seed], used[seed] = r.y, r.evaluations
  print(string.format("  Hartmann-6 seed %d: best %.5f after %d evaluations", seed, r.y, r.evaluations))
end
print(string.format("Hartmann-6: median best %.5f (target -3.32237 + 1e-2), median evaluations %g (%.1f s)",
  median(best), median(used), cglab.clock() - start))
