import Foundation
import Testing
import CGSL
import CLAPACK
import CSQLite

/// Calls each system C library once, so a broken install fails here with an obvious name.
@Suite struct SystemLibrariesSmokeTests {
    @Test func gslRandomDrawAndNormalCDF() {
        let rng = gsl_rng_alloc(crucible_gsl_rng_mt19937())!
        defer { gsl_rng_free(rng) }
        gsl_rng_set(rng, 42)
        let u = gsl_rng_uniform(rng)
        #expect(u >= 0 && u < 1)
        gsl_rng_set(rng, 42)
        #expect(gsl_rng_uniform(rng) == u, "a seed reproduces the stream")
        #expect(abs(gsl_cdf_ugaussian_P(1.959963984540054) - 0.975) < 1e-12)
        #expect(abs(gsl_cdf_ugaussian_Pinv(0.975) - 1.959963984540054) < 1e-12)
    }

    @Test func lapackeCholesky() {
        // A = L Lᵀ with L = [[2, 0], [1, 3]] → A = [[4, 2], [2, 10]].
        var a: [Double] = [4, 2, 2, 10]
        let info = LAPACKE_dpotrf(LAPACK_ROW_MAJOR, Int8(UInt8(ascii: "L")), 2, &a, 2)
        #expect(info == 0)
        #expect(a[0] == 2 && a[2] == 1 && a[3] == 3)
    }

    @Test func blasComputesAfterItsIdleThreadPoolIsStopped() {
        // Debian's default (pthread) OpenBLAS exports the pool's shutdown, so CI takes that path.
        #expect(dlsym(UnsafeMutableRawPointer(bitPattern: 0), "blas_thread_shutdown_") != nil)
        crucible_blas_single_thread()
        crucible_blas_single_thread()  // once per process in the product; a second call is harmless
        // C = A B, column-major, A 3×2 = [[1, 4], [2, 5], [3, 6]], B 2×2 = [[7, 9], [8, 10]]:
        // C = [[1·7 + 4·8, 1·9 + 4·10], [2·7 + 5·8, 2·9 + 5·10], [3·7 + 6·8, 3·9 + 6·10]].
        let a: [Double] = [1, 2, 3, 4, 5, 6], b: [Double] = [7, 8, 9, 10]
        var c = [Double](repeating: 0, count: 6)
        crucible_dgemm(Int8(UInt8(ascii: "N")), Int8(UInt8(ascii: "N")), 3, 2, 2, 1, a, 3, b, 2, 0, &c, 3)
        #expect(c == [39, 54, 69, 49, 68, 87])
    }

    @Test func sqliteRoundTrip() throws {
        var db: OpaquePointer?
        #expect(sqlite3_open(":memory:", &db) == SQLITE_OK)
        defer { sqlite3_close(db) }
        #expect(sqlite3_exec(db, "CREATE TABLE t(x REAL); INSERT INTO t VALUES (1.25);", nil, nil, nil) == SQLITE_OK)
        var statement: OpaquePointer?
        #expect(sqlite3_prepare_v2(db, "SELECT x FROM t", -1, &statement, nil) == SQLITE_OK)
        defer { sqlite3_finalize(statement) }
        #expect(sqlite3_step(statement) == SQLITE_ROW)
        #expect(sqlite3_column_double(statement, 0) == 1.25)
    }
}
