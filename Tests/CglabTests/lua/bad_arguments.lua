-- Every native function and method, called with arguments of the wrong types and values,
-- returns or raises a Lua error whose message is a string: never a crash.
local T = require "cglab.testing"
local docs = require "cglab.docs"

local samples = {
  ["linalg.Matrix"] = function() return linalg.matrix{{1, 2}, {3, 4}} end,
  ["linalg.Random"] = function() return linalg.rng(1) end,
  ["grassmann.Point"] = function() return grassmann.point(linalg.eye(3, 1)) end,
  ["grassmann.Interpolation"] = function()
    return grassmann.interpolate({grassmann.point(linalg.eye(3, 1)), grassmann.point(linalg.ones(3, 1) / math.sqrt(3))},
      {0, 1}, {method = "linear"})
  end,
  ["plot.Figure"] = function() return plot.grid(2, 2):line({1, 2}) end,
  ["cglab.Progress"] = function() return cglab.progress(3, {quiet = true}) end,
  ["gp.Kernel"] = function() return gp.kernel.rbf() end,
  ["gp.Model"] = function() return gp.fit(linalg.matrix{{0}, {1}, {2}}, {0, 1, 0}, {optimize = false}) end,
  ["onsager.Model"] = function() return onsager.model{n = 8} end,
  ["onsager.DMD"] = function() return onsager.dmd(onsager.linear(2, 4, {n = 8, max_k = 1}), {rank = 2}) end,
  ["onsager.Reduced"] = function()
    return onsager.reduced_fit(onsager.linear(2, 6, {n = 8, max_k = 1}), {rank = 2, iterations = 2})
  end,
}

local bad = {
  nil, true, "", "/nonexistent/cglab-bad-argument.npy", {}, {{}}, {{1, 2}, {3}}, -1, 0, 2.5, 1e300, 0 / 0,
  math.huge, -math.huge, 2 ^ 40, function() end, io.stdout, linalg.zeros(0, 0), linalg.ones(3, 1),
}
local count = 19 -- the length of bad, nil included

local function native_modules()
  local list = {}
  for name, module in pairs(package.loaded) do
    if type(module) == "table" and docs[module] and not name:find("%.") and name ~= "help" then
      list[#list + 1] = name
    end
  end
  table.sort(list)
  return list
end

local calls = 0
local function try(f, ...)
  calls = calls + 1
  local ok, err = pcall(f, ...)
  if not ok and type(err) ~= "string" then
    error("a non-string error: " .. type(err))
  end
end

local function exercise(f, self)
  local prefix = self and {self} or {}
  local function with(...)
    local args = table.pack(table.unpack(prefix))
    for i = 1, select("#", ...) do args[args.n + i] = select(i, ...) end
    args.n = args.n + select("#", ...)
    try(f, table.unpack(args, 1, args.n))
  end
  with()
  for i = 1, count do
    with(bad[i])
    for j = 1, count, 3 do
      with(bad[i], bad[j])
      with(bad[j], bad[i], bad[(i + j) % count + 1])
    end
  end
end

for _, name in ipairs(native_modules()) do
  T.case("module " .. name, function()
    for key, f in pairs(package.loaded[name]) do
      if type(f) == "function" and key ~= "printoptions" then exercise(f) end
      if type(f) == "table" then -- a table of functions such as gp.kernel
        for _, g in pairs(f) do
          if type(g) == "function" then exercise(g) end
        end
      end
    end
  end)
end

for type_name, make in pairs(samples) do
  T.case("methods of " .. type_name, function()
    local mt = getmetatable(make())
    for method_name, f in pairs(mt.__index) do
      if type(f) == "function" and method_name ~= "show" then
        exercise(f, make())
        exercise(f)
      end
    end
    for meta_name, f in pairs(mt) do
      if type(f) == "function" and meta_name ~= "__gc" and meta_name ~= "__close" then exercise(f, make()) end
    end
  end)
end

T.case("the calls ran", function() T.truthy(calls > 10000, "only " .. calls .. " calls") end)
T.finish()
