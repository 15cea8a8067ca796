import CZlib

/// A small zip reader and writer, enough for `.npz` archives, built on the system zlib (for
/// deflate and CRC-32) rather than on a zip package: `.npz` needs only whole-archive reads and
/// writes of a few members, and owning these ~200 lines keeps every malformed-input path a typed
/// ``FileError`` (bounds-checked reads, CRC and size checks) with no extra dependency.
///
/// Reading understands stored and deflated members, data descriptors, and the ZIP64 records that
/// `numpy.savez` writes (it opens members with `force_zip64=True`). Writing produces a classic
/// (non-ZIP64) archive, stored or deflated.
enum Zip {
    /// One archive member: its name and its uncompressed bytes.
    struct Member {
        let name: String
        let data: [UInt8]
    }

    private static let localSignature = 0x0403_4b50
    private static let centralSignature = 0x0201_4b50
    private static let endSignature = 0x0605_4b50
    private static let zip64EndSignature = 0x0606_4b50
    private static let zip64LocatorSignature = 0x0706_4b50

    // MARK: Reading

    /// The members of the archive `bytes`, in central-directory order.
    static func members(of bytes: [UInt8], path: String) throws(FileError) -> [Member] {
        let reader = ByteReader(bytes: bytes, path: path, format: ".npz (zip)")
        let directory = try centralDirectory(reader)
        var members = [Member]()
        var offset = directory.offset
        for _ in 0..<directory.count {
            let (member, next) = try member(reader, centralEntryAt: offset)
            members.append(member)
            offset = next
        }
        return members
    }

    /// The location and entry count of the central directory, from the end records.
    private static func centralDirectory(_ r: ByteReader) throws(FileError) -> (offset: Int, count: Int) {
        // The end record is the last 22 bytes plus a comment of at most 65535 bytes.
        let lowest = Swift.max(0, r.bytes.count - 22 - 0xffff)
        guard let end = stride(from: r.bytes.count - 22, through: lowest, by: -1).first(where: { at in
            (try? r.u32(at, "")) == endSignature
        }) else { throw r.malformed("no end-of-central-directory record (not a zip archive)") }
        var count = try r.u16(end + 10, "entry count")
        var offset = try r.u32(end + 16, "central directory offset")
        if count == 0xffff || offset == 0xffff_ffff {
            let locator = end - 20
            guard try r.u32(locator, "ZIP64 locator") == zip64LocatorSignature else {
                throw r.malformed("ZIP64 values without a ZIP64 locator")
            }
            let record = try r.u64(locator + 8, "ZIP64 end record offset")
            guard try r.u32(record, "ZIP64 end record") == zip64EndSignature else {
                throw r.malformed("bad ZIP64 end-of-central-directory signature")
            }
            count = try r.u64(record + 32, "ZIP64 entry count")
            offset = try r.u64(record + 48, "ZIP64 central directory offset")
        }
        // Each entry takes at least 46 bytes: a count beyond that is garbage, not a huge archive.
        guard count <= (r.bytes.count - Swift.min(offset, r.bytes.count)) / 46 else {
            throw r.malformed("central directory claims \(count) entries, more than the file can hold")
        }
        return (offset, count)
    }

    /// The member described by the central-directory entry at `offset`, and the next entry's offset.
    private static func member(_ r: ByteReader, centralEntryAt offset: Int) throws(FileError) -> (Member, Int) {
        guard try r.u32(offset, "central directory entry") == centralSignature else {
            throw r.malformed("bad central directory entry signature at offset \(offset)")
        }
        let flags = try r.u16(offset + 8, "flags")
        let method = try r.u16(offset + 10, "compression method")
        let crc = try r.u32(offset + 16, "CRC-32")
        var compressedSize = try r.u32(offset + 20, "compressed size")
        var size = try r.u32(offset + 24, "size")
        let nameLength = try r.u16(offset + 28, "name length")
        let extraLength = try r.u16(offset + 30, "extra field length")
        let commentLength = try r.u16(offset + 32, "comment length")
        var localOffset = try r.u32(offset + 42, "local header offset")
        let name = String(decoding: try r.slice(offset + 46, nameLength, "member name"), as: UTF8.self)
        // ZIP64 extra field (id 1): the 64-bit values of exactly the fields saturated above, in order.
        var extra = offset + 46 + nameLength
        let extraEnd = extra + extraLength
        while extra + 4 <= extraEnd {
            let id = try r.u16(extra, "extra field id"), length = try r.u16(extra + 2, "extra field length")
            if id == 1 {
                var field = extra + 4
                if size == 0xffff_ffff { size = try r.u64(field, "ZIP64 size"); field += 8 }
                if compressedSize == 0xffff_ffff { compressedSize = try r.u64(field, "ZIP64 compressed size"); field += 8 }
                if localOffset == 0xffff_ffff { localOffset = try r.u64(field, "ZIP64 local header offset") }
            }
            extra += 4 + length
        }
        guard flags & 1 == 0 else { throw FileError.unsupported(path: r.path, format: ".npz (zip)", feature: "encrypted member \(name)") }
        guard try r.u32(localOffset, "local header of \(name)") == localSignature else {
            throw r.malformed("bad local header signature for member \(name)")
        }
        let dataOffset = localOffset + 30 + (try r.u16(localOffset + 26, "local name length"))
            + (try r.u16(localOffset + 28, "local extra length"))
        let stored = try r.slice(dataOffset, compressedSize, "data of member \(name)")
        let data: [UInt8]
        switch method {
        case 0:
            guard compressedSize == size else { throw r.malformed("stored member \(name) has inconsistent sizes") }
            data = Array(stored)
        case 8:
            data = try inflate(stored, size: size, reader: r, member: name)
        default:
            throw FileError.unsupported(path: r.path, format: ".npz (zip)", feature: "compression method \(method) of \(name)")
        }
        guard checksum(data) == crc else { throw r.malformed("CRC-32 mismatch in member \(name)") }
        return (Member(name: name, data: data), extraEnd + commentLength)
    }

    /// Raw-deflate decompression of `input` into exactly `size` bytes.
    private static func inflate(
        _ input: ArraySlice<UInt8>, size: Int, reader r: ByteReader, member: String
    ) throws(FileError) -> [UInt8] {
        // Deflate cannot expand data by more than about 1032:1: a larger claim is a corrupt header.
        guard size <= 1032 * input.count + 1024 else { throw r.malformed("member \(member) claims an impossible size \(size)") }
        guard input.count < Int(uInt.max), size < Int(uInt.max) else {
            throw FileError.unsupported(path: r.path, format: ".npz (zip)", feature: "member \(member) of 4 GiB or more")
        }
        var output = [UInt8](repeating: 0, count: Swift.max(size, 1))
        var stream = z_stream()
        guard inflateInit2_(&stream, -15, zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw r.malformed("zlib could not start inflating \(member)")
        }
        defer { inflateEnd(&stream) }
        let status = input.withUnsafeBufferPointer { src in
            output.withUnsafeMutableBufferPointer { dst in
                stream.next_in = UnsafeMutablePointer(mutating: src.baseAddress)
                stream.avail_in = uInt(src.count)
                stream.next_out = dst.baseAddress
                stream.avail_out = uInt(size)
                return CZlib.inflate(&stream, Z_FINISH)
            }
        }
        guard status == Z_STREAM_END, Int(stream.total_out) == size else {
            throw r.malformed("member \(member) is not valid deflate data of \(size) bytes")
        }
        return size == 0 ? [] : output
    }

    // MARK: Writing

    /// A classic zip archive of `members`, each stored or (`compressed`) deflated.
    ///
    /// - Throws: ``FileError/invalidData(path:format:reason:)`` when the archive would need ZIP64
    ///   (4 GiB or 65535 members), which this writer does not produce.
    static func archive(_ members: [Member], compressed: Bool, path: String) throws(FileError) -> [UInt8] {
        var bytes = [UInt8](), directory = [UInt8]()
        let tooLarge = FileError.invalidData(path: path, format: ".npz", reason: "archive needs ZIP64 (4 GiB or 65535 members)")
        guard members.count < 0xffff else { throw tooLarge }
        for member in members {
            guard member.data.count < 0xffff_ffff else { throw tooLarge }
            let payload = compressed ? deflate(member.data) : member.data
            let name = Array(member.name.utf8)
            let offset = bytes.count
            guard payload.count < 0xffff_ffff, offset < 0xffff_ffff, name.count <= 0xffff else { throw tooLarge }
            // Fields shared by the local header and the central entry, from "version needed" on.
            var common = [UInt8]()
            common.appendLittleEndian(UInt16(20))  // version needed: 2.0 (deflate)
            common.appendLittleEndian(UInt16(name.allSatisfy { $0 < 0x80 } ? 0 : 0x800))  // bit 11: UTF-8 name
            common.appendLittleEndian(UInt16(compressed ? 8 : 0))
            common.appendLittleEndian(UInt16(0))  // time 00:00
            common.appendLittleEndian(UInt16(0x21))  // date 1980-01-01, a fixed stamp for reproducible files
            common.appendLittleEndian(UInt32(checksum(member.data)))
            common.appendLittleEndian(UInt32(payload.count))
            common.appendLittleEndian(UInt32(member.data.count))
            common.appendLittleEndian(UInt16(name.count))
            common.appendLittleEndian(UInt16(0))  // extra field length
            bytes.appendLittleEndian(UInt32(localSignature))
            bytes += common + name + payload
            directory.appendLittleEndian(UInt32(centralSignature))
            directory.appendLittleEndian(UInt16(20))  // version made by
            directory += common
            directory += [0, 0, 0, 0, 0, 0, 0, 0, 0, 0]  // comment length, disk, internal and external attributes
            directory.appendLittleEndian(UInt32(offset))
            directory += name
        }
        guard bytes.count + directory.count < 0xffff_ffff else { throw tooLarge }
        let directoryOffset = bytes.count
        bytes += directory
        bytes.appendLittleEndian(UInt32(endSignature))
        bytes += [0, 0, 0, 0]  // this disk, disk of the central directory
        bytes.appendLittleEndian(UInt16(members.count))
        bytes.appendLittleEndian(UInt16(members.count))
        bytes.appendLittleEndian(UInt32(directory.count))
        bytes.appendLittleEndian(UInt32(directoryOffset))
        bytes.appendLittleEndian(UInt16(0))  // comment length
        return bytes
    }

    /// Raw-deflate compression of `input` at zlib's default level.
    private static func deflate(_ input: [UInt8]) -> [UInt8] {
        var stream = z_stream()
        let started = deflateInit2_(&stream, Z_DEFAULT_COMPRESSION, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY,
                                    zlibVersion(), Int32(MemoryLayout<z_stream>.size))
        precondition(started == Z_OK, "zlib deflateInit2 failed (out of memory)")
        defer { deflateEnd(&stream) }
        var output = [UInt8](repeating: 0, count: Int(deflateBound(&stream, uLong(input.count))))
        let status = input.withUnsafeBufferPointer { src in
            output.withUnsafeMutableBufferPointer { dst in
                stream.next_in = UnsafeMutablePointer(mutating: src.baseAddress)
                stream.avail_in = uInt(src.count)
                stream.next_out = dst.baseAddress
                stream.avail_out = uInt(dst.count)
                return CZlib.deflate(&stream, Z_FINISH)
            }
        }
        precondition(status == Z_STREAM_END, "zlib deflate did not finish within deflateBound")
        return Array(output[0..<Int(stream.total_out)])
    }

    /// The CRC-32 of `data`, as zip stores it.
    static func checksum(_ data: [UInt8]) -> Int {
        Int(data.withUnsafeBufferPointer { crc32_z(0, $0.baseAddress, z_size_t($0.count)) })
    }
}
