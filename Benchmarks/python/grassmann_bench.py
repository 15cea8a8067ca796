"""numpy/scipy baselines for the `grassmann` group of cglab-bench.

Usage: grassmann_bench.py FOLDER RANK

FOLDER holds scattered.npy and clustered.npy, the orthonormal bases of the benchmark's points side
by side (n x N*RANK), written by cglab-bench. The script times the same algorithms as cglab's
Grassmann library, step for step (angles from SVDs of the cross products C; the Karcher mean's
medoid from the eigenvalues of C'C, its log maps from the eigendecomposition of C'C below 60
degrees), in two styles:

- loop: one pair or one point at a time, as a numpy user (and UQpy) writes it;
- batched: one product for all cross products and stacked SVDs, numpy at its best.

It prints `name seconds` lines (best of 10 runs after a warm-up) and writes its results
(distances_*.npy, mean_*.npy) to FOLDER so that cglab-bench can check they agree.
"""
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import bench_venv  # noqa: E402

bench_venv.ensure(["numpy", "scipy"], ["numpy", "scipy"])

import numpy as np  # noqa: E402
from scipy.linalg import svdvals  # noqa: E402

SINE_BOUNDARY = np.sqrt(0.5)  # cos(pi/4): angles below pi/4 come from their sines


def angles(a, b):
    """Principal angles (ascending) between the orthonormal bases a and b (equal ranks)."""
    cross = a.T @ b
    cosines = svdvals(cross, check_finite=False)
    theta = np.arccos(np.minimum(cosines, 1))
    if cosines[0] >= SINE_BOUNDARY:
        sines = svdvals(b - a @ cross, check_finite=False)[::-1]
        small = cosines >= SINE_BOUNDARY
        theta[small] = np.arcsin(np.minimum(sines[small], 1))
    return theta


def distances_loop(points):
    n = len(points)
    d = np.zeros((n, n))
    for i in range(n):
        for j in range(i + 1, n):
            d[i, j] = d[j, i] = np.sqrt(np.sum(angles(points[i], points[j]) ** 2))
    return d


def distances_batched(points):
    n, p = len(points), points[0].shape[1]
    stacked = np.hstack(points)
    gram = (stacked.T @ stacked).reshape(n, p, n, p).transpose(0, 2, 1, 3)
    upper = np.triu_indices(n, 1)
    cosines = np.linalg.svd(gram[upper], compute_uv=False)
    theta = np.arccos(np.minimum(cosines, 1))
    for k in np.nonzero(cosines[:, 0] >= SINE_BOUNDARY)[0]:
        theta[k] = angles(points[upper[0][k]], points[upper[1][k]])
    d = np.zeros((n, n))
    d[upper] = np.sqrt(np.sum(theta ** 2, axis=1))
    return d + d.T


SMALLEST_SQUARED_COSINE_WITHOUT_SVD = 0.25  # cos^2(60 degrees), as cglab's logFactors


def phi(squared_cosines):
    """f / c = theta / (sin theta cos theta) as a function of c^2 (c^2 >= 1/4)."""
    sines = np.sqrt(np.maximum(1 - squared_cosines, 0))
    cosines = np.sqrt(squared_cosines)
    safe = np.where(sines > 0, sines, 1)
    return np.where(sines > 0, np.arctan2(sines, cosines) / safe, 1.0) / cosines


def svd_log_factors(cross):
    """K and L from the SVD y'x = R diag(c) Q'."""
    r, c, qt = np.linalg.svd(cross)
    cc = np.minimum(c, 1)
    sines = np.sqrt((1 - cc) * (1 + cc))
    f = np.where(sines > 0, np.arctan2(sines, cc) / np.where(sines > 0, sines, 1), 1.0)
    return (qt.T * f) @ r.T, (r * (c * f)) @ r.T


def log_factors(cross):
    """K and L with log_y(x) = x K - y L, as cglab computes them: below 60 degrees from the
    eigendecomposition of S = C'C (K = phi(S) C', L = C K), otherwise from the SVD of C."""
    w, v = np.linalg.eigh(cross.T @ cross)
    if w[0] < SMALLEST_SQUARED_COSINE_WITHOUT_SVD:
        return svd_log_factors(cross)
    k = ((v * phi(w)) @ v.T) @ cross.T
    return k, cross @ k


def log_factors_batched(crosses):
    w, v = np.linalg.eigh(crosses.transpose(0, 2, 1) @ crosses)
    near = w[:, 0] >= SMALLEST_SQUARED_COSINE_WITHOUT_SVD
    k = np.empty_like(crosses)
    l = np.empty_like(crosses)
    vn, cn = v[near], crosses[near]
    k[near] = ((vn * phi(w[near])[:, None, :]) @ vn.transpose(0, 2, 1)) @ cn.transpose(0, 2, 1)
    l[near] = cn @ k[near]
    for i in np.nonzero(~near)[0]:
        k[i], l[i] = svd_log_factors(crosses[i])
    return k, l


def horizontal_mean(y, total, count):
    return (total - y @ (y.T @ total)) / count


def mean_log_loop(y, points):
    total = np.zeros_like(y)
    for x in points:
        k, l = log_factors(y.T @ x)
        total += x @ k - y @ l
    return horizontal_mean(y, total, len(points))


def mean_log_batched(y, stacked, count):
    p = y.shape[1]
    k, l = log_factors_batched((y.T @ stacked).reshape(p, count, p).transpose(1, 0, 2))
    return horizontal_mean(y, stacked @ k.reshape(count * p, p) - y @ l.sum(axis=0), count)


def exp_map(y, d):
    u, s, vt = np.linalg.svd(d, full_matrices=False)
    return ((y @ vt.T) * np.cos(s) + u * np.sin(s)) @ vt


def squared_angles(squared_cosines):
    """Sum of theta^2 from the squared cosines (eigenvalues of C'C), as cglab's medoid."""
    theta = np.arctan2(np.sqrt(np.maximum(1 - squared_cosines, 0)), np.sqrt(np.maximum(squared_cosines, 0)))
    return np.sum(theta ** 2, axis=-1)


def medoid_loop(points):
    """The point of least sum of squared geodesic distances, angles from squared cosines."""
    n = len(points)
    squares = np.zeros((n, n))
    for i in range(n):
        for j in range(i + 1, n):
            cross = points[i].T @ points[j]
            squares[i, j] = squares[j, i] = squared_angles(np.linalg.eigvalsh(cross.T @ cross))
    return int(np.argmin(squares.sum(axis=0)))


def medoid_batched(points):
    n, p = len(points), points[0].shape[1]
    stacked = np.hstack(points)
    gram = (stacked.T @ stacked).reshape(n, p, n, p).transpose(0, 2, 1, 3)
    upper = np.triu_indices(n, 1)
    crosses = gram[upper]
    squares = np.zeros((n, n))
    squares[upper] = squared_angles(np.linalg.eigvalsh(crosses.transpose(0, 2, 1) @ crosses))
    return int(np.argmin((squares + squares.T).sum(axis=0)))


def karcher(points, medoid, mean_log, tolerance=1e-10, iterations=1000):
    """Gradient descent with step 1 from the medoid, as cglab's KarcherMean()."""
    y = points[medoid(points)]
    for _ in range(iterations + 1):
        gradient = mean_log(y)
        if np.linalg.norm(gradient) <= tolerance:
            break
        y = exp_map(y, gradient)
    return y


def karcher_loop(points):
    return karcher(points, medoid_loop, lambda y: mean_log_loop(y, points))


def karcher_batched(points):
    stacked = np.hstack(points)
    return karcher(points, medoid_batched, lambda y: mean_log_batched(y, stacked, len(points)))


def best_time(function, argument, repeats=10):
    result = function(argument)
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        function(argument)
        best = min(best, time.perf_counter() - start)
    return best, result


def load(folder, name, rank):
    bases = np.load(os.path.join(folder, name + ".npy"))
    n = bases.shape[1] // rank
    return [np.ascontiguousarray(bases[:, k * rank:(k + 1) * rank]) for k in range(n)]


def main():
    folder, rank = sys.argv[1], int(sys.argv[2])
    scattered, clustered = load(folder, "scattered", rank), load(folder, "clustered", rank)
    for variant, distances, mean in [("loop", distances_loop, karcher_loop), ("batched", distances_batched, karcher_batched)]:
        seconds, d = best_time(distances, scattered)
        print("distance_%s %.6g" % (variant, seconds), flush=True)
        np.save(os.path.join(folder, "distances_%s.npy" % variant), d)
        seconds, m = best_time(mean, clustered)
        print("karcher_%s %.6g" % (variant, seconds), flush=True)
        np.save(os.path.join(folder, "mean_%s.npy" % variant), m)


if __name__ == "__main__":
    main()
