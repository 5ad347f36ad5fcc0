import Foundation
import Indicators
import Testing

/// Counts calls from many threads.
final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0
    func increment() { lock.lock(); value += 1; lock.unlock() }
    var count: Int { lock.lock(); defer { lock.unlock() }; return value }
}

@Suite("Indicator cache")
struct IndicatorCacheTests {
    @Test func computesEachKeyOnceAcrossThreads() async throws {
        let cache = IndicatorCache(input: prefix(TalibFixture.loaded.input, 500))
        let counter = Counter()
        let key = IndicatorCache.Key(name: "SMA", parameters: ["timeperiod": 20])
        let expected = try TA.sma(cache.input.close, period: 20)
        let results = await withTaskGroup(of: [Double].self) { group in
            for _ in 0..<16 {
                group.addTask {
                    cache.value(for: key) {
                        counter.increment()
                        return [try! TA.sma(cache.input.close, period: 20)]
                    }[0]
                }
            }
            var all: [[Double]] = []
            for await r in group { all.append(r) }
            return all
        }
        #expect(counter.count == 1)
        #expect(results.count == 16)
        #expect(results.allSatisfy { $0.elementsEqual(expected) { $0 == $1 || ($0.isNaN && $1.isNaN) } })
    }

    @Test func sharesWindowsAcrossParameterSets() throws {
        let cache = IndicatorCache(input: prefix(TalibFixture.loaded.input, 500))
        // A crossover grid (fast, slow) over windows {5, 10, 20}: three SMAs, whatever the number of pairs.
        let windows = [5, 10, 20]
        for fast in windows {
            for slow in windows where slow > fast {
                _ = try cache.sma(period: fast)
                _ = try cache.sma(period: slow)
            }
        }
        #expect(cache.count == 3)
        // Defaults are applied before keying: SMA() and SMA(timeperiod: 30) are one entry.
        _ = try cache.outputs("SMA")
        _ = try cache.outputs("sma", parameters: ["timeperiod": 30])
        #expect(cache.count == 4)
        #expect(try cache.ema(period: 10).elementsEqual(try TA.ema(cache.input.close, period: 10)) { $0 == $1 || ($0.isNaN && $1.isNaN) })
        #expect(throws: IndicatorError.self) { try cache.sma(period: 0) }
        #expect(cache.count == 5)
        cache.removeAll()
        #expect(cache.count == 0)
    }
}
