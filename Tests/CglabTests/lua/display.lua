-- display, inspect and help: what the REPL shows.
local T = require "cglab.testing"

T.case("tables print with sorted keys, sequence first", function()
  T.equal(inspect({3, 1, b = 2, a = {x = 1}, [10] = "ten"}), '{3, 1, [10] = "ten", a = {x = 1}, b = 2}')
  T.equal(inspect({}), "{}")
  T.equal(inspect({["not an id"] = 1, ["end"] = 2}), '{["end"] = 2, ["not an id"] = 1}')
  T.equal(inspect("a\nb"), '"a\\nb"')
end)

T.case("cycles are marked and depth is limited", function()
  local t = {name = "t"}
  t.self = t
  T.equal(inspect(t), '{name = "t", self = <cycle>}')
  local shared = {1}
  T.equal(inspect({shared, shared}), "{{1}, {1}}", "a shared table is not a cycle")
  T.equal(inspect({{{{{1}}}}}, {depth = 2}), "{{{...}}}")
end)

T.case("long tables break into lines and long lists are cut", function()
  local long = {}
  for i = 1, 40 do long["key" .. i] = i end
  local text = inspect(long, {width = 40})
  T.truthy(text:find("\n  key1 = 1,\n"), text)
  local many = {}
  for i = 1, 100 do many[i] = i end
  T.truthy(inspect(many, {items = 5}):find("%.%.%. %(95 more%)"))
end)

T.case("colour codes only when asked", function()
  T.truthy(not inspect({1}):find("\27"))
  T.truthy(inspect({1}, {color = true}):find("\27%[36m1\27%[0m"))
end)

T.case("display prints through display.output and uses __tostring and registered formatters", function()
  local seen = {}
  local saved = display.output
  display.output = function(text) seen[#seen + 1] = text end
  display("raw string", 42, linalg.zeros(1, 2))
  local thing = setmetatable({}, {__name = "test.Thing"})
  display.register("test.Thing", function() return "<a thing>" end)
  display(thing)
  display.output = saved
  T.equal(seen[1], "raw string")
  T.equal(seen[2], "42")
  T.truthy(seen[3]:find("^1x2 matrix"))
  T.equal(seen[4], "<a thing>")
end)

T.case("display.summary describes values for :whos", function()
  T.equal({display.summary({1, 2})}, {"table", "2 entries"})
  T.equal({display.summary(linalg.zeros(10, 10))}, {"linalg.Matrix", "10x10, 800 B"})
end)

T.case("help finds native docstrings and attached ones", function()
  T.truthy(help.text(linalg.solve):find("^linalg%.solve%(A, B%)"))
  T.truthy(help.text(linalg):find("Functions:"))
  T.truthy(help.text(linalg.zeros(1)):find("linalg.Matrix methods:"))
  T.truthy(help.text(linalg.zeros(1)):find(":svd"))
  local function mine() end
  T.truthy(help.text(mine):find("no docstring"))
  help.set(mine, "mine() -> nil\n\nDoes nothing.")
  T.equal(help.text(mine), "mine() -> nil\n\nDoes nothing.")
  T.truthy(help.text():find("linalg"))
end)

T.case("the repl helpers compile expressions and split command lines", function()
  local repl = require "cglab.repl"
  local chunk, is_expression = repl.compile("1 + 1")
  T.equal({chunk(), is_expression}, {2, true})
  T.equal(select(2, repl.compile("x = 1")), false)
  T.equal(repl.split([[run "a b" c 'd']]), {"run", "a b", "c", "d"})
  T.raises("unterminated quote", repl.split, [[a "b]])
end)

T.finish()
