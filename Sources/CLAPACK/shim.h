#ifndef CRUCIBLE_CLAPACK_SHIM_H
#define CRUCIBLE_CLAPACK_SHIM_H

/* LAPACKE only: OpenBLAS's cblas.h clashes with GSL's gsl_cblas.h enums when a Swift file
   imports both modules, so BLAS level-3 calls go through LAPACKE or the Fortran entry points below. */
#include <lapacke.h>

/* OpenBLAS's Fortran dgemm (no clash with GSL's cblas_dgemm, which libgslcblas also exports):
   C = alpha op(A) op(B) + beta C, column-major, op = 'N' or 'T'. */
void dgemm_(const char *transa, const char *transb, const int *m, const int *n, const int *k,
            const double *alpha, const double *a, const int *lda, const double *b, const int *ldb,
            const double *beta, double *c, const int *ldc);
static inline void crucible_dgemm(char transa, char transb, int m, int n, int k, double alpha,
                                  const double *a, int lda, const double *b, int ldb, double beta,
                                  double *c, int ldc) {
    dgemm_(&transa, &transb, &m, &n, &k, &alpha, a, &lda, b, &ldb, &beta, c, &ldc);
}

/* OpenBLAS's Fortran dtrsv: x = op(A)⁻¹ x for a triangular A, column-major (one right-hand
   side without dtrsm's packing of the triangle). */
void dtrsv_(const char *uplo, const char *trans, const char *diag, const int *n, const double *a, const int *lda,
            double *x, const int *incx);
static inline void crucible_dtrsv(char uplo, char trans, int n, const double *a, int lda, double *x) {
    const char diag = 'N';
    const int inc = 1;
    dtrsv_(&uplo, &trans, &diag, &n, a, &lda, x, &inc);
}

/* OpenBLAS threading: sweeps parallelize across trials, so BLAS runs single-threaded. OpenBLAS's
   pthread build starts a pool of worker threads when it is loaded, and they spin (sched_yield)
   waiting for work: about 0.1 s of CPU in every process, work a single-threaded BLAS never
   hands them. So after setting one thread, the pool is shut down (the entry point OpenBLAS uses
   around fork()); it is looked up at run time because OpenBLAS's serial and OpenMP builds need
   not export it. With one thread OpenBLAS never restarts the pool. */
#include <dlfcn.h>
void openblas_set_num_threads(int num_threads);
static inline void crucible_blas_single_thread(void) {
    openblas_set_num_threads(1);
    int (*shutdown)(void) = (int (*)(void))dlsym(RTLD_DEFAULT, "blas_thread_shutdown_");
    if (shutdown) shutdown();
}

#endif
