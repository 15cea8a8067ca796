import CLinearAlgebra
import Foundation

/// The OpenBLAS kernels in use, and a fix for a Debian 12 pitfall.
///
/// OpenBLAS picks its kernels from the CPU model when the library loads. Debian 12's 0.3.21
/// does not know processors newer than itself (e.g. Sapphire and Emerald Rapids Xeons) and
/// falls back to its generic "Prescott" kernels, about four times slower for matrix products.
/// The kernels can only be chosen before the library loads, through `OPENBLAS_CORETYPE`, so a
/// program that finds the fallback in use restarts itself once with that variable set from the
/// instruction sets the CPU reports (`avx512f`: SkylakeX; `avx2` and `fma`: Haswell). Setting
/// `OPENBLAS_CORETYPE` yourself turns this off.
public enum BLASKernels {
    /// The name of the kernels OpenBLAS uses, e.g. `SkylakeX`.
    public static var current: String {
        String(cString: openblas_get_corename())
    }

    /// The kernels this CPU can run that are better than a generic fallback, from the flags in
    /// /proc/cpuinfo; nil when there is nothing better to choose.
    public static var preferred: String? {
        guard let info = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8),
            let flagsLine = info.split(separator: "\n").first(where: { $0.hasPrefix("flags") })
        else { return nil }
        let flags = Set(flagsLine.split(separator: " ").map(String.init))
        if flags.contains("avx512f") { return "SkylakeX" }
        if flags.contains("avx2") && flags.contains("fma") { return "Haswell" }
        return nil
    }

    /// When OpenBLAS fell back to generic kernels although better ones suit the CPU, and the
    /// user has not set `OPENBLAS_CORETYPE`, restarts the running program with it set (this call
    /// then does not return). Otherwise returns at once.
    public static func restartWithPreferredKernelsIfNeeded() {
        guard getenv("OPENBLAS_CORETYPE") == nil, ["Prescott", "Core2", "Nehalem"].contains(current),
            let kernels = preferred
        else { return }
        setenv("OPENBLAS_CORETYPE", kernels, 1)
        let arguments = CommandLine.unsafeArgv
        execv("/proc/self/exe", arguments)
        // execv only returns on failure: carry on with the kernels we have.
    }
}
