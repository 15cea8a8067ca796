-- A sharp minimum at (0.7, -0.4, 1.3) for the optim.prox_linear tests: an l2 part of three
-- nonlinear residuals and an l1 part of two, all vanishing there. y is a cone at the minimum,
-- with kinks where the l1 residuals vanish. Returns the objective f(x) -> y, parts.
local solution = { 0.7, -0.4, 1.3 }
return function(x)
  local a, b, c = x[1] - solution[1], x[2] - solution[2], x[3] - solution[3]
  local smooth = { a + 0.3 * b * b, math.sin(b) + 0.2 * a * c, c + a * b }
  local kinked = { a - 2 * b + 0.1 * c * c, b + c }
  local parts = { { norm = "l2", weight = 0.25, values = smooth }, { norm = "l1", weight = 0.75, values = kinked } }
  local y = 0.25 * math.sqrt(smooth[1] ^ 2 + smooth[2] ^ 2 + smooth[3] ^ 2) + 0.75 * (math.abs(kinked[1]) + math.abs(kinked[2]))
  return y, parts
end
