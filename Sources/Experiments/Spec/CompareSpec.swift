import Strategies

/// Statistical comparison of the chosen strategy against rivals on the same data.
///
/// Semantics: each rival runs with fixed parameters under the same engine settings; the
/// per-bar returns are lined up and the listed tests run at level `alpha`, bootstrap tests with
/// `bootstrap` resamples.
public struct CompareSpec: Sendable, Equatable {
    public var against: [Rival]
    public var tests: [CompareTest]
    public var alpha: Double
    public var bootstrap: Int

    public init(against: [Rival], tests: [CompareTest], alpha: Double = 0.05, bootstrap: Int = 1000) {
        self.against = against
        self.tests = tests
        self.alpha = alpha
        self.bootstrap = bootstrap
    }

    /// A strategy with fixed parameters (unlisted ones at their defaults).
    public struct Rival: Sendable, Equatable {
        public var parameters: ParameterSet

        public init(parameters: ParameterSet) { self.parameters = parameters }

        public var name: String { parameters.strategy }
    }
}

public enum CompareTest: String, Sendable, CaseIterable {
    case pairedT = "paired_t"
    case wilcoxon
    case jobsonKorkieMemmel = "jobson_korkie_memmel"
    case realityCheck = "reality_check"
    case spa
    case stepM = "stepm"
    case modelConfidenceSet = "model_confidence_set"
}
