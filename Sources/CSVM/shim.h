// LIBSVM (Debian: libsvm-dev 3.24, no pkg-config file, hence `link` in the module map).
// The quiet printer stops svm_train writing its progress to stdout; `tape_svm_seed`
// seeds the C library's rand(), which LIBSVM uses (and nothing else in Tape does) to
// shuffle the internal cross-validation behind probability estimates, so a fit with
// probabilities is the same for the same seed.
#ifndef TAPE_CSVM_SHIM_H
#define TAPE_CSVM_SHIM_H
#include <stdlib.h>
#include <libsvm/svm.h>

static void tape_svm_quiet(const char *s) { (void)s; }
static inline void tape_svm_silence(void) { svm_set_print_string_function(tape_svm_quiet); }
static inline void tape_svm_seed(unsigned int seed) { srand(seed); }
static inline int tape_svm_version(void) { return libsvm_version; }
#endif
