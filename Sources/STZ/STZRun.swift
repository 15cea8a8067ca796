/// The result of a run: the frames it kept, the mean stress–strain curve of every frame it
/// computed, and where the time went.
public struct STZRun: Sendable {
    /// The model parameters of the run.
    public let parameters: STZParameters
    /// The grid of the run.
    public let grid: ShearGrid
    /// The loading protocol of the run.
    public let loading: ShearLoading
    /// The fields that were kept per frame.
    public let selection: Set<OutputField>
    /// Frames 0, 1, ... as computed (all of them, or up to an early stop), with the selected
    /// fields; empty field dictionaries when nothing was selected.
    public let frames: [FrameFields]
    /// `true` when the on-frame callback stopped the run before the last frame.
    public let stoppedEarly: Bool
    /// Time spent per part, in seconds.
    public let timings: STZTimings

    /// The imposed shear strain γ of each frame, dimensionless.
    public var gamma: [Double] { frames.map(\.gamma) }
    /// The mean physical shear stress ⟨σxy⟩ of each frame, in s_y.
    public var meanTau: [Double] { frames.map(\.meanTau) }
    /// The mean physical shear stress ⟨σxy⟩ of each frame, in GPa (⟨σxy⟩/s_y × s_y).
    public var meanTauGPa: [Double] { frames.map { $0.meanTau * parameters.sY } }
}
