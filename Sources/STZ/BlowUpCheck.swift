/// The end-of-frame check for a blown-up solution: any NaN or ±Inf in the solver's fields.
enum BlowUpCheck {
    /// Throws ``STZError/blowUp(frame:field:row:column:)`` naming the first non-finite field
    /// (in the order p, q, s, tau, chi, u, v, X, Y) and its first bad entry (row = y index).
    static func verify(_ state: ShearState, frame: Int) throws(STZError) {
        let layout = state.layout
        let fields: [(String, UnsafeMutablePointer<Double>)] = [
            ("p", state.p), ("q", state.q), ("s", state.s), ("tau", state.tau), ("chi", state.chi),
            ("u", state.u), ("v", state.v), ("X", state.X), ("Y", state.Y),
        ]
        for (name, field) in fields {
            for j in 0..<layout.ny {
                for i in 0..<layout.nx where !field[layout.index(i, j)].isFinite {
                    throw .blowUp(frame: frame, field: name, row: j, column: i)
                }
            }
        }
    }
}
