--- cglab.notebook.parse: notebook documents as lists of cells.
--
-- A cell is {kind = "markdown", text = ...} or {kind = "code", source = ..., fence = ..., info = ...}.
--   parse.markdown(text)  Markdown: ```lua fences are code cells, everything else markdown. The
--                          output blocks and figure links a previous run wrote after a code cell
--                          (```output, ```error, ![cell 3 figure 1](...)) are dropped, so running
--                          an output document again gives the same document.
--   parse.percent(text)   a Lua script with `-- %%` cell markers (jupytext's percent format);
--                          `-- %% [markdown]` cells hold markdown as `-- ` comment lines.

local parse = {}

local function lines_of(text)
  local lines = {}
  for line in (text .. (text:sub(-1) == "\n" and "" or "\n")):gmatch("([^\n]*)\n") do lines[#lines + 1] = line end
  return lines
end

--- The fence that opens on `line` (indent, fence characters, info string), or nil.
local function opening_fence(line)
  local indent, fence, info = line:match("^( ? ? ?)(```+)%s*([^`]*)$")
  if not fence then indent, fence, info = line:match("^( ? ? ?)(~~~+)%s*(.*)$") end
  if not fence then return nil end
  return indent, fence, (info:gsub("%s+$", ""))
end

local function closes(line, fence)
  local run = line:match("^ ? ? ?([`~]+)%s*$")
  return run ~= nil and run:sub(1, 1) == fence:sub(1, 1) and #run >= #fence
end

--- The index of the line closing the fence opened at line i (or #lines + 1 when unclosed).
local function fence_end(lines, i, fence)
  local j = i + 1
  while j <= #lines and not closes(lines[j], fence) do j = j + 1 end
  return j
end

local function is_figure_link(line) return line:match("^!%[cell %d+ figure %d+%]%(.-%)%s*$") ~= nil end

--- The first line after the generated outputs that follow a code cell ending at line i.
local function skip_outputs(lines, i)
  local j = i + 1
  while true do
    local k = j
    while k <= #lines and lines[k]:match("^%s*$") do k = k + 1 end
    if k > #lines then return j end
    local _, fence, info = opening_fence(lines[k])
    if fence and (info == "output" or info == "error") then
      j = fence_end(lines, k, fence) + 1
    elseif is_figure_link(lines[k]) then
      j = k + 1
    else
      return j
    end
  end
end

function parse.markdown(text)
  local lines, cells, markdown = lines_of(text), {}, {}
  local function flush()
    if #markdown > 0 then cells[#cells + 1] = { kind = "markdown", text = table.concat(markdown, "\n") .. "\n" } end
    markdown = {}
  end
  local i = 1
  while i <= #lines do
    local indent, fence, info = opening_fence(lines[i])
    if fence and (info == "lua" or info:match("^lua%s")) then
      flush()
      local close = fence_end(lines, i, fence)
      local body = {}
      for k = i + 1, close - 1 do body[#body + 1] = lines[k]:sub(#indent + 1) end
      cells[#cells + 1] = { kind = "code", source = table.concat(body, "\n"), fence = indent .. fence, info = info }
      i = skip_outputs(lines, close)
    elseif fence then
      local close = fence_end(lines, i, fence)
      for k = i, math.min(close, #lines) do markdown[#markdown + 1] = lines[k] end
      i = close + 1
    else
      markdown[#markdown + 1] = lines[i]
      i = i + 1
    end
  end
  flush()
  return cells
end

function parse.percent(text)
  local cells, current = {}, { kind = "code", lines = {} }
  -- Markdown cells are set apart by blank lines, and so are consecutive code cells.
  local function flush()
    local body = table.concat(current.lines, "\n"):gsub("^%s*\n", ""):gsub("%s+$", "")
    if body == "" then return end
    if current.kind == "markdown" then
      cells[#cells + 1] = { kind = "markdown", text = "\n" .. body .. "\n\n" }
    else
      if #cells > 0 and cells[#cells].kind == "code" then cells[#cells + 1] = { kind = "markdown", text = "\n" } end
      cells[#cells + 1] = { kind = "code", source = body, fence = "```", info = "lua" }
    end
  end
  for _, line in ipairs(lines_of(text)) do
    local marker = line:match("^%-%-%s*%%%%(.*)$")
    if marker then
      flush()
      current = { kind = marker:match("%[markdown%]") and "markdown" or "code", lines = {} }
    elseif current.kind == "markdown" then
      current.lines[#current.lines + 1] = line:gsub("^%-%-%s?", "")
    else
      current.lines[#current.lines + 1] = line
    end
  end
  flush()
  return cells
end

return parse
