/// The build the tests run in. Unoptimised, every SIMD operation of the solver is a generic call
/// and one full 6000-step run takes minutes instead of 0.4 s, so in debug builds the full-run
/// tests check the first frames only; the release command
/// `swift test -c release -Xswiftc -enable-testing --filter STZTests` checks everything.
enum TestBuild {
    #if DEBUG
    /// `false`: a debug build.
    static let isOptimized = false
    #else
    /// `true`: an optimised build.
    static let isOptimized = true
    #endif

    /// The number of frames of the paper's protocol a full-run test computes: all 100 when
    /// optimised, the first 12 (through the onset of yield) otherwise.
    static let paperFrames = isOptimized ? 100 : 12
}
