/// An integral relation between frames used by the closed-form fit:
///
/// u_{n+last} - u_{n+first} = Δt Σ_i weight_i f(u_{n+offset_i}),
///
/// a quadrature of ∫ f dt over [t_{n+first}, t_{n+last}]. Because f = -σ μ and μ is linear in
/// the energy coefficients, the relation stays bilinear in the symbol and the energy. Higher
/// orders tolerate faster modes (ωΔt up to about 1 for Boole's rule).
public struct TimeStencil: Sendable, Equatable {
    /// The name: `central`, `trapezoid`, `simpson` or `boole`.
    public let name: String
    /// The frame offsets (first, last) of the difference on the left.
    public let first: Int, last: Int
    /// The frame offsets of the quadrature nodes.
    public let offsets: [Int]
    /// The quadrature weights, in units of the frame spacing.
    public let weights: [Double]

    /// The central difference u_{n+1} - u_{n-1} = 2Δt f(u_n) (second order).
    public static let central = TimeStencil(name: "central", first: -1, last: 1, offsets: [0], weights: [2])
    /// The trapezoidal rule over one interval (second order).
    public static let trapezoid = TimeStencil(name: "trapezoid", first: 0, last: 1, offsets: [0, 1], weights: [0.5, 0.5])
    /// Simpson's rule over two intervals (fourth order).
    public static let simpson = TimeStencil(name: "simpson", first: -1, last: 1, offsets: [-1, 0, 1],
                                            weights: [1.0 / 3, 4.0 / 3, 1.0 / 3])
    /// Boole's rule over four intervals (sixth order).
    public static let boole = TimeStencil(name: "boole", first: -2, last: 2, offsets: [-2, -1, 0, 1, 2],
                                          weights: [14.0 / 45, 64.0 / 45, 24.0 / 45, 64.0 / 45, 14.0 / 45])

    /// All stencils, by name.
    public static let all: [TimeStencil] = [central, trapezoid, simpson, boole]

    /// The number of frames the relation spans.
    public var width: Int { last - first + 1 }
}
