import XCTest
import TestSupport
@testable import Linalg

final class NPZTests: XCTestCase {
    let arrays: [String: Matrix] = [
        "a": Matrix(rows: 3, cols: 4) { i, j in Double(i * 4 + j) * 1.5 - 2 },
        "weights": Matrix(column: [0.25, 0.5, 0.25]),
        "empty": Matrix(rows: 0, cols: 2),
    ]

    func testRoundTripStoredAndDeflated() throws {
        for compressed in [false, true] {
            let bytes = try NPZ.encode(arrays, compressed: compressed, path: "t.npz")
            XCTAssertEqual(try NPZ.decode(bytes, path: "t.npz"), arrays)
        }
        // Ten thousand zeros deflate to almost nothing.
        let zeros = ["z": Matrix(rows: 100, cols: 100)]
        XCTAssertLessThan(try NPZ.encode(zeros, compressed: true, path: "z.npz").count, 1000)
    }

    func testNumPyLoadsWhatSwiftWrites() throws {
        let dir = try temporaryDirectory(for: self)
        for compressed in [false, true] {
            let path = dir.appendingPathComponent("s\(compressed).npz").path
            try NPZ.write(arrays, to: path, compressed: compressed)
            let out = try Python.run("""
                import sys, numpy as np
                z = np.load(sys.argv[1])
                print(sorted(z.files), bool(np.array_equal(z['a'], np.arange(12).reshape(3, 4) * 1.5 - 2)),
                      z['weights'].ravel().tolist(), z['empty'].shape)
                """, [path])
            XCTAssertEqual(out, "['a', 'empty', 'weights'] True [0.25, 0.5, 0.25] (0, 2)\n")
        }
    }

    func testSwiftReadsSavezAndSavezCompressed() throws {
        let dir = try temporaryDirectory(for: self).path
        _ = try Python.run("""
            import sys, numpy as np
            a = np.arange(12).reshape(3, 4) * 1.5 - 2; r = np.random.RandomState(3).random_sample((50, 7))
            np.savez(sys.argv[1] + '/plain.npz', a=a, r=r, v=np.array([1.0, 2.0]))
            np.savez_compressed(sys.argv[1] + '/packed.npz', a=a, r=r, v=np.array([1.0, 2.0]))
            """, [dir])
        var g = RandomGenerator(seed: 3)
        let expected = ["a": arrays["a"]!, "r": Matrix.random(rows: 50, cols: 7, using: &g), "v": Matrix(column: [1, 2])]
        XCTAssertEqual(try NPZ.read(from: "\(dir)/plain.npz"), expected)
        XCTAssertEqual(try NPZ.read(from: "\(dir)/packed.npz"), expected)
    }

    /// A one-member stored archive written entirely with ZIP64 records: saturated sizes and
    /// offset in the central entry with a ZIP64 extra field, and a ZIP64 end record and locator.
    private func zip64Archive(name: String, data: [UInt8]) -> [UInt8] {
        let crc = UInt32(Zip.checksum(data)), nameBytes = Array(name.utf8)
        var bytes = [UInt8]()
        bytes.appendLittleEndian(UInt32(0x0403_4b50))
        bytes.appendLittleEndian(UInt16(45)); bytes.appendLittleEndian(UInt16(0)); bytes.appendLittleEndian(UInt16(0))
        bytes.appendLittleEndian(UInt32(0x0021_0000)); bytes.appendLittleEndian(crc)
        bytes.appendLittleEndian(UInt32.max); bytes.appendLittleEndian(UInt32.max)
        bytes.appendLittleEndian(UInt16(nameBytes.count)); bytes.appendLittleEndian(UInt16(20))
        bytes += nameBytes
        bytes.appendLittleEndian(UInt16(1)); bytes.appendLittleEndian(UInt16(16))
        bytes.appendLittleEndian(UInt64(data.count)); bytes.appendLittleEndian(UInt64(data.count))
        bytes += data
        let directoryOffset = bytes.count
        bytes.appendLittleEndian(UInt32(0x0201_4b50))
        bytes.appendLittleEndian(UInt16(45)); bytes.appendLittleEndian(UInt16(45))
        bytes.appendLittleEndian(UInt16(0)); bytes.appendLittleEndian(UInt16(0))
        bytes.appendLittleEndian(UInt32(0x0021_0000)); bytes.appendLittleEndian(crc)
        bytes.appendLittleEndian(UInt32.max); bytes.appendLittleEndian(UInt32.max)
        bytes.appendLittleEndian(UInt16(nameBytes.count)); bytes.appendLittleEndian(UInt16(28))
        bytes += [UInt8](repeating: 0, count: 10)  // comment length, disk, internal and external attributes
        bytes.appendLittleEndian(UInt32.max)
        bytes += nameBytes
        bytes.appendLittleEndian(UInt16(1)); bytes.appendLittleEndian(UInt16(24))
        bytes.appendLittleEndian(UInt64(data.count)); bytes.appendLittleEndian(UInt64(data.count)); bytes.appendLittleEndian(UInt64(0))
        let directorySize = bytes.count - directoryOffset, endRecord = bytes.count
        bytes.appendLittleEndian(UInt32(0x0606_4b50)); bytes.appendLittleEndian(UInt64(44))
        bytes.appendLittleEndian(UInt16(45)); bytes.appendLittleEndian(UInt16(45))
        bytes.appendLittleEndian(UInt32(0)); bytes.appendLittleEndian(UInt32(0))
        bytes.appendLittleEndian(UInt64(1)); bytes.appendLittleEndian(UInt64(1))
        bytes.appendLittleEndian(UInt64(directorySize)); bytes.appendLittleEndian(UInt64(directoryOffset))
        bytes.appendLittleEndian(UInt32(0x0706_4b50)); bytes.appendLittleEndian(UInt32(0))
        bytes.appendLittleEndian(UInt64(endRecord)); bytes.appendLittleEndian(UInt32(1))
        bytes.appendLittleEndian(UInt32(0x0605_4b50)); bytes.appendLittleEndian(UInt32(0))
        bytes.appendLittleEndian(UInt16.max); bytes.appendLittleEndian(UInt16.max)
        bytes.appendLittleEndian(UInt32.max); bytes.appendLittleEndian(UInt32.max); bytes.appendLittleEndian(UInt16(0))
        return bytes
    }

    func testZip64RecordsAreRead() throws {
        let bytes = zip64Archive(name: "a.npy", data: NPY.encode(arrays["a"]!))
        XCTAssertEqual(try NPZ.decode(bytes, path: "z64.npz"), ["a": arrays["a"]!])
        // Python's zipfile agrees that the hand-made archive is valid.
        let path = try temporaryDirectory(for: self).appendingPathComponent("z64.npz").path
        try FileIO.write(bytes, to: path)
        XCTAssertEqual(try Python.run("import sys, numpy as np; print(np.load(sys.argv[1])['a'].sum())", [path]), "75.0\n")  // 1.5 * 66 - 2 * 12
    }

    func testMalformedArchivesThrow() throws {
        for compressed in [false, true] {
            let good = try NPZ.encode(arrays, compressed: compressed, path: "t.npz")
            for length in 0..<good.count {
                XCTAssertThrowsError(try NPZ.decode(Array(good.prefix(length)), path: "t.npz"), "length \(length)")
            }
        }
        XCTAssertThrowsError(try NPZ.decode(Array("definitely not a zip file".utf8), path: "g.npz")) { error in
            XCTAssertEqual(error as? FileError, .malformed(path: "g.npz", format: ".npz (zip)",
                                                           reason: "no end-of-central-directory record (not a zip archive)"))
        }
        // A flipped byte in a stored member's data is caught by its CRC-32.
        var corrupt = try NPZ.encode(["a": arrays["a"]!], path: "c.npz")
        corrupt[200] ^= 0x01
        XCTAssertThrowsError(try NPZ.decode(corrupt, path: "c.npz")) { error in
            XCTAssertEqual(error as? FileError, .malformed(path: "c.npz", format: ".npz (zip)", reason: "CRC-32 mismatch in member a.npy"))
        }
        // A member that is not .npy data is reported with the archive and member names.
        let odd = try Zip.archive([Zip.Member(name: "notes.txt", data: Array("hello".utf8))], compressed: false, path: "o.npz")
        XCTAssertThrowsError(try NPZ.decode(odd, path: "o.npz")) { error in
            XCTAssertEqual(error as? FileError, .malformed(path: "o.npz:notes.txt", format: ".npy", reason: "bad magic string (expected \\x93NUMPY)"))
        }
    }

    func testRandomCorruptionNeverCrashes() throws {
        var g = RandomGenerator(seed: 17)
        for compressed in [false, true] {
            let good = try NPZ.encode(arrays, compressed: compressed, path: "t.npz")
            for _ in 0..<300 {
                var bytes = good
                for _ in 0..<2 { bytes[g.randomInteger(in: 0..<bytes.count)] = UInt8(g.randomInteger(in: 0..<256)) }
                _ = try? NPZ.decode(bytes, path: "fuzz.npz")
            }
        }
    }
}
