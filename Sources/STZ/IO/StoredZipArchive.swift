import Foundation

/// A minimal zip archive writer with stored (uncompressed) entries and CRC-32 checksums, the
/// container of NumPy's `.npz`. No zip64: every entry and the archive must stay below 4 GiB.
struct StoredZipArchive {
    private var body = Data()
    private var directory = Data()
    private var entryCount = 0

    /// Appends a little-endian integer of the given width to `data`.
    private static func append<T: FixedWidthInteger>(_ value: T, to data: inout Data) {
        withUnsafeBytes(of: value.littleEndian) { data.append(contentsOf: $0) }
    }

    /// Adds an entry named `name` holding `contents`.
    mutating func add(name: String, contents: Data) {
        let nameBytes = Array(name.utf8)
        let crc = CRC32.checksum(contents)
        let size = UInt32(contents.count), offset = UInt32(body.count)
        // Local file header: signature, version 2.0, no flags, stored, no time/date.
        StoredZipArchive.append(UInt32(0x0403_4B50), to: &body)
        for v: UInt16 in [20, 0, 0, 0, 0] { StoredZipArchive.append(v, to: &body) }
        for v: UInt32 in [crc, size, size] { StoredZipArchive.append(v, to: &body) }
        StoredZipArchive.append(UInt16(nameBytes.count), to: &body)
        StoredZipArchive.append(UInt16(0), to: &body)
        body.append(contentsOf: nameBytes)
        body.append(contents)
        // Central directory record.
        StoredZipArchive.append(UInt32(0x0201_4B50), to: &directory)
        for v: UInt16 in [20, 20, 0, 0, 0, 0] { StoredZipArchive.append(v, to: &directory) }
        for v: UInt32 in [crc, size, size] { StoredZipArchive.append(v, to: &directory) }
        for v: UInt16 in [UInt16(nameBytes.count), 0, 0, 0, 0] { StoredZipArchive.append(v, to: &directory) }
        StoredZipArchive.append(UInt32(0), to: &directory)
        StoredZipArchive.append(offset, to: &directory)
        directory.append(contentsOf: nameBytes)
        entryCount += 1
    }

    /// The archive bytes: the entries, the central directory and its end record.
    func encoded() -> Data {
        var data = body
        data.append(directory)
        StoredZipArchive.append(UInt32(0x0605_4B50), to: &data)
        for v: UInt16 in [0, 0, UInt16(entryCount), UInt16(entryCount)] { StoredZipArchive.append(v, to: &data) }
        StoredZipArchive.append(UInt32(directory.count), to: &data)
        StoredZipArchive.append(UInt32(body.count), to: &data)
        StoredZipArchive.append(UInt16(0), to: &data)
        return data
    }
}
