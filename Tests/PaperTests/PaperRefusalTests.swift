import Experiments
import Foundation
import Paper
import Testing
import TestSupport

/// What cannot run bar by bar is refused when the paper strategy is made, naming why; imported
/// columns run on a replay and are named for a live feed to refuse.
@Suite struct PaperRefusalTests {
    static func refusal(_ example: String) throws -> String {
        let url = Fixtures.root.appendingPathComponent("experiments").appendingPathComponent(example)
        let spec = try SpecDecoder.load(contentsOf: url).spec
        do {
            _ = try PaperStrategy(spec: spec, values: [])
        } catch let error as PaperError {
            return error.description
        }
        Issue.record("\(example) was accepted")
        return ""
    }

    @Test func aStrategyReadingAModelIsRefused() throws {
        let message = try Self.refusal("ml_xgboost_up.json")
        #expect(message.contains("model(\"up\")") && message.contains("not available bar by bar"), "\(message)")
    }

    @Test func importedColumnsAreNamedForTheLiveFeedToRefuse() throws {
        let url = Fixtures.root.appendingPathComponent("experiments").appendingPathComponent("rules_predictions.json")
        let strategy = try PaperStrategy(spec: SpecDecoder.load(contentsOf: url).spec, values: [])
        #expect(strategy.importedColumns == ["p_up"])
    }
}
