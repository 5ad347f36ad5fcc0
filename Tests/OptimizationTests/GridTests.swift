import Testing
@testable import Optimization

@Suite struct GridTests {
    @Test func enumeratesConstrainedGridInDeclarationOrder() throws {
        let space = try SearchSpace([Parameter("fast", .intRange(lower: 5, upper: 10)),
                                     Parameter("slow", .intRange(lower: 8, upper: 12))], constraints: ["fast < slow"])
        let grid = try GridOptimizer(space: space)
        var points: [[Int]] = []
        while true {
            let batch = try grid.suggest(count: 7)
            if batch.isEmpty { break }
            points += batch.map { $0.values.map { Int($0.number!) } }
        }
        // By hand: fast 5,6,7 pair with slow 8...12 (5 each), fast 8 with 9...12, fast 9 with
        // 10...12, fast 10 with 11, 12: 15 + 4 + 3 + 2 = 24 points, slow varying fastest.
        var expected: [[Int]] = []
        for fast in 5...10 { for slow in 8...12 where fast < slow { expected.append([fast, slow]) } }
        #expect(points.count == 24)
        #expect(points == expected)
        #expect(points.prefix(6) == [[5, 8], [5, 9], [5, 10], [5, 11], [5, 12], [6, 8]])
        #expect(points.last == [10, 12])
        #expect(try grid.suggest(count: 1).isEmpty)
    }

    @Test func indexesATrillionPointGridLazily() throws {
        let axes = (1...4).map { Parameter("p\($0)", .intRange(lower: 0, upper: 999)) }
        let grid = try ParameterGrid(SearchSpace(axes))
        #expect(grid.count == 1_000_000_000_000)
        #expect(grid[123_456_789_012] == [.int(123), .int(456), .int(789), .int(12)])
        #expect(grid[grid.count - 1] == [.int(999), .int(999), .int(999), .int(999)])
        #expect(grid.index(of: [.int(123), .int(456), .int(789), .int(12)]) == 123_456_789_012)
        let optimizer = try GridOptimizer(space: SearchSpace(axes))
        let first = try optimizer.suggest(count: 3).map(\.values)
        #expect(first == [[.int(0), .int(0), .int(0), .int(0)], [.int(0), .int(0), .int(0), .int(1)], [.int(0), .int(0), .int(0), .int(2)]])
    }

    @Test func griddingMixedAxes() throws {
        let space = try SearchSpace([Parameter("k", .choice(["a", "b"])),
                                     Parameter("x", .doubleRange(lower: 0, upper: 1, step: 0.5)),
                                     Parameter("w", .list([.int(5), .double(7.5)])),
                                     Parameter("c", .fixed(.int(3)))])
        let grid = try ParameterGrid(space)
        #expect(grid.count == 12)
        // Strides: k 6, x 2, w 1, c 1. 9 = 1·6 + 1·2 + 1·1; 7 = 1·6 + 0·2 + 1·1.
        #expect(grid[9] == [.string("b"), .double(0.5), .double(7.5), .int(3)])
        #expect(grid[7] == [.string("b"), .double(0), .double(7.5), .int(3)])
        #expect(throws: SpaceError.notGriddable(parameter: "y", reason: "a continuous range needs a step (or use a list)")) {
            try ParameterGrid(SearchSpace([Parameter("y", .doubleRange(lower: 0, upper: 1))]))
        }
    }

    @Test func resumedGridProposesExactlyTheMissingPoints() throws {
        let space = try SearchSpace([Parameter("a", .intRange(lower: 1, upper: 3)), Parameter("b", .intRange(lower: 1, upper: 3))])
        let original = try GridOptimizer(space: space)
        let batch = try original.suggest(count: 5)
        // Trials 0, 1 and 3 finished; 2 and 4 were lost in a crash.
        let finished = [batch[0], batch[1], batch[3]]
        let resumed = try GridOptimizer(space: space)
        for point in finished { try resumed.observe(point, 1.0) }
        let next = try resumed.suggest(count: 10)
        #expect(next.map(\.values) == [batch[2].values, batch[4].values] + (5..<9).map { i in
            [ParameterValue.int(i / 3 + 1), .int(i % 3 + 1)]
        })
    }
}
