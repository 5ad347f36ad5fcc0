#ifndef CRUCIBLE_CGSL_SHIM_H
#define CRUCIBLE_CGSL_SHIM_H

#include <gsl/gsl_errno.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_qrng.h>
#include <gsl/gsl_multimin.h>
#include <gsl/gsl_vector.h>
#include <gsl/gsl_matrix.h>
#include <gsl/gsl_sf_gamma.h>
#include <gsl/gsl_statistics_double.h>
#include <gsl/gsl_sort_double.h>

/* GSL exposes its generator types and the default error handler as mutable globals,
   which Swift 6 strict concurrency rejects. These accessors return them by value. */
static inline const gsl_rng_type *crucible_gsl_rng_mt19937(void) { return gsl_rng_mt19937; }
static inline const gsl_qrng_type *crucible_gsl_qrng_sobol(void) { return gsl_qrng_sobol; }
static inline const gsl_qrng_type *crucible_gsl_qrng_niederreiter_2(void) { return gsl_qrng_niederreiter_2; }
static inline const gsl_multimin_fdfminimizer_type *crucible_gsl_multimin_lbfgs(void) { return gsl_multimin_fdfminimizer_vector_bfgs2; }
static inline const gsl_multimin_fminimizer_type *crucible_gsl_multimin_nmsimplex2(void) { return gsl_multimin_fminimizer_nmsimplex2; }

/* Turns GSL's aborting error handler off once; callers check the returned status codes. */
static inline void crucible_gsl_disable_abort(void) { gsl_set_error_handler_off(); }

#endif
