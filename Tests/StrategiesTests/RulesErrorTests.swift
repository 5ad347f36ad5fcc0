import Testing
import Strategies

/// Errors a user can act on: rule name, column, caret line, what was expected, suggestions;
/// all problems at once; hostile sizes refused cleanly.
@Suite struct RulesErrorTests {
    static let fastSlow = RuleTest.parameters(["fast", "slow"])

    static func problems(_ rules: RuleSet, _ parameters: [RuleParameter] = [], columns: [String] = []) -> [RuleProblem] {
        do {
            _ = try rules.compile(parameters: parameters, columns: columns)
            return []
        } catch {
            return error.problems
        }
    }

    static func only(_ text: String, _ parameters: [RuleParameter] = [], columns: [String] = []) -> RuleProblem? {
        let p = problems(RuleSet(longEntry: text), parameters, columns: columns)
        #expect(p.count == 1, "expected one problem for \(text), got \(p.map(\.description))")
        return p.first
    }

    @Test func syntaxErrorHasRuleColumnAndCaret() throws {
        let p = try #require(Self.only("close > sma(close, 20"))
        #expect(p.column == 22)
        #expect(p.description == """
            long_entry: column 22: expected "," or ")" in the arguments of sma( at column 12, found the end of the expression
                close > sma(close, 20
                                     ^
            """)
    }

    @Test func unknownFunctionSuggestsTheNearest() throws {
        let p = try #require(Self.only("crosses_abve(close, open)"))
        #expect(p.message.hasPrefix("unknown function \"crosses_abve\"; did you mean \"crosses_above\"?"))
        #expect(p.column == 1)
        #expect(p.detail.hasSuffix("\n    crosses_abve(close, open)\n    ^^^^^^^^^^^^"))
        let indicator = try #require(Self.only("rsii(close, 14) < 30"))
        #expect(indicator.message.contains("did you mean \"rsi\"?"))
    }

    @Test func unknownNameSuggestsSeriesAndParameters() throws {
        let series = try #require(Self.only("clse > 3"))
        #expect(series.message.hasPrefix("unknown name \"clse\"; did you mean \"close\"?"))
        let parameter = try #require(Self.only("sma(close, fats) > sma(close, slow) and fast > 0", Self.fastSlow))
        #expect(parameter.message.contains("did you mean \"fast\"?"))
        #expect(parameter.column == 12)
        let field = try #require(Self.only("bbands(close, 20).upperbnd > close"))
        #expect(field.message.contains("bbands has no output \"upperbnd\"; did you mean \"upperband\"?"))
        let keyword = try #require(Self.only("bbands(close, timeperod=20).upperband > close"))
        #expect(keyword.message.contains("did you mean \"timeperiod\"?"))
    }

    @Test func boolAndNumberAreChecked() throws {
        let both = Self.problems(RuleSet(longEntry: "close and 3"))
        #expect(both.map(\.column) == [1, 11])
        #expect(both.allSatisfy { $0.message.contains("must be conditions (true or false), found a number") })
        let p = try #require(Self.only("close > open and 3"))
        #expect(p.column == 18)
        let q = try #require(Self.only("(close > open) + 1 > 2"))
        #expect(q.message.contains("must be numbers, found a condition"))
        let r = try #require(Self.only("sma(close, 20)"))
        #expect(r.message.contains("must be a condition"))
    }

    @Test func futureIsUnreachable() throws {
        let p = try #require(Self.only("prev(close, -1) > close"))
        #expect(p.message.contains("the lag of prev must be a whole number ≥ 1"))
        #expect(p.message.contains("read the future"))
        #expect(p.column == 13)
        let zero = try #require(Self.only("prev(close, 0) > close"))
        #expect(zero.message.contains("≥ 1"))
        let series = try #require(Self.only("prev(close, volume) > close"))
        #expect(series.message.contains("not a series"))
    }

    @Test func parametersUsedButNotDeclaredOrDeclaredButUnused() {
        let p = Self.problems(RuleSet(longEntry: "sma(close, fast) > sma(close, slowly)"), Self.fastSlow)
        #expect(p.count == 2)
        #expect(p[0].message.contains("unknown name \"slowly\"; did you mean \"slow\"?"))
        #expect(p[1].location == .parameter("slow"))
        #expect(p[1].message.contains("declared but not used"))
    }

    @Test func windowParameterMustBeAnIntegerDomain() throws {
        let p = try #require(Self.only("sma(close, w) > close", [RuleParameter(name: "w", isInteger: false, minimum: 1, maximum: 5)]))
        #expect(p.message.contains("parameter w takes non-integer values"))
        let q = try #require(Self.only("sma(close, w) > close", [RuleParameter(name: "w", isInteger: true, minimum: 0, maximum: 5)]))
        #expect(q.message.contains("ranges over [0, 5]"))
    }

    @Test func everyProblemIsCollected() {
        let p = Self.problems(RuleSet(longEntry: "clse > 1 and rsi(close) > hgh", longExit: "close >", shortEntry: "foo(1)"))
        #expect(p.count == 4, "\(p.map(\.description))")
        #expect(p.map { if case let .expression(rule, _, _) = $0.location { return rule } else { return "" } }
                == ["long_entry", "long_entry", "long_exit", "short_entry"])
    }

    @Test func entryRuleRequired() {
        let p = Self.problems(RuleSet(longExit: "close > open"))
        #expect(p.count == 1 && p[0].location == .program && p[0].message.contains("at least one entry rule"))
    }

    @Test func indicatorCallsAreChecked() throws {
        #expect(try #require(Self.only("macd(close) > 0")).message.contains("has several outputs; select one: macd(...).macd"))
        #expect(try #require(Self.only("stoch(close).slowk > 20")).message.contains("stoch needs 3 input series (high, low, close)"))
        #expect(try #require(Self.only("rsi(close, 14, 3) > 20")).message.contains("at most 1 parameter"))
        #expect(try #require(Self.only("ichimoku(high, low, close).chikou > 0")).message.contains("reads future bars"))
        #expect(try #require(Self.only("rsi > 30")).message.contains("is a function; call it with its arguments, e.g. rsi(real, timeperiod)"))
        #expect(try #require(Self.only("close(1) > 30")).message.contains("is a value, not a function"))
        #expect(try #require(Self.only("ma(close, 20, matype=7) > close")).message.contains("MA"))
    }

    @Test func comparisonsDoNotChainAndAssignIsNotEquality() throws {
        #expect(try #require(Self.only("1 < close < 2")).message.contains("comparisons do not chain"))
        #expect(try #require(Self.only("close = open")).message.contains("write \"==\""))
        #expect(try #require(Self.only("close > 1e")).message.contains("malformed number"))
        #expect(try #require(Self.only("close > 1 $ 2")).message.contains("unexpected character \"$\""))
    }

    @Test func hostileSizesAreCleanErrors() throws {
        let deep = String(repeating: "(", count: 6_000) + "close" + String(repeating: ")", count: 6_000) + " > 1"
        #expect(try #require(Self.only(deep)).message.contains("characters long"))
        let chain = (0..<100_000).map { _ in "close" }.joined(separator: " + ") + " > 1"
        #expect(try #require(Self.only(chain)).message.contains("characters long"))
        let nested = String(repeating: "(", count: 500) + "close" + String(repeating: ")", count: 500) + " > 1"
        #expect(try #require(Self.only(nested)).message.contains("nests deeper than"))
        let notChain = String(repeating: "not ", count: 600) + "true"
        #expect(try #require(Self.only(notChain)).message.contains("nests deeper than"))
        let shortChain = (0..<400).map { _ in "close" }.joined(separator: "+") + " > 1"
        #expect(try #require(Self.only(shortChain)).message.contains("nests deeper than"))
        let calls = String(repeating: "abs(", count: 300) + "close" + String(repeating: ")", count: 300) + " > 1"
        #expect(try #require(Self.only(calls)).message.contains("nests deeper than"))
    }
}
