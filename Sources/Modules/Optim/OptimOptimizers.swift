import Linalg
import LuaHost
import Optimize

/// The L-BFGS-B memory kept in a torch/optim `state` table between calls.
let lbfgsbStateType = UserdataType<LBFGSBState>(name: "optim.LBFGSBState", noun: "L-BFGS-B state", methods: [])

/// `optim.lbfgsb` (alias `optim.lbfgs`) and `optim.nelder_mead`, with torch/optim's convention.
enum OptimOptimizers {
    static let functions: [NativeFunction] = [lbfgsb, lbfgsb.renamed("lbfgs", doc: "optim.lbfgs(f, x0 [, config [, state]]) -> x, fx\n\nThe same as optim.lbfgsb."), nelderMead]

    static let boundOptions = ["lower", "upper", "max_iter", "max_eval"]

    static let lbfgsb: NativeFunction = NativeFunction(
        "lbfgsb",
        doc: """
            optim.lbfgsb(f, x0 [, config [, state]]) -> x, fx

            Minimises f by L-BFGS-B. f(x) returns the value and the gradient (a table or a
            vector); x has the kind of x0 (table or column vector). config: lower, upper (numbers
            or vectors), max_iter, max_eval, memory (10), gtol (1e-5, projected gradient), ftol
            (2.2e-9, relative reduction). fx lists f after each iteration; a state table keeps the
            quasi-Newton memory between calls and gets iterations, evaluations, stop.
            """
    ) { call in
        try call.checkFunction(1)
        let x0 = try call.vector(2)
        let options = try call.options(3, allowed: boundOptions + ["memory", "gtol", "ftol"])
        var configuration = LBFGSBConfiguration()
        configuration.maxIterations = try options.integer("max_iter", default: configuration.maxIterations)
        configuration.maxEvaluations = try options.integer("max_eval", default: configuration.maxEvaluations)
        configuration.memory = try options.integer("memory", default: configuration.memory)
        configuration.gradientTolerance = try options.number("gtol", default: configuration.gradientTolerance)
        configuration.functionTolerance = try options.number("ftol", default: configuration.functionTolerance)
        let bounds = try configBounds(options, dimension: x0.count)
        let objective = LuaObjective(call: call, position: 1, asMatrix: call.type(2) == .userdata)
        var state = try storedState(call, 4)
        let result = try Optimize.lbfgsb({ x in
            let (value, gradient) = try objective.evaluate(x, withGradient: true)
            return (value, gradient!)
        }, x0: x0, bounds: bounds, configuration: configuration, state: &state, interruption: luaInterruption)
        try store(state, result: result, call, 4)
        return objective.returning(result)
    }

    static let nelderMead: NativeFunction = NativeFunction(
        "nelder_mead",
        doc: """
            optim.nelder_mead(f, x0 [, config [, state]]) -> x, fx

            Minimises f(x) (a value; NaN counts as +inf) by the adaptive Nelder-Mead simplex,
            without derivatives; bounds clip trial points. config: lower, upper, max_iter,
            max_eval (200 per variable), xtol, ftol (1e-4), step (0.05, relative size of the
            first simplex), adaptive (true). The state table gets iterations, evaluations, stop.
            """
    ) { call in
        try call.checkFunction(1)
        let x0 = try call.vector(2)
        let options = try call.options(3, allowed: boundOptions + ["xtol", "ftol", "step", "adaptive"])
        var configuration = NelderMeadConfiguration()
        configuration.maxIterations = try options.integer("max_iter")
        configuration.maxEvaluations = try options.integer("max_eval")
        configuration.pointTolerance = try options.number("xtol", default: configuration.pointTolerance)
        configuration.valueTolerance = try options.number("ftol", default: configuration.valueTolerance)
        configuration.initialStep = try options.number("step", default: configuration.initialStep)
        configuration.adaptive = try options.boolean("adaptive", default: true)
        let bounds = try configBounds(options, dimension: x0.count)
        if !call.isNil(4) { try call.checkTable(4) }
        let objective = LuaObjective(call: call, position: 1, asMatrix: call.type(2) == .userdata)
        let result = try Optimize.nelderMead({ x in try objective.evaluate(x, withGradient: false).value }, x0: x0, bounds: bounds,
                                    configuration: configuration, interruption: luaInterruption)
        try store(nil, result: result, call, 4)
        return objective.returning(result)
    }

    /// The `lower` and `upper` options: a number for every variable, or a vector.
    static func configBounds(_ options: LuaOptions, dimension: Int) throws -> Bounds {
        func side(_ key: String, _ fallback: Double) throws -> [Double] {
            try options.withValue(key) { stack throws(ArgumentError) -> [Double] in
                if let value = stack.number(at: -1) { return [Double](repeating: value, count: dimension) }
                let values: [Double]
                switch matrixType.lookup(at: -1, in: stack) {
                case .value(let box): values = box.value.elements
                default:
                    guard stack.type(at: -1) == .table else { throw options.error(key, "number or vector expected") }
                    values = try (0..<stack.rawLength(at: -1)).map { i throws(ArgumentError) in
                        stack.rawGet(-1, at: i + 1)
                        defer { stack.pop() }
                        guard let v = stack.number(at: -1) else { throw options.error(key, "entry \(i + 1) is not a number") }
                        return v
                    }
                }
                guard values.count == dimension else { throw options.error(key, "expected \(dimension) values, got \(values.count)") }
                return values
            } ?? [Double](repeating: fallback, count: dimension)
        }
        do {
            return try Bounds(lower: try side("lower", -.infinity), upper: try side("upper", .infinity))
        } catch let error as OptimizeError {
            throw options.error("lower", error.description)
        }
    }

    /// The L-BFGS-B memory kept in the state table at `position`, if any.
    static func storedState(_ call: LuaCall, _ position: Int) throws -> LBFGSBState {
        guard !call.isNil(position) else { return LBFGSBState() }
        try call.checkTable(position)
        let stack = call.stack
        stack.rawGet(Int32(position), field: "lbfgsb")
        defer { stack.pop() }
        if case .value(let box) = lbfgsbStateType.lookup(at: -1, in: stack) { return box.value }
        return LBFGSBState()
    }

    /// Records the outcome in the state table at `position` (when given): iterations and
    /// evaluations (accumulated), stop, f, and the L-BFGS-B memory.
    static func store(_ state: LBFGSBState?, result: OptimizationResult, _ call: LuaCall, _ position: Int) throws {
        guard !call.isNil(position) else { return }
        let stack = call.stack, table = Int32(position)
        func count(_ key: String, _ added: Int) {
            let previous = stack.rawGet(table, field: key) == .number ? stack.integer(at: -1) ?? 0 : 0
            stack.pop()
            stack.push(previous + added)
            stack.rawSet(table, field: key)
        }
        count("iterations", result.iterations)
        count("evaluations", result.evaluations)
        stack.push(result.stopReason.rawValue)
        stack.rawSet(table, field: "stop")
        stack.push(result.value)
        stack.rawSet(table, field: "f")
        if let state {
            lbfgsbStateType.push(state, onto: stack)
            stack.rawSet(table, field: "lbfgsb")
        }
    }
}

/// A Lua function used as an objective: called with x as a table or a column vector, returning
/// a value and optionally a gradient.
struct LuaObjective {
    let call: LuaCall
    /// The stack index of the function.
    let position: Int
    /// Pass x (and return the result) as a column vector rather than a table.
    let asMatrix: Bool

    /// f(x): the value and, with `withGradient`, the gradient.
    func evaluate(_ x: [Double], withGradient: Bool) throws -> (value: Double, gradient: [Double]?) {
        let stack = call.stack, base = stack.top
        defer { stack.setTop(base) }
        stack.pushCopy(of: Int32(position))
        push(x)
        try stack.protectedCall(arguments: 1, results: 2)
        guard stack.type(at: -2) == .number, let value = stack.number(at: -2) else {
            throw LuaError("\(call.name): f returned a \(stack.typeName(at: -2)) value, expected a number")
        }
        guard withGradient else { return (value, nil) }
        let gradient: [Double]
        switch matrixType.lookup(at: -1, in: stack) {
        case .value(let box): gradient = box.value.elements
        default:
            guard stack.type(at: -1) == .table else {
                throw LuaError("\(call.name): f returned a \(stack.typeName(at: -1)) gradient, expected a table or a vector")
            }
            gradient = try (0..<stack.rawLength(at: -1)).map { i throws(LuaError) in
                stack.rawGet(-1, at: i + 1)
                defer { stack.pop() }
                guard let v = stack.number(at: -1) else { throw LuaError("\(call.name): gradient entry \(i + 1) is not a number") }
                return v
            }
        }
        guard gradient.count == x.count else {
            throw LuaError("\(call.name): f returned a gradient of \(gradient.count) values for \(x.count) variables")
        }
        return (value, gradient)
    }

    /// Pushes x as a table or a column vector.
    func push(_ x: [Double]) {
        if asMatrix { Matrix(column: x).push(onto: call.stack) } else { x.push(onto: call.stack) }
    }

    /// Returns x (in the kind of x0) and the table of values after each iteration.
    func returning(_ result: OptimizationResult) -> Int {
        push(result.x)
        result.history.push(onto: call.stack)
        return 2
    }
}
