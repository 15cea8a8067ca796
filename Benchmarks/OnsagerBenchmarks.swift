import Foundation
import Onsager

/// Onsager data generation and stepping: the FPUT chain at the paper's settings (128 sites,
/// 50,000 Störmer–Verlet steps per trajectory, 100 trajectories) against the numpy prototype's
/// recorded 9.8 s for the same work (../shared/research/onsager.md, section 4.3), and the cost
/// of the energy-stable AVF step against the linearly implicit SBDF1 step on the same learned-size
/// Allen–Cahn model (256 points, Δt = 10⁻³).
let onsagerBenchmarks = BenchmarkGroup(name: "onsager") {
    let chain = try FPUTChain()
    let fput = try bestTime(repeats: 3) { _ = try chain.generate(trajectories: 100, frames: 101) }
    report("FPUT data, 100 x 50,000 Verlet steps", seconds: fput, baseline: 9.8, baselineLabel: "numpy prototype", target: 5)

    let problem = try InClassProblem.allenCahn(grid: PeriodicGrid(points: 256))
    let start = try problem.generate(trajectories: 1, frames: 2, frameSpacing: 1e-3).frame(0, of: 0)
    func rollout(_ method: StepMethod) throws -> Double {
        let stepper = try FieldStepper(model: problem.truth, method: method, timeStep: 1e-3)
        return try bestTime(repeats: 3) { _ = try stepper.rollout(from: start, frames: 100) } / 100
    }
    let sbdf1 = try rollout(.sbdf1(stabilization: 0))
    report("AVF step, Allen-Cahn, 256 points", seconds: try rollout(.averageVectorField), baseline: sbdf1, baselineLabel: "SBDF1 step")
}
