-- The notebook document model: parsing Markdown and percent scripts, writing outputs back so
-- that a second run gives the same document, and how a cell's value is found.
local T = require "cglab.testing"
local parse = require "cglab.notebook.parse"
local write = require "cglab.notebook.write"
local notebook = require "cglab.notebook"

local document = [[
# Title

~~~lua
print("tilde fences hold cells too")
~~~

````lua extra words
print("```")
````

```python
print("not run")
```
]]

T.case("Markdown without outputs survives parsing and writing unchanged", function()
  local cells = parse.markdown(document)
  T.equal(#cells, 5)
  T.equal({cells[2].kind, cells[2].fence, cells[2].info}, {"code", "~~~", "lua"})
  T.equal({cells[4].kind, cells[4].source, cells[4].fence, cells[4].info}, {"code", 'print("```")', "````", "lua extra words"})
  T.equal(write.markdown(cells), document)
end)

T.case("outputs are fenced beyond their own backticks and dropped when parsed again", function()
  local cells = parse.markdown(document)
  cells[4].outputs = {
    { type = "stream", text = "```\n" },
    { type = "figure", cell = 2, index = 1, link = "doc_files/cell-2-1.png" },
    { type = "error", message = "cell 2:1: boom", traceback = "stack traceback:\n\tcell 2:1: in main chunk" },
  }
  local written = write.markdown(cells)
  T.truthy(written:find("\n````output\n```\n````\n\n!%[cell 2 figure 1%]%(doc_files/cell%-2%-1%.png%)\n\n```error\ncell 2:1: boom\n"), written)
  T.equal(write.markdown(parse.markdown(written)), document)
end)

T.case("percent scripts: code before the first marker, markdown cells from comments", function()
  local cells = parse.percent("local a = 1\n-- %% [markdown]\n-- # Head\n--\n-- text\n-- %% second\nprint(a)\n-- %%\na\n")
  local kinds = {}
  for i, cell in ipairs(cells) do kinds[i] = cell.kind end
  T.equal(kinds, {"code", "markdown", "code", "markdown", "code"})
  T.equal(cells[2].text, "\n# Head\n\ntext\n\n")
  T.equal({cells[1].source, cells[3].source, cells[5].source}, {"local a = 1", "print(a)", "a"})
end)

T.case("a cell's value is its last line when that is an expression", function()
  T.equal(notebook.compile("1 + 1", "=t")(), 2)
  T.equal(notebook.compile("local x = 2\nx * 10\n\n", "=t")(), 20)
  local chunk, suppressed = notebook.compile("local x = 2\nx * 10;", "=t")
  T.equal({chunk(), suppressed}, {20, true}, "a trailing ';' hides the value")
  T.equal(notebook.compile("for i = 1, 2 do\nlocal y = i end", "=t")(), nil)
  T.equal(notebook.compile("local s = 'a'\ns\n  :rep(2)\n  :upper()", "=t")(), "AA", "a value over several lines")
  T.equal(notebook.compile("b = 5\na = b\n-1\n", "=t")(), nil, "a line continuing the statement above stays in it")
  T.equal(a, 4)
  T.equal(select(2, notebook.compile("x = = 1", "=cell 4")), "cell 4:1: unexpected symbol near '='")
end)

T.case("base64 matches RFC 4648's test vectors", function()
  local vectors = { [""] = "", f = "Zg==", fo = "Zm8=", foo = "Zm9v", foob = "Zm9vYg==", fooba = "Zm9vYmE=", foobar = "Zm9vYmFy" }
  for input, expected in pairs(vectors) do T.equal(write.base64(input), expected, input) end
  T.equal(write.base64("\0\255\128"), "AP+A")
end)

T.finish()
