import Testing
@testable import Optimization

@Suite struct SearchSpaceTests {
    let space = try! SearchSpace([
        Parameter("fast", .intRange(lower: 2, upper: 50)),
        Parameter("slow", .intRange(lower: 10, upper: 200, step: 10)),
        Parameter("kind", .choice(["sma", "ema"])),
        Parameter("thr", .doubleRange(lower: 0.001, upper: 0.1, log: true)),
        Parameter("fee", .fixed(.double(0.001))),
    ], constraints: ["fast * 2 <= slow && (kind == \"ema\" || fast > 3)"])

    @Test func rejectsBadDomains() {
        #expect(throws: SpaceError.invalidDomain(parameter: "a", reason: "lower bound 5 exceeds upper bound 1")) {
            try SearchSpace([Parameter("a", .intRange(lower: 5, upper: 1))])
        }
        #expect(throws: SpaceError.duplicateName("a")) {
            try SearchSpace([Parameter("a", .fixed(.int(1))), Parameter("a", .fixed(.int(2)))])
        }
        #expect(throws: SpaceError.invalidDomain(parameter: "b", reason: "a log-scale range needs a positive lower bound, got 0.0")) {
            try SearchSpace([Parameter("b", .doubleRange(lower: 0, upper: 1, log: true))])
        }
    }

    @Test func constraintsFollowPrecedenceAndTypes() throws {
        func values(_ fast: Int, _ slow: Int, _ kind: String) -> [ParameterValue] {
            [.int(fast), .int(slow), .string(kind), .double(0.01), .double(0.001)]
        }
        #expect(space.satisfiesConstraints(values(3, 10, "ema")))
        #expect(!space.satisfiesConstraints(values(3, 10, "sma")))       // fast > 3 fails, kind is not ema
        #expect(space.satisfiesConstraints(values(4, 10, "sma")))
        #expect(!space.satisfiesConstraints(values(6, 10, "ema")))       // 12 > 10
        let parameters = space.parameters
        let negated = try Constraint("!(fast < slow) || -fast + 3 == 1", parameters: parameters)
        #expect(negated.isSatisfied(by: values(2, 10, "sma")))            // -2 + 3 == 1
        #expect(!negated.isSatisfied(by: values(4, 10, "sma")))
        let scientific = try Constraint("thr >= 5e-3 && thr * 1E+2 < 2.5", parameters: parameters)
        #expect(scientific.isSatisfied(by: values(2, 10, "sma")))       // thr = 0.01
        #expect(!scientific.isSatisfied(by: [.int(2), .int(10), .string("sma"), .double(0.004), .double(0.001)]))
    }

    @Test func constraintErrorsNameTheProblem() {
        let parameters = space.parameters
        #expect(throws: SpaceError.constraintSyntax(expression: "fast <", position: 6, expected: "a parameter name, a number or \"(\"")) {
            try Constraint("fast <", parameters: parameters)
        }
        #expect(throws: SpaceError.unknownParameter(expression: "fast < sloww", name: "sloww")) {
            try Constraint("fast < sloww", parameters: parameters)
        }
        #expect(throws: SpaceError.typeMismatch(expression: "fast + slow", reason: "the expression must be a comparison, e.g. \"fast < slow\"")) {
            try Constraint("fast + slow", parameters: parameters)
        }
        #expect(throws: SpaceError.self) { try Constraint("kind < 3", parameters: parameters) }
        #expect(throws: SpaceError.self) { try Constraint("(fast < slow", parameters: parameters) }
    }

    @Test func featuresRoundTripThroughLevels() {
        let values: [ParameterValue] = [.int(26), .int(110), .string("ema"), .double(0.01), .double(0.001)]
        let f = space.features(values)
        // fast: (26-2)/48; slow: (110-10)/190; kind one-hot; thr: log(0.01/0.001)/log(100) = 0.5.
        #expect(f.count == 5)
        #expect(abs(f[0] - 0.5) < 1e-12)
        #expect(abs(f[1] - 100.0 / 190.0) < 1e-12)
        #expect(f[2] == 0 && f[3] == 1)
        #expect(abs(f[4] - 0.5) < 1e-12)
        let back = f.withUnsafeBufferPointer { space.values(features: $0) }
        #expect(back[0] == .int(26) && back[1] == .int(110) && back[2] == .string("ema"))
        #expect(abs(back[3].number! - 0.01) < 1e-12 && back[4] == .double(0.001))
        // A feature between levels snaps to the nearest level: 2 + 0.51·48 = 26.48 → 26,
        // 10 + 0.49·190 = 103.1 → 100.
        let between = [0.51, 0.49, 0.9, 0.1, 0.0].withUnsafeBufferPointer { space.values(features: $0) }
        #expect(between[0] == .int(26) && between[1] == .int(100) && between[2] == .string("sma"))
    }

    @Test func validatesObservedPoints() throws {
        let good = TrialPoint(names: ["slow", "fast", "kind", "thr", "fee"],
                              values: [.int(20), .double(5), .string("sma"), .double(0.05), .double(0.001)])
        let values = try space.validate(good)
        #expect(values[0] == .int(5) && values[1] == .int(20))           // declaration order, own types
        let offStep = TrialPoint(names: space.names, values: [.int(5), .int(25), .string("sma"), .double(0.05), .double(0.001)])
        #expect(throws: SpaceError.pointMismatch("slow=25 is outside its domain")) { try space.validate(offStep) }
    }

    @Test func outputTransformsKeepOrder() {
        // Ranks of [3, 1, 2] → normal quantiles of 2.5/3, 0.5/3, 1.5/3: ±0.967422, 0.
        let ranked = OutputTransform.rank.apply([3, 1, 2])
        #expect(abs(ranked[0] - 0.967421566101701) < 1e-9 && abs(ranked[1] + 0.967421566101701) < 1e-9 && abs(ranked[2]) < 1e-12)
        let y: [Double] = [0.4, 0.5, 3, 300, 1]
        for transform in [OutputTransform.standardize, .robust, .rank] {
            let t = transform.apply(y)
            #expect(t.indices.sorted { t[$0] < t[$1] } == y.indices.sorted { y[$0] < y[$1] })
        }
        // robust: the outlier is compressed far below its standardized distance.
        let robust = OutputTransform.robust.apply(y), plain = OutputTransform.standardize.apply(y)
        #expect((robust[3] - robust[0]) / (robust[1] - robust[0]) < (plain[3] - plain[0]) / (plain[1] - plain[0]))
    }
}
