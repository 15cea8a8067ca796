--- optim.jsonl: the JSON lines of an EGO run directory, one object per line.
--
-- Values are numbers, strings, booleans and flat or nested arrays of them. Numbers are written
-- with 17 significant digits so that they read back bit for bit; NaN and infinities become
-- null (read back as NaN). Only what run records need is supported: objects and arrays of
-- these values.

local jsonl = {}

local function encode_value(v)
  local t = type(v)
  if t == "number" then
    if v ~= v or v == math.huge or v == -math.huge then return "null" end
    if math.type(v) == "integer" then return tostring(v) end
    return string.format("%.17g", v)
  elseif t == "string" then
    return '"' .. v:gsub('[%c"\\]', function(c)
      local named = { ['"'] = '\\"', ["\\"] = "\\\\", ["\n"] = "\\n", ["\r"] = "\\r", ["\t"] = "\\t" }
      return named[c] or string.format("\\u%04x", c:byte())
    end) .. '"'
  elseif t == "boolean" then
    return tostring(v)
  elseif t == "table" then
    local parts = {}
    if #v > 0 or next(v) == nil then
      for i = 1, #v do parts[i] = encode_value(v[i]) end
      return "[" .. table.concat(parts, ",") .. "]"
    end
    local keys = {}
    for k in pairs(v) do keys[#keys + 1] = k end
    table.sort(keys)
    for _, k in ipairs(keys) do parts[#parts + 1] = encode_value(tostring(k)) .. ":" .. encode_value(v[k]) end
    return "{" .. table.concat(parts, ",") .. "}"
  end
  error("jsonl: cannot encode a " .. t)
end

--- The one-line JSON text of `value`.
function jsonl.encode(value) return encode_value(value) end

--- Decodes one line of JSON; raises an error on malformed text.
function jsonl.decode(text)
  local pos = 1
  local function skip() pos = text:find("[^ \t\r\n]", pos) or #text + 1 end
  local value
  local function expect(s)
    if text:sub(pos, pos + #s - 1) ~= s then error(string.format("jsonl: expected '%s' at %d", s, pos), 0) end
    pos = pos + #s
  end
  function value()
    skip()
    local c = text:sub(pos, pos)
    if c == "{" then
      pos = pos + 1
      local object = {}
      skip()
      if text:sub(pos, pos) == "}" then pos = pos + 1 return object end
      repeat
        skip()
        local key = value()
        skip()
        expect(":")
        object[key] = value()
        skip()
        local sep = text:sub(pos, pos)
        pos = pos + 1
      until sep ~= ","
      if text:sub(pos - 1, pos - 1) ~= "}" then error("jsonl: expected '}' at " .. (pos - 1), 0) end
      return object
    elseif c == "[" then
      pos = pos + 1
      local array = {}
      skip()
      if text:sub(pos, pos) == "]" then pos = pos + 1 return array end
      repeat
        array[#array + 1] = value()
        skip()
        local sep = text:sub(pos, pos)
        pos = pos + 1
      until sep ~= ","
      if text:sub(pos - 1, pos - 1) ~= "]" then error("jsonl: expected ']' at " .. (pos - 1), 0) end
      return array
    elseif c == '"' then
      local out, i = {}, pos + 1
      while true do
        local ch = text:sub(i, i)
        if ch == "" then error("jsonl: unterminated string", 0) end
        if ch == '"' then break end
        if ch == "\\" then
          local e = text:sub(i + 1, i + 1)
          local simple = { ['"'] = '"', ["\\"] = "\\", ["/"] = "/", n = "\n", r = "\r", t = "\t", b = "\b", f = "\f" }
          if e == "u" then
            out[#out + 1] = utf8.char(tonumber(text:sub(i + 2, i + 5), 16))
            i = i + 6
          else
            out[#out + 1] = simple[e] or error("jsonl: bad escape \\" .. e, 0)
            i = i + 2
          end
        else
          out[#out + 1] = ch
          i = i + 1
        end
      end
      pos = i + 1
      return table.concat(out)
    elseif text:sub(pos, pos + 3) == "null" then
      pos = pos + 4
      return 0 / 0
    elseif text:sub(pos, pos + 3) == "true" then
      pos = pos + 4
      return true
    elseif text:sub(pos, pos + 4) == "false" then
      pos = pos + 5
      return false
    end
    local number = text:match("^-?%d+%.?%d*[eE]?[-+]?%d*", pos)
    if not number or number == "" then error("jsonl: unexpected character at " .. pos, 0) end
    pos = pos + #number
    return math.tointeger(tonumber(number)) or tonumber(number)
  end
  local result = value()
  skip()
  if pos <= #text then error("jsonl: trailing text at " .. pos, 0) end
  return result
end

--- Appends `record` as one line to the open file and flushes it, so that a killed process
--- loses nothing written before.
function jsonl.append(file, record)
  file:write(encode_value(record), "\n")
  file:flush()
end

--- The records of the file at `path` (an empty list when it does not exist). A truncated last
--- line (a write cut by a kill) is ignored.
function jsonl.read(path)
  local file = io.open(path, "r")
  if not file then return {} end
  local records = {}
  for line in file:lines() do
    if line:match("%S") then
      local ok, record = pcall(jsonl.decode, line)
      if ok then records[#records + 1] = record end
    end
  end
  file:close()
  return records
end

return jsonl
