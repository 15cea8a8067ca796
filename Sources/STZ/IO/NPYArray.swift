import Foundation

/// A NumPy `.npy` (format 1.0) array of little-endian float64 in C order, the entry type of the
/// `.npz` files STZ writes. Kept private to STZ until Linalg's general writers take over.
struct NPYArray {
    /// The shape, slowest axis first (C order).
    let shape: [Int]
    /// The values in C order (last axis fastest).
    let values: [Double]

    /// The `.npy` file bytes: magic, version 1.0, the header dictionary padded with spaces to a
    /// multiple of 64 bytes, then the raw data.
    func encoded() -> Data {
        let dims = shape.count == 1 ? "\(shape[0])," : shape.map(String.init).joined(separator: ", ")
        var header = "{'descr': '<f8', 'fortran_order': False, 'shape': (\(dims)), }"
        let unpadded = 10 + header.utf8.count + 1
        header += String(repeating: " ", count: (64 - unpadded % 64) % 64) + "\n"
        var data = Data([0x93] + Array("NUMPY".utf8) + [1, 0])
        let length = UInt16(header.utf8.count)
        data.append(contentsOf: [UInt8(length & 0xFF), UInt8(length >> 8)])
        data.append(contentsOf: Array(header.utf8))
        data.reserveCapacity(data.count + 8 * values.count)
        for v in values { withUnsafeBytes(of: v.bitPattern.littleEndian) { data.append(contentsOf: $0) } }
        return data
    }
}
