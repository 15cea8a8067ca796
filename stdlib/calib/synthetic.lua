--- calib.synthetic: seeded smooth random fields standing in for coarse-grained MD energy.
--
-- The twin experiment of the calibration needs an initial energy field when no MD data is at
-- hand. field{...} draws white noise from a seeded generator, smooths it with a periodic
-- Gaussian filter (separable: S = Gy W Gx'), and rescales it to a prescribed mean and standard
-- deviation. Smoothing white noise with a Gaussian of width s gives the correlation
-- c(d) = exp(-d^2 / (4 s^2)), i.e. a correlation length L = s sqrt(2) in c(d) = exp(-d^2 / (2 L^2)).

local synthetic = {}

--- The statistics of CuZr_Ref's pe.MD.0 (eV; lengths in grid cells, y = rows, x = columns),
--- measured with synthetic.statistics: the default target of field().
synthetic.pe_md_0 = { mean = -3.3595948767383, std = 0.00049200957109424, length_y = 4.135, length_x = 6.156, n = 32 }

--- The n x n periodic Gaussian filter matrix of width s cells (rows sum to 1).
local function gaussian_filter(n, s)
  return linalg.from_function(n, n, function(i, j)
    local d = math.abs(i - j)
    d = math.min(d, n - d)
    return math.exp(-d * d / (2 * s * s))
  end):div(linalg.from_function(n, 1, function(i)
    local total = 0
    for d = -(n // 2), n - n // 2 - 1 do total = total + math.exp(-d * d / (2 * s * s)) end
    return total
  end))
end

--- The periodic autocorrelation of a standardised field at lag d along rows (axis "y") or
--- columns (axis "x").
local function autocorrelation(z, d, axis)
  local n, m = z:shape()
  local shifted
  if axis == "y" then
    shifted = linalg.vcat(z:row_range(d + 1, n), z:row_range(1, d))
  else
    shifted = linalg.hcat(z:col_range(d + 1, m), z:col_range(1, d))
  end
  return z:dot(shifted) / (n * m)
end

--- Mean, standard deviation and correlation lengths (cells) of a periodic field: the lengths
--- fit c(d) = exp(-d^2 / (2 L^2)) to the autocorrelation for lags 1..n/4 (least squares on
--- log c, through the origin).
function synthetic.statistics(field)
  local z = (field - field:mean()) / field:std()
  local result = { mean = field:mean(), std = field:std(), n = field:rows() }
  for _, axis in ipairs{ "y", "x" } do
    local n = axis == "y" and field:rows() or field:cols()
    local num, den = 0, 0
    for d = 1, n // 4 do
      local c = autocorrelation(z, d, axis)
      if c > 0.05 then
        num = num + d * d * d * d
        den = den + d * d * -2 * math.log(c)
      end
    end
    result["length_" .. axis] = den > 0 and math.sqrt(num / den) or math.huge
  end
  return result
end

--- A seeded n x n smooth random field. options: seed (default 1), n, mean, std, length_y,
--- length_x (cells); defaults: the statistics of pe.MD.0 (synthetic.pe_md_0). The filter widths
--- are adjusted (same noise, damped fixed-point steps) until the field's measured correlation
--- lengths are within 1 % of the targets (or as close as 20 steps get), so that a small
--- periodic grid does not bias them.
function synthetic.field(options)
  options = options or {}
  local target = setmetatable(options, { __index = synthetic.pe_md_0 })
  local n = target.n
  local noise = linalg.randn(n, n, target.seed or 1)
  local width_y, width_x = target.length_y / math.sqrt(2), target.length_x / math.sqrt(2)
  local best, best_error
  for _ = 1, 20 do
    local smooth = gaussian_filter(n, width_y) * noise * gaussian_filter(n, width_x):t()
    local field = (smooth - smooth:mean()) / smooth:std() * target.std + target.mean
    local measured = synthetic.statistics(field)
    local ratio_y, ratio_x = target.length_y / measured.length_y, target.length_x / measured.length_x
    local error_ = math.max(math.abs(ratio_y - 1), math.abs(ratio_x - 1))
    if not best_error or error_ < best_error then best, best_error = field, error_ end
    if error_ < 0.01 then break end
    -- Damped steps: the measured length of one noise sample is not monotonic in the width.
    width_y, width_x = width_y * ratio_y ^ 0.5, width_x * ratio_x ^ 0.5
  end
  return best
end

return synthetic
