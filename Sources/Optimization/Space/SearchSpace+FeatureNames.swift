extension SearchSpace {
    /// A name per feature column (see the type's Semantics): the parameter's name for a numeric
    /// parameter, `name=option` for each option of a choice; fixed parameters have none.
    public var featureNames: [String] {
        parameters.flatMap { parameter -> [String] in
            switch parameter.domain {
            case .fixed: return []
            case let .choice(options): return options.map { "\(parameter.name)=\($0)" }
            default: return [parameter.name]
            }
        }
    }
}
