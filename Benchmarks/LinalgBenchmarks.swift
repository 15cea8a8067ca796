import CLinearAlgebra
import Foundation
import Linalg

/// Keeps benchmark results observable so the optimiser cannot drop the work.
nonisolated(unsafe) private var sink = 0.0

/// Matrix operations against the same work done by direct BLAS/LAPACK calls or plain Swift loops.
let linalgBenchmarks = BenchmarkGroup(name: "linalg") {
    var rng = RandomGenerator(seed: 1)
    try benchmarkProducts(&rng)
    try benchmarkDecompositions(&rng)
    try benchmarkElementwise(&rng)
}

/// `A * B` (fresh result) and `gemm(into:)` (preallocated) against `cblas_dgemm` doing the same.
private func benchmarkProducts(_ rng: inout RandomGenerator) throws {
    for n in [256, 512, 1024, 2048] {
        let a = Matrix.normal(rows: n, cols: n, using: &rng), b = Matrix.normal(rows: n, cols: n, using: &rng)
        let repeats = n >= 1024 ? 3 : 10
        let ba = a.elements, bb = b.elements, count = n * n, ld = blasint(n)
        func dgemm(_ c: UnsafeMutablePointer<Double>) {
            cblas_dgemm(CblasColMajor, CblasNoTrans, CblasNoTrans, ld, ld, ld, 1, ba, ld, bb, ld, 0, c, ld)
        }
        let product = try bestTime(repeats: repeats) { sink += try (a * b)[0] }
        let fresh = bestTime(repeats: repeats) {
            let c = [Double](unsafeUninitializedCapacity: count) { buffer, initialized in
                dgemm(buffer.baseAddress!)
                initialized = count
            }
            sink += c[0]
        }
        report("Matrix * (n = \(n))", seconds: product, baseline: fresh, baselineLabel: "alloc + cblas_dgemm", target: 0.95)
        var c = Matrix(rows: n, cols: n), raw = [Double](repeating: 0, count: count)
        let inPlace = try bestTime(repeats: repeats) { try gemm(a, b, into: &c) }
        let direct = bestTime(repeats: repeats) { raw.withUnsafeMutableBufferPointer { dgemm($0.baseAddress!) } }
        report("gemm(into:) (n = \(n))", seconds: inPlace, baseline: direct, baselineLabel: "cblas_dgemm", target: 0.95)
    }
}

/// Thin SVD and symmetric eigendecomposition of 500 x 500 matrices against direct LAPACKE calls
/// on a copy (both routines destroy their input, so both sides copy it).
private func benchmarkDecompositions(_ rng: inout RandomGenerator) throws {
    let n = 500, ln = Int32(n)
    let a = Matrix.normal(rows: n, cols: n, using: &rng)
    let svd = try bestTime(repeats: 5) { sink += try a.svd().singularValues[0] }
    let svdDirect = bestTime(repeats: 5) {
        var work = a.elements, s = [Double](repeating: 0, count: n)
        var u = [Double](repeating: 0, count: n * n), vt = u
        _ = LAPACKE_dgesdd(LAPACK_COL_MAJOR, CChar(UInt8(ascii: "S")), ln, ln, &work, ln, &s, &u, ln, &vt, ln)
        sink += s[0]
    }
    report("svd() (500 x 500)", seconds: svd, baseline: svdDirect, baselineLabel: "LAPACKE_dgesdd", target: 0.95)

    let spd = try a * a.transposed() + Matrix.identity(n)
    let eigen = try bestTime(repeats: 5) { sink += try spd.symmetricEigen().values[0] }
    let eigenDirect = bestTime(repeats: 5) {
        var work = spd.elements, w = [Double](repeating: 0, count: n)
        _ = LAPACKE_dsyevd(LAPACK_COL_MAJOR, CChar(UInt8(ascii: "V")), CChar(UInt8(ascii: "L")), ln, &work, ln, &w)
        sink += w[0]
    }
    report("symmetricEigen() (500 x 500)", seconds: eigen, baseline: eigenDirect, baselineLabel: "LAPACKE_dsyevd", target: 0.95)
}

/// Elementwise expressions on 10^6 elements against plain Swift loops over arrays.
private func benchmarkElementwise(_ rng: inout RandomGenerator) throws {
    let m = Matrix.normal(rows: 1000, cols: 1000, using: &rng), row = Matrix.normal(rows: 1, cols: 1000, using: &rng)
    let x = m.elements, r = row.elements, count = x.count

    let exp = bestTime(repeats: 10) { sink += m.exp()[0] }
    let expLoop = bestTime(repeats: 10) {
        var y = [Double](repeating: 0, count: count)
        for k in 0..<count { y[k] = Foundation.exp(x[k]) }
        sink += y[0]
    }
    report("exp() (10^6 elements)", seconds: exp, baseline: expLoop, baselineLabel: "Swift loop", target: 0.8)

    let map = bestTime(repeats: 10) { sink += m.map { 2 * $0 * $0 + 1 }[0] }
    let mapLoop = bestTime(repeats: 10) {
        var y = [Double](repeating: 0, count: count)
        for k in 0..<count { y[k] = 2 * x[k] * x[k] + 1 }
        sink += y[0]
    }
    report("map { 2x^2 + 1 } (10^6 elements)", seconds: map, baseline: mapLoop, baselineLabel: "Swift loop", target: 0.8)

    let broadcast = try bestTime(repeats: 10) { sink += try (m + row)[0] }
    let broadcastLoop = bestTime(repeats: 10) {
        var y = [Double](repeating: 0, count: count)
        for j in 0..<1000 { for i in 0..<1000 { y[i + 1000 * j] = x[i + 1000 * j] + r[j] } }
        sink += y[0]
    }
    report("matrix + row vector (1000 x 1000)", seconds: broadcast, baseline: broadcastLoop, baselineLabel: "Swift loop", target: 0.8)
}
