import Foundation
import Linalg
import XCTest
import TestSupport
@testable import STZ

/// The coarse-graining maps, and the Gnuplot and .npz writers.
final class InputOutputTests: XCTestCase {
    private var directory: String!

    override func setUpWithError() throws {
        directory = NSTemporaryDirectory() + "stz-io-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: directory)
    }

    func testSharedEnergyFileAndReferenceMap() throws {
        let energy = try MDGrid.read(from: SharedData.path("data/CuZr_Ref/pe.MD.0")).field
        XCTAssertEqual(energy.rows, 32)
        XCTAssertEqual(energy.cols, 32)
        XCTAssertEqual(energy.elements.min()!, -3.36062, accuracy: 1e-5)
        XCTAssertEqual(energy.elements.max()!, -3.35856, accuracy: 1e-5)
        // χ0 = (E_Z/k_B) β (U − u0) / T_Z, with the reference's factor 1.0000013 from its two
        // Boltzmann constants.
        let factor = CoarseGrainingMap.activationTemperature() / 21000
        XCTAssertEqual(factor, 1.0000013, accuracy: 1e-7)
        let p = STZParameters.setB
        let chi = try CoarseGrainingMap.reference(beta: p.beta, u0: p.u0)(energy)
        XCTAssertEqual(chi[4, 9], factor * p.beta * (energy[4, 9] - p.u0), accuracy: 1e-15)
        // chi_inf from the final MD energy, as the paper derives it.
        let final = try MDGrid.read(from: SharedData.path("data/CuZr_Ref/pe.MD.100")).field
        XCTAssertEqual(STZParameters.chiInf(finalEnergy: final, beta: p.beta, u0: p.u0), p.chiInf, accuracy: 1e-9)
    }

    func testCustomCoarseGrainingMapFeedsTheRun() throws {
        let energy = Matrix(rows: 32, cols: 32, repeating: -3.36)
        let map = CoarseGrainingMap.pointwise { 0.5 * ($0 + 3.5) }
        let sim = try STZSimulation(parameters: .setB, initialChi: .mappedEnergy(energy, map))
        XCTAssertEqual(sim.initialChi[0, 0], 0.07, accuracy: 1e-12)
    }

    /// A short run with every field (through the onset of yield), computed once for the writers.
    private static let shortRun: Result<STZRun, Error> = Result {
        var chi = Matrix(rows: 32, cols: 32)
        for j in 0..<32 { for i in 0..<32 { chi[j, i] = 0.07 + 0.01 * cos(Double(i + 2 * j)) } }
        return try STZSimulation(parameters: .setB, loading: ShearLoading(finalStrain: 0.06, frames: 12), initialChi: .chi(chi)).run()
    }
    private func shortRun() throws -> STZRun { try InputOutputTests.shortRun.get() }

    func testGnuplotFilesRoundTripInTheReferenceLayout() throws {
        let run = try shortRun()
        try run.writeGnuplot(directory: directory)
        for field in [OutputField.tau, .X] {
            let path = "\(directory!)/\(field.rawValue).12"
            let data = try Data(contentsOf: URL(fileURLWithPath: path))
            XCTAssertEqual(data.count, 33 * 33 * 4, "float32, 33 x 33 with the coordinate row and column")
            let file = try GnuplotMatrix.read(from: path)
            let (matrix, x, y) = (file.field, file.x, file.y)
            XCTAssertEqual(x[1], field.isCellCentred ? 18.75 : 12.5)
            XCTAssertEqual(y[0], field.isCellCentred ? 6.25 : 0)
            let expected = run.frames[12][field]!
            for k in 0..<expected.count {
                XCTAssertEqual(matrix.elements[k], Double(Float(expected.elements[k])))
            }
        }
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: directory).count, 13 * OutputField.allCases.count)
    }

    func testNPZArchiveHoldsEveryFieldAsFramesByRowsByColumns() throws {
        let run = try shortRun()
        let path = directory + "/run.npz"
        try run.writeNPZ(path: path)
        let data = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        // Walk the stored zip: each local header, its CRC, and the .npy header inside.
        var offset = 0, names: [String] = []
        func u16(_ at: Int) -> Int { Int(data[at]) | Int(data[at + 1]) << 8 }
        func u32(_ at: Int) -> UInt32 { (0..<4).reduce(0) { $0 | UInt32(data[at + $1]) << (8 * $1) } }
        while u32(offset) == 0x0403_4B50 {
            let size = Int(u32(offset + 18)), nameLength = u16(offset + 26)
            let name = String(decoding: data[(offset + 30)..<(offset + 30 + nameLength)], as: UTF8.self)
            let body = Array(data[(offset + 30 + nameLength)..<(offset + 30 + nameLength + size)])
            XCTAssertEqual(Array(body[0..<6]), [0x93] + Array("NUMPY".utf8))
            let header = String(decoding: body[10..<(10 + Int(body[8]) + Int(body[9]) << 8)], as: UTF8.self)
            XCTAssertEqual((10 + header.utf8.count) % 64, 0)
            if name == "tau.npy" {
                XCTAssertTrue(header.contains("'shape': (13, 32, 32)"), header)
                let start = 10 + header.utf8.count + 8 * (32 * 32 * 12 + 32 * 3 + 5)
                let value = Double(bitPattern: (0..<8).reduce(UInt64(0)) { $0 | UInt64(body[start + $1]) << (8 * $1) })
                XCTAssertEqual(value, run.frames[12][.tau]![3, 5])
            }
            names.append(name)
            offset += 30 + nameLength + size
        }
        XCTAssertEqual(u32(offset), 0x0201_4B50, "central directory follows the entries")
        XCTAssertEqual(Set(names), Set(["gamma.npy", "mean_tau.npy"] + OutputField.allCases.map { "\($0.rawValue).npy" }))
        try checkWithNumPy(path, expected: run.frames[12][.tau]![3, 5])
    }

    /// Loads the archive with numpy (when python3 has it) and compares one value.
    private func checkWithNumPy(_ path: String, expected: Double) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", "import numpy as np; d = np.load('\(path)'); "
            + "assert d['tau'].shape == (13, 32, 32), d['tau'].shape; print(repr(float(d['tau'][12, 3, 5])))"]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = Pipe()
        guard (try? process.run()) != nil else { throw XCTSkip("python3 is not available") }
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw XCTSkip("python3 with numpy is not available") }
        XCTAssertEqual(Double(text.trimmingCharacters(in: .whitespacesAndNewlines)), expected)
    }
}
