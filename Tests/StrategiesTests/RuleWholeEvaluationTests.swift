import Testing
import MarketData
@testable import Strategies

/// `RuleProgram.columns` (one column evaluated whole, node buffers pooled and reused once their
/// readers are done) gives every expression bit for bit the values of the sweep evaluator
/// (`RuleColumns.run`, a buffer per node, chunk by chunk), on random programs over the whole
/// language: numeric expressions (indicators nested, multi-output fields, lags, windows) and
/// rule conditions, with repeated and shared subexpressions.
@Suite struct RuleWholeEvaluationTests {
    static let bars = StrategyTestData.btc.slice(0..<1_500)

    @Test func pooledWholeEvaluationEqualsTheChunkedEvaluator() throws {
        var checked = 0
        for seed: UInt64 in 1...150 {
            var random = RandomRules(seed: seed &* 6_151)
            let depth = Int.random(in: 1...3, using: &random.rng)
            var expressions = (0..<4).map { k in
                RuleExpression(name: "x\(k)", text: k % 2 == 0 ? random.price(depth) : random.oscillator(depth), type: .number)
            }
            expressions += random.ruleSet().expressions
            expressions.append(RuleExpression(name: "again", text: expressions[0].text, type: .number))
            expressions.append(RuleExpression(name: "constant", text: "level / 2", type: .number))
            let program = try RuleProgram(expressions: expressions, parameters: RandomRules.parameters, requireAllParametersUsed: false)
            let values = random.values()
            let all = Array(program.expressions.indices)
            let whole = try program.columns(all, bars: Self.bars, parameters: values)

            let roots = all.map { program.roots[$0] }
            let reference = try RuleColumns(program: program, bars: Self.bars, imported: [], columns: [values], roots: roots)
            var expected = roots.map { _ in [Double](repeating: .nan, count: Self.bars.count) }
            try reference.run(values, reference.makeScratch(), chunk: 97) { range, read in
                for (k, root) in roots.enumerated() { let v = read(root); for i in range { expected[k][i] = v[i] } }
            }
            for k in all {
                let same = whole[k].elementsEqual(expected[k]) { $0.bitPattern == $1.bitPattern }
                #expect(same, "seed \(seed) \(program.expressions[k].name) = \(program.expressions[k].text)")
                if !same { return }
            }
            checked += 1
        }
        #expect(checked == 150)
    }
}
