import XCTest
import TestSupport
import Linalg
@testable import Optimize

final class SamplerTests: XCTestCase {
    /// The paper's calibration box (β, u0, c0, s_y).
    let calibration = try! Bounds(lower: [2, -3.395, 0.05, 0.8], upper: [15, -3.360, 1, 1.1])
    /// The paper's validation box.
    let validation = try! Bounds(lower: [2, -3.390, 0.05, 0.8], upper: [15, -3.355, 1, 1.15])

    /// Golden rows from the paper's code (UQpy 3.0.4, grassmannian-ego.md Step 2), 6 decimals.
    func testPaperDesignsReproduceTheGoldenRows() throws {
        var g = RandomGenerator(seed: 541_122)
        let design = try latinHypercube(count: 350, bounds: calibration, generator: &g)
        assertRows(design, [[5.380239, -3.363620, 0.718560, 0.978893], [8.715018, -3.363078, 0.254911, 0.954930]])
        var h = RandomGenerator(seed: 5431)
        let check = try latinHypercube(count: 400, bounds: validation, generator: &h)
        assertRows(check, [[10.732530, -3.379712, 0.577175, 1.082208], [5.222762, -3.359723, 0.076443, 1.000788]])
    }

    func assertRows(_ m: Matrix, _ rows: [[Double]], file: StaticString = #filePath, line: UInt = #line) {
        for (i, row) in rows.enumerated() {
            for (j, v) in row.enumerated() { XCTAssertEqual(m[i, j], v, accuracy: 5e-7, file: file, line: line) }
        }
    }

    /// Bit for bit against UQpy's algorithm written in NumPy.
    func testRandomDesignMatchesTheNumPyAlgorithmExactly() throws {
        var g = RandomGenerator(seed: 541_122)
        let design = try latinHypercube(count: 350, bounds: calibration, generator: &g)
        let expected = try Python.numbers("""
            import numpy as np
            rs = np.random.RandomState(541122); n = 350
            lo = np.array([2, -3.395, 0.05, 0.8]); hi = np.array([15, -3.360, 1, 1.1])
            cut = np.linspace(0, 1, n + 1); a, b = cut[:n], cut[1:]
            s = np.zeros((n, 4))
            for j in range(4): s[:, j] = rs.uniform(size=n) * (b - a) + a
            u = np.zeros_like(s)
            for j in range(4): u[:, j] = s[rs.permutation(n), j]
            print(*map(float, (u * (hi - lo) + lo).ravel()))
            """)
        XCTAssertEqual(design.rowMajorElements, expected)
    }

    func testEveryCriterionPutsOnePointInEachStratum() throws {
        let bounds = try Bounds(lower: [0, -1, 10], upper: [1, 1, 20])
        for criterion in [LatinHypercubeCriterion.random, .centered, .maximin(iterations: 20)] {
            var g = RandomGenerator(seed: 3)
            let n = 37
            let design = try latinHypercube(count: n, bounds: bounds, criterion: criterion, generator: &g)
            for j in 0..<3 {
                let width = bounds.upper[j] - bounds.lower[j]
                let strata = (0..<n).map { Int(((design[$0, j] - bounds.lower[j]) / width * Double(n)).rounded(.down)) }
                XCTAssertEqual(strata.sorted(), Array(0..<n), "\(criterion) column \(j)")
                if criterion == .centered {
                    for i in 0..<n {
                        let offset = (design[i, j] - bounds.lower[j]) / width * Double(n) - Double(strata[i])
                        XCTAssertEqual(offset, 0.5, accuracy: 1e-9)
                    }
                }
            }
        }
    }

    func testMaximinImprovesTheMinimumDistance() throws {
        let unit = try Bounds(lower: [0, 0], upper: [1, 1])
        var a = RandomGenerator(seed: 9), b = RandomGenerator(seed: 9)
        let random = try latinHypercube(count: 20, bounds: unit, generator: &a)
        let maximin = try latinHypercube(count: 20, bounds: unit, criterion: .maximin(iterations: 50), generator: &b)
        XCTAssertGreaterThanOrEqual(minimumPairwiseDistance(maximin), minimumPairwiseDistance(random))
    }

    func testUniformMatchesNumPy() throws {
        var g = RandomGenerator(seed: 12)
        let x = try uniformSample(count: 5, bounds: calibration, generator: &g)
        let expected = try Python.numbers("""
            import numpy as np
            x = np.random.RandomState(12).uniform([2, -3.395, 0.05, 0.8], [15, -3.360, 1, 1.1], (5, 4))
            print(*map(float, x.ravel()))
            """)
        XCTAssertEqual(x.rowMajorElements, expected)
    }

    /// The first points of the unscrambled sequence in dimensions 1-3 as tabulated for the Joe-Kuo
    /// direction numbers (Gray-code order, starting at the origin).
    func testFirstSobolPointsMatchThePublishedTable() throws {
        var s = try SobolSequence(dimension: 3)
        let table: [[Double]] = [
            [0, 0, 0], [0.5, 0.5, 0.5], [0.75, 0.25, 0.25], [0.25, 0.75, 0.75],
            [0.375, 0.375, 0.625], [0.875, 0.875, 0.125], [0.625, 0.125, 0.875], [0.125, 0.625, 0.375],
        ]
        for row in table { XCTAssertEqual(s.next(), row) }
    }

    func testSkipStartsLaterInTheSameSequence() throws {
        var full = try SobolSequence(dimension: 7)
        let points = full.next(40)
        var skipped = try SobolSequence(dimension: 7, skip: 13)
        XCTAssertEqual(skipped.next(27), points.rows(13...))
        let box = try sobolSample(count: 1, bounds: Bounds(lower: [0, 10], upper: [2, 20]), skip: 1)
        XCTAssertEqual(box.elements, [1, 15])
    }

    /// All 1000 dimensions against SciPy's unscrambled Sobol generator (the same Joe-Kuo table).
    func testAllDimensionsMatchSciPy() throws {
        var s = try SobolSequence(dimension: SobolSequence.maximumDimension)
        let mine = s.next(64)
        let expected = try Python.numbers("""
            import numpy as np
            from scipy.stats import qmc
            print(*map(float, qmc.Sobol(1000, scramble=False).random(64).ravel()))
            """)
        XCTAssertEqual(mine.rowMajorElements, expected)
    }

    func testInvalidSamplerArguments() {
        var g = RandomGenerator(seed: 1)
        XCTAssertThrowsError(try SobolSequence(dimension: 1001))
        XCTAssertThrowsError(try latinHypercube(count: 3, bounds: Bounds.unbounded(dimension: 2), generator: &g)) {
            XCTAssertEqual($0 as? OptimizeError, .unboundedBox(function: "lhs", index: 0))
        }
        XCTAssertThrowsError(try latinHypercube(count: -1, bounds: calibration, generator: &g))
    }
}
