import Foundation
import Linalg
import LuaHost
import Onsager

extension OnsagerError: LuaReportableError {
    /// The reason, reported after the Lua function's name.
    public var luaMessage: String { reason }
}

/// A Lua table with named fields, built in Swift (results such as fit reports).
struct LuaRecord: LuaPushable {
    var fields: [(String, any LuaPushable)]

    init(_ fields: [(String, any LuaPushable)]) { self.fields = fields }

    func push(onto stack: LuaStack) {
        stack.pushTable(fieldCount: fields.count)
        for (key, value) in fields {
            value.push(onto: stack)
            stack.rawSet(-2, field: key)
        }
    }
}

/// A Lua sequence of heterogeneous values.
struct LuaList: LuaPushable {
    var items: [any LuaPushable]

    func push(onto stack: LuaStack) {
        stack.pushTable(arrayCount: items.count)
        for (i, item) in items.enumerated() {
            item.push(onto: stack)
            stack.rawSet(-2, at: i + 1)
        }
    }
}

/// Size limits that keep a call with absurd arguments from allocating or running forever.
enum OnsagerLimits {
    static let trajectories = 100_000
    static let frames = 1_000_000
    /// Values in one generated dataset (trajectories × frames × grid points): 2^27, 1 GiB.
    static let values = 1 << 27
}

extension LuaCall {
    /// Argument `position` as a positive count of at most `limit`.
    func count(_ position: Int, what: String, limit: Int) throws(ArgumentError) -> Int {
        let value = try integer(position)
        guard value >= 1, value <= limit else { throw ArgumentError(position, "\(what) must be 1 to \(limit), got \(value)") }
        return value
    }

    /// Argument `position` as a field on a grid of `points` points: a vector (matrix or flat
    /// table) of that length.
    func field(_ position: Int, points: Int) throws(ArgumentError) -> [Double] {
        let value = try vector(position)
        guard value.count == points else {
            throw ArgumentError(position, "a field of \(points) values expected, got \(value.count)")
        }
        guard value.allSatisfy(\.isFinite) else { throw ArgumentError(position, "the field holds NaN or infinity") }
        return value
    }

    /// Argument `position` as a dataset table `{trajectories = {...}, dt = ..., grid = {...}}`.
    func dataset(_ position: Int) throws -> Dataset {
        try checkTable(position)
        let table = Int32(position)
        let grid = try datasetGrid(position)
        guard stack.rawGet(table, field: "dt") == .number, let spacing = stack.number(at: -1) else {
            stack.pop()
            throw ArgumentError(position, "the dataset needs a number field 'dt' (the frame spacing)")
        }
        stack.pop()
        guard stack.rawGet(table, field: "trajectories") == .table else {
            stack.pop()
            throw ArgumentError(position, "the dataset needs a table field 'trajectories' of matrices")
        }
        defer { stack.pop() }
        let count = stack.rawLength(at: -1)
        guard count >= 1 else { throw ArgumentError(position, "the dataset has no trajectories") }
        var trajectories = [Matrix]()
        for i in 1...count {
            stack.rawGet(-1, at: i)
            defer { stack.pop() }
            guard case .value(let box) = matrixType.lookup(at: -1, in: stack) else {
                throw ArgumentError(position, "trajectory \(i) is a \(stack.typeName(at: -1)), expected a matrix")
            }
            trajectories.append(box.value)
        }
        do {
            return try Dataset(grid: grid, frameSpacing: spacing, trajectories: trajectories)
        } catch {
            throw ArgumentError(position, "bad dataset: \(error.reason)")
        }
    }

    /// The `grid` field of the dataset table at `position`.
    private func datasetGrid(_ position: Int) throws -> PeriodicGrid {
        let table = Int32(position)
        guard stack.rawGet(table, field: "grid") == .table else {
            stack.pop()
            throw ArgumentError(position, "the dataset needs a table field 'grid' ({nx, ny, length_x, length_y})")
        }
        defer { stack.pop() }
        func number(_ key: String, default value: Double?) throws(ArgumentError) -> Double {
            let type = stack.rawGet(-1, field: key)
            defer { stack.pop() }
            if type == .nil, let value { return value }
            guard type == .number, let n = stack.number(at: -1) else { throw ArgumentError(position, "grid field '\(key)' must be a number") }
            return n
        }
        let nx = try number("nx", default: nil), ny = try number("ny", default: 1)
        guard nx == nx.rounded(), ny == ny.rounded(), abs(nx) < 1e9, abs(ny) < 1e9 else {
            throw ArgumentError(position, "grid sizes must be integers")
        }
        do {
            return try PeriodicGrid(nx: Int(nx), ny: Int(ny), lengthX: number("length_x", default: 2 * .pi),
                                    lengthY: number("length_y", default: 2 * .pi))
        } catch let error as OnsagerError {
            throw ArgumentError(position, "bad grid: \(error.reason)")
        }
    }

    /// The grid described by the options `n`, `ny`, `length`, `length_y` (1D, 256 points on
    /// [0, 2π) by default).
    func grid(_ options: LuaOptions, defaultPoints: Int = 256) throws -> PeriodicGrid {
        let nx = try options.integer("n", default: defaultPoints), ny = try options.integer("ny", default: 1)
        do {
            return try PeriodicGrid(nx: nx, ny: ny, lengthX: options.number("length", default: 2 * .pi),
                                    lengthY: options.number("length_y", default: 2 * .pi))
        } catch let error as OnsagerError {
            throw options.error("n", error.reason)
        }
    }
}

/// Conversion of datasets to Lua tables.
enum DatasetTable {
    /// `{trajectories = {...}, dt = ..., grid = {...}}` plus `extra` fields.
    static func record(_ data: Dataset, extra: [(String, any LuaPushable)] = []) -> LuaRecord {
        LuaRecord([
            ("trajectories", data.trajectories),
            ("dt", data.frameSpacing),
            ("grid", gridRecord(data.grid)),
        ] + extra)
    }

    /// `{nx, ny, length_x, length_y}`.
    static func gridRecord(_ grid: PeriodicGrid) -> LuaRecord {
        LuaRecord([("nx", grid.nx), ("ny", grid.ny), ("length_x", grid.lengthX), ("length_y", grid.lengthY)])
    }
}
