import LuaHost

/// A module field holding a table of documented native functions, such as `gp.kernel`: pushed as
/// a plain table whose functions carry their docstrings (recorded in `cglab.docs`, where `help`
/// finds them). The functions must live as long as the program (static constants).
struct LuaFunctionTable: LuaPushable {
    /// The functions, stored under their names.
    let functions: [NativeFunction]
    /// The docstring of the table itself.
    let doc: String

    func push(onto stack: LuaStack) {
        stack.pushTable(fieldCount: functions.count)
        let table = stack.absolute(-1)
        stack.pushRegistry()
        stack.rawGet(-1, field: "_LOADED")
        stack.rawGet(-1, field: "cglab.docs")
        let docs = stack.absolute(-1)
        for function in functions {
            stack.push(function)
            if let text = function.doc {
                stack.pushCopy(of: -1)
                stack.push(text)
                stack.rawSetPair(docs)
            }
            stack.rawSet(table, field: function.name)
        }
        stack.pushCopy(of: table)
        stack.push(doc)
        stack.rawSetPair(docs)
        stack.pop(3)
    }
}
