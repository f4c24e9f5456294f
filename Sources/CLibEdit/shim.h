// Typed wrappers for libedit. Swift cannot call C variadic functions (el_set, history)
// nor touch C mutable globals under Swift 6, so every such use goes through here.
#ifndef TAPE_CLIBEDIT_SHIM_H
#define TAPE_CLIBEDIT_SHIM_H
#include <stdio.h>
#include <histedit.h>
#include <editline/readline.h>
#endif
