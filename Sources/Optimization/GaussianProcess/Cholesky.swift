import CLAPACK

/// Lower Cholesky factorization of a symmetric positive definite matrix through LAPACKE,
/// (the `_work` entry points: inputs are finite by construction, so LAPACKE's NaN scans are
/// skipped), retrying with growing diagonal jitter when the matrix is numerically indefinite.
enum Cholesky {
    /// Jitter added to the diagonal on successive attempts, relative to the mean diagonal.
    static let jitterLadder: [Double] = [0, 1e-10, 1e-8, 1e-6, 1e-4, 1e-2]

    /// Factors the column-major `n`×`n` matrix `a` in place (lower triangle); each attempt
    /// starts again from the original matrix plus the next jitter.
    static func factor(_ a: inout [Double], n: Int) throws(OptimizationError) {
        var meanDiagonal = 0.0
        for i in 0..<n { meanDiagonal += a[i * n + i] }
        meanDiagonal /= Double(max(n, 1))
        var lastInfo: Int32 = 0
        for relative in jitterLadder {
            var work = a
            let jitter = relative * meanDiagonal
            for i in 0..<n { work[i * n + i] += jitter }
            let info = work.withUnsafeMutableBufferPointer {
                LAPACKE_dpotrf_work(LAPACK_COL_MAJOR, CChar(UInt8(ascii: "L")), Int32(n), $0.baseAddress, Int32(n))
            }
            if info == 0 {
                a = work
                return
            }
            lastInfo = info
        }
        throw .linearAlgebra(routine: "LAPACKE_dpotrf", info: lastInfo)
    }

    /// Solves `A X = B` in place given the factor (B column-major `n`×`columns`).
    static func solve(factor l: UnsafePointer<Double>, n: Int, _ b: UnsafeMutablePointer<Double>, columns: Int) {
        let info = LAPACKE_dpotrs_work(LAPACK_COL_MAJOR, CChar(UInt8(ascii: "L")), Int32(n), Int32(columns),
                                  l, Int32(n), b, Int32(n))
        precondition(info == 0, "dpotrs arguments are checked by construction")
    }

    /// Solves `L X = B` in place (B column-major `n`×`columns`).
    static func solveLower(factor l: UnsafePointer<Double>, n: Int, _ b: UnsafeMutablePointer<Double>, columns: Int) {
        let info = LAPACKE_dtrtrs_work(LAPACK_COL_MAJOR, CChar(UInt8(ascii: "L")), CChar(UInt8(ascii: "N")),
                                  CChar(UInt8(ascii: "N")), Int32(n), Int32(columns), l, Int32(n), b, Int32(n))
        precondition(info == 0, "dtrtrs on a successful Cholesky factor cannot be singular")
    }

    /// Solves `L x = b` (or `Lᵀ x = b` when `transposed`) in place for one right-hand side.
    static func solveLower(factor l: UnsafePointer<Double>, n: Int, _ b: UnsafeMutablePointer<Double>, transposed: Bool) {
        crucible_dtrsv(CChar(UInt8(ascii: "L")), CChar(UInt8(ascii: transposed ? "T" : "N")), Int32(n), l, Int32(n), b)
    }

    /// Overwrites the factor with the lower triangle of the inverse of the factored matrix.
    static func invert(_ l: inout [Double], n: Int) throws(OptimizationError) {
        let info = l.withUnsafeMutableBufferPointer {
            LAPACKE_dpotri_work(LAPACK_COL_MAJOR, CChar(UInt8(ascii: "L")), Int32(n), $0.baseAddress, Int32(n))
        }
        guard info == 0 else { throw .linearAlgebra(routine: "LAPACKE_dpotri", info: info) }
    }
}
