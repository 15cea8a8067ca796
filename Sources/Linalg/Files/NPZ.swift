/// NumPy's `.npz` archives: a zip of `.npy` files, one per named array (`numpy.savez` stores
/// them, `numpy.savez_compressed` deflates them; both are read). The zip layer is this library's
/// own small reader and writer over the system zlib (see `Zip`).
public enum NPZ {
    /// The arrays of the `.npz` archive at `path`, keyed by name without the `.npy` suffix (the
    /// keys `numpy.load(path)` shows).
    ///
    /// - Throws: ``FileError`` naming the archive, or `archive:member` for a bad member.
    public static func read(from path: String) throws(FileError) -> [String: Matrix] {
        try decode(FileIO.read(path), path: path)
    }

    /// The arrays of the `.npz` bytes `bytes`; `path` names their origin in errors.
    ///
    /// - Throws: as ``read(from:)``.
    public static func decode(_ bytes: [UInt8], path: String) throws(FileError) -> [String: Matrix] {
        var arrays = [String: Matrix]()
        for member in try Zip.members(of: bytes, path: path) {
            let key = member.name.hasSuffix(".npy") ? String(member.name.dropLast(4)) : member.name
            arrays[key] = try NPY.decode(member.data, path: "\(path):\(member.name)")
        }
        return arrays
    }

    /// Writes `arrays` to `path` as an `.npz` archive (atomically), members in name order, each a
    /// 2-D `.npy` file (see ``NPY/encode(_:oneDimensional:)``).
    ///
    /// - Parameter compressed: deflate the members, as `numpy.savez_compressed` does; by default
    ///   they are stored, as `numpy.savez` does.
    public static func write(_ arrays: [String: Matrix], to path: String, compressed: Bool = false) throws(FileError) {
        try write(encoded: arrays.mapValues { NPY.encode($0) }, to: path, compressed: compressed)
    }

    /// Writes already encoded `.npy` members (for arrays of other shapes, see
    /// ``NPY/encode(shape:rowMajor:)``) to `path` as an `.npz` archive (atomically), keyed by
    /// array name without the `.npy` suffix, in name order.
    public static func write(encoded members: [String: [UInt8]], to path: String, compressed: Bool = false)
        throws(FileError)
    {
        try FileIO.write(encode(members, compressed: compressed, path: path), to: path)
    }

    /// The bytes of an `.npz` archive of `arrays`; see ``write(_:to:compressed:)``.
    static func encode(_ arrays: [String: Matrix], compressed: Bool = false, path: String) throws(FileError) -> [UInt8] {
        try encode(arrays.mapValues { NPY.encode($0) }, compressed: compressed, path: path)
    }

    /// The bytes of an `.npz` archive of encoded members. Throws
    /// ``FileError/invalidData(path:format:reason:)`` beyond the classic zip limits (4 GiB,
    /// 65535 arrays).
    private static func encode(_ members: [String: [UInt8]], compressed: Bool, path: String) throws(FileError) -> [UInt8] {
        let entries = members.keys.sorted().map { Zip.Member(name: $0 + ".npy", data: members[$0]!) }
        return try Zip.archive(entries, compressed: compressed, path: path)
    }
}
