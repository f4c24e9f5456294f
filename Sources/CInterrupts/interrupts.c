// See include/tape_interrupts.h for why this lives in a .c file of its own.
#include "tape_interrupts.h"

#include <signal.h>
#include <stdatomic.h>
#include <string.h>

// A lock-free atomic int is async-signal-safe (C11 7.14.1.1) and, unlike a plain
// `volatile sig_atomic_t`, is also well defined when worker threads (the optimizer's
// concurrentPerform) read it while the handler runs on another thread.
static atomic_int sigint_count = 0;

static void tape_sigint_handler(int signo) {
    (void)signo;
    int n = atomic_load_explicit(&sigint_count, memory_order_relaxed);
    if (n < 1000000) atomic_store_explicit(&sigint_count, n + 1, memory_order_relaxed);
}

int tape_install_sigint_handler(void) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = tape_sigint_handler;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = 0;
    return sigaction(SIGINT, &sa, NULL);
}

int tape_sigint_count(void) { return atomic_load_explicit(&sigint_count, memory_order_relaxed); }

void tape_sigint_clear(void) { atomic_store_explicit(&sigint_count, 0, memory_order_relaxed); }

void tape_sigint_request(void) { atomic_fetch_add_explicit(&sigint_count, 1, memory_order_relaxed); }

void tape_ignore_sigpipe(void) { signal(SIGPIPE, SIG_IGN); }
