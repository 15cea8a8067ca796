-- The figures of optim.ego on the standard test functions: evaluations to reach the Branin
-- minimum within 1e-3 (budget 40) over 20 seeds, and the best Hartmann-6 value after at most
-- 100 evaluations over 5 seeds (target: median within 1e-2 of -3.32237).
-- Run: cglab scripts/ego_benchmarks.lua (a release build takes about a minute).

local test_functions = require "optim.test_functions"
local branin, hartmann6 = test_functions.branin, test_functions.hartmann6

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
