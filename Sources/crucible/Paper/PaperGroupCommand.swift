import ArgumentParser

/// `crucible paper`: paper trading (`trade`, the default: `crucible paper SPEC …`) and its report.
struct PaperGroupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "paper",
        abstract: "Paper-trade a spec's strategy on a bar feed (state in an SQLite file that survives restarts), and report on it.",
        discussion: """
        `crucible paper SPEC …` is `crucible paper trade SPEC …`: see `crucible paper trade --help` \
        for feeds, the state file, restarts and the local API. `crucible paper report STATE \
        --data FILE` writes the run's HTML report with the run against its backtest.
        """,
        subcommands: [PaperCommand.self, PaperReportCommand.self],
        defaultSubcommand: PaperCommand.self)
}
