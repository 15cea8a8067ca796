-- stz from Lua: the elastic limit against the analytic answer, set B against the reference
-- solver's golden output, user coarse-graining maps, callbacks, writers and errors.
local T = require "cglab.testing"

T.case("a cold glass stays elastic: tau = mu gamma", function()
  local run = stz.run{preset = "B", chi = linalg.fill(32, 32, 1e-3), frames = 20, final_strain = 0.1}
  local gamma, tau = run:stress_strain()
  T.near(tau, gamma * 20, 1e-9, "shear modulus 20 GPa")
  T.near(run:field("Exy", 20), linalg.fill(32, 32, 0.05), 1e-12, "homogeneous Exy = gamma / 2")
end)

T.case("parameters, the reference map and chi_inf", function()
  local B = stz.preset("B")
  T.equal(B.beta, 8.27674103)
  T.equal(B.s_y, 1.00556564)
  local U = linalg.fill(2, 2, -3.36)
  T.near(stz.reference_map(U, B.beta, B.u0), (U - B.u0) * B.beta * 1.0000012676, 1e-9)
  local final = linalg.read_md(T.shared("data/CuZr_Ref/pe.MD.100"))
  T.near(stz.chi_inf(final, B.beta, B.u0), 2806.9732907749035, 1e-9, "the golden README's chi_inf")
end)

T.case("set B matches the reference solver", function()
  local energy = linalg.read_md(T.shared("data/CuZr_Ref/pe.MD.0"))
  local golden = T.shared("golden/stz-setB/sct_q.out")
  local run = stz.run{preset = "B", energy = energy, fields = {"tem", "Exy", "tau"}}
  T.equal(run:frames(), 101)
  local worst = 0
  for _, k in ipairs{10, 33, 60, 100} do
    local tem = linalg.read_gnuplot(golden .. "/tem." .. k)
    worst = math.max(worst, (run:field("tem", k) - tem):abs():max())
  end
  T.truthy(worst < 20, "tem within 20 K of the reference, got " .. worst)
  local tau100 = linalg.read_gnuplot(golden .. "/tau.100")
  T.near(run:mean_tau()(101), tau100:mean(), 1e-3, "mean tau at gamma = 0.5")
  local ours = select(2, run:field("Exy", 100):mean(2):argmax())
  local theirs = select(2, linalg.read_gnuplot(golden .. "/Exy.100"):mean(2):argmax())
  T.equal(ours, theirs, "the shear band in the same row")
end)

T.case("a coarse-graining map written in Lua", function()
  local energy = linalg.fill(32, 32, -3.36)
  local seen
  local run = stz.run{preset = "B", energy = energy, frames = 2, fields = {"chi"},
    map = function(U) seen = U:get(1, 1); return (U + 3.5) * 0.5 end}
  T.equal(seen, -3.36)
  T.near(run:field("chi", 0), linalg.fill(32, 32, 0.07), 1e-12)
end)

T.case("on_frame sees each frame and can stop the run", function()
  local frames = {}
  local run = stz.run{preset = "B", chi = linalg.fill(32, 32, 0.05), fields = {"tau"},
    on_frame = function(f)
      frames[#frames + 1] = f.frame
      T.truthy(linalg.is_matrix(f.fields.tau))
      if f.frame == 3 then return false end
    end}
  T.equal(frames, {0, 1, 2, 3})
  T.truthy(run:stopped_early())
  T.raises("boom", stz.run, {preset = "B", chi = linalg.fill(32, 32, 0.05), on_frame = function() error("boom") end})
end)

T.case("writers: Gnuplot files the reference layout readers read", function()
  local folder = os.tmpname()
  os.remove(folder)
  local run = stz.run{preset = "B", chi = linalg.fill(32, 32, 0.05), frames = 2, fields = {"tau"}}
  run:write_gnuplot(folder)
  local tau, x = linalg.read_gnuplot(folder .. "/tau.2")
  T.near(tau, run:field("tau", 2), 1e-6, "float32 files")
  T.near(x(1), 6.25, 1e-12, "cell centres")
  run:write_npz(folder .. "/run.npz")
  T.truthy(io.open(folder .. "/run.npz") ~= nil)
  os.execute("rm -rf " .. folder)
end)

T.case("bad input is a clear error", function()
  T.raises("option 'u0': missing", stz.run, {beta = 8, energy = linalg.zeros(32, 32)})
  T.raises("invalid parameter s_y = -1", stz.run, {preset = "B", chi = linalg.fill(32, 32, 0.05), s_y = -1})
  T.raises("nan at row 2, column 3 (must be finite and > 0)", stz.run,
    {preset = "B", chi = linalg.fill(32, 32, 0.05):set(2, 3, 0 / 0)})
  T.raises("give exactly one of energy", stz.run, {preset = "B"})
  T.raises("unknown preset 'C'", stz.run, {preset = "C", chi = linalg.ones(32, 32)})
  T.raises("unknown option 'beat'", stz.run, {preset = "B", beat = 1})
  T.raises("the map returned a number", stz.run, {preset = "B", energy = linalg.zeros(32, 32), map = function() return 1 end})
  local run = stz.run{preset = "B", chi = linalg.fill(32, 32, 0.05), frames = 1, fields = {"tau"}}
  T.raises("unknown field 'Sxy'", run.field, run, "Sxy", 0)
  T.raises("frame 7 out of range 0..1", run.field, run, "tau", 7)
end)

T.finish()
