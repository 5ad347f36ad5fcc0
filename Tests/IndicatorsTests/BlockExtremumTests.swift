import Indicators
import Testing
import TestSupport

/// The whole-column MAX and MIN (blocks of the period, van Herk / Gil–Werman) give, bit for bit,
/// the streaming deque's values (`RollingExtremum`, the form the event engine runs): random
/// columns with NaN runs, ties, ±0 and infinities, every period from 1 to past the column's end.
@Suite struct BlockExtremumTests {
    static func column(_ rng: inout SplitMix64, count: Int) -> [Double] {
        let pool: [Double] = [0, -0.0, 1, -1, 2.5, .infinity, -.infinity, 3, 3, -2]
        var x: [Double] = []
        while x.count < count {
            switch Int.random(in: 0..<10, using: &rng) {
            case 0: x += Array(repeating: .nan, count: Int.random(in: 1...4, using: &rng))
            case 1, 2, 3: x.append(pool.randomElement(using: &rng)!)
            default: x.append((Double.random(in: -3...3, using: &rng) * 4).rounded() / 4)
            }
        }
        return Array(x.prefix(count))
    }

    @Test func blockFormEqualsTheStreamingDeque() throws {
        var rng = SplitMix64(seed: 2_026_12_04)
        var compared = 0
        for _ in 0..<300 {
            let n = Int.random(in: 0...90, using: &rng)
            let x = Self.column(&rng, count: n)
            for period in 1...(n + 3) {
                for maximum in [true, false] {
                    var state = try RollingExtremum(period: period, maximum: maximum)
                    let streamed = x.map { state.update($0).value }
                    let block = maximum ? try TA.max(x, period: period) : try TA.min(x, period: period)
                    let same = block.count == streamed.count && zip(block, streamed).allSatisfy { $0.bitPattern == $1.bitPattern }
                    #expect(same, "\(maximum ? "MAX" : "MIN")(\(period)) of \(x): \(block) vs \(streamed)")
                    if !same { return }
                    compared += 1
                }
            }
        }
        #expect(compared > 10_000)
    }

    @Test func aPeriodBelowOneIsStillRefused() {
        #expect(throws: IndicatorError.self) { try TA.max([1, 2, 3], period: 0) }
        #expect(throws: IndicatorError.self) { try TA.min([1, 2, 3], period: -1) }
    }
}
