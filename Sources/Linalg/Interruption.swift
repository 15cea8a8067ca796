/// A cooperative interruption check that long native loops poll, so that Ctrl-C stops a GP fit
/// or a solver run within a fraction of a second.
///
/// Numeric libraries know nothing of signals or Lua: the caller passes an `Interruption` built
/// from whatever flag it watches (the Lua host passes its SIGINT flag), and loops call
/// ``check()`` once per iteration.
public struct Interruption: Sendable {
    private let isRequestedNow: @Sendable () -> Bool

    /// An interruption that reports a request whenever `isRequested` returns `true`.
    public init(_ isRequested: @escaping @Sendable () -> Bool) {
        self.isRequestedNow = isRequested
    }

    /// An interruption that is never requested.
    public static let never = Interruption { false }

    /// `true` when the computation should stop now.
    public var isRequested: Bool { isRequestedNow() }

    /// Throws ``Interrupted`` when the computation should stop now.
    public func check() throws(Interrupted) {
        if isRequestedNow() { throw Interrupted() }
    }
}

/// The error thrown by a computation that stopped because an interruption was requested.
public struct Interrupted: Error, Equatable, CustomStringConvertible {
    /// Creates the error.
    public init() {}
    /// `"interrupted!"`, the message Lua's own interpreter uses.
    public var description: String { "interrupted!" }
}
