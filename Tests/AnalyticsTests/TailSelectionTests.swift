import Testing
@testable import Analytics

/// `ReturnMetrics.tail` selects order statistics instead of sorting; its figures must equal the
/// definition computed from a full sort (numpy's linear percentile, CVaR as the mean of the
/// k + 1 smallest summed in ascending order) exactly, whatever the mix of signs and ties.
@Suite struct TailSelectionTests {
    static func reference(_ returns: [Double]) -> (p5: Double, p95: Double, cvar: Double) {
        let sorted = returns.sorted()
        let k = Int((Double(returns.count - 1) * 0.05).rounded(.down))
        return (Moments.percentile(sorted: sorted, 5), Moments.percentile(sorted: sorted, 95),
                Moments.sum(Array(sorted[0...k])) / Double(k + 1))
    }

    @Test(arguments: [2, 3, 7, 20, 21, 101, 1_000, 4_999])
    func selectionEqualsTheSortedDefinition(count: Int) {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15 &* UInt64(count)
        func next() -> Double {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Double(state >> 11) / Double(1 << 53)
        }
        // Mostly zeros (flat bars), a few repeated values, both signs; and variants with one sign only.
        let mixed = (0..<count).map { _ -> Double in
            let u = next()
            if u < 0.5 { return 0 }
            if u < 0.6 { return -0.01 }
            return (next() - 0.45) * 0.1
        }
        for returns in [mixed, mixed.map { abs($0) }, mixed.map { -abs($0) }, mixed.map { $0 == 0 ? 0.001 : $0 }] {
            let got = ReturnMetrics.tail(returns), want = Self.reference(returns)
            #expect(got.p5 == want.p5)
            #expect(got.p95 == want.p95)
            #expect(got.cvar == want.cvar)
        }
    }

    @Test func selectPlacesEveryOrderStatisticWhereASortWould() {
        var values: [Double] = (0..<300).map { Double(($0 * 7919) % 97) - 40 }
        let sorted = values.sorted()
        for k in [0, 1, 50, 149, 298, 299] {
            values.withUnsafeMutableBufferPointer { x in
                Moments.select(x, k)
                #expect(x[k] == sorted[k])
                #expect(x[0..<k].allSatisfy { $0 <= x[k] })
                #expect(x[(k + 1)...].allSatisfy { $0 >= x[k] })
            }
        }
    }
}
