import Foundation
import Testing
import TestSupport
@testable import Optimization

@Suite struct TestFunctionTests {
    /// Known minimizers from the literature (Surjanovic & Bingham's library; Dixon & Szegő
    /// for Branin and Hartmann) and, for the mixed problem, Tests/Fixtures/bo/README.md.
    static let minimizers: [(TestFunction, [Double], Double)] = [
        (.branin, [-Double.pi, 12.275], 0.397887357729738),
        (.branin, [Double.pi, 2.275], 0.397887357729738),
        (.branin, [9.42478, 2.475], 0.397887),
        (.hartmann3, [0.114614, 0.555649, 0.852547], -3.86278),
        (.hartmann6, [0.20169, 0.150011, 0.476874, 0.275332, 0.311652, 0.6573], -3.32237),
        (.rosenbrock, [1, 1, 1, 1], 0),
        (.ackley, [0, 0, 0, 0, 0], 0),
        (.levy, [1, 1, 1, 1], 0),
        (.styblinskiTang, [Double](repeating: -2.903534, count: 4), -39.16617 * 4),
        (.mixedSweep, [12, 60, 0.012983016525661015], -0.9897382976263532),
    ]

    @Test(arguments: 0..<minimizers.count)
    func knownMinimaAreReached(_ index: Int) {
        let (function, x, expected) = Self.minimizers[index]
        let values = zip(function.space.parameters, x).map { parameter, v -> ParameterValue in
            if case .intRange = parameter.domain { return .int(Int(v)) }
            return .double(v)
        }
        let value = function.evaluate(values)
        #expect(abs(value - expected) < 1e-4, "\(function.rawValue): \(value) vs \(expected)")
        #expect(abs(function.minimum - expected) < 1e-4)
    }

    @Test func minimaMatchTheFixtureAndBoundRandomPoints() throws {
        let anchors = try Fixtures.json("bo/anchors.json") as! [String: Any]
        let problems = anchors["problems"] as! [String: Any]
        for name in ["branin", "hartmann6", "mixed_sweep"] {
            let problem = problems[name] as! [String: Any]
            let function = TestFunction(rawValue: name)!
            #expect(abs((problem["fmin"] as! Double) - function.minimum) < 1e-9)
            #expect(problem["budget"] as! Int == function.budget)
            for xmin in problem["xmin"] as! [[Double]] {
                let values = zip(function.space.parameters, xmin).map { parameter, v -> ParameterValue in
                    if case .intRange = parameter.domain { return .int(Int(v)) }
                    return .double(v)
                }
                #expect(function.evaluate(values) - function.minimum < 1e-6)
            }
        }
        for function in TestFunction.allCases {
            let random = RandomOptimizer(space: function.space, seed: 9)
            for point in try random.suggest(count: 200) {
                #expect(function.evaluate(point.values) >= function.minimum - 1e-9)
            }
        }
    }
}
