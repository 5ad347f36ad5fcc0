import Testing
@testable import MarketData

@Suite struct SelectionTests {
    /// Hand-computed medians, including negatives, duplicates, ±0 and values sharing high bytes.
    static let cases: [([Double], Double)] = [
        ([5.0], 5.0), ([3, -1, 2, 10], 2.5), ([-0.5, -2, 7], -0.5), ([1, 1, 1, 2], 1),
        ([1e-300, -1e-300, 0], 0), ([1.0000000000000002, 1, 1.0000000000000004], 1.0000000000000002),
        ([-3, -2, -1, -4, -5], -3), ([0.25, 0.5, 0.125, 1, 2, 4], 0.75),
    ]

    @Test(arguments: cases)
    func medianOfSmallCases(_ values: [Double], _ expected: Double) {
        #expect(Selection.median(values) == expected)
    }

    /// Every rank of a shuffled sequence with repeats equals the sorted sequence at that rank.
    @Test func everyRankMatchesSorting() {
        var values = (0..<500).map { Double(($0 * 7919) % 211) / 13 - 8 }
        values.append(contentsOf: [-0.0, 0.0, -1e-9, 1e-9])
        let sorted = values.sorted()
        values.withUnsafeBufferPointer { buffer in
            for k in 0..<buffer.count { #expect(Selection.select(buffer, k) == sorted[k]) }
        }
    }
}
