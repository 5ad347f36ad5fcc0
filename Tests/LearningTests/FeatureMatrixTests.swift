import MarketData
import Testing
@testable import Learning

@Suite struct FeatureMatrixTests {
    @Test func storesNamedColumnsAndFindsCompleteRows() throws {
        var m = FeatureMatrix(timestamps: [0, 1, 2, 3])
        try m.append(name: "a", source: "rsi(close, 14)", [1, .nan, 3, 4])
        try m.append(name: "b", source: "b", [5, 6, 7, .nan])
        #expect(m.names == ["a", "b"] && m.sources == ["rsi(close, 14)", "b"])
        #expect(Array(m.column(1).prefix(3)) == [5, 6, 7] && m.column(1).last!.isNaN && Array(m.column(0).suffix(2)) == [3, 4])
        #expect(m.completeRows() == [true, false, true, false])
        #expect(m.rowMajor(rows: [2, 0], as: Double.self) == [3, 7, 1, 5])
    }

    @Test func buildsOnABarSeries() throws {
        let bars = BarSeries(instrument: Instrument(base: "BTC", quote: "USDT"), timeframe: .h1, ts: [0, 3_600_000],
                             open: [1, 2], high: [1, 2], low: [1, 2], close: [1, 2], volume: [5, 6])
        let m = try FeatureMatrix(bars: bars, columns: [("c", bars.close), ("v", bars.volume)])
        #expect(m.timestamps == bars.ts && m.names == ["c", "v"] && m.sources == ["c", "v"] && m.values == [1, 2, 5, 6])
        #expect(throws: LearningError.self) { try FeatureMatrix(bars: bars, columns: [("c", [1])]) }
    }

    @Test func refusesBadColumns() throws {
        var m = FeatureMatrix(timestamps: [0, 1])
        try m.append(name: "a", source: "a", [1, 2])
        #expect(throws: LearningError.self) { try m.append(name: "a", source: "a", [1, 2]) }
        #expect(throws: LearningError.self) { try m.append(name: "b", source: "b", [1]) }
        #expect(throws: LearningError.self) { try m.append(name: "c", source: "c", [1, .infinity]) }
        #expect(throws: LearningError.self) { try m.append(name: "", source: "", [1, 2]) }
        do { try m.append(name: "b", source: "b", [1, 2, 3]) } catch {
            #expect(error.description == "features.b: expected 2 values (one per bar), got 3")
        }
        #expect(m.columnCount == 1)
    }

    @Test func fittingAndPredictingCheckRowsAndTargets() throws {
        var m = FeatureMatrix(timestamps: [0, 1, 2, 3])
        try m.append(name: "a", source: "a", [1, .nan, 3, 4])
        let ridge = ModelParameters.ridge(l2: 1)
        #expect(throws: LearningError.self) { try TrainedModel.fit(ridge, features: m, rows: [0, 1], targets: [1, 2]) }
        #expect(throws: LearningError.self) { try TrainedModel.fit(ridge, features: m, rows: [0, 7], targets: [1, 2]) }
        #expect(throws: LearningError.self) { try TrainedModel.fit(ridge, features: m, rows: [0, 2], targets: [1, .nan]) }
        #expect(throws: LearningError.self) { try TrainedModel.fit(ridge, features: m, rows: [0, 2], targets: [1]) }
        #expect(throws: LearningError.self) {
            try TrainedModel.fit(.logistic(l2: 1, maxIterations: 10, tolerance: 1e-8), features: m, rows: [0, 2], targets: [0, 0.5])
        }
        let model = try TrainedModel.fit(ridge, features: m, rows: [0, 2, 3], targets: [1, 2, 3])
        #expect(throws: LearningError.self) { try model.predict(features: m, rows: [1]) }
        #expect(throws: LearningError.self) { try model.predict(features: m, rows: [-1]) }
        let all = try model.predictions(for: m)
        #expect(all[1].isNaN && all[0] < all[2] && all[2] < all[3])
    }
}
