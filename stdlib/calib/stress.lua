--- calib.stress: the stress part d_tau of the paper's objective (calibration.py).
--
-- The continuum curve tau_CM(i) (GPa, frames i = 0..n) is compared with the MD curve at the
-- nearest MD strain: e_i = |tau_MD(nearest gamma_i) - tau_CM(i)|, multiplied by `weight` on the
-- frames in `emphasis` (calibration.py: x5 on frames 15..27, the stress overshoot and drop;
-- validation.py: 16..37), and d_tau = sum(e) / #{i : e_i ~= 0} (numpy's count_nonzero, which in
-- practice is the number of frames).

local stress = {}

stress.paper = { emphasis = { 15, 27 }, weight = 5 }
stress.twin = { emphasis = { 16, 37 }, weight = 5 }

--- d_tau between the MD curve (tau_md on gamma_md) and the continuum curve (tau_cm on
--- gamma_cm, frames 0..n), with options {emphasis = {first, last}, weight = w} (default: the
--- paper's). Returns d_tau, the vector of weighted errors, the same errors signed (tau_md -
--- tau_cm, weighted; GPa) and the count d_tau divides by.
function stress.misfit(tau_md, gamma_md, tau_cm, gamma_cm, options)
  options = options or stress.paper
  local first, last = options.emphasis[1], options.emphasis[2]
  local n = #tau_cm
  local errors, signed = linalg.zeros(n), linalg.zeros(n)
  local md_count = #gamma_md
  local spacing = (gamma_md(md_count) - gamma_md(1)) / (md_count - 1)
  local total, nonzero = 0, 0
  for i = 1, n do
    local j = math.floor((gamma_cm(i) - gamma_md(1)) / spacing + 0.5) + 1
    j = math.max(1, math.min(md_count, j))
    local e = tau_md(j) - tau_cm(i)
    local frame = i - 1
    if frame >= first and frame <= last then e = e * options.weight end
    signed:set(i, e)
    e = math.abs(e)
    errors:set(i, e)
    total = total + e
    if e ~= 0 then nonzero = nonzero + 1 end
  end
  return nonzero > 0 and total / nonzero or 0, errors, signed, nonzero
end

return stress
