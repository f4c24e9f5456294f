// Typed wrappers for libedit. Swift cannot call C variadic functions (el_set, history,
// ioctl) nor touch C mutable globals under Swift 6 (stdin, stdout), so every such use
// goes through here.
//
// Everything below is `static inline` and holds no state: each Swift object file that
// uses a function gets its own copy, which is harmless only because nothing here has a
// variable. Process-wide state (the SIGINT flag) lives in the CInterrupts target's .c file.
#ifndef TAPE_CLIBEDIT_SHIM_H
#define TAPE_CLIBEDIT_SHIM_H
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include <histedit.h>

// MARK: - EditLine

typedef char *(*tape_prompt_fn)(EditLine *);
typedef unsigned char (*tape_command_fn)(EditLine *, int);

/// An editor on the process's standard streams.
static inline EditLine *tape_el_init(const char *program) {
    return el_init(program, stdin, stdout, stderr);
}

/// The prompt callback. Text between a pair of `ignore` characters is printed but not
/// counted toward the prompt's width: the way to embed terminal escapes (colours).
static inline int tape_el_set_prompt(EditLine *el, tape_prompt_fn fn, char ignore) {
    return el_set(el, EL_PROMPT_ESC, fn, (int)ignore);
}

static inline int tape_el_set_editor(EditLine *el, const char *mode) {
    return el_set(el, EL_EDITOR, mode);
}

/// With signal handling on, libedit restores the terminal before SIGINT/SIGTSTP reach
/// the program's own handlers, and redraws after SIGCONT/SIGWINCH.
static inline int tape_el_set_signal(EditLine *el, int on) {
    return el_set(el, EL_SIGNAL, on);
}

static inline int tape_el_set_history(EditLine *el, History *h) {
    return el_set(el, EL_HIST, history, h);
}

static inline int tape_el_bind(EditLine *el, const char *key, const char *command) {
    return el_set(el, EL_BIND, key, command, (const char *)NULL);
}

static inline int tape_el_add_function(EditLine *el, const char *name, const char *help,
                                       tape_command_fn fn) {
    return el_set(el, EL_ADDFN, name, help, fn);
}

static inline int tape_el_set_clientdata(EditLine *el, void *data) {
    return el_set(el, EL_CLIENTDATA, data);
}

static inline void *tape_el_get_clientdata(EditLine *el) {
    void *data = NULL;
    if (el_get(el, EL_CLIENTDATA, &data) != 0) return NULL;
    return data;
}

/// Reads one line; returns NULL at end of input or on error, with `*count` 0 at end of
/// input (Ctrl-D on an empty line) and -1 on error, and `*error` the errno of the
/// failed read (EINTR when a signal such as SIGINT interrupted it).
static inline const char *tape_el_gets(EditLine *el, int *count, int *error) {
    errno = 0;
    const char *line = el_gets(el, count);
    *error = errno;
    return line;
}

// Command return codes for functions bound with tape_el_add_function (they are macros).
static inline unsigned char tape_cc_refresh(void) { return CC_REFRESH; }
static inline unsigned char tape_cc_redisplay(void) { return CC_REDISPLAY; }
static inline unsigned char tape_cc_error(void) { return CC_ERROR; }

// MARK: - History

static inline History *tape_history_init(int size) {
    History *h = history_init();
    if (h == NULL) return NULL;
    HistEvent ev;
    history(h, &ev, H_SETSIZE, size);
    // Consecutive duplicates are stored once, so Up never shows the same line twice.
    history(h, &ev, H_SETUNIQUE, 1);
    return h;
}

static inline int tape_history_enter(History *h, const char *line) {
    HistEvent ev;
    return history(h, &ev, H_ENTER, line);
}

// MARK: - Standard streams and terminal size

static inline void tape_write_stdout(const char *text) {
    fputs(text, stdout);
    fflush(stdout);
}

/// Columns and rows of the terminal on `fd`; 0 when `fd` is not a terminal.
static inline int tape_window_size(int fd, int *columns, int *rows) {
    struct winsize ws;
    memset(&ws, 0, sizeof ws);
    if (ioctl(fd, TIOCGWINSZ, &ws) != 0) return -1;
    *columns = ws.ws_col;
    *rows = ws.ws_row;
    return 0;
}

#endif
