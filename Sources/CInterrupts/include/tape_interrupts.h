// Ctrl-C for the whole process: one SIGINT flag with external linkage.
//
// The flag lives in interrupts.c, not in a header: a `static` variable in a header that
// several Swift modules import gives each object file its own copy, so a handler would
// set one copy while a loop in another module read another. Every Swift module that
// imports this target calls the same functions and so reads the one flag.
#ifndef TAPE_INTERRUPTS_H
#define TAPE_INTERRUPTS_H

/// Installs the SIGINT handler without SA_RESTART, so a blocking read at the prompt fails
/// with EINTR instead of being resumed, and a running command only sees the flag.
/// Returns 0, or -1 with errno set. Safe to call more than once.
int tape_install_sigint_handler(void);

/// How many SIGINTs arrived since the last `tape_sigint_clear` (saturates, never wraps).
/// Non-zero means a cancellation was requested.
int tape_sigint_count(void);

/// Forgets every SIGINT seen so far.
void tape_sigint_clear(void);

/// Sets the flag as the handler would: how tests and the shell request a cancellation
/// without sending a signal.
void tape_sigint_request(void);

/// Ignores SIGPIPE, so writing to a reader that went away fails with EPIPE instead of
/// killing the process.
void tape_ignore_sigpipe(void);

#endif
