--- calib.report: what a calibration leaves in its run directory for a researcher: the summary
-- (best parameters with units, Y, d_G per frame, d_tau), a printed table, and plots.

local problem = require "calib.problem"

local report = {}

--- The summary of a finished EGO run: best parameters, the objective's parts at the best point
--- (from one more forward run there, which the plots also use), and for a twin experiment the
--- errors against the truth as fractions of the bound ranges.
function report.summary(p, result, details)
  local summary = { evaluations = result.evaluations, stop = result.stop, y = result.y, parameters = {}, units = problem.units,
    phases = result.phases }
  for j, name in ipairs(problem.names) do summary.parameters[name] = result.x[j] end
  summary.d_G, summary.d_frames, summary.d_tau, summary.chi_inf = details.d_G, details.d_frames, details.d_tau, details.chi_inf
  summary.frames = p.frames
  if p.kind == "twin" then
    summary.truth, summary.relative_error = p.truth, {}
    for j, name in ipairs(problem.names) do
      summary.relative_error[name] = math.abs(result.x[j] - p.truth[name]) / (p.bounds[j][2] - p.bounds[j][1])
    end
  end
  local failures = 0
  for _, status in ipairs(result.statuses) do if status ~= "ok" then failures = failures + 1 end end
  summary.failed_evaluations = failures
  return summary
end

--- The results of a calibration's phases (a list of {name = , result = }, in the order they
--- ran) as one result: evaluations in order, the running best across them, the last phase's
--- stop reason, and phases = {{name = , evaluations = }, ...}.
function report.combine(phases)
  local values, statuses, history, blocks, best, winner = {}, {}, {}, {}, math.huge, nil
  local summary = {}
  for k, phase in ipairs(phases) do
    local r = phase.result
    for i, y in ipairs(r.values) do
      values[#values + 1], statuses[#statuses + 1] = y, r.statuses[i]
      if y == y then best = math.min(best, y) end
      history[#history + 1] = best
    end
    if r.X then blocks[#blocks + 1] = r.X end
    if r.y and (winner == nil or r.y < winner.y) then winner = r end
    summary[k] = { name = phase.name, evaluations = r.evaluations }
  end
  return { x = winner.x, y = winner.y, X = linalg.vcat(blocks), values = values, statuses = statuses, history = history,
    evaluations = #values, stop = phases[#phases].result.stop, phases = summary }
end

--- Prints the summary as a table.
function report.print(summary)
  print(string.format("best Y = %.6g after %d evaluations (%d failed; stopped: %s)", summary.y, summary.evaluations,
    summary.failed_evaluations, summary.stop))
  if summary.phases then
    local parts = {}
    for _, phase in ipairs(summary.phases) do parts[#parts + 1] = string.format("%s %d", phase.name, phase.evaluations) end
    print("evaluations by phase: " .. table.concat(parts, ", "))
  end
  print(string.format("d_G = %.6g, d_tau = %.6g, chi_inf = %.1f K", summary.d_G or 0 / 0, summary.d_tau or 0 / 0,
    summary.chi_inf or 0 / 0))
  local header = string.format("  %-6s %14s %-5s", "name", "calibrated", "unit")
  if summary.truth then header = header .. string.format(" %14s %14s", "truth", "error/range") end
  print(header)
  for _, name in ipairs(problem.names) do
    local line = string.format("  %-6s %14.8g %-5s", name, summary.parameters[name], summary.units[name])
    if summary.truth then
      line = line .. string.format(" %14.8g %13.2f%%", summary.truth[name], 100 * summary.relative_error[name])
    end
    print(line)
  end
end

--- Convergence: Y of every evaluation and the running best, on a log axis.
local function convergence(result)
  local n = #result.values
  local index, values, best = linalg.linspace(1, n, n), linalg.zeros(n), linalg.zeros(n)
  for i = 1, n do
    values:set(i, result.values[i] > 0 and result.values[i] or 0 / 0)
    best:set(i, result.history[i] > 0 and result.history[i] or 0 / 0)
  end
  return plot.figure{width = 800, height = 500, title = "Convergence"}
    :scatter(index, values, {label = "Y of each evaluation"})
    :line(index, best, {label = "best so far", width = 2})
    :log("y"):xlabel("evaluation"):ylabel("Y = (d_G + 3 d_tau) / 4"):legend("top right")
end

--- Parameter traces: each parameter against the evaluation, with the truth of a twin experiment.
local function traces(p, result)
  local n = #result.values
  local fig = plot.grid(2, 2, {width = 1000, height = 700, title = "Parameter traces"})
  local index = linalg.linspace(1, n, n)
  for j, name in ipairs(problem.names) do
    local values = linalg.zeros(n)
    for i = 1, n do values:set(i, result.X(i, j)) end
    fig:panel((j - 1) // 2 + 1, (j - 1) % 2 + 1):scatter(index, values, {label = name})
      :xlabel("evaluation"):ylabel(name .. (problem.units[name] ~= "" and " [" .. problem.units[name] .. "]" or ""))
      :yrange(p.bounds[j][1], p.bounds[j][2])
    if p.truth then fig:line({1, n}, {p.truth[name], p.truth[name]}, {label = "truth"}) end
  end
  return fig
end

--- The reference and calibrated stress-strain curves.
local function stress_strain(reference, run)
  local gamma, tau = run:stress_strain()
  return plot.figure{width = 800, height = 500, title = "Stress-strain"}
    :line(reference.stress_gamma, reference.stress, {label = "reference"})
    :line(gamma, tau, {label = "calibrated", width = 2})
    :xlabel("global shear strain"):ylabel("shear stress [GPa]"):legend("bottom right")
end

--- Reference and calibrated strain and effective-temperature fields at two frames.
local function fields(reference_fields, run, frames)
  local fig = plot.grid(#frames, 4, {width = 1400, height = 330 * #frames, title = "Reference against calibrated fields"})
  for row, k in ipairs(frames) do
    local label = string.format("strain %.2f", 0.005 * k)
    local panels = {
      {reference_fields.strain(k), "reference shear strain, " .. label},
      {run:field("Exy", k) * 2, "calibrated shear strain, " .. label},
      {reference_fields.temperature(k), "reference T_eff [K], " .. label},
      {run:field("tem", k), "calibrated T_eff [K], " .. label},
    }
    for column, panel in ipairs(panels) do
      fig:panel(row, column):heatmap(panel[1], {x = {0, 400}, y = {0, 400}, aspect = "equal"}):title(panel[2])
    end
  end
  return fig
end

--- The reference's strain and effective-temperature fields by frame: a twin experiment's from a
--- forward run at the truth; MD strain fields with the MD energy mapped through the calibrated
--- beta and u0 (the map the paper initialises chi with) as the temperature.
function report.reference_fields(p, parameters)
  local objective = require "calib.objective"
  if p.kind == "twin" then
    local energy0, energy_final = problem.energies(p)
    local truth = {}
    for k, v in pairs(p.fixed) do truth[k] = v end
    for k, v in pairs(p.truth) do truth[k] = v end
    local run = objective.twin_reference(energy0, energy_final, truth, { fields = { "Exy", "tau", "tem" } }).run
    return { strain = function(k) return run:field("Exy", k) * 2 end, temperature = function(k) return run:field("tem", k) end }
  end
  local data = require("calib.data").load(p.data)
  return { strain = data.strain, temperature = function(k)
    return (linalg.read_md(string.format("%s/pe.MD.%d", p.data, k)) - parameters.u0) * (parameters.beta * objective.t_z)
  end }
end

--- A forward run at the calibrated parameters with the fields the plots show.
function report.best_run(p, parameters, chi_inf)
  local energy0 = problem.energies(p)
  local best = { energy = energy0, chi_inf = chi_inf, fields = { "Exy", "tem", "tau" } }
  for k, v in pairs(p.fixed) do best[k] = v end
  for k, v in pairs(parameters) do best[k] = v end
  return stz.run(best)
end

--- The figures of a finished calibration (see report.summary): convergence, parameters (traces),
--- stress_strain and fields (strain and effective temperature at strains 0.1 and 0.5).
function report.figures(p, result, summary)
  local reference = problem.reference(p)
  local run = report.best_run(p, summary.parameters, summary.chi_inf)
  return {
    convergence = convergence(result), parameters = traces(p, result),
    stress_strain = stress_strain(reference, run),
    fields = fields(report.reference_fields(p, summary.parameters), run, { 20, 100 }),
  }
end

--- Writes the figures of a calibration into run_dir as convergence.png, parameters.png,
--- stress_strain.png and fields.png.
function report.plots(p, result, summary, run_dir)
  for name, figure in pairs(report.figures(p, result, summary)) do figure:save(run_dir .. "/" .. name .. ".png") end
end

return report
