import XCTest
import TestSupport
@testable import Linalg

final class NPYTests: XCTestCase {
    /// A 3 x 4 matrix equal to NumPy's `np.arange(12).reshape(3, 4) * 1.5 - 2`.
    let sample = Matrix(rows: 3, cols: 4) { i, j in Double(i * 4 + j) * 1.5 - 2 }

    func testRoundTripInMemory() throws {
        XCTAssertEqual(try NPY.decode(NPY.encode(sample), path: "m.npy"), sample)
        let v = Matrix(column: [1, .nan, -.infinity])
        let back = try NPY.decode(NPY.encode(v, oneDimensional: true), path: "v.npy")
        XCTAssertEqual(back.shape, v.shape)
        XCTAssertTrue(back[1].isNaN)
        XCTAssertEqual(back[2], -.infinity)
        XCTAssertEqual(try NPY.decode(NPY.encode(Matrix(rows: 0, cols: 5)), path: "e.npy").shape, Shape(rows: 0, cols: 5))
    }

    func testHeaderIsPaddedTo64BytesAsNumPyWrites() {
        let bytes = NPY.encode(sample)
        let headerLength = Int(bytes[8]) | Int(bytes[9]) << 8
        XCTAssertEqual((10 + headerLength) % 64, 0)
        XCTAssertEqual(bytes[10 + headerLength - 1], UInt8(ascii: "\n"))
        XCTAssertEqual(bytes.count, 10 + headerLength + 8 * 12)
    }

    func testNumPyLoadsWhatSwiftWrites() throws {
        let dir = try temporaryDirectory(for: self)
        let matrixPath = dir.appendingPathComponent("m.npy").path, vectorPath = dir.appendingPathComponent("v.npy").path
        try NPY.write(sample, to: matrixPath)
        try NPY.write(Matrix(row: [0.1, 0.2, 0.3]), to: vectorPath, oneDimensional: true)
        let out = try Python.run("""
            import sys, numpy as np
            m = np.load(sys.argv[1]); v = np.load(sys.argv[2])
            print(m.shape, m.dtype, bool(np.array_equal(m, np.arange(12).reshape(3, 4) * 1.5 - 2)))
            print(v.shape, v.tolist())
            """, [matrixPath, vectorPath])
        XCTAssertEqual(out, "(3, 4) float64 True\n(3,) [0.1, 0.2, 0.3]\n")
    }

    func testSwiftReadsWhatNumPyWritesInEveryLayoutDtypeAndVersion() throws {
        let dir = try temporaryDirectory(for: self).path
        _ = try Python.run("""
            import sys, numpy as np
            d = sys.argv[1]; a = np.arange(12).reshape(3, 4) * 1.5 - 2
            np.save(d + '/c.npy', a)
            np.save(d + '/f.npy', np.asfortranarray(a))
            np.save(d + '/f4.npy', a.astype('<f4'))
            np.save(d + '/i4.npy', np.arange(-6, 6).reshape(3, 4).astype('<i4'))
            np.save(d + '/i8.npy', np.arange(-6, 6).reshape(3, 4).astype('<i8'))
            np.save(d + '/be.npy', a.astype('>f8'))
            np.save(d + '/one.npy', np.array([3.0, 1.0, 2.0]))
            np.save(d + '/zero.npy', np.float64(7.5))
            for v in [(2, 0), (3, 0)]:
                with open(d + '/v%d.npy' % v[0], 'wb') as f: np.lib.format.write_array(f, a, version=v)
            """, [dir])
        for name in ["c", "f", "be", "v2", "v3"] {
            XCTAssertEqual(try NPY.read(from: "\(dir)/\(name).npy"), sample, name)
        }
        XCTAssertEqual(try NPY.read(from: "\(dir)/f4.npy"), sample)  // k * 1.5 - 2 is exact in float32
        let ints = Matrix(rows: 3, cols: 4) { i, j in Double(i * 4 + j - 6) }
        XCTAssertEqual(try NPY.read(from: "\(dir)/i4.npy"), ints)
        XCTAssertEqual(try NPY.read(from: "\(dir)/i8.npy"), ints)
        XCTAssertEqual(try NPY.read(from: "\(dir)/one.npy"), Matrix(column: [3, 1, 2]))
        XCTAssertEqual(try NPY.read(from: "\(dir)/zero.npy"), Matrix(column: [7.5]))
    }

    func testMalformedFilesThrowNamedErrors() throws {
        let good = NPY.encode(sample)
        func error(_ bytes: [UInt8]) -> FileError? {
            do { _ = try NPY.decode(bytes, path: "x.npy"); return nil } catch { return error }
        }
        XCTAssertEqual(error(Array("PK\u{3}\u{4}not numpy".utf8)),
                       .malformed(path: "x.npy", format: ".npy", reason: "bad magic string (expected \\x93NUMPY)"))
        guard case .malformed(_, _, let reason)? = error(Array(good.dropLast(8))) else { return XCTFail("truncated data accepted") }
        XCTAssertTrue(reason.hasPrefix("truncated"), reason)
        // Every truncation of a valid file is an error, never a crash.
        for length in 0..<good.count { XCTAssertNotNil(error(Array(good.prefix(length))), "length \(length)") }
        // A header that is not a dictionary, a 3-D array, a complex dtype, a huge shape.
        func file(_ header: String) -> [UInt8] {
            NPY.magic + [1, 0, UInt8(header.utf8.count), 0] + Array(header.utf8) + [UInt8](repeating: 0, count: 64)
        }
        XCTAssertEqual(error(file("{'descr': '<f8', 'fortran_order': False, 'shape': (2, 2, 2), }")),
                       .unsupported(path: "x.npy", format: ".npy", feature: "3-dimensional array"))
        XCTAssertEqual(error(file("{'descr': '<c16', 'fortran_order': False, 'shape': (2,), }")),
                       .unsupported(path: "x.npy", format: ".npy", feature: "dtype '<c16'"))
        XCTAssertEqual(error(file("{'descr': [('a', '<f8')], 'fortran_order': False, 'shape': (2,), }")),
                       .unsupported(path: "x.npy", format: ".npy", feature: "structured dtype"))
        XCTAssertNotNil(error(file("{'descr': '<f8', 'fortran_order': False, 'shape': (4611686018427387904, 4), }")))
        XCTAssertNotNil(error(file("{'descr': '<f8', 'fortran_order': Maybe, 'shape': (2,), }")))
        XCTAssertNotNil(error(file("[1, 2")))
        XCTAssertNotNil(error(file(String(repeating: "(", count: 200))))  // deep nesting: an error, not a stack overflow
        XCTAssertEqual(try? NPY.read(from: "/nonexistent/x.npy"), nil)
        XCTAssertEqual(FileError.cannotRead(path: "/nonexistent/x.npy", reason: "No such file or directory").description,
                       "/nonexistent/x.npy: cannot read: No such file or directory")
        do { _ = try NPY.read(from: "/nonexistent/x.npy") } catch {
            XCTAssertEqual(error, .cannotRead(path: "/nonexistent/x.npy", reason: "No such file or directory"))
        }
    }

    func testWriteFailureNamesTheFileAndLeavesNoTemporary() throws {
        XCTAssertThrowsError(try NPY.write(sample, to: "/nonexistent/dir/x.npy")) { error in
            XCTAssertEqual(error as? FileError, .cannotWrite(path: "/nonexistent/dir/x.npy", reason: "No such file or directory"))
        }
        let dir = try temporaryDirectory(for: self)
        let path = dir.appendingPathComponent("m.npy").path
        try NPY.write(sample, to: path)
        try NPY.write(sample * 2, to: path)  // replaced atomically
        XCTAssertEqual(try NPY.read(from: path), sample * 2)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir.path), ["m.npy"])
    }

    func testRandomCorruptionNeverCrashes() {
        var g = RandomGenerator(seed: 31)
        let good = NPY.encode(sample)
        for _ in 0..<500 {
            var bytes = good
            for _ in 0..<3 { bytes[g.randomInteger(in: 0..<bytes.count)] = UInt8(g.randomInteger(in: 0..<256)) }
            _ = try? NPY.decode(bytes, path: "fuzz.npy")
        }
    }
}
