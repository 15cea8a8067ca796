-- run_notebook.lua: runs the ```lua cells of a Markdown notebook in order, as plain Lua.
--
--   cglab scripts/run_notebook.lua notebooks/onsager.md
--
-- Cells share the global environment (as in a notebook, values meant for later cells are
-- globals); each prints under a "-- [cell n]" marker. The first failing cell stops the run.

local path = assert(arg and arg[1], "usage: cglab scripts/run_notebook.lua notebook.md")
local file = assert(io.open(path, "r"))
local text = file:read("a"):gsub("\r\n", "\n")
file:close()

local count = 0
for code in text:gmatch("```lua\n(.-)```") do
  count = count + 1
  print(string.format("-- [cell %d]", count))
  local chunk = assert(load(code, "=" .. path .. ":cell " .. count, "t", _ENV))
  chunk()
end
print(string.format("-- %d cells run", count))
