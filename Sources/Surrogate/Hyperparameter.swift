import Foundation

/// One positive kernel hyperparameter (a length scale, a variance, a noise level) with the
/// interval in which fitting may move it; fitting works on its logarithm.
public struct Hyperparameter: Sendable, Equatable {
    /// The current value, in the units of the quantity (length scales in input units).
    public var value: Double
    /// The interval allowed during fitting (natural units); nil fixes the value.
    public var bounds: ClosedRange<Double>?

    /// A hyperparameter, checked: the value and bounds must be positive and finite.
    ///
    /// - Throws: ``SurrogateError/invalidHyperparameter(kernel:message:)`` naming `kernel`.
    init(_ value: Double, bounds: ClosedRange<Double>?, kernel: String, name: String) throws(SurrogateError) {
        guard value > 0 && value.isFinite else {
            throw .invalidHyperparameter(kernel: kernel, message: "\(name) must be positive and finite, got \(value)")
        }
        if let bounds, !(bounds.lowerBound > 0 && bounds.upperBound.isFinite) {
            throw .invalidHyperparameter(kernel: kernel, message: "\(name) bounds must be positive and finite, got \(bounds)")
        }
        self.value = value
        self.bounds = bounds
    }

    /// `true` when fitting may change the value.
    public var isFree: Bool { bounds != nil }

    /// log(value), the coordinate the optimiser sees.
    var theta: Double { log(value) }

    /// The log-space bounds of a free hyperparameter.
    var logBounds: ClosedRange<Double>? { bounds.map { log($0.lowerBound)...log($0.upperBound) } }
}
