--- optim.evaluations: the evaluations of an optimiser's run, shared by optim.ego and
-- optim.prox_linear: the objective called with a time-out (or in parallel workers), failures
-- recorded instead of raised, every evaluation appended to a JSON-lines log in the run directory
-- as soon as it completes, and a resumed run replaying that log instead of evaluating again.
--
--   local evaluations = require "optim.evaluations"
--   local run = evaluations.new(c, {name = "optim.ego", log = "evaluations.jsonl", config = {...}})
--   run:evaluate({x1, x2}, "initial")     -- records run.X, run.values, run.statuses, run.details
--
-- c holds the evaluation settings: objective (a function), objective_module / objective_file
-- (for workers), workers, timeout (s, 0 for none), errors ("record" or "raise"), details (keep
-- the objective's second result, JSON-compatible data, for each evaluation), lower and upper
-- (the bounds, for the replay check), run_dir and resume.

local evaluations = {}
local Run = {}
Run.__index = Run

--- f(x) with the time-out hook; a table {y, status, message, seconds, details}.
local function call_objective(c, x, fail)
  local start = cglab.clock()
  if c.timeout > 0 then
    local deadline = start + c.timeout
    debug.sethook(function()
      if cglab.clock() > deadline then error("timeout after " .. c.timeout .. " s", 0) end
    end, "", 1000)
  end
  local ok, y, details = pcall(c.objective, { table.unpack(x) })
  if c.timeout > 0 then debug.sethook() end
  local seconds = cglab.clock() - start
  if not ok then
    local message = tostring(y)
    if message:find("interrupted!", 1, true) or c.errors == "raise" then error(y, 0) end
    return { y = 0 / 0, status = message:find("^timeout after") and "timeout" or "error", message = message, seconds = seconds }
  end
  if type(y) ~= "number" then
    if c.errors == "raise" then fail("the objective returned a " .. type(y) .. ", expected a number") end
    return { y = 0 / 0, status = "error", message = "the objective returned a " .. type(y), seconds = seconds }
  end
  details = c.details and details or nil
  if y ~= y or y == math.huge or y == -math.huge then return { y = 0 / 0, status = "nan", seconds = seconds, details = details } end
  return { y = y, status = "ok", seconds = seconds, details = details }
end

--- A run: its evaluations, the run directory's log and the replay of a resumed run. options:
--- name (the optimiser, for messages), log (the log's file name in c.run_dir), config (written
--- when the run starts to config.json, or to <log>-config.json for a log not named
--- evaluations.jsonl; nil: none).
function evaluations.new(c, options)
  local fail = function(message) error(options.name .. ": " .. message, 0) end
  local run = setmetatable({ c = c, fail = fail, X = {}, values = {}, statuses = {}, details = {}, history = {},
    best = math.huge, replay = {} }, Run)
  if c.run_dir then
    os.execute(string.format("mkdir -p '%s'", c.run_dir:gsub("'", "'\\''")))
    run.log = c.run_dir .. "/" .. options.log
    local existing = io.open(run.log, "r")
    if existing then
      existing:close()
      run.replay = json.read_lines(run.log)
    end
    if #run.replay > 0 and not c.resume then
      fail(run.log .. " already holds " .. #run.replay .. " evaluations: pass resume = true to continue, or choose a new run_dir")
    end
    if #run.replay == 0 and options.config then
      local name = options.log == "evaluations.jsonl" and "config.json" or options.log:gsub("%.jsonl$", "") .. "-config.json"
      json.write(c.run_dir .. "/" .. name, options.config)
    end
  end
  return run
end

--- The best value recorded in the run directory's best.json (by any run there), or infinity.
local function best_in_folder(run_dir)
  local file = io.open(run_dir .. "/best.json", "r")
  if not file then return math.huge end
  file:close()
  local ok, best = pcall(json.read, run_dir .. "/best.json")
  return ok and type(best) == "table" and type(best.y) == "number" and best.y or math.huge
end

--- Appends one evaluation to the run and, unless it was replayed, to its log (flushed to disk
--- before the next evaluation starts); a point better than every other in the folder also goes
--- to best.json.
function Run:record(x, outcome, phase)
  local c, i = self.c, #self.X + 1
  self.X[i], self.values[i], self.statuses[i], self.details[i] = x, outcome.y, outcome.status, outcome.details
  local improved = outcome.y == outcome.y and outcome.y < self.best
  if improved then self.best, self.best_x = outcome.y, x end
  self.history[i] = self.best
  if self.log and not outcome.replayed then
    json.append(self.log, { i = i, x = x, y = outcome.y, status = outcome.status, message = outcome.message,
      seconds = outcome.seconds, phase = phase, details = outcome.details })
    if improved and outcome.y < best_in_folder(c.run_dir) then
      json.write(c.run_dir .. "/best.json", { log = self.log:match("[^/]+$"), i = i, x = x, y = outcome.y })
    end
  end
end

--- The recorded outcome of evaluation i of a resumed run, checked against the point proposed now.
function Run:replayed(i, x)
  local c, r = self.c, self.replay[i]
  if not r then return nil end
  for j = 1, #x do
    if math.abs((r.x[j] or 0 / 0) - x[j]) > 1e-12 * (c.upper[j] - c.lower[j]) then
      self.fail(string.format("resume: evaluation %d in %s was at a different point than this run proposes; "
        .. "the run directory belongs to another configuration", i, self.log))
    end
  end
  -- A failed evaluation's value was written as null.
  local y = type(r.y) == "number" and r.y or 0 / 0
  return { y = y, status = r.status, message = r.message, seconds = r.seconds, details = r.details, replayed = true }
end

--- Evaluates the points (tables in the bounds' units), in parallel workers when there are
--- several, and records them in order.
function Run:evaluate(points, phase)
  local c = self.c
  local parallel = c.workers > 1 and #points > 1
  local pending, outcomes = {}, {}
  for k, x in ipairs(points) do
    outcomes[k] = self:replayed(#self.X + k, x)
    if not outcomes[k] then pending[#pending + 1] = k end
  end
  if parallel and #pending > 0 then
    local rows = {}
    for i, k in ipairs(pending) do rows[i] = points[k] end
    local start = cglab.clock()
    local values, statuses, messages, details = optim.evaluate(linalg.matrix(rows), {
      module = c.objective_module, file = c.objective_module == nil and c.objective_file or nil,
      workers = c.workers, timeout = c.timeout, details = c.details })
    for i, k in ipairs(pending) do
      if messages[i]:find("interrupted!", 1, true) then error("interrupted!", 0) end
      if c.errors == "raise" and statuses[i] == "error" then self.fail(messages[i]) end
      outcomes[k] = { y = values[i], status = statuses[i], message = messages[i] ~= "" and messages[i] or nil,
        seconds = cglab.clock() - start, details = details and details[i] or nil }
    end
  end
  for k, x in ipairs(points) do
    self:record(x, outcomes[k] or call_objective(c, x, self.fail), phase)
  end
end

--- The run as an optimiser's result: x and y (the best point and value), X (a matrix), values,
--- statuses, history and the number of evaluations.
function Run:result()
  return { x = self.best_x, y = self.best, X = #self.X > 0 and linalg.matrix(self.X) or nil, values = self.values, statuses = self.statuses,
    history = self.history, evaluations = #self.X }
end

return evaluations
