--- cglab.pretty: readable renderings of Lua values (the engine behind `display`).
--
-- Tables print with sorted keys (the sequence part first, without keys), nested tables up to a
-- depth limit, at most `items` entries each, cycles marked `<cycle>`, and a line break layout
-- when the one-line form is wider than `width`. Userdata and tables whose metatable has a
-- registered formatter (by `__name`) or a `__tostring` use that. Colour codes only when asked.

local pretty = {}

--- Default options; every call may override any of them.
pretty.defaults = { depth = 4, items = 50, width = 80, color = false, indent = 2 }

local formatters = {}

--- Registers `formatter(value, options) -> string` for values whose metatable `__name` is `name`.
function pretty.register(name, formatter)
  assert(type(name) == "string", "pretty.register: name must be a string")
  assert(type(formatter) == "function", "pretty.register: formatter must be a function")
  formatters[name] = formatter
end

local colors = { number = "36", string = "32", boolean = "35", ["nil"] = "35", other = "33", key = "34" }

local function paint(text, kind, options)
  if not options.color then return text end
  return "\27[" .. colors[kind] .. "m" .. text .. "\27[0m"
end

local function quote(s)
  return (string.format("%q", s):gsub("\\\n", "\\n"):gsub("\\9", "\\t"))
end

local identifier = "^[%a_][%w_]*$"
local keywords = {}
for word in ([[and break do else elseif end false for function goto if in local nil not or
  repeat return then true until while]]):gmatch("%a+") do keywords[word] = true end

local function metaname(value)
  local mt = getmetatable(value)
  if type(mt) == "table" then return rawget(mt, "__name"), mt end
  return nil, mt
end

local function describe_function(f)
  local info = debug.getinfo(f, "S")
  if info.what == "C" then return "function [native]" end
  return string.format("function <%s:%d>", info.short_src, info.linedefined)
end

--- A one-piece rendering for values that are not plain tables, or nil for plain tables.
local function atom(value, options)
  local kind = type(value)
  if kind == "number" then return paint(tostring(value), "number", options) end
  if kind == "string" then return paint(quote(value), "string", options) end
  if kind == "boolean" or kind == "nil" then return paint(tostring(value), kind, options) end
  if kind == "function" then return paint(describe_function(value), "other", options) end
  local name, mt = metaname(value)
  if name and formatters[name] then return formatters[name](value, options) end
  if mt ~= nil and (kind ~= "table" or (type(mt) == "table" and rawget(mt, "__tostring"))) then
    local ok, text = pcall(tostring, value)
    return ok and text or paint("<" .. kind .. ": __tostring failed>", "other", options)
  end
  if kind ~= "table" then return paint(tostring(value), "other", options) end
  return nil
end

local function key_order(a, b)
  local ta, tb = type(a), type(b)
  if ta ~= tb then
    local rank = { number = 1, string = 2 }
    return (rank[ta] or 3) < (rank[tb] or 3) or ((rank[ta] or 3) == (rank[tb] or 3) and ta < tb)
  end
  if ta == "number" or ta == "string" then return a < b end
  return tostring(a) < tostring(b)
end

--- The entries of a plain table: sequence values first, then sorted keyed entries.
local function entries(t, options)
  local list, n = {}, #t
  for i = 1, n do list[#list + 1] = { value = rawget(t, i) } end
  local keys = {}
  for k in next, t do
    if not (math.type(k) == "integer" and k >= 1 and k <= n) then keys[#keys + 1] = k end
  end
  table.sort(keys, key_order)
  for _, k in ipairs(keys) do list[#list + 1] = { key = k, value = rawget(t, k) } end
  local hidden = 0
  if #list > options.items then
    hidden = #list - options.items
    for i = #list, options.items + 1, -1 do list[i] = nil end
  end
  return list, hidden
end

local function render_key(k, options)
  if type(k) == "string" and k:match(identifier) and not keywords[k] then return k end
  return "[" .. (atom(k, options) or tostring(k)) .. "]"
end

local render

--- Renders `value`; `inline` forces one line. `visiting` holds the tables on the current path.
render = function(value, options, depth, indent, visiting, inline)
  local text = atom(value, options)
  if text then return text end
  if visiting[value] then return paint("<cycle>", "other", options) end
  if next(value) == nil then return "{}" end
  if depth >= options.depth then return paint("{...}", "other", options) end
  visiting[value] = true
  local list, hidden = entries(value, options)
  local parts = {}
  for i, entry in ipairs(list) do
    local prefix = entry.key ~= nil and (render_key(entry.key, options) .. " = ") or ""
    parts[i] = { prefix = prefix, value = entry.value }
  end
  local function join(multiline)
    local pad = string.rep(" ", indent + options.indent)
    local out = {}
    for i, part in ipairs(parts) do
      local inner = render(part.value, options, depth + 1, indent + options.indent, visiting, not multiline)
      if multiline and not inner:find("\n") then
        local one = render(part.value, options, depth + 1, indent + options.indent, visiting, true)
        if #pad + #part.prefix + #one <= options.width then inner = one end
      end
      out[i] = part.prefix .. inner
    end
    if hidden > 0 then out[#out + 1] = paint("... (" .. hidden .. " more)", "other", options) end
    if multiline then
      return "{\n" .. pad .. table.concat(out, ",\n" .. pad) .. "\n" .. string.rep(" ", indent) .. "}"
    end
    return "{" .. table.concat(out, ", ") .. "}"
  end
  local result = join(false)
  if not inline then
    local plain = options.color and render(value, setmetatable({ color = false }, { __index = options }),
      depth, indent, {}, true) or result
    if indent + #plain > options.width then result = join(true) end
  end
  visiting[value] = nil
  return result
end

--- Renders `value` as text. `options` (optional) overrides `pretty.defaults`.
function pretty.format(value, options)
  local merged = setmetatable({}, { __index = pretty.defaults })
  for k, v in pairs(options or {}) do merged[k] = v end
  return render(value, merged, 0, 0, {}, false)
end

return pretty
