import CLinearAlgebra
import Foundation
import Linalg
import LuaHost
import Modules

/// Matrix operations written in Lua, run through the `linalg` module, against the same work done
/// by direct BLAS/LAPACK calls or a plain Swift loop.
let linalgLuaBenchmarks = BenchmarkGroup(name: "linalg-lua") {
    let lua = try Environment.makeState(stdlib: nil)
    var rng = RandomGenerator(seed: 2)

    /// Times the Lua function `body` of the globals A and B.
    func timeLua(_ body: String, repeats: Int) throws -> Double {
        try lua.stack.load("return function() \(body) end", chunkName: "=bench")
        try lua.stack.protectedCall(arguments: 0, results: 1)
        defer { lua.stack.setTop(0) }
        return try bestTime(repeats: repeats) {
            lua.stack.pushCopy(of: 1)
            try lua.stack.protectedCall(arguments: 0, results: 0)
        }
    }
    func setGlobal(_ name: String, _ matrix: Matrix) throws {
        matrix.push(onto: lua.stack)
        try lua.stack.protectedSetGlobal(name)
    }

    for n in [256, 512, 1024, 2048] {
        let a = Matrix.normal(rows: n, cols: n, using: &rng), b = Matrix.normal(rows: n, cols: n, using: &rng)
        try setGlobal("A", a)
        try setGlobal("B", b)
        let repeats = n >= 1024 ? 3 : 10
        let viaLua = try timeLua("local C = A * B", repeats: repeats)
        let ba = a.elements, bb = b.elements, count = n * n, ld = blasint(n)
        let direct = bestTime(repeats: repeats) {
            let c = [Double](unsafeUninitializedCapacity: count) { buffer, initialized in
                cblas_dgemm(CblasColMajor, CblasNoTrans, CblasNoTrans, ld, ld, ld, 1, ba, ld, bb, ld, 0, buffer.baseAddress, ld)
                initialized = count
            }
            precondition(c.count == count)
        }
        report("Lua A * B (n = \(n))", seconds: viaLua, baseline: direct, baselineLabel: "alloc + cblas_dgemm", target: 0.95)
    }

    let n = 500, ln = Int32(n)
    let a = Matrix.normal(rows: n, cols: n, using: &rng)
    let spd = try a * a.transposed() + Matrix.identity(n)
    try setGlobal("A", a)
    try setGlobal("S", spd)
    let svd = try timeLua("local U, s, V = A:svd()", repeats: 5)
    let svdDirect = bestTime(repeats: 5) {
        var work = a.elements, s = [Double](repeating: 0, count: n)
        var u = [Double](repeating: 0, count: n * n), vt = u
        _ = LAPACKE_dgesdd(LAPACK_COL_MAJOR, CChar(UInt8(ascii: "S")), ln, ln, &work, ln, &s, &u, ln, &vt, ln)
        // The Lua call returns V (not V'), so the baseline transposes too.
        let v = Matrix(rows: n, cols: n, columnMajor: vt).transposed()
        precondition(v.count == n * n)
    }
    report("Lua A:svd() (500 x 500)", seconds: svd, baseline: svdDirect, baselineLabel: "LAPACKE_dgesdd", target: 0.95)
    let eigen = try timeLua("local values, vectors = linalg.eigh(S)", repeats: 5)
    let eigenDirect = bestTime(repeats: 5) {
        var work = spd.elements, w = [Double](repeating: 0, count: n)
        _ = LAPACKE_dsyevd(LAPACK_COL_MAJOR, CChar(UInt8(ascii: "V")), CChar(UInt8(ascii: "L")), ln, &work, ln, &w)
    }
    report("Lua linalg.eigh(S) (500 x 500)", seconds: eigen, baseline: eigenDirect, baselineLabel: "LAPACKE_dsyevd", target: 0.95)

    let m = Matrix.normal(rows: 1000, cols: 1000, using: &rng)
    try setGlobal("M", m)
    let expression = try timeLua("local Y = M:exp()", repeats: 10)
    let x = m.elements
    let loop = bestTime(repeats: 10) {
        var y = [Double](repeating: 0, count: x.count)
        for k in 0..<x.count { y[k] = Foundation.exp(x[k]) }
        precondition(y.count == x.count)
    }
    report("Lua M:exp() (10^6 elements)", seconds: expression, baseline: loop, baselineLabel: "Swift loop", target: 0.8)
    let affine = try timeLua("local Y = 2 * M + 1", repeats: 10)
    let affineLoop = bestTime(repeats: 10) {
        var y = [Double](repeating: 0, count: x.count)
        for k in 0..<x.count { y[k] = 2 * x[k] + 1 }
        precondition(y.count == x.count)
    }
    report("Lua 2 * M + 1 (10^6 elements)", seconds: affine, baseline: affineLoop, baselineLabel: "Swift loop (one pass)", target: 0.8)
}
