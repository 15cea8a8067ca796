-- seed_study.lua: the paper's reproducibility claim, checked. Runs scripts/calibrate.lua for K
-- seeds of the optimiser (the design, the surrogate fits and the acquisition) and tabulates the
-- recovered parameters: each seed's values, their mean and spread, and for a twin experiment the
-- error against the truth as a fraction of each bound range and how many seeds recover all four
-- parameters within the tolerance.
--
--   cglab scripts/seed_study.lua [--seeds K] [--tolerance F] [--out DIR] [calibrate options]
--
-- Options of its own: --seeds K (8), --first-seed N (1), --tolerance F (0.02 of the bound range),
-- --out DIR (runs/seed-study). Everything else (--data, --twin, --recipe, --budget, --initial,
-- --target, --workers) goes to calibrate.lua unchanged. Each seed's run directory is DIR/seed<N>;
-- a seed whose summary.json exists is not run again, so an interrupted study continues where it
-- stopped. The table is also written to DIR/study.json.

local problem = require "calib.problem"

local options = { seeds = 8, ["first-seed"] = 1, tolerance = 0.02, out = "runs/seed-study" }
local forwarded = {}
local args = arg or {}
local i = 1
while i <= #args do
  local name = args[i]:match("^%-%-(.+)$")
  if name and options[name] ~= nil then
    local value = args[i + 1]
    if value == nil then error("seed_study: --" .. name .. " needs a value", 0) end
    if name ~= "out" then
      value = tonumber(value)
      if not value or value <= 0 then error(string.format("seed_study: --%s expects a positive number, got '%s'", name, args[i + 1]), 0) end
    end
    options[name] = value
    i = i + 2
  else
    forwarded[#forwarded + 1] = args[i]
    i = i + 1
  end
end

local function quoted(s) return "'" .. tostring(s):gsub("'", "'\\''") .. "'" end

local executable = arg[-1] or "cglab"
local script = (debug.getinfo(1, "S").source:match("^@(.*)") or "scripts/seed_study.lua"):gsub("seed_study%.lua$", "calibrate.lua")
local extra = {}
for _, a in ipairs(forwarded) do extra[#extra + 1] = quoted(a) end

local rows = {}
local progress = cglab.progress(options.seeds, { label = "seeds" })
for s = options["first-seed"], options["first-seed"] + options.seeds - 1 do
  local dir = string.format("%s/seed%d", options.out, s)
  local summary_file = dir .. "/summary.json"
  if not io.open(summary_file) then
    os.execute("rm -rf " .. quoted(dir))
    local command = string.format("%s %s --seed %d --run-dir %s --quiet --no-plots %s > %s/seed%d.log 2>&1",
      quoted(executable), quoted(script), s, quoted(dir), table.concat(extra, " "), quoted(options.out), s)
    os.execute("mkdir -p " .. quoted(options.out))
    local ok = os.execute(command)
    if not ok then error(string.format("seed_study: seed %d failed; see %s/seed%d.log", s, options.out, s), 0) end
  end
  local summary = json.read(summary_file)
  summary.seed = s
  rows[#rows + 1] = summary
  progress:update(#rows)
end
progress:finish()

-- The table: one line per seed, then the mean and the standard deviation of each column.
local names = problem.names
local twin = rows[1].truth ~= nil
local header = string.format("%-6s %10s %6s", "seed", "Y", "evals")
for _, name in ipairs(names) do header = header .. string.format(" %12s", name) end
if twin then header = header .. "  max error/range" end
print(header)
local within = 0
local columns = { y = {}, evaluations = {} }
for _, name in ipairs(names) do columns[name] = {} end
for _, r in ipairs(rows) do
  local line = string.format("%-6d %10.5f %6d", r.seed, r.y, r.evaluations)
  columns.y[#columns.y + 1], columns.evaluations[#columns.evaluations + 1] = r.y, r.evaluations
  local worst = 0
  for _, name in ipairs(names) do
    line = line .. string.format(" %12.6g", r.parameters[name])
    columns[name][#columns[name] + 1] = r.parameters[name]
    if twin then worst = math.max(worst, r.relative_error[name]) end
  end
  if twin then
    line = line .. string.format("  %14.2f%%", 100 * worst)
    if worst <= options.tolerance then within = within + 1 end
    r.max_relative_error = worst
  end
  print(line)
end
local function mean_std(values)
  local v = linalg.vector(values)
  return v:mean(), #values > 1 and v:std() or 0
end
local mean_line, std_line = string.format("%-6s", "mean"), string.format("%-6s", "std")
for _, key in ipairs{ "y", "evaluations" } do
  local m, s = mean_std(columns[key])
  mean_line = mean_line .. string.format(key == "y" and " %10.5f" or " %6.1f", m)
  std_line = std_line .. string.format(key == "y" and " %10.5f" or " %6.1f", s)
end
for _, name in ipairs(names) do
  local m, s = mean_std(columns[name])
  mean_line, std_line = mean_line .. string.format(" %12.6g", m), std_line .. string.format(" %12.3g", s)
end
print(mean_line)
print(std_line)
if twin then
  local truth_line = string.format("%-6s %10s %6s", "truth", "", "")
  for _, name in ipairs(names) do truth_line = truth_line .. string.format(" %12.6g", rows[1].truth[name]) end
  print(truth_line)
  print(string.format("%d of %d seeds recover every parameter within %.3g %% of its bound range", within, #rows,
    100 * options.tolerance))
end
json.write(options.out .. "/study.json", { seeds = rows, tolerance = options.tolerance, within = twin and within or nil })
