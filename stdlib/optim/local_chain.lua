--- optim.local_chain: the "local surrogate update" of the paper's calibration.py (Kontolati et
-- al. 2021), reproduced as written, for optim.ego{surrogate = "local_chain"}.
--
-- The first fit is a global GP on every observation (inputs standardised by a scaler fitted on
-- them). Every later fit trains a new GP on the k nearest neighbours of the newest observation
-- x_last (k + 1 points with itself), appended to a chain with the radius
-- r = mean distance from x_last to all observations. A candidate x is predicted by the newest
-- GP m of the chain with ||x_last - x|| < r_m (scanning newest to oldest); the global GP, whose
-- radius is 1e10, catches the rest. It is never retrained.
--
-- Quirks kept on purpose (they define the paper's results):
--   (i)   every GP of the chain is queried with inputs scaled by the LATEST scaler, fitted on
--         the newest neighbourhood, not by the scaler it was trained with;
--   (ii)  older local GPs are gated by the distance to the CURRENT x_last, not to their own
--         centre;
--   (iii) neighbourhoods and radii use raw, unscaled parameter units (so a parameter with a
--         wide range decides the neighbourhood);
--   (iv)  the radius is the mean distance (the code calls it d_max).
-- calibration.py predicts candidate by candidate (10^5 calls per iteration); here candidates are
-- grouped by the GP that predicts them and predicted in one call per GP, with the same result.

local chain = {}
chain.__index = chain

--- A new, empty chain. `fit(X, y)` fits one GP (a gp.Model) on standardised inputs; `k` is the
--- neighbourhood size (the paper's 200).
function chain.new(fit, k)
  return setmetatable({ fit = fit, k = k or 200, models = {}, radii = {} }, chain)
end

--- The column means and population standard deviations of the rows of X (a table of rows), as
--- scikit-learn's StandardScaler (a zero deviation counts as 1).
local function scaler_of(rows)
  local n, d = #rows, #rows[1]
  local mean, scale = {}, {}
  for j = 1, d do
    local s = 0
    for i = 1, n do s = s + rows[i][j] end
    mean[j] = s / n
    local v = 0
    for i = 1, n do v = v + (rows[i][j] - mean[j]) ^ 2 end
    scale[j] = v > 0 and math.sqrt(v / n) or 1
  end
  return { mean = mean, scale = scale }
end

--- The point x standardised by `scaler`.
local function scaled(scaler, x)
  local r = {}
  for j = 1, #x do r[j] = (x[j] - scaler.mean[j]) / scaler.scale[j] end
  return r
end

--- The rows of X standardised by `scaler`, as a matrix.
local function standardise(scaler, rows)
  local out = {}
  for i, x in ipairs(rows) do out[i] = scaled(scaler, x) end
  return linalg.matrix(out)
end

--- x in the coordinates every GP of the chain is queried in: standardised by the latest scaler.
function chain:scaled(x) return scaled(self.scaler, x) end

local function distance(a, b)
  local s = 0
  for j = 1, #a do s = s + (a[j] - b[j]) ^ 2 end
  return math.sqrt(s)
end

--- Updates the chain with the observations (tables of raw rows and values, failures already
--- removed): the global GP on the first call, a local GP around the newest row afterwards.
function chain:update(rows, values)
  local last = rows[#rows]
  self.last = last
  if #self.models == 0 then
    self.scaler = scaler_of(rows)
    self.models[1] = self.fit(standardise(self.scaler, rows), values)
    self.radii[1] = 1e10
    return
  end
  local order, d = {}, {}
  for i, x in ipairs(rows) do
    order[i] = i
    d[i] = distance(last, x)
  end
  table.sort(order, function(a, b) if d[a] ~= d[b] then return d[a] < d[b] end return a < b end)
  local near, near_values, total = {}, {}, 0
  for i = 1, math.min(self.k + 1, #rows) do
    near[i] = rows[order[i]]
    near_values[i] = values[order[i]]
  end
  for i = 1, #rows do total = total + d[i] end
  self.scaler = scaler_of(near)                               -- quirk (i): the scaler of all GPs
  self.models[#self.models + 1] = self.fit(standardise(self.scaler, near), near_values)
  self.radii[#self.radii + 1] = total / #rows                 -- quirk (iv): the mean distance
end

--- Predictive means and standard deviations (column vectors) at the raw rows of `candidates`
--- (a table of rows), each from the GP the chain assigns to it.
function chain:predict(candidates)
  local groups = {}
  for j, x in ipairs(candidates) do
    local dj, m = distance(self.last, x), 1                   -- quirks (ii) and (iii)
    for i = #self.models, 1, -1 do
      if dj < self.radii[i] then m = i break end
    end
    groups[m] = groups[m] or {}
    table.insert(groups[m], j)
  end
  local mean, std = linalg.zeros(#candidates), linalg.zeros(#candidates)
  for m, members in pairs(groups) do
    local rows = {}
    for i, j in ipairs(members) do rows[i] = candidates[j] end
    local mu, sd = self.models[m]:predict(standardise(self.scaler, rows))
    for i, j in ipairs(members) do
      mean:set(j, mu(i))
      std:set(j, sd(i))
    end
  end
  return mean, std
end

return chain
