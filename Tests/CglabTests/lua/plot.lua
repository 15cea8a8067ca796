-- plot: figures built from Lua, written as files, and the errors that name the function and
-- argument. (Pixels are checked by the Swift tests of the Plot library.)
local T = require "cglab.testing"

local function temporary(extension)
  local path = os.tmpname()
  os.remove(path)
  return path .. extension
end

local function read(path)
  local file = assert(io.open(path, "rb"))
  local data = file:read("a")
  file:close()
  os.remove(path)
  return data
end

local function needs_gnuplot()
  if not io.open("/usr/bin/gnuplot") and not os.getenv("CI") then
    local found = false
    for folder in (os.getenv("PATH") or ""):gmatch("[^:]+") do
      if io.open(folder .. "/gnuplot") then found = true end
    end
    if not found then T.skip("gnuplot is not installed") end
  end
end

T.case("figures chain their methods and summarise themselves", function()
  local x = linalg.linspace(0, 1, 11)
  local fig = plot.figure{title = "t", width = 640, height = 480}
  T.equal(fig:line(x, x:pow(2), {label = "a"}):scatter(x, {{1}, {2}, {3}, {4}, {5}, {6}, {7}, {8}, {9}, {10}, {11}}), fig)
  T.equal(fig:xlabel("x"):ylabel("y"):title("panel"):log("y"):legend("outside"):xrange(0, 1):yrange(), fig)
  T.equal(tostring(fig), 'plot.Figure 640x480 "t": 1 line, 1 scatter series')
  T.equal({display.summary(fig)}, {"plot.Figure", '640x480 "t": 1 line, 1 scatter series'})
  T.truthy(plot.is_figure(fig) and not plot.is_figure({}))
  local grid = plot.grid(2, 2, {title = "g"}):panel(2, 1):heatmap(linalg.eye(3)):panel(1, 2):line({1, 2}, {3, 4})
  T.equal(tostring(grid), 'plot.Figure 800x600, 2x2 panels "g": 1 line, 1 heatmap (3x3)')
end)

T.case("a matrix y gives one series per column; x defaults to 1, 2, 3", function()
  T.equal(tostring(plot.line(linalg.rand(5, 3, 1))), "plot.Figure 800x600: 3 lines")
  T.equal(tostring(plot.scatter({3, 1, 2}, {size = {300, 200}})), "plot.Figure 300x200: 1 scatter series")
  T.equal(tostring(plot.line({1, 2, 3}, linalg.rand(3, 2, 1), {label = {"a", "b"}, color = {"red", "#00ff00"}})),
    "plot.Figure 800x600: 2 lines")
  T.equal(tostring(plot.heatmap(linalg.ones(2, 3), {x = {0, 3}, title = "h"})), 'plot.Figure 800x600 "h": 1 heatmap (2x3)')
end)

T.case("files in every format", function()
  needs_gnuplot()
  local fig = plot.line({1, 2, 3}, {1, 0 / 0, 9}, {title = "with a NaN", size = {320, 240}, log = "y"})
  local path = temporary(".png")
  T.equal(fig:save(path), fig)
  local png = read(path)
  T.equal(png:sub(1, 8), "\137PNG\r\n\26\n", "the PNG signature")
  T.equal({string.unpack(">I4c4I4I4", png, 9)}, {13, "IHDR", 320, 240, 25}, "IHDR with the figure's size")
end)

T.case("svg, pdf and text files", function()
  needs_gnuplot()
  local fig = plot.scatter({1, 2, 3}, {3, 1, 2}, {title = "three points"})
  local svg, pdf, txt = temporary(".svg"), temporary(".pdf"), temporary(".txt")
  fig:save(svg):save(pdf):save(txt)
  T.truthy(read(svg):find("^<%?xml.*<svg"), "an SVG document")
  T.equal(read(pdf):sub(1, 5), "%PDF-")
  T.truthy(read(txt):find("three points", 1, true))
end)

T.case("show draws text art, or hands the figure to plot.on_show", function()
  needs_gnuplot()
  local fig = plot.line({1, 4, 9}, {title = "squares in text"})
  local saved = plot.terminal
  plot.terminal = "text"
  local text, ok = cglab.capture(fig.show, fig)
  plot.terminal = saved
  T.truthy(ok and text:find("squares in text", 1, true), text)
  local seen
  plot.on_show = function(f) seen = f end
  fig:show()
  plot.on_show = nil
  T.equal(seen, fig)
end)

T.case("bad arguments name the function, the argument and the problem", function()
  local fig = plot.figure()
  local M = linalg.eye(2)
  T.raises("bad argument #2 to 'line' (y has 2 points but x has 3)", function() fig:line({1, 2, 3}, {1, 2}) end)
  T.raises("bad argument #3 to 'line' (unknown option 'colour' (did you mean 'color'?)",
    function() fig:line({1, 2}, {1, 2}, {colour = "red"}) end)
  T.raises("option 'marker': unknown marker 'hexagon'", function() fig:scatter({1}, {marker = "hexagon"}) end)
  T.raises("option 'width': must be a positive number", function() fig:line({1}, {width = -1}) end)
  T.raises("option 'color': colour 'nope' is not a colour", function() fig:line({1}, {color = "nope"}) end)
  T.raises("option 'label': a string or a table of 2 strings", function() fig:line(M, {label = {"a"}}) end)
  T.raises("bad argument #1 to 'heatmap' (empty 0x0 matrix)", function() fig:heatmap(linalg.zeros(0, 0)) end)
  T.raises("option 'x': the extent must be finite and increasing", function() fig:heatmap(M, {x = {1, 0}}) end)
  T.raises("option 'y': a table of two numbers {a, b} expected", function() fig:heatmap(M, {y = {1}}) end)
  T.raises("option 'palette': invalid value 'jet'", function() fig:heatmap(M, {palette = "jet"}) end)
  T.raises("bad argument #1 to 'log' (invalid axes 'z'; expected x, y, xy or none)", function() fig:log("z") end)
  T.raises("bad argument #1 to 'legend' (invalid position 'middle'", function() fig:legend("middle") end)
  T.raises("bad argument #2 to 'xrange' (axis range must have lower < upper", function() fig:xrange(2, 1) end)
  T.raises("bad argument #1 to 'panel' (row 3 out of range 1..2)", function() plot.grid(2, 2):panel(3, 1) end)
  T.raises("bad argument #1 to 'save' (cannot tell the image format of 'a.jpg'", function() fig:save("a.jpg") end)
  T.raises("bad argument #1 to 'figure' (figure width must be in 16...16384 pixels, got 0)", plot.figure, {width = 0})
  T.raises("bad argument #1 to 'grid' (must be in 1..20, got 0)", plot.grid, 0, 1)
  T.raises("bad argument #1 to 'line' (figure expected, got table)", fig.line, {}, {1})
  T.raises("option 'size': whole numbers of pixels expected", plot.line, {1}, {size = {1.5, 2}})
  T.raises("bad argument #1 to 'line' (no points to plot (empty 3x0 matrix))", plot.line, linalg.zeros(3, 0), {label = "a"})
end)

T.case("a missing gnuplot and a bad terminal setting are clear errors", function()
  local fig = plot.line({1, 2})
  plot.gnuplot = "/nonexistent/gnuplot"
  local ok, err = pcall(fig.save, fig, temporary(".png"))
  plot.gnuplot = nil
  T.truthy(not ok and err:find("save: gnuplot is not installed (looked at /nonexistent/gnuplot); install the Debian "
    .. "package gnuplot-nox", 1, true), err)
  plot.terminal = "hologram"
  ok, err = pcall(fig.show, fig)
  plot.terminal = "auto"
  T.truthy(not ok and err:find("show: plot.terminal must be one of auto, kitty, sixel, text, got 'hologram'", 1, true), err)
end)

T.finish()
