#ifndef GLIMPSE_COPENBLAS_SHIM_H
#define GLIMPSE_COPENBLAS_SHIM_H
// Debian installs cblas.h for OpenBLAS under the multiarch include directory.
#include <cblas.h>

// LAPACK's Cholesky solve, exported by libopenblas with the Fortran calling
// convention; Debian ships no lapacke.h with libopenblas-dev, so declare it here.
void sposv_(const char *uplo, const int *n, const int *nrhs, float *a, const int *lda,
            float *b, const int *ldb, int *info);
#endif
