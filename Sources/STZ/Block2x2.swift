/// A real 2 × 2 matrix [[a, b], [c, d]], the block of the projection operator acting on the
/// velocity pair (u, v).
struct Block2x2: Sendable, Equatable {
    var a, b, c, d: Double

    @inline(__always) init(_ a: Double, _ b: Double, _ c: Double, _ d: Double) {
        (self.a, self.b, self.c, self.d) = (a, b, c, d)
    }

    @inline(__always) static func + (x: Block2x2, y: Block2x2) -> Block2x2 {
        Block2x2(x.a + y.a, x.b + y.b, x.c + y.c, x.d + y.d)
    }

    @inline(__always) static func * (k: Double, x: Block2x2) -> Block2x2 {
        Block2x2(k * x.a, k * x.b, k * x.c, k * x.d)
    }

    /// The determinant ad − bc.
    @inline(__always) var determinant: Double { a * d - b * c }
}
