import CLua
import CLuaShim

/// An independent Lua 5.4 interpreter state owned by Swift.
///
/// A state is single-threaded: use it from one thread at a time. Independent states share
/// nothing and may run on different threads at once.
public final class LuaState {
    /// The state's stack.
    public let stack: LuaStack
    /// Native functions and other objects that Lua refers to by raw pointer.
    private var retained: [AnyObject] = []

    /// Registry key of the docstring table (weak keys: value -> text).
    static let docsKey = "cglab.docs"

    /// A new state. With `libraries`, the standard libraries are opened; `ignoreEnvironment`
    /// makes `package` ignore `LUA_PATH`/`LUA_CPATH` (lua's `-E`).
    public init(libraries: Bool = true, ignoreEnvironment: Bool = false) {
        cglab_set_native_dispatch(nativeDispatch)
        guard let state = cglab_newstate() else { fatalError("cglab: cannot create a Lua state (out of memory)") }
        stack = LuaStack(state)
        if ignoreEnvironment {
            stack.push(true)
            stack.pushRegistry()
            stack.insertTop(at: -2)
            stack.rawSet(-2, field: "LUA_NOENV")
            stack.pop()
        }
        if libraries, cglab_popenlibs(state) != LUA_OK {
            fatalError("cglab: cannot open the Lua standard libraries: \(stack.string(at: -1) ?? "")")
        }
        createDocsTable()
    }

    deinit {
        cglab_close(stack.state)
    }

    /// The raw `lua_State *`.
    public var pointer: OpaquePointer { stack.state }

    /// Keeps `object` alive as long as the state.
    public func retain(_ object: AnyObject) { retained.append(object) }

    // MARK: Functions, docs and modules

    /// Pushes `function` (kept alive by the state) and records its docstring.
    public func pushDocumented(_ function: NativeFunction) {
        retain(function)
        stack.push(function)
        if let doc = function.doc { setDoc(doc, forValueAt: -1) }
    }

    /// Records `doc` as the docstring of the value at `index` (shown by `help` and `?name`).
    public func setDoc(_ doc: String, forValueAt index: Int32) {
        let value = stack.absolute(index)
        stack.pushRegistry()
        stack.rawGet(-1, field: Self.docsKey)
        stack.pushCopy(of: value)
        stack.push(doc)
        stack.rawSetPair(-3)
        stack.pop(2)
    }

    /// The docstring recorded for the value at `index`, if any.
    public func doc(forValueAt index: Int32) -> String? {
        let value = stack.absolute(index)
        stack.pushRegistry()
        stack.rawGet(-1, field: Self.docsKey)
        stack.pushCopy(of: value)
        stack.rawGetKeyOnTop(-2)
        defer { stack.pop(3) }
        return stack.string(at: -1)
    }

    private func createDocsTable() {
        stack.pushRegistry()
        stack.pushTable()
        stack.pushTable(fieldCount: 1)
        stack.push("k")
        stack.rawSet(-2, field: "__mode")
        stack.setMetatable(of: -2)
        stack.pushCopy(of: -1)
        stack.rawSet(-3, field: Self.docsKey)
        // Lua code reads and extends the same table as require "cglab.docs".
        stack.rawGet(-2, field: "_LOADED")
        stack.insertTop(at: -2)
        stack.rawSet(-2, field: "cglab.docs")
        stack.pop(2)
    }

    /// Installs `module`: its userdata types, a table of its functions and fields recorded in
    /// `package.loaded` (so `require` finds it) and, with `global`, a global of the same name.
    public func install(_ module: LuaModule, global: Bool = true) {
        for type in module.types { type.install(in: self) }
        stack.pushTable(fieldCount: module.functions.count + module.fields.count)
        for function in module.functions {
            pushDocumented(function)
            stack.rawSet(-2, field: function.name)
        }
        for (key, value) in module.fields {
            value.push(onto: stack)
            stack.rawSet(-2, field: key)
        }
        setDoc(module.doc, forValueAt: -1)
        stack.pushRegistry()
        stack.rawGet(-1, field: "_LOADED")
        stack.pushCopy(of: -3)
        stack.rawSet(-2, field: module.name)
        stack.pop(2)
        if global {
            stack.pushGlobals()
            stack.insertTop(at: -2)
            stack.rawSet(-2, field: module.name)
            stack.pop()
        } else {
            stack.pop()
        }
    }

    /// Sets the global `name` to `function` (raw; no metamethods of `_G` run).
    public func register(_ function: NativeFunction, asGlobal name: String? = nil) {
        stack.pushGlobals()
        pushDocumented(function)
        stack.rawSet(-2, field: name ?? function.name)
        stack.pop()
    }

    // MARK: Running code

    /// Compiles and runs `source`; returns the number of results left on the stack.
    /// With `traceback` a runtime error's message carries a stack traceback.
    @discardableResult
    public func run(_ source: String, chunkName: String = "=(swift)", traceback: Bool = false) throws(LuaError)
        -> Int32
    {
        let base = stack.top
        try stack.load(source, chunkName: chunkName)
        try stack.protectedCall(arguments: 0, results: LUA_MULTRET, traceback: traceback)
        return stack.top - base
    }

    /// Runs `source` and returns its results converted to ``LuaValue``s (popped).
    public func evaluate(_ source: String, chunkName: String = "=(swift)") throws(LuaError) -> [LuaValue] {
        let base = stack.top
        let count = try run(source, chunkName: chunkName)
        defer { stack.setTop(base) }
        return (0..<count).map { LuaValue(at: base + 1 + $0, in: stack) }
    }

    /// Runs full garbage collections until finalized objects are freed too (two cycles: the
    /// first runs `__gc` metamethods, the second frees their memory).
    public func collectGarbage() {
        _ = cglab_gc(pointer, LUA_GCCOLLECT)
        _ = cglab_gc(pointer, LUA_GCCOLLECT)
    }

    /// Memory in use by Lua, in bytes (Lua's own allocations; native buffers are separate).
    public var memoryInUse: Int {
        Int(cglab_gc(pointer, LUA_GCCOUNT)) * 1024 + Int(cglab_gc(pointer, LUA_GCCOUNTB))
    }
}

/// A set of native functions, userdata types and constant fields exposed as one Lua module.
public struct LuaModule {
    /// The module name for `require` and the global.
    public let name: String
    /// The module's docstring.
    public let doc: String
    /// The module's functions.
    public let functions: [NativeFunction]
    /// Userdata types the functions create.
    public let types: [any LuaInstallable]
    /// Constant fields (name, value).
    public let fields: [(String, any LuaPushable)]

    /// A module `name` documented by `doc`.
    public init(
        name: String, doc: String, functions: [NativeFunction], types: [any LuaInstallable] = [],
        fields: [(String, any LuaPushable)] = []
    ) {
        self.name = name
        self.doc = doc
        self.functions = functions
        self.types = types
        self.fields = fields
    }
}
