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
                try write(GnuplotBinaryMatrix.encode(matrix, x: x, y: y), to: path)
            }
        }
    }

    /// Writes the run as a NumPy `.npz` archive (stored zip): `gamma` and `mean_tau` (s_y), one
    /// value per frame, and for each kept field an array of shape (frames, ny, nx) in float64,
    /// so that `np.load(path)["tau"][k]` is frame k with rows = y.
    ///
    /// - Throws: ``STZError/writeFailed(path:reason:)``.
    public func writeNPZ(path: String) throws(STZError) {
        var archive = StoredZipArchive()
        archive.add(name: "gamma.npy", contents: NPYArray(shape: [frames.count], values: gamma).encoded())
        archive.add(name: "mean_tau.npy", contents: NPYArray(shape: [frames.count], values: meanTau).encoded())
        for field in OutputField.allCases where selection.contains(field) {
            var values = [Double]()
            values.reserveCapacity(frames.count * grid.nx * grid.ny)
            for frame in frames {
                guard let m = frame[field] else { continue }
                for j in 0..<m.rows {
                    for i in 0..<m.cols { values.append(m[j, i]) }
                }
            }
            let shape = [values.count / (grid.nx * grid.ny), grid.ny, grid.nx]
            archive.add(name: "\(field.rawValue).npy", contents: NPYArray(shape: shape, values: values).encoded())
        }
        try write(archive.encoded(), to: path)
    }

    /// Writes `data` to `path` atomically.
    private func write(_ data: Data, to path: String) throws(STZError) {
        do {
            try data.write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw .writeFailed(path: path, reason: error.localizedDescription)
        }
    }
}
