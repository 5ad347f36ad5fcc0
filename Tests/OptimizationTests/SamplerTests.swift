import Testing
@testable import Optimization

@Suite struct SamplerTests {
    @Test func sobolMatchesThePublishedFirstPoints() {
        // Sobol' points in 2-D after the origin (Joe & Kuo direction numbers, as in GSL):
        // (1/2, 1/2), (3/4, 1/4), (1/4, 3/4), (3/8, 3/8), (7/8, 7/8).
        let sobol = SobolSequence(dimension: 2, seed: nil)
        var u = [0.0, 0.0]
        var points: [[Double]] = []
        for _ in 0..<5 {
            u.withUnsafeMutableBufferPointer { sobol.next(into: $0) }
            points.append(u)
        }
        #expect(points == [[0.5, 0.5], [0.75, 0.25], [0.25, 0.75], [0.375, 0.375], [0.875, 0.875]])
    }

    @Test func randomAndSobolAreSeededAndStayInTheSpace() throws {
        let space = try SearchSpace([Parameter("fast", .intRange(lower: 2, upper: 20)),
                                     Parameter("slow", .intRange(lower: 5, upper: 60, step: 5)),
                                     Parameter("lr", .doubleRange(lower: 1e-4, upper: 1e-1, log: true))],
                                    constraints: ["fast < slow"])
        for make in [{ (seed: UInt64) -> any Optimizer in RandomOptimizer(space: space, seed: seed) },
                     { (seed: UInt64) -> any Optimizer in SobolOptimizer(space: space, seed: seed) }] {
            let a = try make(7).suggest(count: 40), b = try make(7).suggest(count: 40), c = try make(8).suggest(count: 40)
            #expect(a == b)
            #expect(a != c)
            #expect(Set(a).count == 40)
            for point in a {
                let values = try space.validate(point)
                #expect(values[0].number! < values[1].number!)
                #expect(values[2].number! >= 1e-4 && values[2].number! <= 1e-1)
            }
        }
    }

    @Test func finiteSpacesRunOutInsteadOfRepeating() throws {
        let space = try SearchSpace([Parameter("a", .intRange(lower: 1, upper: 3)), Parameter("b", .choice(["x", "y"]))])
        let random = RandomOptimizer(space: space, seed: 1)
        let points = try random.suggest(count: 10)
        #expect(points.count == 6)
        #expect(Set(points).count == 6)
    }

    @Test func resumedRandomSearchSkipsStoredTrials() throws {
        let space = try SearchSpace([Parameter("x", .doubleRange(lower: 0, upper: 1))])
        let original = SobolOptimizer(space: space, seed: 3)
        let first = try original.suggest(count: 6)
        for point in first { try original.observe(point, point.values[0].number!) }
        let continued = try original.suggest(count: 2)
        let resumed = SobolOptimizer(space: space, seed: 3)
        for point in first.reversed() { try resumed.observe(point, point.values[0].number!) }
        #expect(try resumed.suggest(count: 2) == continued)
    }
}
