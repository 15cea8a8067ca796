/// The explicit Runge–Kutta steps of the field tier (see ``StepMethod``).
extension OnsagerModel {
    /// u + Δt f(u).
    func eulerStep(_ u: [Double], _ dt: Double) -> [Double] {
        axpy(u, dt, velocity(u))
    }

    /// Heun's method: u + Δt/2 (f(u) + f(u + Δt f(u))).
    func heunStep(_ u: [Double], _ dt: Double) -> [Double] {
        let k1 = velocity(u)
        let k2 = velocity(axpy(u, dt, k1))
        return (0..<u.count).map { u[$0] + 0.5 * dt * (k1[$0] + k2[$0]) }
    }

    /// The classical fourth-order Runge–Kutta step.
    func rungeKutta4Step(_ u: [Double], _ dt: Double) -> [Double] {
        let k1 = velocity(u)
        let k2 = velocity(axpy(u, 0.5 * dt, k1))
        let k3 = velocity(axpy(u, 0.5 * dt, k2))
        let k4 = velocity(axpy(u, dt, k3))
        return (0..<u.count).map { u[$0] + dt / 6 * (k1[$0] + 2 * k2[$0] + 2 * k3[$0] + k4[$0]) }
    }
}

/// x + a y, elementwise.
func axpy(_ x: [Double], _ a: Double, _ y: [Double]) -> [Double] {
    (0..<x.count).map { x[$0] + a * y[$0] }
}
