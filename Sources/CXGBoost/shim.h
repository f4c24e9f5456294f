// XGBoost's C API (Debian: libxgboost-dev 1.7.4). Every call Tape makes is a plain C
// function Swift can call directly; this header only brings the API in.
#ifndef TAPE_CXGBOOST_SHIM_H
#define TAPE_CXGBOOST_SHIM_H
#include <xgboost/c_api.h>
#endif
