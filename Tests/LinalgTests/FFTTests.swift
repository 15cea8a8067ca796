import Foundation
import XCTest
@testable import Linalg

final class FFTTests: XCTestCase {
    /// A deterministic pseudo-random sequence in [-1, 1) (a linear congruential generator).
    private func sequence(_ n: Int, seed: UInt64) -> [Double] {
        var state = seed
        return (0..<n).map { _ in
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Double(state >> 11) / Double(1 << 53) * 2 - 1
        }
    }

    /// The O(n²) DFT straight from its definition, as the reference.
    private func naiveDFT(_ re: [Double], _ im: [Double], sign: Double) -> ([Double], [Double]) {
        let n = re.count
        var outRe = [Double](repeating: 0, count: n), outIm = outRe
        for k in 0..<n {
            for j in 0..<n {
                let a = sign * 2 * Double.pi * Double(j * k % n) / Double(n)
                outRe[k] += re[j] * cos(a) - im[j] * sin(a)
                outIm[k] += re[j] * sin(a) + im[j] * cos(a)
            }
        }
        return (outRe, outIm)
    }

    private func assertClose(_ a: [Double], _ b: [Double], tolerance: Double, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(a.count, b.count, file: file, line: line)
        let err = zip(a, b).map { abs($0 - $1) }.max() ?? 0
        XCTAssertLessThan(err, tolerance, file: file, line: line)
    }

    func testComplexMatchesNaiveDFTForPowersOfTwoAndOtherLengths() {
        for n in [1, 2, 4, 8, 16, 32, 256, 3, 6, 12, 15] {
            let re = sequence(n, seed: UInt64(n)), im = sequence(n, seed: UInt64(n + 100))
            let plan = FFTPlan(count: n)
            var r = re, i = im
            plan.transform(real: &r, imag: &i, direction: .forward)
            let (er, ei) = naiveDFT(re, im, sign: -1)
            assertClose(r, er, tolerance: 1e-12 * Double(n))
            assertClose(i, ei, tolerance: 1e-12 * Double(n))
            plan.transform(real: &r, imag: &i, direction: .inverse)
            assertClose(r, re, tolerance: 1e-14 * Double(n))
            assertClose(i, im, tolerance: 1e-14 * Double(n))
        }
    }

    func testKnownTransforms() {
        let n = 16
        let plan = FFTPlan(count: n)
        // A unit impulse at 0 transforms to all ones.
        var r = [Double](repeating: 0, count: n), i = r
        r[0] = 1
        plan.transform(real: &r, imag: &i, direction: .forward)
        assertClose(r, [Double](repeating: 1, count: n), tolerance: 1e-15)
        assertClose(i, [Double](repeating: 0, count: n), tolerance: 1e-15)
        // cos(2π 3 j/n) has n/2 at bins 3 and n-3 and nothing else.
        r = (0..<n).map { cos(2 * Double.pi * 3 * Double($0) / Double(n)) }
        i = [Double](repeating: 0, count: n)
        plan.transform(real: &r, imag: &i, direction: .forward)
        var expected = [Double](repeating: 0, count: n)
        expected[3] = 8
        expected[n - 3] = 8
        assertClose(r, expected, tolerance: 1e-13)
        assertClose(i, [Double](repeating: 0, count: n), tolerance: 1e-13)
        // exp(+2πi 5 j/n) is n at bin 5.
        r = (0..<n).map { cos(2 * Double.pi * 5 * Double($0) / Double(n)) }
        i = (0..<n).map { sin(2 * Double.pi * 5 * Double($0) / Double(n)) }
        plan.transform(real: &r, imag: &i, direction: .forward)
        expected = [Double](repeating: 0, count: n)
        expected[5] = 16
        assertClose(r, expected, tolerance: 1e-13)
    }

    func testBatchedTransformEqualsSeparateTransforms() {
        let n = 8, batch = 5
        let re = sequence(n * batch, seed: 7), im = sequence(n * batch, seed: 8)
        var r = re, i = im
        let plan = FFTPlan(count: n)
        r.withUnsafeMutableBufferPointer { rp in
            i.withUnsafeMutableBufferPointer { ip in
                plan.transform(real: rp.baseAddress!, imag: ip.baseAddress!, batch: batch, direction: .forward)
            }
        }
        for b in 0..<batch {
            let column = (0..<n).map { re[$0 * batch + b] }, columnIm = (0..<n).map { im[$0 * batch + b] }
            let (er, ei) = naiveDFT(column, columnIm, sign: -1)
            assertClose((0..<n).map { r[$0 * batch + b] }, er, tolerance: 1e-13)
            assertClose((0..<n).map { i[$0 * batch + b] }, ei, tolerance: 1e-13)
        }
    }

    func testRealTransformMatchesComplexTransformAndRoundTrips() {
        for n in [2, 4, 8, 32, 256, 6, 12] {
            let x = sequence(n, seed: UInt64(3 * n))
            let plan = RealFFTPlan(count: n)
            let (sr, si) = plan.forward(x)
            let (er, ei) = naiveDFT(x, [Double](repeating: 0, count: n), sign: -1)
            assertClose(sr, Array(er[0...(n / 2)]), tolerance: 1e-12 * Double(n))
            assertClose(si, Array(ei[0...(n / 2)]), tolerance: 1e-12 * Double(n))
            assertClose(plan.inverse(real: sr, imag: si), x, tolerance: 1e-14 * Double(n))
        }
    }

    func testTwoDimensionalMatchesNaiveAndRoundTrips() {
        for (nx, ny) in [(8, 4), (32, 32), (6, 10), (1, 8)] {
            let re = sequence(nx * ny, seed: 11), im = sequence(nx * ny, seed: 12)
            var r = re, i = im
            let plan = FFTPlan2D(nx: nx, ny: ny)
            plan.transform(real: &r, imag: &i, direction: .forward)
            var maxErr = 0.0
            for ky in 0..<ny {
                for kx in 0..<nx {
                    var sr = 0.0, si = 0.0
                    for y in 0..<ny {
                        for x in 0..<nx {
                            let a = -2 * Double.pi * (Double(kx * x) / Double(nx) + Double(ky * y) / Double(ny))
                            sr += re[x + nx * y] * cos(a) - im[x + nx * y] * sin(a)
                            si += re[x + nx * y] * sin(a) + im[x + nx * y] * cos(a)
                        }
                    }
                    maxErr = max(maxErr, abs(sr - r[kx + nx * ky]), abs(si - i[kx + nx * ky]))
                }
            }
            XCTAssertLessThan(maxErr, 1e-11, "\(nx)x\(ny)")
            plan.transform(real: &r, imag: &i, direction: .inverse)
            assertClose(r, re, tolerance: 1e-13)
            assertClose(i, im, tolerance: 1e-13)
        }
    }

    func testParsevalIdentity() {
        let n = 256
        var r = sequence(n, seed: 5), i = sequence(n, seed: 6)
        let energy = zip(r, i).reduce(0) { $0 + $1.0 * $1.0 + $1.1 * $1.1 }
        FFTPlan(count: n).transform(real: &r, imag: &i, direction: .forward)
        let spectral = zip(r, i).reduce(0) { $0 + $1.0 * $1.0 + $1.1 * $1.1 } / Double(n)
        XCTAssertEqual(spectral, energy, accuracy: 1e-10 * energy)
    }

    func testTransposedSpectrumMatchesTwoDimensionalTransform() {
        let (nx, ny) = (8, 4)
        let re = sequence(nx * ny, seed: 21), im = sequence(nx * ny, seed: 22)
        let plan = FFTPlan2D(nx: nx, ny: ny)
        var r = re, i = im
        plan.transform(real: &r, imag: &i, direction: .forward)
        var wr = re, wi = im, sr = [Double](repeating: 0, count: nx * ny), si = sr
        wr.withUnsafeMutableBufferPointer { a in
            wi.withUnsafeMutableBufferPointer { b in
                sr.withUnsafeMutableBufferPointer { c in
                    si.withUnsafeMutableBufferPointer { d in
                        plan.forwardTransposed(real: a.baseAddress!, imag: b.baseAddress!, spectrumReal: c.baseAddress!, spectrumImag: d.baseAddress!)
                    }
                }
            }
        }
        for ky in 0..<ny {
            for kx in 0..<nx {
                XCTAssertEqual(sr[ky + ny * kx], r[kx + nx * ky], accuracy: 1e-12)
                XCTAssertEqual(si[ky + ny * kx], i[kx + nx * ky], accuracy: 1e-12)
            }
        }
        sr.withUnsafeMutableBufferPointer { c in
            si.withUnsafeMutableBufferPointer { d in
                wr.withUnsafeMutableBufferPointer { a in
                    wi.withUnsafeMutableBufferPointer { b in
                        plan.inverseTransposed(spectrumReal: c.baseAddress!, spectrumImag: d.baseAddress!, real: a.baseAddress!, imag: b.baseAddress!)
                    }
                }
            }
        }
        assertClose(wr, re, tolerance: 1e-13)
        assertClose(wi, im, tolerance: 1e-13)
    }
}
