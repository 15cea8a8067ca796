import Foundation
import Linalg

/// Random initial conditions made of a few sine waves, the paper's law for continuum data:
/// u(x) = Σ_j a_j sin(k_j · x + φ_j) with a_j uniform in [-1, 1), φ_j uniform in [0, 2π) and
/// integer wave-vector indices drawn uniformly (1 ... maxWaveNumber in 1D; each component in
/// -maxWaveNumber ... maxWaveNumber, not both zero, in 2D), then rescaled.
public struct RandomSines: Sendable, Equatable {
    /// How the sum is rescaled.
    public enum Scaling: Sendable, Equatable {
        /// Affinely onto [low, high] (the paper's "rescaled to [-1, 1]").
        case range(low: Double, high: Double)
        /// Multiplied so that max |u| is the given amplitude (the mean stays zero).
        case amplitude(Double)
    }

    /// The number of sine terms.
    public var terms: Int
    /// The largest wave-number index.
    public var maxWaveNumber: Int
    /// The rescaling.
    public var scaling: Scaling

    /// A law of `terms` sines up to `maxWaveNumber`, rescaled by `scaling`.
    public init(terms: Int = 3, maxWaveNumber: Int = 10, scaling: Scaling = .range(low: -1, high: 1)) {
        self.terms = terms
        self.maxWaveNumber = maxWaveNumber
        self.scaling = scaling
    }

    /// Throws unless the law is usable on `grid` (terms ≥ 1, 1 ≤ maxWaveNumber < n/2).
    func validate(on grid: PeriodicGrid) throws(OnsagerError) {
        try require(terms >= 1 && terms <= 64, "initial condition", "the number of sine terms must be 1 to 64, got \(terms)")
        try require(maxWaveNumber >= 1 && maxWaveNumber < (min(grid.nx, grid.ny == 1 ? grid.nx : grid.ny) + 1) / 2,
                    "initial condition", "the largest wave number \(maxWaveNumber) does not fit the grid \(grid)")
        switch scaling {
        case let .range(low, high):
            try require(low < high && low.isFinite && high.isFinite, "initial condition", "the range must satisfy low < high")
        case .amplitude(let a):
            try require(a > 0 && a.isFinite, "initial condition", "the amplitude must be positive, got \(a)")
        }
    }

    /// One draw on `grid`.
    public func sample(on grid: PeriodicGrid, using rng: inout RandomGenerator) -> [Double] {
        var u = [Double](repeating: 0, count: grid.count)
        for _ in 0..<terms {
            let a = rng.uniform(low: -1, high: 1)
            let phase = rng.uniform(low: 0, high: 2 * Double.pi)
            var (i, j) = (0, 0)
            if grid.dimension == 1 {
                i = rng.randomInteger(in: 1..<(maxWaveNumber + 1))
            } else {
                repeat {
                    i = rng.randomInteger(in: -maxWaveNumber..<(maxWaveNumber + 1))
                    j = rng.randomInteger(in: -maxWaveNumber..<(maxWaveNumber + 1))
                } while i == 0 && j == 0
            }
            let (kx, ky) = (2 * Double.pi * Double(i) / grid.lengthX, 2 * Double.pi * Double(j) / grid.lengthY)
            for p in 0..<grid.count {
                let (x, y) = grid.coordinates(of: p)
                u[p] += a * sin(kx * x + ky * y + phase)
            }
        }
        let (low, high) = (u.min() ?? 0, u.max() ?? 0)
        switch scaling {
        case let .range(a, b):
            let spread = high - low
            return u.map { spread > 0 ? a + (b - a) * ($0 - low) / spread : 0.5 * (a + b) }
        case .amplitude(let target):
            let size = max(abs(low), abs(high))
            return u.map { size > 0 ? target * $0 / size : 0 }
        }
    }
}
