import Indicators

/// The event evaluator: the same program bar by bar, for one parameter column. Each bar
/// updates every needed node once, in topological order, from the previous bar's state and
/// the new bar (lags in ring buffers, crosses from the previous pair, indicators through their
/// streaming twins); nothing is recomputed from history and nothing is allocated after `init`.
///
/// The node arithmetic is `RuleArithmetic`, `RuleMath`, `RuleSeries` and `RuleCalendar`, the
/// definitions `RuleColumns` uses, so both evaluators produce the same doubles.
///
/// Its indicator twins keep their state behind references, so copies share it: make one
/// stream per run (hence `@unchecked Sendable`: a stream is never shared across threads).
public struct RuleStream: @unchecked Sendable {
    /// One flattened node: plain values only, so the per-bar loop does no reference counting.
    struct Step {
        var code: Code
        var node: Int
        var a: Int
        var b: Int
        var c: Int
        var value: Double
        var binary: RuleBinary
        var math: RuleMath
        var series: RuleSeries
        var calendar: RuleCalendar
    }

    enum Code: UInt8 {
        case fixed, series, imported, calendar, negate, not, math, binary, minimum, maximum, choose
        case prev, crossAbove, crossBelow, barsSince, indicator, output
    }

    var steps: [Step]
    /// The current value of every node.
    var values: [Double]
    /// Previous values for crosses (a, b) and bars_since, two per node.
    var previous: [Double]
    var rings: [RingBuffer]
    var streams: [IndicatorStream]
    /// Per stream: (input column, node) pairs, flattened, and the start of each stream's pairs.
    var streamInputs: [(column: InputColumn, node: Int)]
    var streamInputStart: [Int]
    /// Outputs of every stream, `outputOffset[s]` onwards.
    var outputs: UnsafeMutableBufferPointer<Double>
    var outputOffset: [Int]
    let storage: OutputStorage
    /// Bars seen so far.
    public private(set) var bars = 0
    /// The root node of every expression of the program.
    let expressionRoots: [Int]

    /// Owns the output buffer (freed with the last copy of the stream).
    final class OutputStorage {
        let buffer: UnsafeMutableBufferPointer<Double>
        init(_ count: Int) {
            buffer = .allocate(capacity: max(1, count))
            buffer.initialize(repeating: .nan)
        }
        deinit { buffer.deallocate() }
    }

    /// A stream of `program`'s nodes needed by `roots`, for parameter `parameterValues`.
    public init(program: RuleProgram, roots: [Int], parameters parameterValues: [Double]) throws(StrategyError) {
        let order = program.reachable(from: roots)
        expressionRoots = program.roots
        values = [Double](repeating: .nan, count: program.nodes.count)
        previous = [Double](repeating: .nan, count: 2 * program.nodes.count)
        rings = []
        streams = []
        streamInputs = []
        streamInputStart = []
        outputOffset = []
        var streamOf: [Int: Int] = [:]
        var totalOutputs = 0
        var steps: [Step] = []
        for k in order {
            let node = program.nodes[k]
            var s = Step(code: .fixed, node: k, a: 0, b: 0, c: 0, value: .nan, binary: .add, math: .abs, series: .close, calendar: .hour)
            if node.isScalar {
                values[k] = program.scalarValue(k, parameterValues)
                continue
            }
            switch node.op {
            case let .series(x): s.code = .series; s.series = x
            case let .imported(c): s.code = .imported; s.a = c
            case let .calendar(f): s.code = .calendar; s.calendar = f
            case let .negate(x): s.code = .negate; s.a = x
            case let .not(x): s.code = .not; s.a = x
            case let .math(f, x): s.code = .math; s.math = f; s.a = x
            case let .binary(op, x, y): s.code = .binary; s.binary = op; s.a = x; s.b = y
            case let .extremum(maximum, x, y): s.code = maximum ? .maximum : .minimum; s.a = x; s.b = y
            case let .choose(c, x, y): s.code = .choose; s.a = c; s.b = x; s.c = y
            case let .prev(x, lag):
                s.code = .prev
                s.a = x
                s.b = rings.count
                s.value = node.type == .bool ? 0 : .nan
                rings.append(RingBuffer(capacity: Int(lag.value(parameterValues)) + 1))
            case let .cross(above, x, y): s.code = above ? .crossAbove : .crossBelow; s.a = x; s.b = y
            case let .barsSince(x): s.code = .barsSince; s.a = x
            case let .indicator(call):
                let definition = IndicatorRegistry.definition(named: call.name)!
                var p: [String: Double] = [:]
                for (d, v) in zip(definition.parameters, call.parameters) { p[d.name] = v.value(parameterValues) }
                do { streams.append(try definition.stream(parameters: p)) } catch {
                    throw .constraint(strategy: "rules", message: error.description)
                }
                s.code = .indicator
                s.a = streams.count - 1
                streamOf[k] = streams.count - 1
                streamInputStart.append(streamInputs.count)
                for (column, input) in zip(definition.ruleInputs, call.inputs) { streamInputs.append((column, input)) }
                outputOffset.append(totalOutputs)
                totalOutputs += definition.outputs.count
            case let .output(call, j):
                s.code = .output
                s.a = streamOf[call]!
                s.b = j
            case .constant, .parameter:
                preconditionFailure("scalar node \(k) handled above")
            }
            steps.append(s)
        }
        streamInputStart.append(streamInputs.count)
        self.steps = steps
        storage = OutputStorage(totalOutputs)
        outputs = storage.buffer
    }

    /// The value of node `k` at the latest bar.
    func value(_ k: Int) -> Double { values[k] }

    /// The value of expression `e` (program order) at the latest bar; NaN for an expression
    /// the stream was not built for.
    public func value(ofExpression e: Int) -> Double { values[expressionRoots[e]] }

    /// Advances every node by one bar; `imported[c]` is imported column c's value at this bar.
    public mutating func update(ts: Int64, open: Double, high: Double, low: Double, close: Double, volume: Double,
                                imported: UnsafePointer<Double>? = nil) {
        let first = bars == 0
        bars += 1
        for s in steps.indices {
            let step = steps[s]
            let v: Double
            switch step.code {
            case .fixed: continue
            case .series: v = RuleSeries.value(step.series, open: open, high: high, low: low, close: close, volume: volume)
            case .imported: v = imported?[step.a] ?? .nan
            case .calendar: v = RuleCalendar.value(step.calendar, ts: ts)
            case .negate: v = -values[step.a]
            case .not: v = values[step.a] != 0 ? 0 : 1
            case .math: v = RuleMath.apply(step.math, values[step.a])
            case .binary: v = RuleArithmetic.binary(step.binary, values[step.a], values[step.b])
            case .minimum: v = RuleArithmetic.extremum(maximum: false, values[step.a], values[step.b])
            case .maximum: v = RuleArithmetic.extremum(maximum: true, values[step.a], values[step.b])
            case .choose: v = values[step.a] != 0 ? values[step.b] : values[step.c]
            case .prev:
                rings[step.b].push(values[step.a])
                let lag = rings[step.b].capacity - 1
                v = rings[step.b].count > lag ? rings[step.b].back(lag) : step.value
            case .crossAbove, .crossBelow:
                let a = values[step.a], b = values[step.b]
                v = first ? 0 : RuleArithmetic.cross(above: step.code == .crossAbove, previousA: previous[2 * step.node],
                                                     previousB: previous[2 * step.node + 1], a: a, b: b)
                previous[2 * step.node] = a
                previous[2 * step.node + 1] = b
            case .barsSince:
                v = RuleArithmetic.barsSince(values[step.a], previous: previous[2 * step.node])
                previous[2 * step.node] = v
            case .indicator:
                var bar = IndicatorBar(timestamp: ts, open: open, high: high, low: low, close: close, volume: volume)
                for j in streamInputStart[step.a]..<streamInputStart[step.a + 1] {
                    let x = values[streamInputs[j].node]
                    switch streamInputs[j].column {
                    case .open: bar.open = x
                    case .high: bar.high = x
                    case .low: bar.low = x
                    case .close: bar.close = x
                    case .volume: bar.volume = x
                    case .secondaryClose: bar.secondaryClose = x
                    case .timestamp: break
                    }
                }
                streams[step.a].update(bar, into: outputs.baseAddress! + outputOffset[step.a])
                continue
            case .output:
                v = outputs[outputOffset[step.a] + step.b]
            }
            values[step.node] = v
        }
    }
}

