-- readme_figure.lua: the figure in the README, made by cglab from the CuZr MD shear-strain data.
--
--   cglab scripts/readme_figure.lua [output.png] [data folder]
--
-- Defaults: docs/figure.png, and ../shared/data/CuZr_Ref (the data beside the checkout). Left:
-- the strain field at global strain 0.5, with the shear band; right: the strain profile across
-- the band as it forms, frame by frame.

local output = arg[1] or "docs/figure.png"
local data = arg[2] or "../shared/data/CuZr_Ref"
if not io.open(data .. "/Exy.MD.100") then
  error("the CuZr MD data is not in " .. data .. "; pass its folder as the second argument", 0)
end

local function field(frame) return (linalg.read_md(data .. "/Exy.MD." .. frame)) end

local fig = plot.grid(1, 2, {title = "Shear localisation in a CuZr metallic glass (MD, coarse-grained)",
                             width = 1100, height = 460})
fig:heatmap(field(100), {x = {0, 400}, y = {0, 400}, aspect = "equal", label = "shear strain"})
  :title("E_xy at global strain 0.5"):xlabel("x [Å]"):ylabel("y [Å]")

fig:panel(1, 2):title("Strain across the band, frame by frame"):xlabel("y [Å]"):ylabel("shear strain, mean along x")
local y = (linalg.linspace(1, 32, 32) - 0.5) * (400 / 32)
for _, frame in ipairs{10, 20, 22, 30, 50, 100} do
  fig:line(y, field(frame):mean(2), {label = string.format("strain %.2f", 0.005 * frame)})
end
fig:legend("top left")

fig:save(output)
print("wrote " .. output)
