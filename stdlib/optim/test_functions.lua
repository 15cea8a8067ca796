--- optim.test_functions: standard global-optimisation test functions (Surjanovic and Bingham's
--- library), for checking and benchmarking optimisers. Each takes x as a table of numbers.

local test_functions = {}

--- Branin on {{-5, 10}, {0, 15}}: three global minima of value 0.397887.
function test_functions.branin(x)
  local b, c, t = 5.1 / (4 * math.pi ^ 2), 5 / math.pi, 1 / (8 * math.pi)
  return (x[2] - b * x[1] ^ 2 + c * x[1] - 6) ^ 2 + 10 * (1 - t) * math.cos(x[1]) + 10
end
test_functions.branin_bounds = { { -5, 10 }, { 0, 15 } }
test_functions.branin_minimum = 0.397887

local A = { { 10, 3, 17, 3.5, 1.7, 8 }, { 0.05, 10, 17, 0.1, 8, 14 }, { 3, 3.5, 1.7, 10, 17, 8 }, { 17, 8, 0.05, 10, 0.1, 14 } }
local P = { { 1312, 1696, 5569, 124, 8283, 5886 }, { 2329, 4135, 8307, 3736, 1004, 9991 },
  { 2348, 1451, 3522, 2883, 3047, 6650 }, { 4047, 8828, 8732, 5743, 1091, 381 } }
local weights = { 1.0, 1.2, 3.0, 3.2 }

--- Hartmann-6 on the unit cube [0, 1]^6: global minimum -3.32237.
function test_functions.hartmann6(x)
  local s = 0
  for i = 1, 4 do
    local e = 0
    for j = 1, 6 do e = e + A[i][j] * (x[j] - P[i][j] * 1e-4) ^ 2 end
    s = s + weights[i] * math.exp(-e)
  end
  return -s
end
test_functions.hartmann6_minimum = -3.32237

return test_functions
