@testable import Modules
import XCTest

/// The progress meter's lines, its throttling and its three styles, on a clock the test moves.
final class ProgressMeterTests: XCTestCase {
    private final class Recorder {
        var now = 100.0
        var written: [String] = []
    }

    private func meter(total: Int?, style: ProgressMeter.Style, recorder: Recorder, width: Int = 80) -> ProgressMeter {
        ProgressMeter(total: total, label: "EGO", style: style, clock: { recorder.now }, columns: { width },
                      write: { recorder.written.append($0) })
    }

    func testBarLineWithRateEstimatedTimeAndFields() {
        let recorder = Recorder()
        let progress = meter(total: 100, style: .quiet, recorder: recorder)
        recorder.now += 2
        progress.update(to: 25, fields: [("best", "0.5")])
        XCTAssertEqual(progress.line(width: 80),
                       "EGO [========>                          ] 25/100  12.5 it/s  ETA 0:06  best=0.5")
        recorder.now += 3000
        progress.update(fields: [("best", "0.25"), ("gp", "ok")])
        XCTAssertEqual(progress.line(width: 72), "EGO [===>          ] 26/100  115.46 s/it  ETA 2:22:24  best=0.25  gp=ok")
        XCTAssertEqual(progress.line(width: 30), "EGO 26/100  115.46 s/it  ETA ", "no room for a bar: cut to the width")
    }

    func testUnknownTotalShowsTheCountOnly() {
        let recorder = Recorder()
        let progress = meter(total: nil, style: .quiet, recorder: recorder)
        recorder.now += 1
        progress.update(to: 250)
        XCTAssertEqual(progress.line(width: 80), "EGO 250  250 it/s")
        XCTAssertEqual(progress.summary, "EGO: 250 in 1.0 s (250 it/s)")
    }

    func testTerminalRedrawsAtMostTenTimesASecondAndEndsTheLine() {
        let recorder = Recorder()
        let progress = meter(total: 3, style: .bar, recorder: recorder)
        progress.update()
        recorder.now += 0.05
        progress.update()
        XCTAssertEqual(recorder.written.count, 1, "the second update came within 0.1 s")
        recorder.now += 0.05
        progress.update()
        XCTAssertEqual(recorder.written.count, 2, "the last step is always drawn")
        XCTAssertTrue(recorder.written.allSatisfy { $0.hasPrefix("\rEGO [") && $0.hasSuffix("\u{1b}[K") })
        progress.finish()
        progress.finish()
        XCTAssertEqual(recorder.written.count, 3)
        XCTAssertTrue(recorder.written[2].hasSuffix("] 3/3  30.0 it/s\u{1b}[K\n"), recorder.written[2])
    }

    func testSummaryLineOnlyAtTheEndAndQuietPrintsNothing() {
        let recorder = Recorder()
        let summary = meter(total: 4, style: .summary, recorder: recorder)
        for _ in 0..<4 {
            recorder.now += 0.5
            summary.update(fields: [("loss", "1e-3")])
        }
        XCTAssertEqual(recorder.written, [])
        summary.finish(fields: [("seed", "7")])
        XCTAssertEqual(recorder.written, ["EGO: 4/4 in 2.0 s (2.0 it/s)  loss=1e-3  seed=7\n"])
        let quiet = meter(total: 4, style: .quiet, recorder: recorder)
        quiet.update()
        quiet.finish()
        XCTAssertEqual(recorder.written.count, 1)
    }

    func testDurations() {
        XCTAssertEqual(ProgressMeter.duration(4.4), "0:04")
        XCTAssertEqual(ProgressMeter.duration(725), "12:05")
        XCTAssertEqual(ProgressMeter.duration(3723), "1:02:03")
        XCTAssertEqual(ProgressMeter.duration(8.06, precise: true), "8.1 s")
        XCTAssertEqual(ProgressMeter.duration(90, precise: true), "1:30")
    }
}
