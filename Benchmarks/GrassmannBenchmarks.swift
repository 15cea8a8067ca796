import CLinearAlgebra
import Foundation
import Grassmann
import Linalg

/// Keeps benchmark results observable so the optimiser cannot drop the work.
nonisolated(unsafe) private var sink = 0.0

/// The pairwise geodesic distance matrix of 100 random points of Gr(10, 1024) and the Karcher
/// mean of 50 points, against the same algorithms written in numpy/scipy
/// (`python/grassmann_bench.py`, run on the same points, which it reads from .npy files).
///
/// Two numpy versions are timed: the per-pair loop a numpy user writes (what UQpy does), which
/// the target of 5x applies to, and a batched version (one product for all the cross
/// products, stacked SVDs), numpy at its best, shown for reference: its one product of all the
/// bases is the same BLAS work cglab does (the distance matrix's takes about 8 ms here), which
/// bounds any ratio against it.
let grassmannBenchmarks = BenchmarkGroup(name: "grassmann") {
    // Both sides are bound by matrix products: say which kernels this OpenBLAS chose.
    print("  OpenBLAS kernels: \(String(cString: openblas_get_corename()))"
        + (ProcessInfo.processInfo.environment["OPENBLAS_CORETYPE"].map { " (OPENBLAS_CORETYPE=\($0))" } ?? ""))
    let (n, p) = (1024, 10)
    var rng = RandomGenerator(seed: 2024)
    // Uniformly random subspaces: Q factors of Gaussian matrices.
    let scattered = try (0..<100).map { _ in try GrassmannPoint(basis: Matrix.normal(rows: n, cols: p, using: &rng).qr().q) }
    // A cluster for the mean: exp of random tangents of norm 0.5 at a random centre.
    let centre = try GrassmannPoint(basis: Matrix.normal(rows: n, cols: p, using: &rng).qr().q)
    let clustered = try (0..<50).map { _ in
        let r = Matrix.normal(rows: n, cols: p, using: &rng)
        let horizontal = try r - centre.basis * (centre.basis.transposed() * r)
        return try TangentVector(base: centre, matrix: horizontal * (0.5 / horizontal.norm())).expMap()
    }

    var distances = Matrix(rows: 0, cols: 0)
    let distanceTime = try bestTime(repeats: 30) { distances = try GrassmannMetric.geodesic.distanceMatrix(scattered) }
    var mean = centre, karcherReport: KarcherReport?
    let karcherTime = try bestTime(repeats: 30) { (mean, karcherReport) = try KarcherMean().mean(of: clustered) }
    sink += distances[0, 1] + mean.basis[0, 0]
    print("  distance matrix, 100 points of Gr(10, 1024): \(format(distanceTime))")
    print("  Karcher mean, 50 points of Gr(10, 1024): \(format(karcherTime)), \(karcherReport.map(String.init(describing:)) ?? "")")

    guard let python = try NumpyBaseline.run(scattered: scattered, clustered: clustered) else { return }
    for variant in ["loop", "batched"] {
        guard let seconds = python.times["distance_\(variant)"], let karcher = python.times["karcher_\(variant)"] else { continue }
        let pyDistances = try NPY.read(from: python.folder + "/distances_\(variant).npy")
        let pyMean = try GrassmannPoint(basis: NPY.read(from: python.folder + "/mean_\(variant).npy"))
        let target: Double? = variant == "loop" ? 5 : nil
        report("distance matrix (numpy \(variant))", seconds: distanceTime, baseline: seconds,
               baselineLabel: "numpy \(variant)", target: target)
        report("Karcher mean (numpy \(variant))", seconds: karcherTime, baseline: karcher,
               baselineLabel: "numpy \(variant)", target: target)
        let gap = try (distances - pyDistances).abs().max()
        print(String(format: "    same results: max |D - D_numpy| = %.1e, chordal distance between means = %.1e",
                     gap, try GrassmannMetric.chordal.distance(mean, pyMean)))
    }
    try? FileManager.default.removeItem(atPath: python.folder)
}

/// Runs `python/grassmann_bench.py` on the benchmark's points.
private enum NumpyBaseline {
    /// The numpy timings by name (`distance_loop`, `karcher_batched`, ...) and the folder holding
    /// the points and numpy's results.
    struct Timings {
        let times: [String: Double]
        let folder: String
    }

    /// The script's timings, or nil (after printing why) when Python cannot run it.
    static func run(scattered: [GrassmannPoint], clustered: [GrassmannPoint]) throws -> Timings? {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cglab-grassmann-bench-\(getpid())").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try NPY.write(Matrix.hcat(scattered.map(\.basis)), to: folder + "/scattered.npy")
        try NPY.write(Matrix.hcat(clustered.map(\.basis)), to: folder + "/clustered.npy")
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("python/grassmann_bench.py").path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script, folder, "10"]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        do { try process.run() } catch {
            print("  numpy comparison skipped: cannot start python3 (\(error))")
            return nil
        }
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let reason = process.terminationStatus == 127 ? "python3 not found" : text.split(separator: "\n").suffix(3).joined(separator: " | ")
            print("  numpy comparison skipped: \(reason)")
            return nil
        }
        var times = [String: Double]()
        for line in text.split(separator: "\n") {
            let fields = line.split(separator: " ")
            if fields.count == 2, let seconds = Double(fields[1]) { times[String(fields[0])] = seconds }
        }
        return Timings(times: times, folder: folder)
    }
}
