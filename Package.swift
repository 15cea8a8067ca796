// swift-tools-version: 6.0
// cglab: a research workbench for multiscale calibration, Lua 5.4 on top of native numerics.

import PackageDescription

let package = Package(
    name: "cglab",
    products: [
        .executable(name: "cglab", targets: ["cglab"]),
        .library(name: "LuaHost", targets: ["LuaHost"]),
        .library(name: "Linalg", targets: ["Linalg"]),
        .library(name: "STZ", targets: ["STZ"]),
        .library(name: "Grassmann", targets: ["Grassmann"]),
        .library(name: "Plot", targets: ["Plot"]),
        .library(name: "Optimize", targets: ["Optimize"]),
        .library(name: "Surrogate", targets: ["Surrogate"]),
        .library(name: "Onsager", targets: ["Onsager"]),
    ],
    targets: [
        // System libraries (Debian: liblua5.4-dev, libopenblas-dev + liblapacke-dev, libreadline-dev, zlib1g-dev).
        .systemLibrary(name: "CLua", pkgConfig: "lua5.4", providers: [.apt(["liblua5.4-dev"])]),
        .systemLibrary(
            name: "CLinearAlgebra", pkgConfig: "lapacke",
            providers: [.apt(["libopenblas-dev", "liblapacke-dev"])]),
        .systemLibrary(name: "CReadline", providers: [.apt(["libreadline-dev"])]),
        // zlib (Debian: zlib1g-dev): deflate and CRC-32 for the .npz (zip) reader and writer.
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),

        // The only C we write: Lua macros as functions, the error trampoline, the SIGINT hook.
        .target(name: "CLuaShim", dependencies: ["CLua"]),

        // Numeric libraries: plain Swift, no Lua.
        .target(name: "Linalg", dependencies: ["CLinearAlgebra", "CZlib"]),
        .target(name: "STZ", dependencies: ["Linalg"]),
        .target(name: "Grassmann", dependencies: ["Linalg", "CLinearAlgebra"]),
        // Figures drawn by gnuplot (Debian: gnuplot-nox), run as a child process.
        .target(name: "Plot", dependencies: ["Linalg"]),
        // Samplers, optimisers (L-BFGS-B, Nelder-Mead) and acquisition functions.
        .target(name: "Optimize", dependencies: ["Linalg"]),
        // Gaussian-process regression: composable kernels, fitting, prediction.
        .target(name: "Surrogate", dependencies: ["Linalg", "Optimize", "CLinearAlgebra"]),
        // Onsager dynamics: hypothesis class, fitting without autograd, energy-stable steppers, data generators.
        .target(name: "Onsager", dependencies: ["Linalg", "Optimize"]),

        // Swift <-> Lua binding layer: no numerics.
        .target(name: "LuaHost", dependencies: ["CLua", "CLuaShim"]),

        // Lua modules: the only place where LuaHost and the numeric libraries meet.
        .target(name: "Modules", dependencies: ["LuaHost", "Linalg", "STZ", "Grassmann", "Plot", "Surrogate", "Optimize", "Onsager"]),

        // The executable: command line, REPL, script runner.
        // Swift 5 language mode: readline is configured through C global variables.
        .executableTarget(
            name: "cglab", dependencies: ["LuaHost", "Modules", "CReadline", "CLuaShim"],
            swiftSettings: [.swiftLanguageMode(.v5)]),

        // Release-mode benchmarks printing ratios against baselines run in the same process.
        .executableTarget(
            name: "cglab-bench", dependencies: ["LuaHost", "Modules", "Linalg", "STZ", "Grassmann", "CLinearAlgebra", "CLuaShim",
                           "Surrogate", "Optimize", "Onsager"],
            path: "Benchmarks", exclude: ["python", "README.md"]),

        // Helpers the test targets share: the ../shared skip rule and NumPy cross-checks.
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "LinalgTests", dependencies: ["Linalg", "TestSupport"]),
        .testTarget(name: "STZTests", dependencies: ["STZ", "Linalg", "TestSupport"]),
        .testTarget(name: "GrassmannTests", dependencies: ["Grassmann", "Linalg", "TestSupport", "CLinearAlgebra"]),
        .testTarget(name: "PlotTests", dependencies: ["Plot", "Linalg", "CZlib"]),
        .testTarget(name: "OptimizeTests", dependencies: ["Optimize", "Linalg", "TestSupport"]),
        .testTarget(name: "SurrogateTests", dependencies: ["Surrogate", "Optimize", "Linalg"]),
        .testTarget(name: "OnsagerTests", dependencies: ["Onsager", "Linalg"]),
        .testTarget(name: "LuaHostTests", dependencies: ["LuaHost", "CLuaShim"]),
        .testTarget(name: "CglabTests", dependencies: ["LuaHost", "Modules", "Plot"], exclude: ["lua"]),
    ]
)
