--- cglab.display: the one display hook shared by the REPL, scripts and notebooks.
--
--   display(v, ...)            prints each value readably (strings at top level print raw)
--   display.color              colour codes on or off (default: stdout is a terminal, NO_COLOR unset)
--   display.register(name, f)  renders values whose metatable __name is `name` with f(v, options)
--   display.summary(v)         a one-line description (type, shape, size) used by :whos; a native
--                              type provides it with a __summary metamethod
--   display.output(text)       where display writes (replace it to capture output)

local pretty = require "cglab.pretty"

local display = {}

display.color = cglab.isatty("stdout") and os.getenv("NO_COLOR") == nil
display.register = pretty.register

local summarizers = {}

--- Registers `f(v) -> string`, the one-line summary of values whose metatable __name is `name`.
function display.register_summary(name, f) summarizers[name] = f end

function display.output(text)
  io.write(text, "\n")
end

--- The text `display` would print for `value`.
function display.render(value)
  if type(value) == "string" then return value end
  return pretty.format(value, { width = cglab.terminal_width(), color = display.color })
end

local function size_of(value)
  local t = type(value)
  if t == "string" then return #value .. " bytes" end
  if t == "table" then
    local n = 0
    for _ in next, value do n = n + 1 end
    return n .. " entries"
  end
  return ""
end

function display.summary(value)
  local mt = getmetatable(value)
  local name = type(mt) == "table" and rawget(mt, "__name") or nil
  if name and summarizers[name] then return name, summarizers[name](value) end
  local native = type(mt) == "table" and rawget(mt, "__summary")
  if native then
    local ok, text = pcall(native, value)
    if ok then return name or type(value), text end
  end
  if type(value) == "number" or type(value) == "boolean" then return type(value), tostring(value) end
  return name or type(value), size_of(value)
end

setmetatable(display, {
  __call = function(_, ...)
    for i = 1, select("#", ...) do display.output(display.render((select(i, ...)))) end
  end,
})

return display
