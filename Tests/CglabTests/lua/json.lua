-- json: text round trips, Python's json module as an independent reader, JSON lines that
-- survive a cut-off last line.
local T = require "cglab.testing"

T.case("encode writes sorted, exact JSON", function()
  T.equal(json.encode({b = 1, a = {true, false, json.null}, c = "q\"\n", d = 2.5, e = 1e-7}),
    '{"a":[true,false,null],"b":1,"c":"q\\"\\n","d":2.5,"e":1e-07}')
  T.equal(json.encode({}), "{}")
  T.equal(json.encode(json.array{}), "[]")
  T.equal(json.encode(0 / 0), "null", "NaN has no JSON form")
  T.equal(json.encode(3.0), "3.0")
  T.equal(json.encode(linalg.matrix{{1, 2}, {3, 4}}), "[[1.0, 2.0], [3.0, 4.0]]")
  T.equal(json.encode({1, 2}, {indent = 2}), "[\n  1,\n  2\n]")
  local t = {}
  t.self = t
  T.raises("a table contains itself", json.encode, t)
  T.raises("cannot encode a function", json.encode, {print})
  T.raises("JSON object keys are strings", json.encode, {[true] = 1})
end)

T.case("decode reads what encode writes, and reports positions", function()
  local value = json.decode('{"x": [1, 2.5, null, "a\\u00e9\\ud83d\\ude00"], "y": {"z": false}, "n": null}')
  T.equal(value.x[1], 1)
  T.equal(math.type(value.x[1]), "integer")
  T.equal(value.x[2], 2.5)
  T.equal(value.x[3], json.null)
  T.equal(value.x[4], "aé😀")
  T.equal(value.y.z, false)
  T.equal(value.n, nil)
  T.equal(json.encode(json.decode("[]")), "[]", "decoded arrays stay arrays")
  T.raises("json:2:3: expected ',' or '}'", json.decode, '{"a": 1\n  "b" 2}')
  T.raises("unexpected content after the value", json.decode, "1 2")
  T.raises("unfinished string", json.decode, '"abc')
end)

T.case("Python reads what cglab writes", function()
  if os.execute("python3 -c 'import json' 2>/dev/null") ~= true then T.skip("python3 is not installed") end
  local path = os.tmpname()
  json.write(path, {values = {1, 2.5, -3e300}, name = "run", ok = true})
  T.truthy(os.execute(string.format(
    [[python3 -c "import json; d = json.load(open('%s')); assert d == {'values': [1, 2.5, -3e300], 'name': 'run', 'ok': True}, d"]],
    path)))
  os.remove(path)
end)

T.case("JSON lines: appended, flushed, a torn last line left out", function()
  local path = os.tmpname()
  os.remove(path)
  json.append(path, {i = 1})
  json.append(path, {i = 2})
  local file = assert(io.open(path, "a"))
  file:write('{"i": 3, "y": 0.')
  file:close()
  local values, complete = json.read_lines(path)
  T.equal(#values, 2)
  T.equal(values[2].i, 2)
  T.equal(complete, false)
  os.remove(path)
end)

T.finish()
