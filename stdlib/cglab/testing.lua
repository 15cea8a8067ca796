--- cglab.testing: a small test harness for Lua test files and user scripts.
--
--   local T = require "cglab.testing"
--   T.case("solve", function()
--     T.near(A:solve(b), x, 1e-12)
--   end)
--   T.finish()   -- raises an error listing every failed case
--
-- A failing check stops its case; the other cases still run. T.skip(reason) inside a case
-- skips the rest of it. T.shared(path) finds a file of the shared data folder beside the
-- checkout: missing data skips the case, or fails it when the environment variable CI is set.

local T = { cases = 0, failures = {}, skipped = {} }

local skip_marker = {}

local function fail(message, level)
  error(message, (level or 1) + 2)
end

local function render(value)
  if type(value) == "string" then return string.format("%q", value) end
  if type(value) == "table" and inspect then return inspect(value) end
  local ok, text = pcall(tostring, value)
  return ok and text or "<" .. type(value) .. ">"
end

--- Runs `body` as a test case called `name`.
function T.case(name, body)
  T.cases = T.cases + 1
  local ok, err = xpcall(body, function(e)
    if e == skip_marker or (type(e) == "table" and e.skip) then return e end
    return debug.traceback(tostring(e), 2)
  end)
  if ok then return end
  if type(err) == "table" and err.skip then
    T.skipped[#T.skipped + 1] = name .. ": " .. err.reason
  else
    T.failures[#T.failures + 1] = name .. ": " .. tostring(err)
  end
end

--- Skips the rest of the current case.
function T.skip(reason) error({ skip = true, reason = reason }, 0) end

--- Fails unless `value` is truthy.
function T.truthy(value, message)
  if not value then fail(message or "expected a true value, got " .. render(value)) end
end

local function deep_equal(a, b, seen)
  if a == b then return true end
  if type(a) ~= "table" or type(b) ~= "table" then return false end
  seen = seen or {}
  if seen[a] == b then return true end
  seen[a] = b
  for k, v in pairs(a) do
    if not deep_equal(v, b[k], seen) then return false end
  end
  for k in pairs(b) do
    if a[k] == nil then return false end
  end
  return true
end

--- Fails unless `actual` equals `expected` (tables compared entry by entry).
function T.equal(actual, expected, message)
  if not deep_equal(actual, expected) then
    fail((message and message .. ": " or "") .. "expected " .. render(expected) .. ", got " .. render(actual))
  end
end

--- The largest absolute difference between two numbers or two matrices of the same shape.
local function difference(a, b)
  if type(a) == "number" and type(b) == "number" then
    if a == b then return 0 end
    return math.abs(a - b)
  end
  if linalg and linalg.is_matrix(a) and linalg.is_matrix(b) then
    local ra, ca = a:shape()
    local rb, cb = b:shape()
    if ra ~= rb or ca ~= cb then return nil, string.format("shapes differ: %dx%d and %dx%d", ra, ca, rb, cb) end
    if ra * ca == 0 then return 0 end
    return (a - b):abs():max()
  end
  return nil, "cannot compare a " .. type(a) .. " with a " .. type(b)
end

--- Fails unless `actual` is within `tolerance` (absolute, default 1e-12) of `expected`;
--- numbers or matrices.
function T.near(actual, expected, tolerance, message)
  tolerance = tolerance or 1e-12
  local d, why = difference(actual, expected)
  if d == nil or d ~= d or d > tolerance then
    fail(string.format("%s%s (difference %s, tolerance %g)\nexpected %s\ngot %s", message and message .. ": " or "",
      why or "not near", tostring(d), tolerance, render(expected), render(actual)))
  end
end

--- Fails unless calling `f(...)` raises an error whose message contains `fragment`.
function T.raises(fragment, f, ...)
  local ok, err = pcall(f, ...)
  if ok then fail("expected an error containing " .. render(fragment) .. ", but the call succeeded") end
  if not tostring(err):find(fragment, 1, true) then
    fail("expected an error containing " .. render(fragment) .. ", got " .. render(err))
  end
  return err
end

--- The path of `relative` in the shared data folder (../shared beside the checkout, or
--- CGLAB_SHARED), or a skip (a failure under CI) when it is missing.
function T.shared(relative)
  local root = os.getenv("CGLAB_SHARED") or ((TEST_ROOT or ".") .. "/../shared")
  local path = root .. "/" .. relative
  local file = io.open(path, "rb")
  if file then
    file:close()
    return path
  end
  local reason = path .. " is missing (the shared data sits beside the checkout)"
  if os.getenv("CI") then fail(reason .. "; under CI this is a failure") end
  T.skip(reason .. "; skipped outside CI")
end

--- A new empty folder under the system's temporary directory; returns its path.
function T.temporary_folder()
  local path = os.tmpname()
  os.remove(path)
  os.execute("mkdir -p '" .. path:gsub("'", "'\\''") .. "'")
  return path
end

--- Raises an error listing the failed cases (and reports skipped ones), or returns the
--- number of cases run.
function T.finish()
  for _, reason in ipairs(T.skipped) do io.stderr:write("skipped: ", reason, "\n") end
  if #T.failures > 0 then
    error(string.format("%d of %d cases failed:\n\n%s", #T.failures, T.cases, table.concat(T.failures, "\n\n")), 0)
  end
  return T.cases
end

return T
