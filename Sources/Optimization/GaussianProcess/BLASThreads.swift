import CLAPACK

/// OpenBLAS runs single-threaded: sweeps parallelize across trials, and small GP matrices
/// gain nothing from threads. Its idle worker pool, which spins at startup, is stopped.
public enum BLASThreads {
    /// Sets one BLAS thread and stops the worker pool, once per process; every BLAS user calls
    /// it before its first call, and `crucible` at startup.
    public static let single: Void = { crucible_blas_single_thread() }()
}
