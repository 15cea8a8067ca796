--- calib.data: the MD reference data of a calibration, read from a folder laid out like
-- CuZr_Ref (pe.MD.N, Exy.MD.N for N = 0..100, stress_rand2_matlab.txt).
--
--   local data = require("calib.data").load(folder)
--   data.energy0, data.energy_final   -- pe.MD.0 and pe.MD.100 (eV), rows = y
--   data.strain(k)                    -- Exy.MD.k (engineering shear strain), cached
--   data.stress                       -- MD shear stress in GPa (501 rows on data.stress_gamma)

local data = {}

--- The strain of frame k of an MD run: frames are spaced by 0.005 up to 0.5 (101 frames).
data.frame_strain = 0.005

local function exists(path)
  local file = io.open(path, "rb")
  if file then file:close() end
  return file ~= nil
end

--- Reads the MD stress curve: tau = -p_xy / 1e4 in GPa (column 7, bar), on linspace(0, 0.5, rows).
function data.read_stress(path)
  local table_ = linalg.load(path, { delimiter = "\t", header = false })
  local rows, cols = table_:shape()
  if cols < 7 then error(string.format("calib.data: %s has %d columns, expected 7 (LAMMPS thermo)", path, cols), 2) end
  return -table_:col(7) / 1e4, linalg.linspace(0, 0.5, rows)
end

--- The reference data in `folder`. Every file is checked to exist before anything is read,
--- and a missing one is an error naming it.
function data.load(folder, options)
  options = options or {}
  local final_frame = options.final_frame or 100
  local required = { "pe.MD.0", "pe.MD." .. final_frame, "stress_rand2_matlab.txt", "Exy.MD." .. final_frame }
  for _, name in ipairs(required) do
    if not exists(folder .. "/" .. name) then
      error(string.format("calib.data: %s/%s is missing (expected a folder laid out like CuZr_Ref)", folder, name), 2)
    end
  end
  local result = { folder = folder }
  result.energy0 = linalg.read_md(folder .. "/pe.MD.0")
  result.energy_final = linalg.read_md(folder .. "/pe.MD." .. final_frame)
  result.stress, result.stress_gamma = data.read_stress(folder .. "/stress_rand2_matlab.txt")
  local strains = {}
  function result.strain(k)
    if not strains[k] then
      local path = string.format("%s/Exy.MD.%d", folder, k)
      if not exists(path) then error("calib.data: " .. path .. " is missing", 2) end
      strains[k] = linalg.read_md(path)
    end
    return strains[k]
  end
  return result
end

return data
