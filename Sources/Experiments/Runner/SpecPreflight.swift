import MarketData
import Optimization

/// The checks of a decoded spec that need its data, shared by `crucible validate` and
/// `ExperimentRunner.run` (which runs them before it creates anything), so a spec that
/// validates never fails later for a reason validation could have seen.
///
/// Semantics: the data (and `sub_bars`) load under the spec's validation policy; the cut
/// `[start, end)` must keep at least two bars; sub-bars must be finer than the bars and lie
/// (some of them) within their time range; the trials
/// are planned (`OptimizerSpec.plannedTrials`); the walk-forward must hold at least one
/// complete fold; each `ml` model's retrain lengths are whole bars leaving at least one
/// window. Problems carry the JSON path of the field to change.
public enum SpecPreflight {
    /// Checks `spec` against its data and returns the data, or every problem found.
    public static func check(_ spec: ExperimentSpec) throws(SpecError) -> ExperimentData {
        var problems: [SpecProblem] = []
        do { _ = try spec.optimizer.plannedTrials(spec.strategy.space) } catch {
            problems.append(SpecProblem(path: error.path, message: error.message))
        }
        let data: ExperimentData
        do { data = try ExperimentData.load(spec.data) } catch {
            throw SpecError(problems + [SpecProblem(path: dataPath(spec.data, error), message: error.description)])
        }
        if data.bars.count < 2 {
            problems.append(emptyCut(spec.data, bars: data.bars))
        } else {
            if let fine = data.subBars, fine.timeframe >= data.bars.timeframe {
                problems.append(SpecProblem(path: "data.sub_bars",
                                            message: "\(fine.timeframe) bars are not finer than the \(data.bars.timeframe) bars they would replay"))
            } else if let fine = data.subBars,
                      fine.indexRange(from: data.bars.ts[0], to: data.bars.timeframe.nextOpen(after: data.bars.ts[data.bars.count - 1])).isEmpty {
                problems.append(SpecProblem(path: "data.sub_bars", message: "no finer bar lies within the bars' time range"))
            }
            for model in spec.ml?.models ?? [] {
                if let problem = ModelColumns.preflight(model, bars: data.bars) { problems.append(problem) }
            }
            if let walkForward = spec.walkForward, problems.isEmpty {
                do {
                    let settings = try WalkForwardRun.settings(spec, walkForward, timeframe: data.bars.timeframe, threads: 1)
                    _ = try WalkForwardWindows.folds(timestamps: data.bars.ts, timeframe: data.bars.timeframe, settings: settings)
                } catch let error as ValidationError {
                    problems.append(SpecProblem(path: "walk_forward", message: error.description))
                } catch {
                    problems.append(SpecProblem(path: "walk_forward", message: String(describing: error)))
                }
            }
        }
        guard problems.isEmpty else { throw SpecError(problems) }
        return data
    }

    /// The field a data error belongs to: the finer bars' file when it names it.
    private static func dataPath(_ spec: DataSpec, _ error: DataError) -> String {
        if let sub = spec.subBars, error.description.hasPrefix(sub) { return "data.sub_bars" }
        if case .store = spec.source { return "data.symbols" }
        return "data.file"
    }

    /// The problem of a cut that leaves fewer than two bars, at the field that caused it.
    private static func emptyCut(_ spec: DataSpec, bars: BarSeries) -> SpecProblem {
        let path = spec.start != nil ? "data.start" : spec.end != nil ? "data.end" : spec.subBars == nil ? "data.file" : "data"
        let kept = bars.count == 1 ? "only one bar" : "no bar"
        return SpecProblem(path: path, message: "\(kept) of the data lies in the chosen time range; a run needs at least two")
    }
}
