extension Kernel {
    /// The names accepted by ``named(_:dimension:)``.
    public static let names = ["rbf", "matern12", "matern32", "matern52", "rq", "constant", "white"]

    /// The basic kernel called `name` with default hyperparameters: the stationary ones with one
    /// length scale of 1 per input column (ARD) when `dimension` is given, one shared length
    /// scale otherwise; `constant` and `white` with value 1.
    ///
    /// - Throws: ``SurrogateError/unknownKernel(name:known:)`` for a name not in ``names``.
    public static func named(_ name: String, dimension: Int? = nil) throws(SurrogateError) -> Kernel {
        let scales = [Double](repeating: 1, count: Swift.max(1, dimension ?? 1))
        switch name {
        case "rbf": return try rbf(lengthScale: scales)
        case "matern12": return try matern(.oneHalf, lengthScale: scales)
        case "matern32": return try matern(.threeHalves, lengthScale: scales)
        case "matern52": return try matern(.fiveHalves, lengthScale: scales)
        case "rq": return try rationalQuadratic(lengthScale: scales)
        case "constant": return try constant()
        case "white": return try white()
        default: throw .unknownKernel(name: name, known: names)
        }
    }
}
