import Linalg
import XCTest
@testable import STZ

/// Invalid parameters and fields are errors naming what is wrong.
final class ValidationTests: XCTestCase {
    private let chi = InitialChi.chi(Matrix(rows: 32, cols: 32, repeating: 0.07))

    private func assertInvalid(_ parameters: STZParameters, _ name: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertThrowsError(try STZSimulation(parameters: parameters, initialChi: chi), file: file, line: line) { error in
            guard case let .invalidParameter(reported, _, _) = error as? STZError else {
                return XCTFail("expected an invalid parameter, got \(error)", file: file, line: line)
            }
            XCTAssertEqual(reported, name, file: file, line: line)
            XCTAssertTrue("\(error)".contains(name), file: file, line: line)
        }
    }

    func testInvalidParametersAreNamed() {
        var p = STZParameters.setB
        p.sY = 0
        assertInvalid(p, "s_y")
        p = .setB
        p.sY = -1
        assertInvalid(p, "s_y")
        p = .setB
        p.c0 = 0
        assertInvalid(p, "c0")
        p = .setB
        p.beta = .nan
        assertInvalid(p, "beta")
        p = .setB
        p.chiInf = .infinity
        assertInvalid(p, "chi_inf")
        p = .setB
        p.chiLen = -1
        assertInvalid(p, "chi_len")
    }

    func testInvalidGridAndLoadingAreNamed() {
        XCTAssertThrowsError(try STZSimulation(parameters: .setB, loading: ShearLoading(frames: 0), initialChi: chi)) {
            XCTAssertEqual(($0 as? STZError).map { "\($0)" }?.contains("frames"), true)
        }
        XCTAssertThrowsError(try STZSimulation(parameters: .setB, loading: ShearLoading(strainRate: .nan), initialChi: chi)) {
            XCTAssertEqual(($0 as? STZError).map { "\($0)" }?.contains("strain_rate"), true)
        }
        XCTAssertThrowsError(try STZSimulation(parameters: .setB, grid: ShearGrid(nx: 2), initialChi: chi)) {
            XCTAssertEqual(($0 as? STZError).map { "\($0)" }?.contains("nx"), true)
        }
    }

    func testFieldOfTheWrongSizeIsAnError() {
        let wrong = Matrix(rows: 16, cols: 32, repeating: 0.07)
        XCTAssertThrowsError(try STZSimulation(parameters: .setB, initialChi: .chi(wrong))) { error in
            XCTAssertEqual(error as? STZError, .fieldSizeMismatch(name: "chi0", expectedRows: 32, expectedColumns: 32, rows: 16, columns: 32))
        }
        XCTAssertThrowsError(try STZSimulation(parameters: .setB, initialChi: .energy(wrong))) { error in
            XCTAssertEqual(error as? STZError, .fieldSizeMismatch(name: "energy", expectedRows: 32, expectedColumns: 32, rows: 16, columns: 32))
        }
    }

    func testNonFiniteOrNonPositiveFieldValuesAreErrors() {
        var field = Matrix(rows: 32, cols: 32, repeating: 0.07)
        field[3, 5] = .nan
        XCTAssertThrowsError(try STZSimulation(parameters: .setB, initialChi: .chi(field))) { error in
            guard case let .invalidFieldValue(name, row, column, _, _) = error as? STZError else { return XCTFail("\(error)") }
            XCTAssertEqual([name, "\(row)", "\(column)"], ["chi0", "3", "5"])
        }
        field[3, 5] = -0.1
        XCTAssertThrowsError(try STZSimulation(parameters: .setB, initialChi: .chi(field)))
        let map = CoarseGrainingMap.pointwise { _ in .infinity }
        XCTAssertThrowsError(try STZSimulation(parameters: .setB, initialChi: .mappedEnergy(field, map)))
    }
}
