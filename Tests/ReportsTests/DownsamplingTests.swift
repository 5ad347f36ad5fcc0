import Testing
import Foundation
@testable import Reports

@Suite struct DownsamplingTests {
    /// x = 0…7, y = [0, 1, 0, 5, 0, 1, 3, 0], 4 points: two buckets of 3 ({1,2,3}, {4,5,6}).
    /// Bucket 1, anchor (0,0), next-bucket average (5, 4/3): doubled areas |−5y + 4x/3| are
    /// 3.67, 2.67, 21 → index 3. Bucket 2, anchor (3,5), next = last point (7,0): doubled areas
    /// |−4(y−5) + 5(3−x)| are 15, 6, 7 → index 4.
    @Test func lttbHandWorked() {
        let x: [Double] = [0, 1, 2, 3, 4, 5, 6, 7]
        let y: [Double] = [0, 1, 0, 5, 0, 1, 3, 0]
        #expect(LTTB.indices(x: x, y: y, threshold: 4) == [0, 3, 4, 7])
    }

    @Test func lttbEdgeCases() {
        let x: [Double] = [0, 1, 2, 3, 4]
        let y: [Double] = [1, 2, 3, 2, 1]
        #expect(LTTB.indices(x: x, y: y, threshold: 10) == [0, 1, 2, 3, 4])
        #expect(LTTB.indices(x: x, y: y, threshold: 2) == [0, 4])
        #expect(LTTB.indices(x: [], y: [], threshold: 3) == [])
        // Three points keep the peak between the ends.
        #expect(LTTB.indices(x: x, y: y, threshold: 3) == [0, 2, 4])
    }

    @Test func lttbKeepsEndsAndCount() {
        let n = 10_000
        let x = (0..<n).map(Double.init)
        let y = (0..<n).map { sin(Double($0) / 300) * 100 + Double($0 % 7) }
        let kept = LTTB.indices(x: x, y: y, threshold: 500)
        #expect(kept.count == 500)
        #expect(kept.first == 0 && kept.last == n - 1)
        #expect(zip(kept, kept.dropFirst()).allSatisfy { $0 < $1 })
    }

    @Test func minMaxKeepsEveryColumnsExtremes() {
        let n = 20_000, columns = 100
        let x = (0..<n).map(Double.init)
        let y = (0..<n).map { sin(Double($0) * 0.37) * Double($0 % 101) }
        let kept = MinMaxDownsampler.indices(x: x, y: y, columns: columns)
        #expect(kept.count <= 4 * columns)
        #expect(kept.first == 0 && kept.last == n - 1)
        #expect(zip(kept, kept.dropFirst()).allSatisfy { $0 < $1 })
        // Column k holds x in [200k, 200k + 200): its min and max must be among the kept points.
        for k in 0..<columns {
            let range = (200 * k)..<(200 * k + 200)
            let keptHere = kept.filter { range.contains($0) }.map { y[$0] }
            #expect(keptHere.min() == y[range].min())
            #expect(keptHere.max() == y[range].max())
        }
        #expect(kept.contains(y.indices.max { y[$0] < y[$1] }!))
    }

    @Test func minMaxShortInputUntouched() {
        #expect(MinMaxDownsampler.indices(x: [0, 1, 2], y: [3, 1, 2], columns: 10) == [0, 1, 2])
    }
}
