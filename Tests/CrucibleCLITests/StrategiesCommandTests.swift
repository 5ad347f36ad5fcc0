import Foundation
import Strategies
import Testing

@Suite struct StrategiesCommandTests {
    @Test func jsonListsEveryRegistryEntryWithItsFields() throws {
        let run = try CLI.run(["strategies", "--json"])
        #expect(run.status == 0, "\(run.stderr)")
        let list = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [[String: Any]])
        let descriptors = StrategyRegistry.descriptors
        #expect(list.compactMap { $0["name"] as? String } == descriptors.map(\.name))
        for (entry, descriptor) in zip(list, descriptors) {
            #expect((entry["description"] as? String)?.isEmpty == false, "\(descriptor.name)")
            let engines = try #require(entry["engines"] as? [String], "\(descriptor.name)")
            #expect(engines == descriptor.engines.map(\.rawValue), "\(descriptor.name)")
            #expect(entry["symbols"] as? String == descriptor.symbols.rawValue, "\(descriptor.name)")
            let params = try #require(entry["params"] as? [[String: Any]], "\(descriptor.name)")
            #expect(params.compactMap { $0["name"] as? String } == descriptor.parameters.map(\.name), "\(descriptor.name)")
            for param in params {
                #expect(param["type"] is String && param["default"] != nil && param["description"] is String,
                        "\(descriptor.name).\(param["name"] ?? "?")")
            }
        }
    }
}
