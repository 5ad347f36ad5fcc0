#ifndef CRUCIBLE_CXGBOOST_SHIM_H
#define CRUCIBLE_CXGBOOST_SHIM_H

/* XGBoost's C API (Debian's libxgboost-dev 1.7.4 ships no pkg-config file, so the module map
   links "xgboost" directly). Only the C header: the C++ headers next to it are not imported. */
#include <xgboost/c_api.h>

#endif
