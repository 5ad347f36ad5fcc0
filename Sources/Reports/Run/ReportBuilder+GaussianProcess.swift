import Experiments
import MarketData
import Optimization

extension ReportBuilder {
    /// The Bayesian optimizer's model after the search, from `summary.json`'s `gaussian_process`
    /// section: the fitted length scale of each feature column, shortest (the objective's most
    /// sensitive parameter) first; nil when the run has no such section.
    func gaussianProcessBlocks() -> [HTMLBlock]? {
        guard case let .object(section)? = results.summary["gaussian_process"],
              case let .object(scales)? = section["length_scales"] else { return nil }
        let rows = results.spec.strategy.space.featureNames.compactMap { name -> (String, Double)? in
            scales[name]?.doubleValue.map { (name, $0) }
        }
        guard !rows.isEmpty else { return nil }
        let sorted = rows.enumerated().sorted { ($0.element.1, $0.offset) < ($1.element.1, $1.offset) }.map(\.element)
        let observations = section["observations"]?.intValue.map { " fitted on \($0) trials" } ?? ""
        let table = HTMLTable(columns: ["Parameter", "Length scale (fraction of its range)"],
                              rows: sorted.map { [.text($0.0), .number($0.1, decimals: 3)] },
                              caption: "The Gaussian process's length scales\(observations), shortest first")
        return [.subsection(title: "Model of the objective", blocks: [
            .table(table),
            .note("A length scale is how far a parameter must move, as a fraction of its range (log-scaled where declared), for the objective to change appreciably: the shortest matter most; one well above 1 means the objective barely depends on that parameter. A choice has one column per option."),
        ])]
    }
}
