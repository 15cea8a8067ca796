import Foundation
import Linalg

/// Gnuplot's binary matrix format, as the reference solver writes its frames (`output`):
/// little-endian float32, (ny+1) rows of (nx+1) values. Element [0][0] is nx, the rest of row 0
/// holds the x coordinates, and each following row holds its y coordinate then the nx values
/// of that row. Kept private to STZ until Linalg's general readers and writers take over.
enum GnuplotBinaryMatrix {
    /// The file bytes for `field` (ny × nx, rows = y) sampled at coordinates `x` (nx values)
    /// and `y` (ny values), in the same units as the run (Å).
    static func encode(_ field: Matrix, x: [Double], y: [Double]) -> Data {
        let (ny, nx) = (field.rows, field.cols)
        var values = [Float]()
        values.reserveCapacity((nx + 1) * (ny + 1))
        values.append(Float(nx))
        values.append(contentsOf: x.map(Float.init))
        for j in 0..<ny {
            values.append(Float(y[j]))
            for i in 0..<nx { values.append(Float(field[j, i])) }
        }
        var data = Data(capacity: values.count * 4)
        for v in values { withUnsafeBytes(of: v.bitPattern.littleEndian) { data.append(contentsOf: $0) } }
        return data
    }

    /// Decodes file bytes into the field (ny × nx) and its coordinates.
    ///
    /// - Throws: ``STZError/readFailed(path:reason:)`` (naming `path`) for a malformed file.
    static func decode(_ data: Data, path: String) throws(STZError) -> (field: Matrix, x: [Double], y: [Double]) {
        let count = data.count / 4
        let floats: [Double] = data.withUnsafeBytes { raw in
            (0..<count).map { Double(Float(bitPattern: UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: 4 * $0, as: UInt32.self)))) }
        }
        guard data.count % 4 == 0, let first = floats.first, first >= 1, first == first.rounded() else {
            throw .readFailed(path: path, reason: "not a Gnuplot binary matrix")
        }
        let nx = Int(first)
        guard count % (nx + 1) == 0, count / (nx + 1) >= 2 else {
            throw .readFailed(path: path, reason: "size \(data.count) bytes does not fit \(nx) columns")
        }
        let ny = count / (nx + 1) - 1
        var field = Matrix(rows: ny, cols: nx)
        var y = [Double]()
        for j in 0..<ny {
            let row = (j + 1) * (nx + 1)
            y.append(floats[row])
            for i in 0..<nx { field[j, i] = floats[row + 1 + i] }
        }
        return (field, Array(floats[1...nx]), y)
    }

    /// Reads the field of the Gnuplot binary matrix file at `path`.
    static func read(path: String) throws(STZError) -> Matrix {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw .readFailed(path: path, reason: error.localizedDescription)
        }
        return try decode(data, path: path).field
    }
}
