import Foundation
import Modules

// cglab-bench: release-mode benchmarks. Every figure is a ratio against a baseline measured in
// the same run (a direct C call, a naive implementation, a recorded reference cost).
// Usage: swift run -c release cglab-bench [group ...]

BLASKernels.restartWithPreferredKernelsIfNeeded()
print("OpenBLAS kernels: \(BLASKernels.current)")

let allGroups: [BenchmarkGroup] = [
    hostBenchmarks,
    linalgBenchmarks,
    linalgLuaBenchmarks,
    stzBenchmarks,
    grassmannBenchmarks,
    gpBenchmarks,
    onsagerBenchmarks,
]

let requested = Set(CommandLine.arguments.dropFirst())
let unknown = requested.subtracting(allGroups.map(\.name))
if !unknown.isEmpty {
    print("cglab-bench: unknown group(s) \(unknown.sorted().joined(separator: ", ")); "
        + "groups: \(allGroups.map(\.name).joined(separator: ", "))")
    exit(2)
}
for group in allGroups where requested.isEmpty || requested.contains(group.name) {
    print("== \(group.name)")
    do { try group.run() } catch { print("  failed: \(error)") }
}
