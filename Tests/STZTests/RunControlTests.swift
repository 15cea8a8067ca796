import Foundation
import Linalg
import XCTest
@testable import STZ

/// Blow-up detection, interruption, early stopping, and independence of parallel runs.
final class RunControlTests: XCTestCase {
    /// A χ0 field with some structure (no shared data needed): 0.07 ± 0.01.
    private let chi0: Matrix = {
        var m = Matrix(rows: 32, cols: 32)
        for j in 0..<32 { for i in 0..<32 { m[j, i] = 0.07 + 0.01 * sin(Double(3 * i + 7 * j)) } }
        return m
    }()

    /// The paper's steps, cut to the first `frames` frames (γ = 0.005 per frame).
    private func loading(frames: Int) -> ShearLoading {
        ShearLoading(finalStrain: 0.005 * Double(frames), frames: frames)
    }

    /// A thread-safe count of interruption checks.
    private final class CheckCounter: @unchecked Sendable {
        private let lock = NSLock()
        private var count = 0
        func next() -> Int {
            lock.lock()
            defer { lock.unlock() }
            count += 1
            return count
        }
    }

    func testBlowUpStopsTheRunNamingFrameAndField() throws {
        // χ diffusion beyond its explicit stability limit (ℓχ = 2 µm) blows up once plasticity starts.
        var parameters = STZParameters.setB
        parameters.chiLen = 20_000
        let simulation = try STZSimulation(parameters: parameters, loading: loading(frames: 30), initialChi: .chi(chi0))
        XCTAssertThrowsError(try simulation.run(fields: [])) { error in
            guard case let .blowUp(frame, field, row, column) = error as? STZError else { return XCTFail("\(error)") }
            XCTAssertTrue((11...30).contains(frame), "blow-up after yield, at frame \(frame)")
            XCTAssertTrue(["p", "q", "s", "tau", "chi", "u", "v", "X", "Y"].contains(field))
            XCTAssertTrue((0..<32).contains(row) && (0..<32).contains(column))
            XCTAssertTrue("\(error)".contains("frame \(frame)") && "\(error)".contains(field))
        }
    }

    func testInterruptionStopsTheRun() throws {
        let simulation = try STZSimulation(parameters: .setB, loading: loading(frames: 20), initialChi: .chi(chi0))
        let counter = CheckCounter()
        let interruption = Interruption { counter.next() > 100 }
        var framesSeen = 0
        XCTAssertThrowsError(try simulation.run(fields: [], interruption: interruption) { _ in
            framesSeen += 1
            return .continue
        }) { error in
            XCTAssertEqual(error as? Interrupted, Interrupted())
        }
        XCTAssertEqual(framesSeen, 2, "frames 0 and 1 (60 steps) before the 101st check")
    }

    func testOnFrameCanStopTheRunEarly() throws {
        let simulation = try STZSimulation(parameters: .setB, loading: loading(frames: 20), initialChi: .chi(chi0))
        let run = try simulation.run(fields: [.tau]) { frame in frame.frame == 3 ? .stop : .continue }
        XCTAssertTrue(run.stoppedEarly)
        XCTAssertEqual(run.frames.map(\.frame), [0, 1, 2, 3])
        XCTAssertEqual(run.gamma.last!, 0.015, accuracy: 1e-12)
    }

    func testParallelRunsMatchSerialRuns() throws {
        var variant = STZParameters.setB
        variant.c0 = 0.4
        let simulations = try [STZParameters.setB, variant].map {
            try STZSimulation(parameters: $0, loading: loading(frames: 12), initialChi: .chi(chi0))
        }
        let serial = try simulations.map { try $0.run(fields: [.tau, .chi, .u]) }
        let results = ParallelResults(count: simulations.count)
        DispatchQueue.concurrentPerform(iterations: simulations.count) { k in
            results.store(k, Result { try simulations[k].run(fields: [.tau, .chi, .u]) })
        }
        for k in simulations.indices {
            let parallel = try results.value(k).get()
            XCTAssertEqual(parallel.frames.count, serial[k].frames.count)
            for (a, b) in zip(parallel.frames, serial[k].frames) {
                XCTAssertEqual(a.fields, b.fields, "run \(k), frame \(a.frame)")
                XCTAssertEqual(a.meanTau, b.meanTau)
            }
        }
        XCTAssertNotEqual(serial[0].meanTau.last, serial[1].meanTau.last, "the two runs differ, so no state is shared")
    }

    /// Results written by parallel workers.
    private final class ParallelResults: @unchecked Sendable {
        private let lock = NSLock()
        private var results: [Result<STZRun, Error>?]
        init(count: Int) { results = Array(repeating: nil, count: count) }
        func store(_ k: Int, _ result: Result<STZRun, Error>) {
            lock.lock()
            results[k] = result
            lock.unlock()
        }
        func value(_ k: Int) -> Result<STZRun, Error> {
            lock.lock()
            defer { lock.unlock() }
            return results[k]!
        }
    }
}
