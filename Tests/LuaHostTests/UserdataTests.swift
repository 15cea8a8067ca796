import XCTest

@testable import LuaHost

/// A payload that reports its deinitialisation.
final class Payload {
    nonisolated(unsafe) static var live = 0
    var value: Double
    init(_ value: Double) {
        self.value = value
        Payload.live += 1
    }
    deinit { Payload.live -= 1 }
}

let payloadType = UserdataType<Payload>(
    name: "test.Payload", noun: "payload",
    methods: [
        NativeFunction("get", doc: "p:get() -> number") { call in call.returning(try call.value(1, payloadType).value) },
        NativeFunction("set") { call in
            try call.value(1, payloadType).value = try call.number(2)
            return 0
        },
    ],
    metamethods: [
        NativeFunction("__tostring") { call in call.returning("payload(\(try call.value(1, payloadType).value))") },
    ])

/// A payload type that declares 1 MiB of native memory per value.
let heavyType = UserdataType<Payload>(name: "test.Heavy", noun: "heavy payload", methods: [], footprint: { _ in 1 << 20 })

final class UserdataTests: XCTestCase {
    private func makeState() -> LuaState {
        let lua = LuaState()
        lua.install(LuaModule(name: "p", doc: "payloads", functions: [
            NativeFunction("new") { call in
                payloadType.push(Payload(try call.number(1, default: 0)), onto: call.stack)
                return 1
            },
            NativeFunction("heavy") { call in
                heavyType.push(Payload(0), onto: call.stack)
                return 1
            },
        ], types: [payloadType, heavyType]))
        return lua
    }

    func testMethodsMetamethodsAndName() throws {
        let lua = makeState()
        XCTAssertEqual(try lua.evaluate("local x = p.new(2); x:set(x:get() * 3); return x:get(), tostring(x)"),
                       [.number(6), .string("payload(6.0)")])
        XCTAssertEqual(try lua.evaluate("return select(2, pcall(p.new(1).get, {}))"),
                       [.string("bad argument #1 to 'get' (payload expected, got table)")])
    }

    func testCloseReleasesValueAndLaterUseIsAnError() throws {
        let lua = makeState()
        Payload.live = 0
        let values = try lua.evaluate("""
            local ok, e
            do
              local x <close> = p.new(1)
              saved = x
            end
            collectgarbage()
            return pcall(saved.get, saved)
            """)
        XCTAssertEqual(values, [.boolean(false), .string("bad argument #1 to 'get' (payload was closed)")])
        XCTAssertEqual(Payload.live, 0)
    }

    func testMillionUserdataAreCollectedWithinFixedMemory() throws {
        let lua = makeState()
        try lua.run("for i = 1, 10000 do local x = p.new(i) end")
        lua.collectGarbage()
        let baseline = lua.memoryInUse
        var peakLive = 0
        lua.register(NativeFunction("probe") { _ in
            peakLive = max(peakLive, Payload.live)
            return 0
        })
        try lua.run("for i = 1, 1000000 do local x = p.new(i); if i % 10000 == 0 then probe() end end")
        lua.collectGarbage()
        XCTAssertEqual(Payload.live, 0)
        XCTAssertLessThan(peakLive, 500_000, "the collector must run during the loop")
        XCTAssertLessThan(lua.memoryInUse, baseline + 1 << 20)
    }

    func testDeclaredFootprintPacesTheCollector() throws {
        let lua = makeState()
        var peakLive = 0
        lua.register(NativeFunction("probe") { _ in
            peakLive = max(peakLive, Payload.live)
            return 0
        })
        try lua.run("for i = 1, 20000 do local x = p.heavy(); probe() end")
        XCTAssertLessThan(peakLive, 2000, "values declaring 1 MiB each must not pile up (20 GiB if never collected)")
    }
}
