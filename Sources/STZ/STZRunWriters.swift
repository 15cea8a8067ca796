import Foundation
import Linalg

extension STZRun {
    /// The sample coordinates of `field` in Å: x (nx values) and y (ny values) of the cell
    /// centres ((i+½)Δx) or of the corners (iΔx).
    func coordinates(of field: OutputField) -> (x: [Double], y: [Double]) {
        let shift = field.isCellCentred ? 0.5 : 0
        return ((0..<grid.nx).map { (Double($0) + shift) * grid.dx }, (0..<grid.ny).map { (Double($0) + shift) * grid.dy })
    }

    /// Writes every kept field of every frame as `directory/FIELD.N` in the reference's Gnuplot
    /// binary matrix layout (float32, coordinate row and column, as `sct_q.out`), creating the
    /// directory if needed. Stresses are physical, in s_y.
    ///
    /// - Throws: ``STZError/writeFailed(path:reason:)``.
    public func writeGnuplot(directory: String) throws(STZError) {
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw .writeFailed(path: directory, reason: error.localizedDescription)
        }
        for frame in frames {
            for (field, matrix) in frame.fields {
                let (x, y) = coordinates(of: field)
                let path = (directory as NSString).appendingPathComponent("\(field.rawValue).\(frame.frame)")
                do {
                    try GnuplotMatrix(field: matrix, x: x, y: y).write(to: path)
                } catch {
                    throw .writeFailed(path: path, reason: "\(error)")
                }
            }
        }
    }

    /// Writes the run as a NumPy `.npz` archive: `gamma` and `mean_tau` (s_y), one value per
    /// frame, and for each kept field an array of shape (frames, ny, nx), so that
    /// `np.load(path)["tau"][k]` is frame k with rows = y.
    ///
    /// - Throws: ``STZError/writeFailed(path:reason:)``.
    public func writeNPZ(path: String) throws(STZError) {
        var members = ["gamma": NPY.encode(shape: [frames.count], rowMajor: gamma),
                       "mean_tau": NPY.encode(shape: [frames.count], rowMajor: meanTau)]
        for field in OutputField.allCases where selection.contains(field) {
            let kept = frames.compactMap { $0[field] }
            members[field.rawValue] = NPY.encode(
                shape: [kept.count, grid.ny, grid.nx], rowMajor: kept.flatMap { $0.rowMajorElements })
        }
        do {
            try NPZ.write(encoded: members, to: path)
        } catch {
            throw .writeFailed(path: path, reason: "\(error)")
        }
    }
}
