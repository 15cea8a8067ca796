/// The Moré–Thuente line search (MINPACK-2 `dcsrch` and `dcstep`, the search inside L-BFGS-B):
/// finds a step `t` in [0, `maxStep`] satisfying the strong Wolfe conditions
/// `φ(t) <= φ(0) + ftol t φ'(0)` and `|φ'(t)| <= gtol |φ'(0)|` by safeguarded cubic and quadratic
/// interpolation.
struct MoreThuenteSearch {
    /// Sufficient-decrease parameter.
    var ftol = 1e-3
    /// Curvature parameter.
    var gtol = 0.9
    /// Relative width of the bracket below which the search stops.
    var xtol = 0.1
    /// The largest number of evaluations of φ.
    var maxEvaluations = 20

    /// How a search ended.
    enum Outcome {
        /// The strong Wolfe conditions hold at the returned step.
        case converged
        /// The search stopped at a step that is the best it can do (the bracket became too
        /// small, or the step reached its bound); MINPACK's warnings, accepted by L-BFGS-B.
        case warning
        /// The evaluation budget ran out.
        case tooManyEvaluations
    }

    /// Searches along a direction where φ(0) = `f0` and φ'(0) = `g0` < 0, starting at `step`.
    /// `phi(t)` evaluates (φ(t), φ'(t)); the last value it returned is the one at the result.
    func search(
        f0: Double, g0: Double, step initialStep: Double, maxStep: Double,
        _ phi: (Double) throws -> (value: Double, slope: Double)
    ) rethrows -> (step: Double, outcome: Outcome) {
        let stpmin = 0.0, stpmax = maxStep, xtrapl = 1.1, xtrapu = 4.0
        var stp = Swift.min(Swift.max(initialStep, stpmin), stpmax)
        var brackt = false, stage = 1
        let gtest = ftol * g0
        var width = stpmax - stpmin, width1 = width / 0.5
        var x = Endpoint(step: 0, value: f0, slope: g0), y = x
        var stmin = 0.0, stmax = stp + xtrapu * stp
        for _ in 0..<maxEvaluations {
            let (f, g) = try phi(stp)
            let ftest = f0 + stp * gtest
            if stage == 1 && f <= ftest && g >= 0 { stage = 2 }
            if brackt && (stp <= stmin || stp >= stmax) { return (stp, .warning) }
            if brackt && stmax - stmin <= xtol * stmax { return (stp, .warning) }
            if stp == stpmax && f <= ftest && g <= gtest { return (stp, .warning) }
            if stp == stpmin && (f > ftest || g >= gtest) { return (stp, .warning) }
            if f <= ftest && Swift.abs(g) <= gtol * (-g0) { return (stp, .converged) }

            var current = Endpoint(step: stp, value: f, slope: g)
            if stage == 1 && f <= x.value && f > ftest {
                // Work on the modified function ψ(t) = φ(t) - φ(0) - gtest t.
                var xm = x.shifted(by: gtest), ym = y.shifted(by: gtest)
                current = current.shifted(by: gtest)
                stp = step(&xm, &ym, current, &brackt, stmin, stmax)
                x = xm.shifted(by: -gtest)
                y = ym.shifted(by: -gtest)
            } else {
                stp = step(&x, &y, current, &brackt, stmin, stmax)
            }
            if brackt {
                if Swift.abs(y.step - x.step) >= 0.66 * width1 { stp = x.step + 0.5 * (y.step - x.step) }
                width1 = width
                width = Swift.abs(y.step - x.step)
                stmin = Swift.min(x.step, y.step)
                stmax = Swift.max(x.step, y.step)
            } else {
                stmin = stp + xtrapl * (stp - x.step)
                stmax = stp + xtrapu * (stp - x.step)
            }
            stp = Swift.min(Swift.max(stp, stpmin), stpmax)
            if brackt && (stp <= stmin || stp >= stmax || stmax - stmin <= xtol * stmax) { stp = x.step }
        }
        return (stp, .tooManyEvaluations)
    }

    /// A step with its function value and slope: one end of the bracket.
    struct Endpoint {
        var step: Double
        var value: Double
        var slope: Double

        /// The endpoint of the modified function φ(t) - gtest t (up to a constant).
        func shifted(by gtest: Double) -> Endpoint {
            Endpoint(step: step, value: value - step * gtest, slope: slope - gtest)
        }
    }

    /// `dcstep`: the safeguarded trial step from the best point `x`, the other end `y` and the
    /// current point `p`; updates the bracket and returns the new step.
    private func step(
        _ x: inout Endpoint, _ y: inout Endpoint, _ p: Endpoint, _ brackt: inout Bool,
        _ stpmin: Double, _ stpmax: Double
    ) -> Double {
        let sgnd = p.slope * (x.slope / Swift.abs(x.slope))
        let stpf: Double
        /// The cubic interpolation term shared by the cases: (theta, gamma) from two endpoints.
        func cubic(_ a: Endpoint, _ b: Endpoint, clampRoot: Bool = false) -> (theta: Double, gamma: Double) {
            let theta = 3 * (a.value - b.value) / (b.step - a.step) + a.slope + b.slope
            let s = Swift.max(Swift.abs(theta), Swift.abs(a.slope), Swift.abs(b.slope))
            let radicand = (theta / s) * (theta / s) - (a.slope / s) * (b.slope / s)
            return (theta, s * (clampRoot ? Swift.max(0, radicand) : radicand).squareRoot())
        }
        if p.value > x.value {
            // A higher function value: the minimum is bracketed.
            var (theta, gamma) = cubic(x, p)
            if p.step < x.step { gamma = -gamma }
            let pp = (gamma - x.slope) + theta, q = ((gamma - x.slope) + gamma) + p.slope
            let stpc = x.step + pp / q * (p.step - x.step)
            let stpq = x.step + ((x.slope / ((x.value - p.value) / (p.step - x.step) + x.slope)) / 2) * (p.step - x.step)
            stpf = Swift.abs(stpc - x.step) < Swift.abs(stpq - x.step) ? stpc : stpc + (stpq - stpc) / 2
            brackt = true
        } else if sgnd < 0 {
            // A lower value and derivatives of opposite sign: bracketed.
            var (theta, gamma) = cubic(x, p)
            if p.step > x.step { gamma = -gamma }
            let pp = (gamma - p.slope) + theta, q = ((gamma - p.slope) + gamma) + x.slope
            let stpc = p.step + pp / q * (x.step - p.step)
            let stpq = p.step + (p.slope / (p.slope - x.slope)) * (x.step - p.step)
            stpf = Swift.abs(stpc - p.step) > Swift.abs(stpq - p.step) ? stpc : stpq
            brackt = true
        } else if Swift.abs(p.slope) < Swift.abs(x.slope) {
            // A lower value, same-sign derivatives, decreasing in magnitude.
            var (theta, gamma) = cubic(x, p, clampRoot: true)
            if p.step > x.step { gamma = -gamma }
            let pp = (gamma - p.slope) + theta, q = (gamma + (x.slope - p.slope)) + gamma
            let r = pp / q
            let stpc: Double
            if r < 0 && gamma != 0 {
                stpc = p.step + r * (x.step - p.step)
            } else {
                stpc = p.step > x.step ? stpmax : stpmin
            }
            let stpq = p.step + (p.slope / (p.slope - x.slope)) * (x.step - p.step)
            if brackt {
                let candidate = Swift.abs(stpc - p.step) < Swift.abs(stpq - p.step) ? stpc : stpq
                let limit = p.step + 0.66 * (y.step - p.step)
                stpf = p.step > x.step ? Swift.min(limit, candidate) : Swift.max(limit, candidate)
            } else {
                let candidate = Swift.abs(stpc - p.step) > Swift.abs(stpq - p.step) ? stpc : stpq
                stpf = Swift.max(stpmin, Swift.min(stpmax, candidate))
            }
        } else {
            // A lower value, same-sign derivatives, not decreasing in magnitude.
            if brackt {
                var (theta, gamma) = cubic(p, y)
                if p.step > y.step { gamma = -gamma }
                let pp = (gamma - p.slope) + theta, q = ((gamma - p.slope) + gamma) + y.slope
                stpf = p.step + pp / q * (y.step - p.step)
            } else {
                stpf = p.step > x.step ? stpmax : stpmin
            }
        }
        if p.value > x.value {
            y = p
        } else {
            if sgnd < 0 { y = x }
            x = p
        }
        return stpf
    }
}
