import Foundation
import LuaHost

/// The `json` Lua module: JSON text to and from Lua values, for run logs (one JSON object per
/// line), configurations and notebooks.
///
/// Objects become tables with string keys and arrays sequences; `json.null` stands for a null
/// that must keep its place (inside arrays); NaN and infinities, which JSON cannot express, are
/// written as null. Tables that are sequences (keys 1..n) are written as arrays, empty tables as
/// `{}` unless marked with `json.array{}`.
enum JSONModule {
    static var module: LuaModule {
        LuaModule(
            name: "json",
            doc: """
                json: JSON text to and from Lua values.

                json.encode(v), json.decode(text), json.read(path), json.write(path, v), json.append(path, v)
                (one line, flushed: JSON lines), json.read_lines(path), json.null, json.array(t).
                """,
            functions: [encode, decode, read, write, append, readLines, array],
            fields: [("null", JSONNull())])
    }

    static let encode = NativeFunction(
        "encode",
        doc: """
            json.encode(value [, {indent = 0, sort_keys = true}]) -> string

            The JSON text of value (tables, strings, numbers, booleans, json.null). With indent > 0
            the text spans lines, indented by that many spaces per level. Keys are sorted by default,
            so the same table always gives the same text.
            """
    ) { call in
        try call.checkPresent(1)
        let options = try call.options(2, allowed: ["indent", "sort_keys"])
        var writer = JSONWriter(stack: call.stack, indent: try options.integer("indent", default: 0),
                                sortKeys: try options.boolean("sort_keys", default: true))
        return call.returning(try writer.text(of: 1))
    }

    static let decode = NativeFunction(
        "decode",
        doc: """
            json.decode(text) -> value

            The Lua value of a JSON text. Objects become tables, arrays sequences, null becomes nil
            in objects and json.null in arrays. Errors give the line and column.
            """
    ) { call in
        var parser = JSONParser(text: Array(try call.string(1).utf8), stack: call.stack)
        try parser.parseDocument()
        return 1
    }

    static let read = NativeFunction(
        "read", doc: "json.read(path) -> value\n\nThe value of the JSON file at path."
    ) { call in
        let path = try call.string(1)
        guard let data = FileManager.default.contents(atPath: path) else {
            throw LuaError("read: cannot read \(path)")
        }
        var parser = JSONParser(text: Array(data), stack: call.stack, source: path)
        try parser.parseDocument()
        return 1
    }

    static let write = NativeFunction(
        "write",
        doc: """
            json.write(path, value [, {indent = 2}])

            Writes value as JSON (indented by default) to path, atomically.
            """
    ) { call in
        let path = try call.string(1)
        try call.checkPresent(2)
        let options = try call.options(3, allowed: ["indent", "sort_keys"])
        var writer = JSONWriter(stack: call.stack, indent: try options.integer("indent", default: 2),
                                sortKeys: try options.boolean("sort_keys", default: true))
        let text = try writer.text(of: 2) + "\n"
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw LuaError("write: cannot write \(path): \(error.localizedDescription)")
        }
        return 0
    }

    static let append = NativeFunction(
        "append",
        doc: """
            json.append(path, value)

            Appends value as one line of JSON to path (creating it) and flushes it to disk before
            returning: the JSON-lines log of a run that must survive a crash.
            """
    ) { call in
        let path = try call.string(1)
        try call.checkPresent(2)
        var writer = JSONWriter(stack: call.stack, indent: 0, sortKeys: true)
        let line = try writer.text(of: 2) + "\n"
        let descriptor = open(path, O_WRONLY | O_APPEND | O_CREAT, 0o644)
        guard descriptor >= 0 else { throw LuaError("append: cannot open \(path): \(String(cString: strerror(errno)))") }
        defer { close(descriptor) }
        let bytes = Array(line.utf8)
        let written = bytes.withUnsafeBytes { Foundation.write(descriptor, $0.baseAddress, $0.count) }
        guard written == bytes.count, fsync(descriptor) == 0 else {
            throw LuaError("append: cannot write \(path): \(String(cString: strerror(errno)))")
        }
        return 0
    }

    static let readLines = NativeFunction(
        "read_lines",
        doc: """
            json.read_lines(path) -> table, complete

            The values of a JSON-lines file, in order. A last line cut short by a crash is left
            out, and complete is false then; a bad line before the last is an error.
            """
    ) { call in
        let path = try call.string(1)
        guard let data = FileManager.default.contents(atPath: path) else { throw LuaError("read_lines: cannot read \(path)") }
        let lines = data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        let stack = call.stack
        stack.pushTable(arrayCount: lines.count)
        var count = 0
        var complete = true
        for (index, line) in lines.enumerated() where !line.allSatisfy({ $0 == 32 || $0 == 13 }) {
            var parser = JSONParser(text: Array(line), stack: stack, source: "\(path):\(index + 1)")
            do {
                try parser.parseDocument()
            } catch {
                guard index == lines.count - 1 else { throw error }
                complete = false
                break
            }
            count += 1
            stack.rawSet(-2, at: count)
        }
        stack.push(complete)
        return 2
    }

    /// Registry key of the metatable marking tables to be written as arrays.
    static let arrayMarkerKey = "json.array"

    static let array = NativeFunction(
        "array", doc: "json.array([t]) -> t\n\nMarks t (default a new table) to be written as a JSON array even when empty."
    ) { call in
        if call.isNil(1) { call.stack.pushTable() } else {
            try call.checkTable(1)
            call.stack.pushCopy(of: 1)
        }
        markAsArray(call.stack)
        return 1
    }

    /// Sets the array marker as the metatable of the table on top.
    static func markAsArray(_ stack: LuaStack) {
        stack.pushRegistry()
        if stack.rawGet(-1, field: arrayMarkerKey) != .table {
            stack.pop()
            stack.pushTable(fieldCount: 1)
            stack.push("json.array")
            stack.rawSet(-2, field: "__name")
            stack.pushCopy(of: -1)
            stack.rawSet(-3, field: arrayMarkerKey)
        }
        stack.remove(at: -2)
        stack.setMetatable(of: -2)
    }
}

/// `json.null`: a light userdata that stands for JSON null where nil cannot (inside arrays).
struct JSONNull: LuaPushable {
    /// The address that identifies `json.null`.
    nonisolated(unsafe) static let sentinel = UnsafeMutableRawPointer.allocate(byteCount: 1, alignment: 1)

    func push(onto stack: LuaStack) { stack.push(lightUserdata: Self.sentinel) }
}
