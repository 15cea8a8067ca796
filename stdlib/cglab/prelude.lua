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
  optim.prox_linear = require "optim.prox_linear"
  help.set(optim.prox_linear, [[optim.prox_linear{objective = f, x0 = {...}, bounds = {{lo, hi}, ...}, budget = n, ...} -> result

Gauss-Newton for misfits that are sums of norms of smooth residuals, y = sum_k w_k ||r_k(x)||
(stdlib/optim/prox_linear.lua, where every option is described): f returns y and its parts
{{norm = "l2" | "l1", weight = w, values = r}, ...}; each iteration linearises the residuals by
forward differences and minimises the convex model plus mu/2 ||s||^2. Quadratic convergence
at a sharp minimum; the local phase of the cglab calibration recipe.]])
end
