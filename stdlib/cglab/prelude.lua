--- cglab.prelude: run once when a cglab state starts. Defines the globals `display`, `help`
-- and `inspect`, shared by the REPL, scripts and notebooks.

display = require "cglab.display"
help = require "cglab.help"
inspect = require("cglab.pretty").format

help.set(inspect, [[inspect(value [, options]) -> string

The readable rendering of value that display prints: sorted keys, nested tables to a depth
limit, cycles marked. options: depth, items, width, color.]])

help.set(display, [[display(value, ...)

Prints each value readably; the REPL shows results through it. Extend it for a type with
display.register(name, function(value, options) return text end).]])

if optim then
  optim.ego = require "optim.ego"
  help.set(optim.ego, [[optim.ego{objective = f, bounds = {{lo, hi}, ...}, budget = n, ...} -> result

Efficient global optimisation in Lua (stdlib/optim/ego.lua, where every option is described): a
Latin hypercube design, then a Gaussian process fitted to all evaluations and the acquisition
maximised over a Sobol set refined by L-BFGS-B, one point (or a batch) per iteration; failed
evaluations, a run directory with resume, and a progress line on a terminal.]])
end
