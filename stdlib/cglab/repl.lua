--- cglab.repl: the REPL's commands, written in Lua so that they are easy to read and extend.
--
-- A line starting with ':' runs a command; `repl.commands[name] = {help = text, run = f(argtext)}`
-- adds one. Commands print what they report and raise errors for bad input.

local display = require "cglab.display"

local repl = {}

--- Global names present when the session started (hidden by :whos).
repl.baseline = {}
for name in pairs(_G) do repl.baseline[name] = true end

--- Inputs that ran successfully, in order (for :save).
repl.inputs = {}

local function trim(s) return (s:gsub("^%s+", ""):gsub("%s+$", "")) end

--- Compiles `text` as an expression (`return text`) if it is one, else as a statement.
function repl.compile(text, chunkname)
  local chunk = load("return " .. text .. ";", chunkname or "=stdin")
  if chunk then return chunk, true end
  local statement, message = load(text, chunkname or "=stdin")
  if not statement then error(message, 0) end
  return statement, false
end

--- Splits a command line into words, honouring single and double quotes.
function repl.split(text)
  local words, i = {}, 1
  while true do
    i = text:find("%S", i)
    if not i then return words end
    local quote = text:sub(i, i)
    if quote == '"' or quote == "'" then
      local j = text:find(quote, i + 1, true)
      if not j then error("unterminated quote in: " .. text, 0) end
      words[#words + 1] = text:sub(i + 1, j - 1)
      i = j + 1
    else
      local j = text:find("%s", i) or #text + 1
      words[#words + 1] = text:sub(i, j - 1)
      i = j
    end
  end
end

local function human_time(seconds)
  if seconds < 1e-6 then return string.format("%.1f ns", seconds * 1e9) end
  if seconds < 1e-3 then return string.format("%.2f us", seconds * 1e6) end
  if seconds < 1 then return string.format("%.2f ms", seconds * 1e3) end
  return string.format("%.3f s", seconds)
end
repl.human_time = human_time

local function require_argument(text, usage)
  if trim(text) == "" then error("usage: " .. usage, 0) end
  return trim(text)
end

repl.commands = {}

repl.commands.help = {
  help = ":help                 this list",
  run = function()
    local names = {}
    for name in pairs(repl.commands) do names[#names + 1] = name end
    table.sort(names)
    print("Commands:")
    for _, name in ipairs(names) do print("  " .. repl.commands[name].help) end
    print([[
Also:
  ?name                 help for a function, module or value (?linalg, ?A:solve)
  !command              run a shell command
  expr;                 a trailing ';' suppresses the display of results
  _                     the last result
Lines that do not form a complete statement continue on the next line (_PROMPT2);
Ctrl-C interrupts running code or clears the line, Ctrl-D exits.]])
  end,
}

repl.commands.time = {
  help = ":time stmt            run stmt once and print the wall time",
  run = function(text)
    local chunk = repl.compile(require_argument(text, ":time stmt"))
    local start = cglab.clock()
    local results = table.pack(chunk())
    local elapsed = cglab.clock() - start
    print("time: " .. human_time(elapsed))
    if results.n > 0 then display(table.unpack(results, 1, results.n)) end
  end,
}

repl.commands.timeit = {
  help = ":timeit stmt          time stmt over repeated runs (mean, spread, best)",
  run = function(text)
    local chunk = repl.compile(require_argument(text, ":timeit stmt"))
    local loops = 1
    while true do
      local start = cglab.clock()
      for _ = 1, loops do chunk() end
      local elapsed = cglab.clock() - start
      if elapsed >= 0.2 or loops >= 1e8 then break end
      loops = loops * (elapsed > 0 and math.min(10, math.max(2, math.ceil(0.2 / elapsed))) or 10)
    end
    local runs, times = 7, {}
    for r = 1, runs do
      local start = cglab.clock()
      for _ = 1, loops do chunk() end
      times[r] = (cglab.clock() - start) / loops
    end
    local mean, best = 0, math.huge
    for _, t in ipairs(times) do
      mean = mean + t / runs
      best = math.min(best, t)
    end
    local var = 0
    for _, t in ipairs(times) do var = var + (t - mean) ^ 2 / (runs - 1) end
    print(string.format("%s ± %s per loop (mean ± std. dev. of %d runs, %d loops each); best %s",
      human_time(mean), human_time(math.sqrt(var)), runs, loops, human_time(best)))
  end,
}

repl.commands.whos = {
  help = ":whos                 the variables you defined, with type and size",
  run = function()
    local names = {}
    for name in pairs(_G) do
      if type(name) == "string" and not repl.baseline[name] and name ~= "_" then names[#names + 1] = name end
    end
    table.sort(names)
    if #names == 0 then
      print("no variables defined")
      return
    end
    print(string.format("%-20s %-18s %s", "name", "type", "summary"))
    for _, name in ipairs(names) do
      local kind, summary = display.summary(rawget(_G, name))
      print(string.format("%-20s %-18s %s", name, kind, summary))
    end
  end,
}

repl.commands.run = {
  help = ":run file [args]      run a Lua file with arguments (arg and ...)",
  run = function(text)
    local words = repl.split(require_argument(text, ":run file [args]"))
    local chunk, message = loadfile(words[1])
    if not chunk then error(message, 0) end
    local saved = arg
    arg = { [0] = words[1], table.unpack(words, 2) }
    local ok, err = pcall(chunk, table.unpack(words, 2))
    arg = saved
    if not ok then error(err, 0) end
  end,
}

repl.commands.reload = {
  help = ":reload module        forget and require a module again",
  run = function(text)
    local name = require_argument(text, ":reload module")
    package.loaded[name] = nil
    local module = require(name)
    if rawget(_G, name) ~= nil then _G[name] = module end
    print("reloaded " .. name)
  end,
}

repl.commands.save = {
  help = ":save file            write the inputs that ran successfully to a Lua file",
  run = function(text)
    local path = require_argument(text, ":save file")
    local file = assert(io.open(path, "w"))
    for _, input in ipairs(repl.inputs) do file:write(input, "\n") end
    file:close()
    print(string.format("saved %d inputs to %s", #repl.inputs, path))
  end,
}

repl.commands.quit = {
  help = ":quit                 leave the REPL (also Ctrl-D)",
  run = function() repl.quit = true end,
}

--- Runs a ':' command line (without the colon).
function repl.command(line)
  local name, rest = line:match("^(%S+)%s*(.*)$")
  local command = name and repl.commands[name]
  if name == "q" or name == "exit" then command = repl.commands.quit end
  if not command then error("unknown command ':" .. tostring(name) .. "' (:help lists the commands)", 0) end
  command.run(rest)
end

--- Runs a shell command line ('!' prefix).
function repl.shell(line)
  local ok, how, code = os.execute(line)
  if not ok and how == "exit" then print("exit status " .. tostring(code)) end
end

--- Records an input that ran successfully.
function repl.record(text) repl.inputs[#repl.inputs + 1] = text end

return repl
