import MarketData
import Optimization
import Simulation
import Strategies

/// One point of a spec run on its own (`crucible backtest --spec`): the trial path of the runner
/// (`TrialEvaluator.backtest`, so the spec's engine, costs, exits, sizing, risk limits, calendar
/// and sub-bars), for a point given as `name=value` text.
///
/// Semantics: every parameter of the spec's space takes the value given for it, or, when the
/// spec fixes it, that value; a searched parameter without a value is an error naming every
/// one missing. A value has its parameter's type (an integer for an int range or an int list, a
/// number for a double one, one of the names of a choice) and need not lie on the spec's grid;
/// the strategy checks its own ranges, and the spec's constraints must hold.
public enum SpecBacktest {
    /// The point (declaration order) the assignments give.
    public static func point(_ spec: ExperimentSpec, _ assignments: [(name: String, value: String)]) throws(SpecError)
        -> [Optimization.ParameterValue] {
        let space = spec.strategy.space
        var problems: [SpecProblem] = []
        var given: [String: String] = [:]
        for (name, value) in assignments {
            if !space.names.contains(name) {
                problems.append(SpecProblem(path: "--param \(name)", message: "not a parameter of the spec's strategy; its parameters are "
                                            + (space.names.isEmpty ? "none" : space.names.joined(separator: ", "))))
            } else if given[name] != nil {
                problems.append(SpecProblem(path: "--param \(name)", message: "given twice"))
            } else {
                given[name] = value
            }
        }
        var values: [Optimization.ParameterValue] = []
        var missing: [String] = []
        for parameter in space.parameters {
            guard let text = given[parameter.name] else {
                if case let .fixed(v) = parameter.domain { values.append(v) } else { missing.append(parameter.name) }
                continue
            }
            switch value(text, parameter.domain) {
            case let .success(v): values.append(v)
            case let .failure(expected):
                problems.append(SpecProblem(path: "--param \(parameter.name)", message: "expected \(expected), got \"\(text)\""))
            }
        }
        if !missing.isEmpty {
            problems.append(SpecProblem(path: "--param", message: "the spec searches \(missing.joined(separator: ", ")); give "
                                        + missing.map { "--param \($0)=VALUE" }.joined(separator: " ")))
        }
        guard problems.isEmpty else { throw SpecError(problems) }
        if !space.satisfiesConstraints(values) {
            let texts = space.constraints.filter { !$0.isSatisfied(by: values) }.map(\.description)
            throw SpecError([SpecProblem(path: "--param", message: "the point breaks the spec's constraints: " + texts.joined(separator: "; "))])
        }
        return values
    }

    /// The backtest of `values` on `data` (the spec's data, loaded), as a trial of the run.
    /// A spec with `ml` models first trains the ones its rules read (`ModelColumns.attach`).
    public static func run(_ spec: ExperimentSpec, data: ExperimentData, values: [Optimization.ParameterValue],
                           threads: Int = 1) throws -> BacktestResult {
        let spec = try ModelColumns.attach(spec, bars: data.bars, threads: threads)
        return try TrialEvaluator(spec: spec, bars: data.bars, subBars: data.subBars).backtest(values)
    }

    /// The strategy of `values` (declaration order) before the spec's modifiers: its rules, or
    /// the built-in with the point's parameters. Every trial builds its strategy here.
    public static func strategy(_ spec: ExperimentSpec, _ values: [Optimization.ParameterValue]) throws -> any EventStrategy & Sendable {
        if spec.strategy.rules != nil { return try spec.strategy.ruleStrategy(values) }
        let parameters = try spec.strategy.parameterSet(values)
        return try StrategyRegistry.type(named: parameters.strategy).init(parameters: parameters)
    }

    /// The spec's exits, sizing and risk limits at `values` for bars of `periodsPerYear` (nil
    /// when the spec has none); the event engine runs `Modifiers.apply` of the strategy.
    public static func modifiers(_ spec: ExperimentSpec, _ values: [Optimization.ParameterValue],
                                 periodsPerYear: Double) throws -> Modifiers? {
        try PointModifiers.of(spec, values, periodsPerYear: periodsPerYear)
    }

    /// A value of the domain's type, or what was expected.
    private static func value(_ text: String, _ domain: ParameterDomain) -> Result<Optimization.ParameterValue, Expected> {
        let kind: Optimization.ParameterValue
        switch domain {
        case let .intRange(lower, _, _, _): kind = .int(lower)
        case let .doubleRange(lower, _, _, _): kind = .double(lower)
        case let .fixed(v): kind = v
        case let .list(items):
            kind = items.allSatisfy { if case .int = $0 { return true } else { return false } } ? .int(0) : .double(0)
        case let .choice(names):
            return names.contains(text) ? .success(.string(text)) : .failure(Expected("one of " + names.joined(separator: ", ")))
        }
        switch kind {
        case .int: return Int(text).map { .success(.int($0)) } ?? .failure(Expected("an integer"))
        case .double:
            guard let x = Double(text), x.isFinite else { return .failure(Expected("a finite number")) }
            return .success(.double(x))
        case .string: return .success(.string(text))
        }
    }

    private struct Expected: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }
}
