import Foundation
import Indicators
import MarketData

/// The vectorized evaluator: evaluates a program's roots for many parameter columns over one
/// bar series, with one cache shared by the columns.
///
/// Sharing: a node's value depends on the parameters it reads (its dependency set), so it is
/// keyed by (node, values of those parameters). A node whose key repeats across the columns is
/// computed once per distinct key, before the columns run (`ema(close, fast)` once per `fast`,
/// `rsi(close, 14)` once in all); a node unique to each column is computed per column into a
/// worker's scratch memory and dropped. Scalars (literals, parameters and arithmetic of them)
/// are never stored. Columns run in parallel; each column's result depends on it alone.
final class RuleColumns: @unchecked Sendable {
    let program: RuleProgram
    let count: Int
    let bars: BarSeries
    /// Imported columns aligned with the bars (program order).
    let imported: [[Double]]
    let order: [Int]
    private var shared: [Key: UnsafeMutableBufferPointer<Double>] = [:]
    private var isShared: [Bool]
    private let widths: [Int]
    /// Column-unique nodes (computed per column), those indicators need whole, and the rest.
    private var unique: [Int] = []
    private var uniqueWhole: [Int] = []
    private var uniqueChunked: [Int] = []
    /// Roots written straight into flag bits (never stored).
    private var fused: [Bool] = []

    struct Key: Hashable {
        var node: Int
        var values: [UInt64]
    }

    /// Prepares the shared part for `columns` (parameter values in program order) and roots.
    /// The roots among `fusing` that are crosses or comparisons used by no other node are not
    /// stored but written straight into flag bits by `writeFlags`.
    init(program: RuleProgram, bars: BarSeries, imported: [[Double]], columns: [[Double]], roots: [Int],
         fusing: [Int] = []) throws(StrategyError) {
        self.program = program
        self.count = bars.count
        self.bars = bars
        self.imported = imported
        self.order = program.reachable(from: roots)
        self.widths = program.nodes.map { node in
            if case let .indicator(call) = node.op { return IndicatorRegistry.definition(named: call.name)!.outputs.count }
            return 1
        }
        isShared = [Bool](repeating: false, count: program.nodes.count)
        // Decide which nodes repeat across columns, then compute those once per key.
        var distinct: [Int: [Key: [Double]]] = [:]
        var firstSeen: [Int: [Key]] = [:]
        if columns.count > 1 {
            for k in order where !program.nodes[k].isScalar && !isAlias(k) {
                var keys: [Key: [Double]] = [:]
                var sequence: [Key] = []
                for values in columns {
                    let key = self.key(k, values)
                    if keys[key] == nil { keys[key] = values; sequence.append(key) }
                }
                if keys.count < columns.count {
                    isShared[k] = true
                    distinct[k] = keys
                    firstSeen[k] = sequence
                }
            }
        }
        for k in order where isShared[k] {
            for key in firstSeen[k]! {
                let values = distinct[k]![key]!
                let buffer = UnsafeMutableBufferPointer<Double>.allocate(capacity: max(1, count * widths[k]))
                shared[key] = buffer
                try compute(k, values, into: buffer.baseAddress!, 0..<count) { [self] o in self.sharedValue(o, values) }
            }
        }
        for k in order where isAlias(k) {
            if case let .output(call, _) = program.nodes[k].op { isShared[k] = isShared[call] }
        }
        var whole = [Bool](repeating: false, count: program.nodes.count)
        for k in order.reversed() {
            if case .indicator = program.nodes[k].op { whole[k] = true }
            if whole[k] { for o in program.nodes[k].operands { whole[o] = true } }
        }
        let shared = isShared
        unique = order.filter { !shared[$0] && !program.nodes[$0].isScalar && !isAlias($0) }
        if !fusing.isEmpty {
            var usedByOthers = [Bool](repeating: false, count: program.nodes.count)
            for k in order { for o in program.nodes[k].operands { usedByOthers[o] = true } }
            fused = [Bool](repeating: false, count: program.nodes.count)
            for r in fusing where !shared[r] && !usedByOthers[r] && !program.nodes[r].isScalar {
                switch program.nodes[r].op {
                case .cross: fused[r] = true
                case let .binary(op, _, _) where op.isComparison: fused[r] = true
                default: break
                }
            }
            let isFused = fused
            unique = unique.filter { !isFused[$0] }
        }
        uniqueWhole = unique.filter { whole[$0] }
        uniqueChunked = unique.filter { !whole[$0] }
    }

    deinit { for b in shared.values { b.deallocate() } }

    /// Per node, how many distinct parameter keys were computed once and shared (0: computed
    /// per column, or a scalar).
    var sharedKeyCounts: [Int] {
        var counts = [Int](repeating: 0, count: program.nodes.count)
        for key in shared.keys { counts[key.node] += 1 }
        return counts
    }

    private func isAlias(_ k: Int) -> Bool {
        if case .output = program.nodes[k].op { return true }
        return false
    }

    private func key(_ node: Int, _ values: [Double]) -> Key {
        let mask = program.nodes[node].dependencies
        var picked: [UInt64] = []
        if mask != 0 {
            for p in 0..<values.count where mask & (1 << UInt64(p)) != 0 { picked.append(values[p].bitPattern) }
        }
        return Key(node: node, values: picked)
    }

    /// The value of a scalar node for one column.
    func scalar(_ k: Int, _ values: [Double]) -> Double { program.scalarValue(k, values) }

    private func sharedValue(_ k: Int, _ values: [Double]) -> RuleValue {
        if program.nodes[k].isScalar { return RuleValue(scalar: scalar(k, values)) }
        if case let .output(call, output) = program.nodes[k].op {
            return RuleValue(column: UnsafePointer(shared[key(call, values)]!.baseAddress! + output * count))
        }
        return RuleValue(column: UnsafePointer(shared[key(k, values)]!.baseAddress!))
    }

    /// Scratch memory of one worker: a buffer per column-unique node, reused across columns.
    final class Scratch {
        var buffers: [UnsafeMutableBufferPointer<Double>?]
        /// Node values resolved for the current column (shared lookups are done once per column).
        var resolved: [RuleValue?]
        init(nodes: Int) {
            buffers = Array(repeating: nil, count: nodes)
            resolved = Array(repeating: nil, count: nodes)
        }
        deinit { for b in buffers { b?.deallocate() } }
    }

    func makeScratch() -> Scratch { Scratch(nodes: program.nodes.count) }

    /// Evaluates the column-unique nodes of one column chunk by chunk (`chunk` bars at a time,
    /// so a chunk's values stay in cache) and calls `body` with each chunk's range and a reader
    /// of any node's value (valid until the scratch is used for another column).
    func run(_ values: [Double], _ scratch: Scratch, chunk: Int = Int.max,
             _ body: (Range<Int>, (Int) -> RuleValue) -> Void) throws(StrategyError) {
        for k in unique where scratch.buffers[k] == nil { scratch.buffers[k] = .allocate(capacity: max(1, count * widths[k])) }
        for k in order { scratch.resolved[k] = nil }
        let read: (Int) -> RuleValue = { [self] k in
            if let known = scratch.resolved[k] { return known }
            let v: RuleValue
            if program.nodes[k].isScalar {
                v = RuleValue(scalar: scalar(k, values))
            } else if isShared[k] {
                v = sharedValue(k, values)
            } else if case let .output(call, output) = program.nodes[k].op {
                v = RuleValue(column: UnsafePointer(scratch.buffers[call]!.baseAddress! + output * count))
            } else {
                v = RuleValue(column: UnsafePointer(scratch.buffers[k]!.baseAddress!))
            }
            scratch.resolved[k] = v
            return v
        }
        // Indicators read whole columns: they and their inputs are computed first, in full.
        for k in uniqueWhole { try compute(k, values, into: scratch.buffers[k]!.baseAddress!, 0..<count, read) }
        var lo = 0
        repeat {
            let hi = min(count, lo + max(1, chunk))
            for k in uniqueChunked { try compute(k, values, into: scratch.buffers[k]!.baseAddress!, lo..<hi, read) }
            body(lo..<hi, read)
            lo = hi
        } while lo < count
    }

    /// One column evaluated whole, for callers that want only the roots' values (a feature
    /// matrix, a one-off series): the nodes in topological order, each into a buffer that goes
    /// back to a pool once every node reading it is computed, so memory stays at the peak of the
    /// live nodes instead of a fresh buffer per node (whose first touches of new pages cost as
    /// much as the arithmetic). `deliver(k, value)` gets `roots[k]`'s values as soon as they are
    /// computed, valid during the call only. Nothing is shared across columns here.
    func evaluateOnce(_ values: [Double], roots: [Int], _ deliver: (Int, RuleValue) -> Void) throws(StrategyError) {
        let nodes = program.nodes
        func owner(_ k: Int) -> Int {
            if case let .output(call, _) = nodes[k].op { return call }
            return k
        }
        var readers = [Int](repeating: 0, count: nodes.count)
        for k in order where !nodes[k].isScalar && !isAlias(k) {
            for o in nodes[k].operands where !nodes[o].isScalar { readers[owner(o)] += 1 }
        }
        var rootsOf: [Int: [Int]] = [:]
        for (index, root) in roots.enumerated() {
            if nodes[root].isScalar { deliver(index, RuleValue(scalar: scalar(root, values))) } else { rootsOf[owner(root), default: []].append(index) }
        }
        var buffers = [UnsafeMutableBufferPointer<Double>?](repeating: nil, count: nodes.count)
        var pool: [Int: [UnsafeMutableBufferPointer<Double>]] = [:]
        defer {
            for b in buffers { b?.deallocate() }
            for list in pool.values { for b in list { b.deallocate() } }
        }
        let n = count
        let read: (Int) -> RuleValue = { k in
            if nodes[k].isScalar { return RuleValue(scalar: self.scalar(k, values)) }
            if case let .output(call, output) = nodes[k].op { return RuleValue(column: UnsafePointer(buffers[call]!.baseAddress! + output * n)) }
            return RuleValue(column: UnsafePointer(buffers[k]!.baseAddress!))
        }
        func release(_ k: Int) {
            guard let b = buffers[k] else { return }
            buffers[k] = nil
            pool[widths[k], default: []].append(b)
        }
        for k in order where !nodes[k].isScalar && !isAlias(k) {
            let buffer = pool[widths[k]]?.popLast() ?? .allocate(capacity: max(1, n * widths[k]))
            buffers[k] = buffer
            try compute(k, values, into: buffer.baseAddress!, 0..<n, read)
            for index in rootsOf[k] ?? [] { deliver(index, read(roots[index])) }
            for o in nodes[k].operands where !nodes[o].isScalar {
                let w = owner(o)
                readers[w] -= 1
                if readers[w] == 0 { release(w) }
            }
            if readers[k] == 0 { release(k) }
        }
    }

    /// Computes column node `k` for parameter `values` over bars `range` into `out` (width ×
    /// count doubles); earlier bars of `out` and of the operands are already computed.
    /// Whole-column work (indicators, imported columns) is done with the first range.
    private func compute(_ k: Int, _ values: [Double], into out: UnsafeMutablePointer<Double>,
                         _ range: Range<Int> = 0..<Int.max, _ value: (Int) -> RuleValue) throws(StrategyError) {
        let n = count
        let r = range.clamped(to: 0..<n)
        switch program.nodes[k].op {
        case let .series(s):
            bars.open.withUnsafeBufferPointer { o in bars.high.withUnsafeBufferPointer { h in bars.low.withUnsafeBufferPointer { l in
                bars.close.withUnsafeBufferPointer { c in bars.volume.withUnsafeBufferPointer { v in
                    for i in r { out[i] = RuleSeries.value(s, open: o[i], high: h[i], low: l[i], close: c[i], volume: v[i]) }
                } }
            } } }
        case let .imported(c):
            imported[c].withUnsafeBufferPointer { src in for i in r { out[i] = src[i] } }
        case let .calendar(field):
            bars.ts.withUnsafeBufferPointer { ts in for i in r { out[i] = RuleCalendar.value(field, ts: ts[i]) } }
        case let .negate(x):
            Self.map(value(x), out, r) { -$0 }
        case let .not(x):
            Self.map(value(x), out, r) { $0 != 0 ? 0 : 1 }
        case let .math(f, x):
            switch f {
            case .abs: Self.map(value(x), out, r) { RuleMath.apply(.abs, $0) }
            case .log: Self.map(value(x), out, r) { RuleMath.apply(.log, $0) }
            case .exp: Self.map(value(x), out, r) { RuleMath.apply(.exp, $0) }
            case .sqrt: Self.map(value(x), out, r) { RuleMath.apply(.sqrt, $0) }
            }
        case let .binary(op, x, y):
            let a = value(x), b = value(y)
            switch op {
            case .add: Self.elementwise(a, b, out, r) { RuleArithmetic.binary(.add, $0, $1) }
            case .subtract: Self.elementwise(a, b, out, r) { RuleArithmetic.binary(.subtract, $0, $1) }
            case .multiply: Self.elementwise(a, b, out, r) { RuleArithmetic.binary(.multiply, $0, $1) }
            case .divide: Self.elementwise(a, b, out, r) { RuleArithmetic.binary(.divide, $0, $1) }
            case .less: Self.elementwise(a, b, out, r) { RuleArithmetic.binary(.less, $0, $1) }
            case .lessEqual: Self.elementwise(a, b, out, r) { RuleArithmetic.binary(.lessEqual, $0, $1) }
            case .greater: Self.elementwise(a, b, out, r) { RuleArithmetic.binary(.greater, $0, $1) }
            case .greaterEqual: Self.elementwise(a, b, out, r) { RuleArithmetic.binary(.greaterEqual, $0, $1) }
            case .equal: Self.elementwise(a, b, out, r) { RuleArithmetic.binary(.equal, $0, $1) }
            case .notEqual: Self.elementwise(a, b, out, r) { RuleArithmetic.binary(.notEqual, $0, $1) }
            case .and: Self.elementwise(a, b, out, r) { RuleArithmetic.binary(.and, $0, $1) }
            case .or: Self.elementwise(a, b, out, r) { RuleArithmetic.binary(.or, $0, $1) }
            }
        case let .extremum(maximum, x, y):
            let a = value(x), b = value(y)
            if maximum { Self.elementwise(a, b, out, r) { RuleArithmetic.extremum(maximum: true, $0, $1) } }
            else { Self.elementwise(a, b, out, r) { RuleArithmetic.extremum(maximum: false, $0, $1) } }
        case let .choose(c, x, y):
            let cond = value(c), a = value(x), b = value(y)
            for i in r { out[i] = cond[i] != 0 ? a[i] : b[i] }
        case let .prev(x, lag):
            let a = value(x)
            let lagValue = Int(lag.value(values))
            let before: Double = program.nodes[k].type == .bool ? 0 : .nan
            for i in r { out[i] = i >= lagValue ? a[i - lagValue] : before }
        case let .cross(above, x, y):
            let a = value(x), b = value(y)
            var from = r.lowerBound
            if from == 0 && !r.isEmpty { out[0] = 0; from = 1 }
            guard from < r.upperBound else { return }
            if let pa = a.column, let pb = b.column {
                if above {
                    for i in from..<r.upperBound { out[i] = RuleArithmetic.cross(above: true, previousA: pa[i - 1], previousB: pb[i - 1], a: pa[i], b: pb[i]) }
                } else {
                    for i in from..<r.upperBound { out[i] = RuleArithmetic.cross(above: false, previousA: pa[i - 1], previousB: pb[i - 1], a: pa[i], b: pb[i]) }
                }
            } else {
                for i in from..<r.upperBound { out[i] = RuleArithmetic.cross(above: above, previousA: a[i - 1], previousB: b[i - 1], a: a[i], b: b[i]) }
            }
        case let .barsSince(x):
            let c = value(x)
            var previous = r.lowerBound == 0 ? Double.nan : out[r.lowerBound - 1]
            for i in r {
                previous = RuleArithmetic.barsSince(c[i], previous: previous)
                out[i] = previous
            }
        case let .indicator(call):
            guard r.lowerBound == 0 else { return }
            let definition = IndicatorRegistry.definition(named: call.name)!
            var input = IndicatorInput(bars: bars)
            for (column, node) in zip(definition.ruleInputs, call.inputs) {
                let v = value(node)
                let filled = v.column.map { Array(UnsafeBufferPointer(start: $0, count: n)) } ?? [Double](repeating: v.scalar, count: n)
                switch column {
                case .open: input.open = filled
                case .high: input.high = filled
                case .low: input.low = filled
                case .close: input.close = filled
                case .volume: input.volume = filled
                case .secondaryClose: input.secondaryClose = filled
                case .timestamp: break
                }
            }
            var parameters: [String: Double] = [:]
            for (p, s) in zip(definition.parameters, call.parameters) { parameters[p.name] = s.value(values) }
            let outputs: [[Double]]
            do { outputs = try definition.compute(input, parameters: parameters) } catch {
                throw .constraint(strategy: "rules", message: error.description)
            }
            for (j, column) in outputs.enumerated() {
                column.withUnsafeBufferPointer { src in (out + j * n).update(from: src.baseAddress!, count: n) }
            }
        case .constant, .parameter, .output:
            preconditionFailure("node \(k) is not a computed column")
        }
    }

    /// Writes the signal flags of bars `range` for the four rule roots (long entry, long exit,
    /// short entry, short exit; nil = no such rule): each rule ORs its bit in (fused roots
    /// computed on the spot), then `RuleSignals.combine` turns the raw bits into flags.
    func writeFlags(_ roots: [Int?], _ values: [Double], _ read: (Int) -> RuleValue, _ r: Range<Int>,
                    into out: UnsafeMutablePointer<UInt8>) {
        (out + r.lowerBound).update(repeating: 0, count: r.count)
        for (root, bit) in Swift.zip(roots, [UInt8(1), 2, 4, 8]) {
            guard let root else { continue }
            if !fused.isEmpty && fused[root] { fusedBits(root, read, r, out, bit); continue }
            let v = read(root)
            if let p = v.column { for i in r { out[i] |= p[i] != 0 ? bit : 0 } } else if v.scalar != 0 { for i in r { out[i] |= bit } }
        }
        for i in r { out[i] = RuleSignals.combine(out[i]) }
    }

    /// A fused cross or comparison root's bit over `r`.
    private func fusedBits(_ k: Int, _ read: (Int) -> RuleValue, _ r: Range<Int>, _ out: UnsafeMutablePointer<UInt8>, _ bit: UInt8) {
        switch program.nodes[k].op {
        case let .cross(above, x, y):
            let a = read(x), b = read(y)
            let from = max(r.lowerBound, 1)
            guard from < r.upperBound else { return }
            if let pa = a.column, let pb = b.column {
                // Branch-free: each comparison becomes 0 or 1.
                if above {
                    for i in from..<r.upperBound { out[i] |= bit & (pa[i] > pb[i] ? 0xFF : 0) & (pa[i - 1] <= pb[i - 1] ? 0xFF : 0) }
                } else {
                    for i in from..<r.upperBound { out[i] |= bit & (pa[i] < pb[i] ? 0xFF : 0) & (pa[i - 1] >= pb[i - 1] ? 0xFF : 0) }
                }
            } else {
                for i in from..<r.upperBound where RuleArithmetic.cross(above: above, previousA: a[i - 1], previousB: b[i - 1], a: a[i], b: b[i]) != 0 {
                    out[i] |= bit
                }
            }
        case let .binary(op, x, y):
            let a = read(x), b = read(y)
            for i in r where RuleArithmetic.binary(op, a[i], b[i]) != 0 { out[i] |= bit }
        default:
            preconditionFailure("node \(k) cannot be fused")
        }
    }

    /// `out[i] = f(a[i])` with the operand's form decided once.
    @inline(__always)
    private static func map(_ a: RuleValue, _ out: UnsafeMutablePointer<Double>, _ r: Range<Int>, _ f: (Double) -> Double) {
        if let pa = a.column { for i in r { out[i] = f(pa[i]) } } else { let x = f(a.scalar); for i in r { out[i] = x } }
    }

    /// `out[i] = f(a[i], b[i])` with the operands' forms decided once.
    @inline(__always)
    private static func elementwise(_ a: RuleValue, _ b: RuleValue, _ out: UnsafeMutablePointer<Double>, _ r: Range<Int>,
                            _ f: (Double, Double) -> Double) {
        switch (a.column, b.column) {
        case let (pa?, pb?): for i in r { out[i] = f(pa[i], pb[i]) }
        case let (pa?, nil): let y = b.scalar; for i in r { out[i] = f(pa[i], y) }
        case let (nil, pb?): let x = a.scalar; for i in r { out[i] = f(x, pb[i]) }
        case (nil, nil): let z = f(a.scalar, b.scalar); for i in r { out[i] = z }
        }
    }
}
