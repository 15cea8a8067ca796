--- cglab.help: docstrings of native functions, modules and Lua functions.
--
--   help(x)            prints the docstring of x (a function, a module, a userdata's type)
--   help()             lists the modules and the REPL commands
--   help.set(x, text)  attaches a docstring to x (a usage line, a blank line, one paragraph)
--   help.get(x)        the docstring of x, or nil

local docs = require "cglab.docs"

local help = {}

function help.get(value) return docs[value] end

function help.set(value, text)
  assert(type(text) == "string", "help.set: text must be a string")
  docs[value] = text
  return value
end

local function first_line(text) return (text or ""):match("^[^\n]*") end

local function sorted_functions(t)
  local names = {}
  for k, v in pairs(t) do
    if type(k) == "string" and type(v) == "function" then names[#names + 1] = k end
  end
  table.sort(names)
  return names
end

local function list_members(t, prefix, out)
  for _, name in ipairs(sorted_functions(t)) do
    out[#out + 1] = string.format("  %-28s %s", prefix .. name, first_line(docs[t[name]]))
  end
end

local function overview()
  local out = { "cglab modules (help(module) for details):" }
  local names = {}
  for name, value in pairs(package.loaded) do
    if type(value) == "table" and docs[value] and not name:find("%.") then names[#names + 1] = name end
  end
  table.sort(names)
  for _, name in ipairs(names) do
    out[#out + 1] = string.format("  %-12s %s", name, first_line(docs[package.loaded[name]]))
  end
  out[#out + 1] = ""
  out[#out + 1] = "In the REPL: ?name shows help, :help lists the commands."
  return table.concat(out, "\n")
end

--- The help text for `value`.
function help.text(value, ...)
  if select("#", ...) == 0 and value == nil then return overview() end
  local doc = docs[value]
  local kind = type(value)
  if kind == "table" and doc then
    local out = { doc, "", "Functions:" }
    list_members(value, "", out)
    return table.concat(out, "\n")
  end
  if doc then return doc end
  local mt = getmetatable(value)
  if (kind == "userdata" or kind == "table") and type(mt) == "table" and type(rawget(mt, "__index")) == "table" then
    local out = { (rawget(mt, "__name") or kind) .. " methods:" }
    list_members(rawget(mt, "__index"), ":", out)
    return table.concat(out, "\n")
  end
  if kind == "function" then
    local info = debug.getinfo(value, "S")
    if info.what ~= "C" then
      return string.format("Lua function defined at %s:%d (no docstring; attach one with help.set)",
        info.short_src, info.linedefined)
    end
    return "native function without a docstring"
  end
  return "no help for a " .. kind .. " value"
end

setmetatable(help, {
  __call = function(_, ...) print(help.text(...)) end,
})

help.set(help, "help(x): prints the docstring of x; help() lists the modules.")

return help
