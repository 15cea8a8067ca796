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
