import LuaHost
import STZ

/// The STZ parameters as a Lua table and from Lua options, with the reference's names.
enum STZParameterTable {
    /// Option names of the parameters: the seven calibrated ones, then the material constants.
    static let names = ["beta", "u0", "chi_inf", "chi_len", "c0", "ep", "s_y", "shear_modulus", "poisson_ratio", "t_z", "tau0"]

    private static var keyPaths: [(String, WritableKeyPath<STZParameters, Double>)] {
        [
        ("beta", \.beta), ("u0", \.u0), ("chi_inf", \.chiInf), ("chi_len", \.chiLen), ("c0", \.c0), ("ep", \.ep),
        ("s_y", \.sY), ("shear_modulus", \.shearModulus), ("poisson_ratio", \.poissonRatio), ("t_z", \.tZ), ("tau0", \.tau0),
        ]
    }

    /// The parameters as a table keyed by option name.
    static func values(_ parameters: STZParameters) -> [String: Double] {
        Dictionary(uniqueKeysWithValues: keyPaths.map { ($0.0, parameters[keyPath: $0.1]) })
    }

    /// Parameters from `options`: a preset, overridden by any parameter given. Without a preset,
    /// the calibrated parameters other than chi_inf (which may be derived) are required.
    static func read(_ options: LuaOptions, call: LuaCall) throws(ArgumentError) -> STZParameters {
        var parameters: STZParameters
        switch try options.string("preset") {
        case "A"?: parameters = .setA
        case "B"?: parameters = .setB
        case nil:
            for name in ["beta", "u0", "chi_len", "c0", "ep", "s_y"] where !options.has(name) {
                throw options.error(name, "missing (give it, or a preset \"A\" or \"B\")")
            }
            parameters = STZParameters(beta: 0, u0: 0, chiInf: .nan, chiLen: 0, c0: 0, ep: 0, sY: 0)
        case let other?:
            throw options.error("preset", "unknown preset '\(other)'; presets: A, B")
        }
        for (name, keyPath) in keyPaths {
            if let value = try options.number(name) { parameters[keyPath: keyPath] = value }
        }
        return parameters
    }
}
