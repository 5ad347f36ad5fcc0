/// The results store's tables. Parameters are JSON objects whose members follow the run's
/// declared order, so a row reads the same in any SQLite browser; a trial's metrics are a BLOB of
/// little-endian doubles in the run's `metric_names` order (NaN = undefined), and equity curves
/// and daily returns are BLOBs too (`BlobCoding`): numbers round-trip bit for bit and the store
/// never formats or parses text per trial. `risk_event` lists the risk events of the top-K
/// trials (rule and action by their names, the numbers as `RiskEvent` defines them, NULL for
/// NaN, and the event in words).
enum StoreSchema {
    static let version = 2

    static let statements = [
        """
        CREATE TABLE IF NOT EXISTS run (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            spec TEXT NOT NULL,
            spec_sha256 TEXT NOT NULL,
            data_sha256 TEXT NOT NULL,
            engine_version TEXT NOT NULL,
            seed INTEGER NOT NULL,
            parameter_names TEXT NOT NULL,
            metric_names TEXT NOT NULL,
            objective_metric TEXT NOT NULL,
            direction TEXT NOT NULL CHECK (direction IN ('maximize', 'minimize'))
        ) STRICT
        """,
        """
        CREATE TABLE IF NOT EXISTS trial (
            run_id TEXT NOT NULL REFERENCES run(id),
            id INTEGER NOT NULL,
            params TEXT NOT NULL,
            metrics BLOB NOT NULL,
            objective REAL,
            status TEXT NOT NULL CHECK (status IN ('ok', 'infeasible', 'failed')),
            error TEXT,
            seed INTEGER NOT NULL,
            duration REAL NOT NULL,
            sharpe REAL,
            sharpe_count INTEGER,
            sharpe_skew REAL,
            sharpe_kurtosis REAL,
            PRIMARY KEY (run_id, id)
        ) STRICT
        """,
        """
        CREATE TABLE IF NOT EXISTS equity_curve (
            run_id TEXT NOT NULL,
            trial_id INTEGER NOT NULL,
            ts BLOB NOT NULL,
            equity BLOB NOT NULL,
            PRIMARY KEY (run_id, trial_id),
            FOREIGN KEY (run_id, trial_id) REFERENCES trial(run_id, id)
        ) STRICT
        """,
        """
        CREATE TABLE IF NOT EXISTS trade (
            run_id TEXT NOT NULL,
            trial_id INTEGER NOT NULL,
            seq INTEGER NOT NULL,
            symbol INTEGER NOT NULL,
            direction REAL NOT NULL,
            entry_bar INTEGER NOT NULL,
            entry_ts INTEGER NOT NULL,
            entry_price REAL NOT NULL,
            quantity REAL NOT NULL,
            entry_fees REAL NOT NULL,
            exit_bar INTEGER,
            exit_ts INTEGER,
            exit_price REAL,
            exit_fees REAL NOT NULL,
            pnl REAL NOT NULL,
            exit_reason INTEGER,
            PRIMARY KEY (run_id, trial_id, seq),
            FOREIGN KEY (run_id, trial_id) REFERENCES trial(run_id, id)
        ) STRICT
        """,
        """
        CREATE TABLE IF NOT EXISTS risk_event (
            run_id TEXT NOT NULL,
            trial_id INTEGER NOT NULL,
            seq INTEGER NOT NULL,
            ts INTEGER NOT NULL,
            bar INTEGER NOT NULL,
            symbol INTEGER NOT NULL,
            rule TEXT NOT NULL,
            action TEXT NOT NULL,
            value REAL,
            limit_value REAL,
            reason TEXT NOT NULL,
            PRIMARY KEY (run_id, trial_id, seq),
            FOREIGN KEY (run_id, trial_id) REFERENCES trial(run_id, id)
        ) STRICT
        """,
        """
        CREATE TABLE IF NOT EXISTS trial_daily (
            run_id TEXT NOT NULL,
            trial_id INTEGER NOT NULL,
            returns BLOB NOT NULL,
            PRIMARY KEY (run_id, trial_id),
            FOREIGN KEY (run_id, trial_id) REFERENCES trial(run_id, id)
        ) STRICT
        """,
        """
        CREATE TABLE IF NOT EXISTS fold (
            run_id TEXT NOT NULL REFERENCES run(id),
            fold INTEGER NOT NULL,
            train_start INTEGER NOT NULL,
            train_end INTEGER NOT NULL,
            test_start INTEGER NOT NULL,
            test_end INTEGER NOT NULL,
            params TEXT NOT NULL,
            in_sample TEXT NOT NULL,
            out_of_sample TEXT NOT NULL,
            PRIMARY KEY (run_id, fold)
        ) STRICT
        """,
        """
        CREATE TABLE IF NOT EXISTS monte_carlo (
            run_id TEXT NOT NULL REFERENCES run(id),
            method TEXT NOT NULL,
            metric TEXT NOT NULL,
            paths INTEGER NOT NULL,
            p5 REAL, p25 REAL, p50 REAL, p75 REAL, p95 REAL,
            mean REAL,
            probability_of_loss REAL NOT NULL,
            probability_of_ruin REAL NOT NULL,
            PRIMARY KEY (run_id, method, metric)
        ) STRICT
        """,
        """
        CREATE TABLE IF NOT EXISTS monte_carlo_fan (
            run_id TEXT NOT NULL REFERENCES run(id),
            method TEXT NOT NULL,
            position INTEGER NOT NULL,
            path_index INTEGER NOT NULL,
            p5 REAL, p25 REAL, p50 REAL, p75 REAL, p95 REAL,
            PRIMARY KEY (run_id, method, position)
        ) STRICT
        """,
        """
        CREATE TABLE IF NOT EXISTS monte_carlo_histogram (
            run_id TEXT NOT NULL REFERENCES run(id),
            method TEXT NOT NULL,
            metric TEXT NOT NULL,
            bin INTEGER NOT NULL,
            lower REAL NOT NULL,
            upper REAL NOT NULL,
            count INTEGER NOT NULL,
            PRIMARY KEY (run_id, method, metric, bin)
        ) STRICT
        """,
        """
        CREATE TABLE IF NOT EXISTS out_of_sample (
            run_id TEXT NOT NULL REFERENCES run(id),
            position INTEGER NOT NULL,
            ts INTEGER NOT NULL,
            equity REAL NOT NULL,
            PRIMARY KEY (run_id, position)
        ) STRICT
        """,
        """
        CREATE TABLE IF NOT EXISTS shard (
            run_id TEXT PRIMARY KEY REFERENCES run(id),
            shard_index INTEGER NOT NULL,
            shard_count INTEGER NOT NULL,
            total INTEGER NOT NULL,
            spec_directory TEXT NOT NULL,
            complete INTEGER NOT NULL CHECK (complete IN (0, 1))
        ) STRICT
        """,
        """
        CREATE TABLE IF NOT EXISTS comparison (
            run_id TEXT PRIMARY KEY REFERENCES run(id),
            report TEXT NOT NULL
        ) STRICT
        """,
    ]
}
