--- optim.options: the option checks shared by the Lua optimisers (optim.ego, optim.prox_linear).
-- Each error names the optimiser and the option, and says what was wrong.
--
--   local check = require("optim.options").for_optimiser("optim.ego", allowed)
--   check.table(o)                                  -- a table whose keys are all allowed
--   local lower, upper = check.bounds(o)            -- {{lo, hi}, ...}, finite, lo < hi
--   local budget = check.number(o, "budget", 40, 1, true)
--   local f = check.objective(o)                    -- objective, objective_module or objective_file

local options = {}

--- The checks for an optimiser called `name` whose options are the keys of `allowed`.
function options.for_optimiser(name, allowed)
  local check = {}

  function check.fail(message) error(name .. ": " .. message, 0) end
  local fail = check.fail

  --- Throws unless o is a table whose keys are all allowed.
  function check.table(o)
    if type(o) ~= "table" then fail("expected a table of options, got " .. type(o)) end
    for key in pairs(o) do
      if not allowed[key] then fail("unknown option '" .. tostring(key) .. "'") end
    end
  end

  --- o[key], one of `choices`, or `default` when absent.
  function check.choice(o, key, choices, default)
    local value = o[key]
    if value == nil then return default end
    for _, c in ipairs(choices) do if value == c then return value end end
    fail(string.format("option '%s' must be one of %s, got %s", key, table.concat(choices, ", "), tostring(value)))
  end

  --- o[key], a number (an integer with `integer`) at least `minimum`, or `default` when absent.
  function check.number(o, key, default, minimum, integer)
    local value = o[key]
    if value == nil then return default end
    if type(value) ~= "number" or value ~= value then fail(string.format("option '%s' must be a number, got %s", key, tostring(value))) end
    if integer and math.tointeger(value) == nil then fail(string.format("option '%s' must be an integer, got %s", key, value)) end
    if minimum and value < minimum then fail(string.format("option '%s' must be at least %s, got %s", key, minimum, value)) end
    return integer and math.tointeger(value) or value
  end

  --- Rows of a matrix or a table of rows, each a table of d numbers.
  function check.rows(value, d, what)
    if linalg.is_matrix(value) then value = value:totable() end
    if type(value) ~= "table" then fail(what .. " must be a matrix or a table of rows") end
    local rows = {}
    for i, row in ipairs(value) do
      if type(row) == "number" and d == 1 then row = { row } end
      if type(row) ~= "table" or #row ~= d then fail(string.format("%s: row %d must have %d numbers", what, i, d)) end
      rows[i] = { table.unpack(row) }
    end
    return rows
  end

  --- The lower and upper bounds of o.bounds ({{lo, hi}, ...}): finite, lo below hi.
  function check.bounds(o)
    if type(o.bounds) ~= "table" or #o.bounds == 0 then fail("option 'bounds' must be a table of {lower, upper} pairs") end
    local lower, upper = {}, {}
    for j, pair in ipairs(o.bounds) do
      if type(pair) ~= "table" or type(pair[1]) ~= "number" or type(pair[2]) ~= "number" then
        fail(string.format("bounds[%d] must be a pair of numbers {lower, upper}", j))
      end
      local lo, hi = pair[1], pair[2]
      if lo ~= lo or hi ~= hi then fail(string.format("bounds[%d] is NaN", j)) end
      if not (lo < hi) then fail(string.format("bounds[%d]: lower bound %s is not below upper bound %s", j, lo, hi)) end
      if lo == -math.huge or hi == math.huge then fail(string.format("bounds[%d] must be finite", j)) end
      lower[j], upper[j] = lo, hi
    end
    return lower, upper
  end

  --- The objective: o.objective, or the function (or a table's field objective) that
  --- require(o.objective_module) or dofile(o.objective_file) returns.
  function check.objective(o)
    if o.objective ~= nil then
      if type(o.objective) ~= "function" then fail("option 'objective' must be a function") end
      return o.objective
    end
    if o.objective_module == nil and o.objective_file == nil then
      fail("an objective is needed: option 'objective' (a function), 'objective_module' or 'objective_file'")
    end
    local ok, loaded
    if o.objective_module then ok, loaded = pcall(require, o.objective_module) else ok, loaded = pcall(dofile, o.objective_file) end
    if not ok then fail("cannot load the objective: " .. tostring(loaded)) end
    local f = type(loaded) == "table" and loaded.objective or loaded
    if type(f) ~= "function" then fail("the objective module must return a function or a table with a field 'objective'") end
    return f
  end

  --- The function of option `key`, or nil when absent.
  function check.callback(o, key)
    if o[key] ~= nil and type(o[key]) ~= "function" then fail("option '" .. key .. "' must be a function") end
    return o[key]
  end

  --- o.features: nil or {forward = function, inverse = function}.
  function check.features(o)
    local features = o.features
    if features ~= nil and (type(features) ~= "table" or type(features.forward) ~= "function"
        or type(features.inverse) ~= "function") then
      fail("option 'features' must be a table {forward = function, inverse = function}")
    end
    return features
  end

  return check
end

return options
