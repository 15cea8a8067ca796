import Linalg

/// The output of one frame: the selected fields as ny × nx matrices (rows = y, columns = x,
/// as in the reference's files) and the frame's mean stresses.
public struct FrameFields: Sendable {
    /// The frame number, 0 for the initial state.
    public let frame: Int
    /// The imposed shear strain γ at this frame, dimensionless.
    public let gamma: Double
    /// The mean physical shear stress ⟨σxy⟩ over the cells, in s_y (always computed).
    public let meanTau: Double
    /// The selected fields.
    public let fields: [OutputField: Matrix]

    /// The matrix of `field`, or `nil` when it was not selected.
    public subscript(field: OutputField) -> Matrix? { fields[field] }
}

/// What a run does after an on-frame callback.
public enum FrameAction: Sendable {
    /// Carry on to the next frame.
    case `continue`
    /// Stop the run after this frame; the result holds the frames so far.
    case stop
}
