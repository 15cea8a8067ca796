/// What a user-defined metric receives for one pair of points.
public struct MetricInput {
    /// The min(p, q) principal angles in radians, ascending, computed natively.
    public let angles: [Double]
    /// p, the dimension of the first subspace.
    public let rankA: Int
    /// q, the dimension of the second subspace.
    public let rankB: Int
    /// The first point's singular values, when the metric asked for them.
    public let singularValuesA: [Double]?
    /// The second point's singular values, when the metric asked for them.
    public let singularValuesB: [Double]?
}

/// A distance defined by the caller as a function of the principal angles (and, when it asks,
/// of the singular values kept by both points).
///
/// The function is called on the caller's thread, one pair at a time: in a distance matrix the
/// principal angles are computed on every core first, then the function is applied serially, so
/// it may touch state that is not thread-safe (a Lua interpreter).
public struct CustomMetric {
    /// The name the metric is registered and displayed under.
    public let name: String
    /// `true` when the function needs ``MetricInput/singularValuesA`` and
    /// ``MetricInput/singularValuesB``; points without singular values are then refused.
    public let usesSingularValues: Bool
    /// The distance for one pair; it throws (typically ``GrassmannError/metricFailed(name:message:)``)
    /// to abort the whole computation.
    public let evaluate: (MetricInput) throws(GrassmannError) -> Double

    /// A metric named `name` computed by `evaluate`.
    public init(
        name: String, usesSingularValues: Bool = false,
        _ evaluate: @escaping (MetricInput) throws(GrassmannError) -> Double
    ) {
        self.name = name
        self.usesSingularValues = usesSingularValues
        self.evaluate = evaluate
    }
}

/// The metrics one caller can name: every built-in metric plus the custom ones it registered.
///
/// A registry is a plain value owned by its caller (the Lua module keeps one per interpreter),
/// never global state, so two interpreters never see each other's metrics.
public struct MetricRegistry {
    private var custom: [String: CustomMetric] = [:]

    /// A registry holding only the built-in metrics.
    public init() {}

    /// Adds `metric`, replacing a custom metric of the same name.
    ///
    /// - Throws: ``GrassmannError/reservedMetricName(_:)`` for the name of a built-in metric,
    ///   ``GrassmannError/invalidArgument(_:)`` for an empty name.
    public mutating func register(_ metric: CustomMetric) throws(GrassmannError) {
        guard !metric.name.isEmpty else { throw .invalidArgument("a metric name must not be empty") }
        guard GrassmannMetric(builtInName: metric.name) == nil else { throw .reservedMetricName(metric.name) }
        custom[metric.name] = metric
    }

    /// The metric called `name`, built in or registered.
    ///
    /// - Throws: ``GrassmannError/unknownMetric(name:known:)`` listing the known names.
    public func metric(named name: String) throws(GrassmannError) -> GrassmannMetric {
        if let builtIn = GrassmannMetric(builtInName: name) { return builtIn }
        if let metric = custom[name] { return .custom(metric) }
        throw .unknownMetric(name: name, known: names)
    }

    /// Every name this registry resolves: the built-in metrics, then the custom ones sorted.
    public var names: [String] {
        GrassmannMetric.builtIn.map(\.name) + custom.keys.sorted()
    }
}
