--- cglab.notebook.write: a run notebook as Markdown and as a Jupyter notebook.
--
-- Code cells carry `outputs`, in the order they appeared:
--   {type = "stream", text = ...}          what the cell printed
--   {type = "result", text = ...}          the displayed value of the cell's last expression
--   {type = "figure", cell = n, index = k, path = ..., link = ..., summary = ...}
--                                          figure k of cell n, a PNG file at path (link: the
--                                          same file relative to the document)
--   {type = "error", message = ..., traceback = ...}
-- and `count`, the execution count, once run.
--   write.markdown(cells)  the Markdown document: each code cell followed by ```output and
--                          ```error blocks and ![cell n figure k](link) figure links
--   write.ipynb(cells)     the nbformat 4.5 notebook as a table for json.encode, figures embedded

local write = {}

--- A fence of backticks longer than any run of backticks in `text`.
local function fence_for(text)
  local longest = 2
  for run in text:gmatch("`+") do longest = math.max(longest, #run) end
  return string.rep("`", longest + 1)
end

local function block(info, text)
  if text:sub(-1) ~= "\n" then text = text .. "\n" end
  local fence = fence_for(text)
  return "\n" .. fence .. info .. "\n" .. text .. fence .. "\n"
end

local function error_text(output)
  return output.message .. (output.traceback and output.traceback ~= "" and "\n" .. output.traceback or "")
end

function write.markdown(cells)
  local out = {}
  for _, cell in ipairs(cells) do
    if cell.kind == "markdown" then
      out[#out + 1] = cell.text
    else
      out[#out + 1] = cell.fence .. cell.info .. "\n" .. cell.source .. "\n" .. cell.fence .. "\n"
      local text = {}
      local function flush_text()
        if #text > 0 then out[#out + 1] = block("output", table.concat(text)) end
        text = {}
      end
      for _, output in ipairs(cell.outputs or {}) do
        if output.type == "stream" or output.type == "result" then
          text[#text + 1] = output.text:sub(-1) == "\n" and output.text or output.text .. "\n"
        else
          flush_text()
          if output.type == "figure" then
            out[#out + 1] = string.format("\n![cell %d figure %d](%s)\n", output.cell, output.index, output.link)
          else
            out[#out + 1] = block("error", error_text(output))
          end
        end
      end
      flush_text()
    end
  end
  return table.concat(out)
end

--- `text` as a list of lines, each but the last ending in a newline (Jupyter's convention).
local function source_lines(text)
  local lines = json.array()
  for line in text:gmatch("[^\n]*\n?") do
    if line ~= "" then lines[#lines + 1] = line end
  end
  return lines
end

local base64_alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"

--- The base64 encoding of the bytes of `data`.
function write.base64(data)
  local out = {}
  for i = 1, #data, 3 do
    local a, b, c = data:byte(i, i + 2)
    local n = a * 65536 + (b or 0) * 256 + (c or 0)
    local quad = {}
    for k = 1, 4 do
      local index = (n >> (6 * (4 - k))) & 63
      quad[k] = base64_alphabet:sub(index + 1, index + 1)
    end
    if not b then quad[3] = "=" end
    if not c then quad[4] = "=" end
    out[#out + 1] = table.concat(quad)
  end
  return table.concat(out)
end

local function read_bytes(path)
  local file = assert(io.open(path, "rb"))
  local data = file:read("a")
  file:close()
  return data
end

local function ipynb_output(output, count)
  if output.type == "stream" then
    return { output_type = "stream", name = "stdout", text = source_lines(output.text) }
  elseif output.type == "result" then
    return { output_type = "execute_result", execution_count = count, metadata = {},
             data = { ["text/plain"] = source_lines(output.text) } }
  elseif output.type == "figure" then
    return { output_type = "display_data", metadata = {},
             data = { ["image/png"] = write.base64(read_bytes(output.path)), ["text/plain"] = source_lines(output.summary) } }
  end
  local traceback = json.array()
  for line in error_text(output):gmatch("[^\n]+") do traceback[#traceback + 1] = line end
  return { output_type = "error", ename = "LuaError", evalue = output.message, traceback = traceback }
end

function write.ipynb(cells)
  local list = json.array()
  for k, cell in ipairs(cells) do
    local id = "cell-" .. k
    if cell.kind == "markdown" then
      local text = cell.text:gsub("^%s*\n", ""):gsub("%s+$", "")
      if text ~= "" then list[#list + 1] = { id = id, cell_type = "markdown", metadata = {}, source = source_lines(text) } end
    else
      local outputs = json.array()
      for _, output in ipairs(cell.outputs or {}) do outputs[#outputs + 1] = ipynb_output(output, cell.count) end
      list[#list + 1] = { id = id, cell_type = "code", metadata = {}, source = source_lines(cell.source),
                          execution_count = cell.count or json.null, outputs = outputs }
    end
  end
  return {
    nbformat = 4, nbformat_minor = 5, cells = list,
    metadata = {
      kernelspec = { name = "cglab", display_name = "Lua (cglab)", language = "lua" },
      language_info = { name = "lua", version = "5.4", file_extension = ".lua", mimetype = "text/x-lua" },
    },
  }
end

return write
