/// The loading protocol and time stepping: simple shear at a constant rate up to a final strain,
/// written as a number of output frames with a fixed number of quasi-static steps per frame.
public struct ShearLoading: Sendable, Equatable {
    /// The imposed shear strain rate γ̇, in 1/s. Paper: 1e8 /s.
    public var strainRate: Double
    /// The final engineering shear strain γ_max, dimensionless. Paper: 0.5.
    public var finalStrain: Double
    /// The number of output frames after the initial frame 0. Paper: 100.
    public var frames: Int
    /// The number of quasi-static steps per frame. Paper: 60; the scheme is first order in the
    /// step, so changing it moves the effective temperature by up to 28 K (set B).
    public var stepsPerFrame: Int
    /// `adapt_fac`: the largest change of the deviatoric stress magnitude s̄ (in units of s_y)
    /// allowed in one plastic sub-step. Paper: 2e-3.
    public var adaptFac: Double

    /// A loading protocol; the defaults are the paper's values.
    public init(
        strainRate: Double = 1e8, finalStrain: Double = 0.5, frames: Int = 100, stepsPerFrame: Int = 60,
        adaptFac: Double = 2e-3
    ) {
        self.strainRate = strainRate
        self.finalStrain = finalStrain
        self.frames = frames
        self.stepsPerFrame = stepsPerFrame
        self.adaptFac = adaptFac
    }

    /// The paper's protocol: 1e8 /s to γ = 0.5 in 100 frames of 60 steps, adapt_fac = 2e-3.
    public static let paper = ShearLoading()

    /// The shear strain added per output frame, dimensionless.
    public var strainPerFrame: Double { finalStrain / Double(frames) }

    /// Checks the protocol and throws the first invalid entry.
    ///
    /// - Throws: ``STZError/invalidParameter(name:value:requirement:)``.
    public func validate() throws(STZError) {
        try require("strain_rate", strainRate, strainRate > 0, "must be > 0 /s")
        try require("final_strain", finalStrain, finalStrain > 0, "must be > 0")
        try require("frames", Double(frames), frames >= 1, "must be at least 1")
        try require("steps_per_frame", Double(stepsPerFrame), stepsPerFrame >= 1, "must be at least 1")
        try require("adapt_fac", adaptFac, adaptFac > 0, "must be > 0")
    }
}
