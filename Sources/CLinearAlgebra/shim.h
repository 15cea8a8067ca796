#ifndef CGLAB_CLINEARALGEBRA_SHIM_H
#define CGLAB_CLINEARALGEBRA_SHIM_H
#include <cblas.h>
#include <lapacke.h>
#endif
