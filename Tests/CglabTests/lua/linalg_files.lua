-- linalg files: round trips, numpy as an independent reader and writer, the real MD data and
-- the golden Gnuplot output of the reference solver.
local T = require "cglab.testing"
local M = linalg.matrix

local folder = os.tmpname()
os.remove(folder)
assert(os.execute("mkdir -p " .. folder))
local function path(name) return folder .. "/" .. name end

local function has_numpy()
  return os.execute("python3 -c 'import numpy' 2>/dev/null") == true
end

T.case("npy, npz and csv round trips", function()
  local A = linalg.rand(4, 3, 1)
  linalg.save(path("a.npy"), A)
  T.equal(linalg.load(path("a.npy")), A)
  linalg.save(path("b.npz"), {first = A, second = M{1, 2, 3}})
  local arrays = linalg.load(path("b.npz"))
  T.equal(arrays.first, A)
  T.equal(arrays.second:totable(), {1, 2, 3})
  linalg.save(path("c.npz"), {z = A}, {compressed = true})
  T.equal(linalg.load(path("c.npz")).z, A)
  linalg.save(path("d.csv"), M{{1, 2.5}, {3, -4}}, {header = {"x", "y"}})
  local table_, header = linalg.load(path("d.csv"))
  T.equal(table_:totable(), {{1, 2.5}, {3, -4}})
  T.equal(header, {"x", "y"})
  linalg.write_md(path("field.MD"), M{{1, 2}, {3, 4}}, 0, 1)
  local field, base, range = linalg.read_md(path("field.MD"))
  T.equal(field:totable(), {{1, 2}, {3, 4}})
  T.equal({base, range}, {0, 1})
  linalg.write_gnuplot(path("g.bin"), M{{0.5, 1.5}, {2.5, 3.5}}, M{0, 1}, M{10, 20})
  local g, x, y = linalg.read_gnuplot(path("g.bin"))
  T.equal(g:totable(), {{0.5, 1.5}, {2.5, 3.5}})
  T.equal(y:totable(), {10, 20})
end)

T.case("numpy reads what cglab writes and the other way round", function()
  if not has_numpy() then T.skip("python3 with numpy is not installed") end
  local A = M{{1, 2, 3}, {4, 5, 6}}
  linalg.save(path("for_numpy.npy"), A)
  local script = path("check.py")
  local file = assert(io.open(script, "w"))
  file:write(string.format([==[
import numpy as np
a = np.load(%q)
assert a.shape == (2, 3) and (a == [[1, 2, 3], [4, 5, 6]]).all(), a
np.savez_compressed(%q, m=np.arange(6.0).reshape(2, 3), v=np.array([1.5, 2.5]))
]==], path("for_numpy.npy"), path("from_numpy.npz")))
  file:close()
  T.truthy(os.execute("python3 " .. script), "numpy rejected the file")
  local arrays = linalg.load(path("from_numpy.npz"))
  T.equal(arrays.m:totable(), {{0, 1, 2}, {3, 4, 5}}, "row-major numpy data keeps its rows")
  T.equal(arrays.v:totable(), {1.5, 2.5})
end)

T.case("malformed files are clear errors", function()
  local file = assert(io.open(path("bad.npy"), "wb"))
  file:write("not numpy at all")
  file:close()
  T.raises("bad.npy", linalg.load, path("bad.npy"))
  file = assert(io.open(path("bad.csv"), "w"))
  file:write("1,2\n3,oops\n")
  file:close()
  T.raises("'oops' is not a number", linalg.load, path("bad.csv"))
  T.raises("cannot read", linalg.load, path("missing.npy"))
  T.raises("cannot tell the format", linalg.load, path("data.xyz"))
end)

T.case("the real CuZr fields", function()
  local pe = linalg.read_md(T.shared("data/CuZr_Ref/pe.MD.0"))
  T.equal({pe:shape()}, {32, 32})
  T.near(pe:min(), -3.360617, 5e-7)
  T.near(pe:max(), -3.358562, 5e-7)
  local exy = linalg.read_md(T.shared("data/CuZr_Ref/Exy.MD.100"))
  T.near(exy:mean(), 0.500019, 5e-7)
  local rows = exy:mean(2)
  T.truthy(rows:max() > 1.4 and rows:min() < 0.06, "one horizontal shear band: row means span 0.053 to 1.455")
end)

T.case("the golden Gnuplot output of the reference solver", function()
  local tau, x, y = linalg.read_gnuplot(T.shared("golden/stz-setB/sct_q.out/tau.100"))
  T.equal({tau:shape()}, {32, 32})
  T.near(x(1), 6.25, 1e-6, "cell centres at (i + 1/2) 12.5 A")
  local summary = assert(io.open(T.shared("golden/stz-setB/summary.csv")))
  local last
  for line in summary:lines() do last = line end
  summary:close()
  local mean_tau = tonumber(last:match("^[^,]*,[^,]*,([^,]*)"))
  T.near(tau:mean(), mean_tau, 1e-6, "mean tau at frame 100 as in summary.csv")
end)

os.execute("rm -rf " .. folder)
T.finish()
