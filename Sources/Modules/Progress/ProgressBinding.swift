import Foundation
import LuaHost

/// `cglab.progress`: the progress display for Lua loops, the `cglab.Progress` userdata type.
enum ProgressBinding {
    static let type: UserdataType<ProgressMeter> = UserdataType(
        name: "cglab.Progress", noun: "progress", methods: [update, finish], metamethods: [toString])

    static let constructor: NativeFunction = NativeFunction(
        "progress",
        doc: """
            cglab.progress([total] [, {label = "", quiet = false}]) -> progress

            A progress display for total steps of work (nil when unknown): on a terminal a bar on
            standard error with the count, the rate and the time left, redrawn at most ten times a
            second; otherwise one summary line when it finishes; nothing with quiet = true. Call
            p:update() after each step and p:finish() at the end.
            """
    ) { call in
        let total = try call.optionalInteger(1)
        if let total, total < 0 { throw ArgumentError(1, "total must be non-negative, got \(total)") }
        let options = try call.options(2, allowed: ["label", "quiet"])
        let meter = ProgressMeter(total: total, label: try options.string("label", default: ""),
                                  quiet: try options.boolean("quiet", default: false))
        type.push(meter, onto: call.stack)
        return 1
    }

    static let update: NativeFunction = NativeFunction(
        "update",
        doc: """
            p:update([count] [, fields]) -> p

            Records that count steps are done (default: one more than before) and shows the
            values of the table fields after the rate ({best = 0.012} shows best=0.012).
            """
    ) { call in
        let meter = try call.value(1, type)
        let count = call.type(2) == .table ? nil : try call.optionalInteger(2)
        meter.update(to: count, fields: try fields(call, call.type(2) == .table ? 2 : 3))
        return call.returningSelf()
    }

    static let finish: NativeFunction = NativeFunction(
        "finish",
        doc: """
            p:finish([fields])

            Ends the display: the final bar and a newline on a terminal, one summary line
            (count, time, rate and fields) otherwise. Later calls do nothing.
            """
    ) { call in
        try call.value(1, type).finish(fields: try fields(call, 2))
        return 0
    }

    static let toString: NativeFunction = NativeFunction("__tostring") { call in
        call.returning(try call.value(1, type).line(width: Terminal.width))
    }

    /// The table of fields at `position` (nil: none), sorted by name, values formatted.
    private static func fields(_ call: LuaCall, _ position: Int) throws(ArgumentError) -> [(name: String, value: String)] {
        guard !call.isNil(position) else { return [] }
        try call.checkTable(position)
        let stack = call.stack
        var fields: [(name: String, value: String)] = []
        var failure: ArgumentError?
        stack.forEachPair(Int32(position)) {
            guard let name = stack.string(at: -2) else {
                failure = ArgumentError(position, "field names must be strings, got a \(stack.typeName(at: -2)) key")
                return false
            }
            switch stack.type(at: -1) {
            case .number where stack.isInteger(at: -1): fields.append((name, String(stack.integer(at: -1) ?? 0)))
            case .number: fields.append((name, String(format: "%.4g", stack.number(at: -1) ?? .nan)))
            case .string: fields.append((name, stack.string(at: -1) ?? ""))
            case .boolean: fields.append((name, String(stack.boolean(at: -1))))
            default:
                failure = ArgumentError(position, "field '\(name)' is a \(stack.typeName(at: -1)), expected a number, string or boolean")
                return false
            }
            return true
        }
        if let failure { throw failure }
        return fields.sorted { $0.name < $1.name }
    }
}
