// Bounds-checked little-endian reads and writes over byte arrays, shared by the binary formats
// (.npy, zip, Gnuplot). A read past the end throws instead of trapping, so truncated or garbage
// files give a `FileError`, never a crash.

/// A view of bytes that reads fixed-size little-endian integers at given offsets.
struct ByteReader {
    let bytes: [UInt8]
    /// The file the bytes came from, for error messages.
    let path: String
    /// The format being read, for error messages.
    let format: String

    /// The unsigned integer of `size` bytes (1 ... 8), little-endian, at `offset`.
    func unsigned(at offset: Int, size: Int, what: String) throws(FileError) -> UInt64 {
        try require(offset, size, what)
        var value: UInt64 = 0
        for k in stride(from: size - 1, through: 0, by: -1) { value = value << 8 | UInt64(bytes[offset + k]) }
        return value
    }

    /// The 16-bit little-endian value at `offset`, as an `Int`.
    func u16(_ offset: Int, _ what: String) throws(FileError) -> Int { Int(try unsigned(at: offset, size: 2, what: what)) }
    /// The 32-bit little-endian value at `offset`, as an `Int`.
    func u32(_ offset: Int, _ what: String) throws(FileError) -> Int { Int(try unsigned(at: offset, size: 4, what: what)) }

    /// The 64-bit little-endian value at `offset`, as an `Int` (values beyond `Int.max` are malformed).
    func u64(_ offset: Int, _ what: String) throws(FileError) -> Int {
        let value = try unsigned(at: offset, size: 8, what: what)
        guard value <= UInt64(Int.max) else { throw malformed("\(what) out of range") }
        return Int(value)
    }

    /// The `count` bytes at `offset`.
    func slice(_ offset: Int, _ count: Int, _ what: String) throws(FileError) -> ArraySlice<UInt8> {
        try require(offset, count, what)
        return bytes[offset..<(offset + count)]
    }

    /// Throws unless `count` bytes are available at `offset`.
    func require(_ offset: Int, _ count: Int, _ what: String) throws(FileError) {
        guard offset >= 0, count >= 0, offset <= bytes.count, count <= bytes.count - offset else {
            throw malformed("truncated: \(what) needs \(count) bytes at offset \(offset), file has \(bytes.count)")
        }
    }

    /// A malformed-file error for this file and format.
    func malformed(_ reason: String) -> FileError {
        .malformed(path: path, format: format, reason: reason)
    }
}

extension Array where Element == UInt8 {
    /// Appends `value` as `size` little-endian bytes.
    mutating func appendLittleEndian<T: FixedWidthInteger>(_ value: T, size: Int = MemoryLayout<T>.size) {
        for k in 0..<size { append(UInt8(truncatingIfNeeded: value >> (8 * k))) }
    }
}
