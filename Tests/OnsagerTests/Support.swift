import Foundation
import Linalg
@testable import Onsager

/// A smooth random field on `grid` (a few sines), for identities that hold for any state.
func randomField(on grid: PeriodicGrid, seed: UInt32, maxWaveNumber: Int = 5, amplitude: Double = 1) -> [Double] {
    var rng = RandomGenerator(seed: seed)
    return RandomSines(terms: 4, maxWaveNumber: maxWaveNumber, scaling: .amplitude(amplitude)).sample(on: grid, using: &rng)
}

/// max |a_i - b_i| / max |b_i|.
func relativeDifference(_ a: [Double], _ b: [Double]) -> Double {
    zip(a, b).map { abs($0 - $1) }.max()! / max(b.map(abs).max()!, 1e-300)
}

/// The central finite-difference derivative of `f` at 0.
func centralDifference(step h: Double, _ f: (Double) -> Double) -> Double {
    (f(h) - f(-h)) / (2 * h)
}

/// Integer wave numbers of the 1D modes as used in tests (the grid length is 2π).
func waveNumbers(_ transform: SpectralTransform) -> [Double] { transform.kx }
