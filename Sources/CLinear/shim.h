// LIBLINEAR (Debian: liblinear-dev 2.3.0, which ships no pkg-config file, hence `link`
// in the module map). Its training prints progress through a function pointer; the
// quiet printer below is the one Tape installs, since Swift cannot pass a C function
// literal without a capture-free closure and a named function reads better.
#ifndef TAPE_CLINEAR_SHIM_H
#define TAPE_CLINEAR_SHIM_H
#include <stdlib.h>
#include <linear.h>

static void tape_linear_quiet(const char *s) { (void)s; }
static inline void tape_linear_silence(void) { set_print_string_function(tape_linear_quiet); }
static inline int tape_linear_version(void) { return liblinear_version; }
// The dual solvers shuffle rows with rand(): seeded before each fit, so a seed gives one model.
static inline void tape_linear_seed(unsigned int seed) { srand(seed); }
#endif
