"""scikit-learn's GaussianProcessRegressor on the data cglab-bench writes, for the `gp` group.

Usage: gp_bench.py DIR, where DIR holds x.npy (500 x 4), y.npy (500) and test.npy (100000 x 4).
The kernel is the one cglab fits: ConstantKernel(1) * Matern(nu=2.5, ARD length scales 1)
+ WhiteKernel(1e-3), all bounds (1e-5, 1e5), normalize_y=True, alpha=1e-10, 10 restarts with
random_state=0. Prints one JSON object: fit and predict times (s), log marginal likelihood, kernel.
"""
import json
import sys
import time

import numpy as np
from sklearn.gaussian_process import GaussianProcessRegressor
from sklearn.gaussian_process.kernels import ConstantKernel, Matern, WhiteKernel

folder = sys.argv[1]
x = np.load(f"{folder}/x.npy")
y = np.load(f"{folder}/y.npy").ravel()
test = np.load(f"{folder}/test.npy")

kernel = ConstantKernel(1.0, (1e-5, 1e5)) * Matern(np.ones(x.shape[1]), (1e-5, 1e5), nu=2.5) \
    + WhiteKernel(1e-3, (1e-5, 1e5))
gp = GaussianProcessRegressor(kernel, alpha=1e-10, normalize_y=True, n_restarts_optimizer=10, random_state=0)
start = time.perf_counter()
gp.fit(x, y)
fit = time.perf_counter() - start
start = time.perf_counter()
mean, std = gp.predict(test, return_std=True)
predict = time.perf_counter() - start
print(json.dumps({"fit": fit, "predict": predict, "lml": float(gp.log_marginal_likelihood_value_),
                  "kernel": str(gp.kernel_), "mean0": float(mean[0]), "std0": float(std[0])}))
