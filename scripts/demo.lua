-- demo.lua: a short tour of cglab on a strain-like field, run by `make demo`.
--
-- Builds a 32x32 field with one horizontal shear band plus seeded noise (like the coarse-grained
-- MD strain fields this workbench calibrates against), looks at its singular spectrum, recovers
-- the band profile by least squares, and saves the results for numpy.
--
--   cglab scripts/demo.lua [output-folder]

local out = arg and arg[1] or "runs/demo"
os.execute("mkdir -p " .. out)

local n = 32
local rng = linalg.rng(2021)
local y = linalg.linspace(0, 1, n)
-- A Gaussian band at y = 0.6 (rows are y), uniform along x, plus 1 % noise.
local profile = (((y - 0.6) / 0.05) ^ 2 * -0.5):exp()
local field = profile * linalg.ones(1, n) * 1.4 + 0.05 + rng:randn(n, n) * 0.014

print(string.format("field: %dx%d, mean strain %.4f, max %.4f", n, n, field:mean(), field:max()))

local U, s, V = field:svd()
local energy = s:pow(2)
local captured = 0
print("leading singular values and captured energy:")
for k = 1, 5 do
  captured = captured + energy(k) / energy:sum()
  print(string.format("  sigma_%d = %8.4f   energy %.5f", k, s(k), captured))
end

-- Fit the band: strain(y) ~ a + b exp(-(y - 0.6)^2 / (2 * 0.05^2)), from the row means.
local design = linalg.hcat(linalg.ones(n, 1), profile)
local coefficients = linalg.lstsq(design, field:mean(2))
print(string.format("band fit: background %.4f (true 0.05), amplitude %.4f (true 1.4)",
  coefficients(1), coefficients(2)))

linalg.save(out .. "/demo.npz", {field = field, singular_values = s, band_fit = coefficients})
print("saved " .. out .. "/demo.npz (numpy.load reads it)")
