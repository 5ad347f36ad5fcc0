import CLAPACK

/// OpenBLAS runs single-threaded: sweeps parallelize across trials, and small GP matrices
/// gain nothing from threads.
enum BLASThreads {
    static let single: Void = { crucible_blas_set_threads(1) }()
}
