import Foundation
import Linalg
import Surrogate

/// Gaussian-process fitting and prediction against scikit-learn on the same data in the same run:
/// n = 500 points in d = 4, kernel C * Matern-5/2(ARD) + White, normalised targets, 10 restarts
/// (seed 0 on both sides, so both draw the same restart points), then mean and standard deviation
/// at 10^5 points.
let gpBenchmarks = BenchmarkGroup(name: "gp") {
    var rng = RandomGenerator(seed: 42)
    let n = 500, d = 4, m = 100_000
    let x = Matrix.random(rows: n, cols: d, using: &rng)
    let y = (0..<n).map { i in
        Foundation.sin(6 * x[i, 0]) + x[i, 1] * x[i, 2] - 0.5 * x[i, 3] * x[i, 3] + 0.05 * rng.standardNormal()
    }
    let test = Matrix.random(rows: m, cols: d, using: &rng)
    let kernel = try Kernel.constant(1) * .matern(.fiveHalves, lengthScale: [1, 1, 1, 1]) + .white(noiseLevel: 1e-3)
    var options = GaussianProcessOptions()
    options.normalizeTargets = true
    options.restarts = 10
    options.seed = 0

    var start = now()
    let gp = try GaussianProcess.fit(inputs: x, targets: y, kernel: kernel, options: options)
    let fit = now() - start
    start = now()
    let prediction = try gp.predict(test)
    let predict = now() - start
    print("  cglab kernel: \(gp.kernel)")

    if let reason = PythonBaseline.unavailable {
        print(String(format: "  GP fit (n = 500, d = 4, 10 restarts)  %@   log marginal likelihood %.4f",
                     format(fit) as NSString, gp.logMarginalLikelihood))
        print("  GP predict (10^5 points, mean + std)  \(format(predict))")
        print("  scikit-learn baseline skipped: \(reason)")
        return
    }
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cglab-gp-bench-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    try NPY.write(x, to: folder.appendingPathComponent("x.npy").path)
    try NPY.write(Matrix(column: y), to: folder.appendingPathComponent("y.npy").path, oneDimensional: true)
    try NPY.write(test, to: folder.appendingPathComponent("test.npy").path)
    let sklearn = try PythonBaseline.json("gp_bench.py", [folder.path])
    guard let sklearnFit = sklearn["fit"] as? Double, let sklearnPredict = sklearn["predict"] as? Double,
          let sklearnLML = sklearn["lml"] as? Double, let mean0 = sklearn["mean0"] as? Double
    else { throw PythonBaseline.Failure(description: "gp_bench.py: unexpected output \(sklearn)") }
    print("  scikit-learn kernel: \(sklearn["kernel"] ?? "?")")
    report("GP fit (n = 500, d = 4, 10 restarts)", seconds: fit, baseline: sklearnFit, baselineLabel: "scikit-learn", target: 3)
    report("GP predict (10^5 points, mean + std)", seconds: predict, baseline: sklearnPredict, baselineLabel: "scikit-learn",
           target: 3)
    print(String(format: "  log marginal likelihood: cglab %.4f, scikit-learn %.4f (%@)", gp.logMarginalLikelihood, sklearnLML,
                 (gp.logMarginalLikelihood >= sklearnLML - 1e-6 ? "at least as high" : "LOWER") as NSString))
    print(String(format: "  first test point: mean %.6f (scikit-learn %.6f)", prediction.mean[0], mean0))
}
