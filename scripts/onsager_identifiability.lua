-- onsager_identifiability.lua: benchmarks B2-B5, what the closed-form fit identifies.
--
--   cglab scripts/onsager_identifiability.lua [trajectories = 24]
--
-- B2 Cahn-Hilliard (mobility k^2, mass), B3 KdV (conservative limit, Casimir, AVF against Euler),
-- B4 a mixed case (M and W split), B5 linear dynamics (the negative control).

local n = tonumber(arg and arg[1]) or 24
local function verdict(ok) return ok and "PASS" or "FAIL" end

-- B2
local ch = onsager.cahn_hilliard(n, 101, {substeps = 40})
local model, report = onsager.fit(ch)
local m, _, k = model:symbol()
print("B2 Cahn-Hilliard: m(k)/k^2 = " .. table.concat((function()
  local t = {}
  for i = 2, 7 do t[#t + 1] = string.format("%.4f", m(i) / k(i)^2) end
  return t
end)(), " ") .. " (k = 1..6); Casimirs: " .. table.concat(report.casimirs, ", "))
local u0 = ch.trajectories[1]:col(1)
local U = model:rollout(u0, 100, 5e-3)
local drift = 0
for j = 1, 101 do drift = math.max(drift, math.abs(U:col(j):sum() - u0:sum()) * 2 * math.pi / 256) end
print(string.format("B2 mass drift over 100 AVF steps of 5e-3: %.2e  %s", drift, verdict(drift <= 1e-12)))

-- B3
local kdv = onsager.kdv(n, 101)
local free = onsager.fit(kdv)
m, w, k = free:symbol()
local parts = {}
for i = 2, 9 do parts[#parts + 1] = string.format("%.4f", w(i) / k(i)) end
print("B3 KdV: w(k)/k = " .. table.concat(parts, " ") .. " (k = 1..8; truth -1)")
local largest_m = 0
for i = 2, 11 do largest_m = math.max(largest_m, m(i)) end
print(string.format("B3 largest m(k), k <= 10: %.2e", largest_m))
local localfit = onsager.fit(kdv, {symbol = "local", even = 1, odd = 2})
local lc = localfit:coefficients()
print(string.format("B3 local symbol: alpha0 = %g, beta = %.6f, %.2e; F' = %.4f u + %.4f u^2 + %.2e u^3", lc.alpha[1], lc.beta[1],
  lc.beta[2], lc.c[2], lc.c[3], lc.c[4]))
local start = kdv.trajectories[2]:col(1)
local _, avf = localfit:rollout(start, 50, 1e-3)
local worst = 0
for j = 1, 50 do worst = math.max(worst, math.abs(avf.energies(j + 1) - avf.energies(j))) end
print(string.format("B3 AVF energy drift per step: %.2e  %s", worst, verdict(worst <= 1e-10)))
local logs, changes = {}, {}
for j = 0, 5 do
  local h = 1e-7 * 2^j
  local v = localfit:step(start, h, {method = "euler"})
  logs[#logs + 1] = math.log(h)
  changes[#changes + 1] = math.log(math.abs(localfit:energy(v) - localfit:energy(start)))
end
local slope = onsager.affine_fit(logs, changes)
print(string.format("B3 Euler one-step energy change ~ dt^%.3f  %s", slope, verdict(math.abs(slope - 2) < 0.1)))

-- B4
local mixed = onsager.mixed(n, 101)
local fitted = onsager.fit(mixed, {symbol = "local", even = 2, odd = 2})
local mc = fitted:coefficients()
print(string.format("B4 mixed: alpha1 = %.6f (0.05), beta0 = %.6f (1); F' = %.4f u + %.4f u^2 + %.4f u^3 (-1, 3, 1)", mc.alpha[2],
  mc.beta[1], mc.c[2], mc.c[3], mc.c[4]))
local freemixed = onsager.fit(mixed)
m, w, k = freemixed:symbol()
parts = {}
for i = 2, 8 do parts[#parts + 1] = string.format("%.4f/%.4f", m(i) / (0.05 * k(i)^2), w(i) / k(i)) end
print("B4 free symbol, m/(0.05k^2) and w/k for k = 1..7: " .. table.concat(parts, " "))

-- B5
local linear = onsager.linear(n, 41)
local lin, lreport = onsager.fit(linear, {degree = 1})
print(string.format("B5 linear control: identifiable %s, flat directions %d, scaled eigenvalues %s", tostring(lreport.identifiable),
  #lreport.flat, table.concat((function()
    local t = {}
    for i = 1, lreport.eigenvalues:rows() do t[#t + 1] = string.format("%.2e", lreport.eigenvalues(i)) end
    return t
  end)(), ", ")))
for name, value in pairs(lreport.flat[1] or {}) do print(string.format("    flat direction component %s = %+.3f", name, value)) end
local _, acreport = onsager.fit(onsager.allen_cahn(n, 101))
print(string.format("B5 contrast, Allen-Cahn: identifiable %s, smallest scaled eigenvalue %.3f", tostring(acreport.identifiable),
  acreport.eigenvalues(1)))
