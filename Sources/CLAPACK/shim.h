#ifndef CRUCIBLE_CLAPACK_SHIM_H
#define CRUCIBLE_CLAPACK_SHIM_H

/* LAPACKE only: OpenBLAS's cblas.h clashes with GSL's gsl_cblas.h enums when a Swift file
   imports both modules, so BLAS level-3 calls go through GSL's gsl_blas or LAPACKE. */
#include <lapacke.h>

/* OpenBLAS threading: sweeps parallelize across trials, so BLAS runs single-threaded. */
void openblas_set_num_threads(int num_threads);
static inline void crucible_blas_set_threads(int n) { openblas_set_num_threads(n); }

#endif
