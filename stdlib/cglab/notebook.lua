--- cglab.notebook: literate notebooks, run by `cglab --notebook file [--output folder]`.
--
-- A Markdown file whose ```lua blocks are cells (numbered 1, 2, ... in order), or a Lua script
-- with `-- %%` cell markers, runs cell by cell in one Lua state (globals carry over from cell to cell; locals end with
-- their cell). Everything a cell prints is captured; the value of its last line, when that is
-- an expression (not ending in ';'), is displayed as in the REPL; figures it shows
-- (fig:show(), or a figure as that value) are saved as PNG files in <name>_files/. The outputs
-- are written into <name>.md (a Markdown input is rewritten in place by default: running it
-- again replaces the old outputs) and into <name>.ipynb, which Jupyter and VS Code open without
-- a kernel. An error stops the run: the documents are still written, up to the failing cell
-- and its error.
--
--   notebook.run(path [, {output = folder}]) -> ok, message
--   notebook.run_cell(cell, context)          runs one code cell, filling cell.outputs

local parse = require "cglab.notebook.parse"
local write = require "cglab.notebook.write"
local display = require "cglab.display"

local notebook = {}

--- The chunk running a cell: the whole cell as an expression, else the cell with its last lines
--- (as few as make one) as an expression, else the cell as statements. When the cell compiles
--- as statements, its last lines count only if they are a statement of their own (a call), so
--- that no split changes what the code means. A trailing ';' still runs the expression but
--- hides its value: the second result is then true. On a syntax error: nil and the message.
function notebook.compile(source, name)
  local body, suppressed = source:gsub(";%s*$", "")
  body = body:gsub("%s+$", "")
  local chunk = load("return " .. body, name)
  if chunk then return chunk, suppressed > 0 end
  local statements, message = load(source, name)
  local lines = {}
  for line in (body .. "\n"):gmatch("([^\n]*)\n") do lines[#lines + 1] = line end
  for first = #lines, 2, -1 do
    local head = table.concat(lines, "\n", 1, first - 1) .. "\n"
    local tail = table.concat(lines, "\n", first)
    chunk = load(head .. "return " .. tail, name)
    if chunk and (not statements or (load(head) and load(tail))) then return chunk, suppressed > 0 end
  end
  return statements, message
end

local function file_name(path) return path:match("([^/]*)$") end

local function shell_quote(text) return "'" .. text:gsub("'", "'\\''") .. "'" end

--- Traceback lines of the cell's own frames (the runner's frames are cut off).
local function traceback_handler(err)
  local message = tostring(err)
  local trace = debug.traceback("", 2):gsub("^\nstack traceback:\n", "")
  local kept = {}
  for line in trace:gmatch("[^\n]+") do
    if line:find("in function 'xpcall'", 1, true) or line:find("cglab/notebook", 1, true) then break end
    kept[#kept + 1] = line
  end
  return { message = message, traceback = #kept > 0 and "stack traceback:\n" .. table.concat(kept, "\n") or "" }
end

--- Runs a code cell: fills cell.outputs and cell.count; returns true, or false on error.
-- context: {number = the cell's number among the code cells, files = folder for figures,
--           link = that folder relative to the document}
function notebook.run_cell(cell, context)
  cell.outputs, cell.count = {}, context.number
  local consumed, figures = 0, 0
  local function add_text(text)
    if text ~= "" then cell.outputs[#cell.outputs + 1] = { type = "stream", text = text } end
  end
  local function add_figure(fig)
    figures = figures + 1
    local name = string.format("cell-%d-%d.png", context.number, figures)
    fig:save(context.files .. "/" .. name)
    cell.outputs[#cell.outputs + 1] = { type = "figure", cell = context.number, index = figures,
      path = context.files .. "/" .. name, link = context.link .. "/" .. name, summary = tostring(fig) }
  end
  local chunk, suppressed = notebook.compile(cell.source, "=cell " .. context.number)
  if not chunk then
    cell.outputs[1] = { type = "error", message = suppressed }
    return false
  end
  local saved_show, saved_color = plot.on_show, display.color
  plot.on_show = function(fig)
    local so_far = cglab.captured()
    add_text(so_far:sub(consumed + 1))
    consumed = #so_far
    add_figure(fig)
  end
  display.color = false
  -- captured: the text, capture's true, xpcall's status, then the cell's results or error
  local captured = table.pack(cglab.capture(xpcall, chunk, traceback_handler))
  plot.on_show, display.color = saved_show, saved_color
  add_text(captured[1]:sub(consumed + 1))
  if not captured[3] then
    cell.outputs[#cell.outputs + 1] = { type = "error", message = captured[4].message, traceback = captured[4].traceback }
    return false
  end
  local results = table.pack(table.unpack(captured, 4, suppressed and 3 or captured.n))
  if results.n > 0 then _G._ = results[1] end
  if results.n == 1 and plot.is_figure(results[1]) then
    add_figure(results[1])
  elseif results.n > 0 then
    local rendered = {}
    for i = 1, results.n do rendered[i] = display.render(results[i]) end
    cell.outputs[#cell.outputs + 1] = { type = "result", text = table.concat(rendered, "\n") }
  end
  return true
end

local function read_file(path)
  local file, message = io.open(path, "rb")
  if not file then return nil, message end
  local text = file:read("a")
  file:close()
  return text
end

local function write_file(path, text)
  local temporary = path .. ".tmp"
  local file = assert(io.open(temporary, "wb"))
  file:write(text)
  file:close()
  assert(os.rename(temporary, path))
end

--- Runs the notebook at `path`; writes <name>.md, <name>.ipynb and <name>_files/ into
--- options.output (default: the notebook's folder). Returns true and a summary, or false and
--- a message naming the failing cell.
function notebook.run(path, options)
  options = options or {}
  local base = file_name(path)
  local name, extension = base:match("^(.*)%.(%w+)$")
  if extension ~= "md" and extension ~= "lua" then
    return false, path .. ": cannot tell the notebook format from the extension (.md or .lua)"
  end
  local text, message = read_file(path)
  if not text then return false, message end
  local cells = extension == "md" and parse.markdown(text) or parse.percent(text)
  local folder = options.output or path:match("^(.*)/") or "."
  local files = folder .. "/" .. name .. "_files"
  os.execute("mkdir -p " .. shell_quote(files) .. " && rm -f " .. shell_quote(files) .. "/cell-*.png")
  local code = 0
  for _, cell in ipairs(cells) do
    if cell.kind == "code" then code = code + 1 end
  end
  local progress = cglab.progress(code, { label = base })
  local failure, count = nil, 0
  for _, cell in ipairs(cells) do
    if cell.kind == "code" then
      count = count + 1
      if not notebook.run_cell(cell, { number = count, files = files, link = name .. "_files" }) then
        local message = cell.outputs[#cell.outputs].message
        local own = message:sub(1, #("cell " .. count .. ":")) == "cell " .. count .. ":"
        failure = path .. ": " .. (own and "" or "cell " .. count .. ": ") .. message
        break
      end
      progress:update()
    end
  end
  progress:finish()
  write_file(folder .. "/" .. name .. ".md", write.markdown(cells))
  json.write(folder .. "/" .. name .. ".ipynb", write.ipynb(cells), { indent = 1 })
  if failure then return false, failure end
  local prefix = folder == "." and "" or folder .. "/"
  return true, string.format("%s: %d cells run; wrote %s%s.md and %s.ipynb", path, count, prefix, name, name)
end

return notebook
