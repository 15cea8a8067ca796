import Foundation
import XCTest

/// scripts/calibrate.lua end to end on a small budget: the run directory's records agree with
/// each other, the plots are PNG files, a resumed run continues the recorded one, and bad options
/// are named.
final class CalibrationScriptTests: XCTestCase {
    private let script = packageRoot.appendingPathComponent("scripts/calibrate.lua").path

    private func jsonLines(_ url: URL) throws -> [[String: Any]] {
        try String(contentsOf: url, encoding: .utf8).split(separator: "\n").map {
            try XCTUnwrap(JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
    }

    private func json(_ url: URL) throws -> [String: Any] {
        try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
    }

    func testATwinRunRecordsEveryEvaluationAndResumes() throws {
        let folder = try temporaryFolder(self)
        let runDir = folder.appendingPathComponent("run")
        let first = try runCglab([script, "--budget", "6", "--initial", "4", "--quiet", "--no-plots", "--run-dir", runDir.path],
                                 directory: folder)
        XCTAssertEqual(first.status, 0, first.error)
        let evaluations = try jsonLines(runDir.appendingPathComponent("evaluations.jsonl"))
        XCTAssertEqual(evaluations.count, 6)
        XCTAssertEqual(try jsonLines(runDir.appendingPathComponent("details.jsonl")).count, 6 + 1,
                       "details of every evaluation and of the final run at the best point")

        let summary = try json(runDir.appendingPathComponent("summary.json"))
        let values = evaluations.compactMap { $0["y"] as? Double }
        let best = try XCTUnwrap(summary["y"] as? Double)
        XCTAssertEqual(best, try XCTUnwrap(values.min()), "the summary's Y is the best recorded evaluation")
        XCTAssertEqual(try XCTUnwrap(summary["d_tau"] as? Double) * 3 / 4 + (try XCTUnwrap(summary["d_G"] as? Double)) / 4,
                       best, accuracy: 1e-12, "the final run at the best point reproduces its Y")
        let parameters = try XCTUnwrap(summary["parameters"] as? [String: Double])
        let truth = try XCTUnwrap(summary["truth"] as? [String: Double])
        let errors = try XCTUnwrap(summary["relative_error"] as? [String: Double])
        XCTAssertEqual(errors["beta"]!, abs(parameters["beta"]! - truth["beta"]!) / 13, accuracy: 1e-12)
        XCTAssertTrue(first.output.contains("error/range"), first.output)

        let resumed = try runCglab([script, "--budget", "8", "--initial", "4", "--quiet", "--run-dir", runDir.path, "--resume"],
                                   directory: folder)
        XCTAssertEqual(resumed.status, 0, resumed.error)
        let continued = try jsonLines(runDir.appendingPathComponent("evaluations.jsonl"))
        XCTAssertEqual(continued.count, 8)
        for (a, b) in zip(evaluations, continued) {
            XCTAssertEqual(a["x"] as? [Double], b["x"] as? [Double], "recorded evaluations are kept, not redone")
        }
        for name in ["convergence", "parameters", "stress_strain", "fields"] {
            let bytes = [UInt8](try Data(contentsOf: runDir.appendingPathComponent(name + ".png")))
            XCTAssertEqual(Array(bytes.prefix(4)), [0x89, 0x50, 0x4e, 0x47], name)
            XCTAssertGreaterThan(bytes.count, 10_000, "\(name).png is not blank")
        }
    }

    func testTheLocalPhaseFollowsEGOAndResumes() throws {
        let folder = try temporaryFolder(self)
        let runDir = folder.appendingPathComponent("run")
        let options = ["--global", "6", "--initial", "4", "--quiet", "--no-plots", "--run-dir", runDir.path]
        let first = try runCglab([script, "--budget", "14"] + options, directory: folder)
        XCTAssertEqual(first.status, 0, first.error)
        let global = try jsonLines(runDir.appendingPathComponent("evaluations.jsonl"))
        let local = try jsonLines(runDir.appendingPathComponent("prox_linear.jsonl"))
        XCTAssertEqual(global.count, 6)
        XCTAssertTrue((7...8).contains(local.count),
                      "the start, four differences and two or three trial steps, not \(local.count); a second iteration does not fit")
        XCTAssertEqual(local.first?["x"] as? [Double], try XCTUnwrap(global.min { ($0["y"] as? Double ?? .infinity) < ($1["y"] as? Double ?? .infinity) })["x"] as? [Double],
                       "the local phase starts at EGO's best point")
        XCTAssertNotNil((local[1]["details"] as? [[String: Any]])?.first?["values"], "the log keeps each evaluation's parts")
        let summary = try json(runDir.appendingPathComponent("summary.json"))
        let phases = try XCTUnwrap(summary["phases"] as? [[String: Any]])
        XCTAssertEqual(phases.map { $0["evaluations"] as? Int }, [6, local.count])
        XCTAssertEqual(phases.map { $0["name"] as? String }, ["EGO", "Gauss-Newton"])
        XCTAssertEqual(try XCTUnwrap(summary["evaluations"] as? Int), 6 + local.count)
        let values = (global + local).compactMap { $0["y"] as? Double }
        XCTAssertEqual(try XCTUnwrap(summary["y"] as? Double), try XCTUnwrap(values.min()))
        XCTAssertEqual(try json(runDir.appendingPathComponent("best.json"))["y"] as? Double, try XCTUnwrap(values.min()),
                       "best.json holds the best point of both phases")

        let resumed = try runCglab([script, "--budget", "20", "--resume"] + options, directory: folder)
        XCTAssertEqual(resumed.status, 0, resumed.error)
        XCTAssertEqual(try jsonLines(runDir.appendingPathComponent("evaluations.jsonl")).count, 6)
        let continued = try jsonLines(runDir.appendingPathComponent("prox_linear.jsonl"))
        XCTAssertTrue(continued.count > local.count + 4 && continued.count <= 14, "a second iteration, not \(continued.count)")
        for (a, b) in zip(local, continued) {
            XCTAssertEqual(a["x"] as? [Double], b["x"] as? [Double], "recorded evaluations are kept, not redone")
        }
    }

    func testBadOptionsAreNamed() throws {
        let folder = try temporaryFolder(self)
        let unknown = try runCglab([script, "--budjet", "5"], directory: folder)
        XCTAssertNotEqual(unknown.status, 0)
        XCTAssertTrue(unknown.error.contains("calibrate: unknown option --budjet"), unknown.error)
        let notANumber = try runCglab([script, "--budget", "many"], directory: folder)
        XCTAssertTrue(notANumber.error.contains("calibrate: --budget expects an integer, got 'many'"), notANumber.error)
        let recipe = try runCglab([script, "--recipe", "fast"], directory: folder)
        XCTAssertTrue(recipe.error.contains("--recipe must be cglab or paper, got 'fast'"), recipe.error)
    }
}
