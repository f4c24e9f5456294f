#!/usr/bin/env bash
# End-to-end test of Tape's line editing on a real terminal: runs the binary inside a
# detached tmux session, types keys with send-keys and reads the screen with
# capture-pane. Usage: Tests/terminal/tmux-test.sh TAPE_BINARY
#
# HOME and the XDG directories point into a temporary directory, so the user's own
# history is never read or written, and a private tmux server (-L) keeps the user's sessions
# out of reach. Skips (exit 0) when tmux is not installed.
set -u

binary=${1:-}
if [ -z "$binary" ] || [ ! -x "$binary" ]; then
    echo "usage: $0 TAPE_BINARY (an executable tape)" >&2
    exit 2
fi
binary=$(cd "$(dirname "$binary")" && pwd)/$(basename "$binary")
if ! command -v tmux >/dev/null 2>&1; then
    echo "terminal: skipped (tmux is not installed)"
    exit 0
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/tape-tmux.XXXXXX")
mkdir -p "$work/home"
runs=0
server="tape-test-$$-0"
session=t
passed=0
failed=0
trap 'tmux -L "$server" kill-server >/dev/null 2>&1; rm -rf "$work"' EXIT

# tmux's own complaints (a query racing the shell's exit) are not test output.
t() { tmux -L "$server" "$@" 2>/dev/null; }

# Starts the shell in a fresh 100x30 pane. When it exits, the pane prints a marker with
# its status and stays open, so the test can read how it ended.
start() {
    # Each run gets its own server: a new session on a server that is still shutting
    # down fails with "server exited unexpectedly".
    t kill-server >/dev/null
    runs=$((runs + 1))
    server="tape-test-$$-$runs"
    # tmux itself runs in UTF-8 (-u); the shell gets no LANG, as in many containers,
    # and must still accept non-ASCII keys. It starts in the temporary directory with
    # every XDG directory there, so files it writes (recorded sessions) stay there.
    LANG=C.UTF-8 t -u -f /dev/null new-session -d -s "$session" -x 100 -y 30 -c "$work" \
        "env -u LANG -u LC_ALL -u LC_CTYPE HOME='$work/home' XDG_STATE_HOME='$work/state' XDG_DATA_HOME='$work/data' XDG_CONFIG_HOME='$work/config' XDG_CACHE_HOME='$work/cache' TERM=xterm-256color '$binary'; echo \"[tape exited \$?]\"; sleep 600"
    wait_for_prompt || { echo "  the shell showed no prompt; screen:"; screen | sed 's/^/  | /'; }
}

screen() { t capture-pane -p -t "$session"; }

# The line the cursor is on: the prompt line being edited.
cursor_line() {
    local y
    y=$(t display-message -p -t "$session" '#{cursor_y}')
    t capture-pane -p -t "$session" -S "$y" -E "$y"
}

# Polls (up to 10 s) until `check` succeeds; the shell's speed is not under test.
eventually() {
    local i
    for i in $(seq 100); do
        if "$@"; then return 0; fi
        sleep 0.1
    done
    return 1
}

screen_has() { screen | grep -qF -- "$1"; }
cursor_has() { cursor_line | grep -qF -- "$1"; }
cursor_lacks() { ! cursor_line | grep -qF -- "$1"; }
exited() { screen | grep -q '\[tape exited [0-9]*\]'; }
# A prompt is on screen when the cursor sits after some text on a line of its own.
prompt_shown() {
    local x
    x=$(t display-message -p -t "$session" '#{cursor_x}')
    [ -n "$x" ] && [ "$x" -gt 0 ] && ! exited
}
wait_for_prompt() { eventually prompt_shown; }

# Waits for the screen to stop changing (the shell has finished drawing).
settle() {
    local before after i
    before=$(screen)
    for i in $(seq 50); do
        sleep 0.1
        after=$(screen)
        [ "$before" = "$after" ] && return 0
        before=$after
    done
}

keys() { t send-keys -t "$session" "$@"; settle; }
# Literal text (-l), so words like "Enter" or "C-c" inside it are typed, not pressed.
type_text() { t send-keys -t "$session" -l "$1"; settle; }

check() {
    local name=$1; shift
    if eventually "$@"; then
        passed=$((passed + 1)); echo "  ok   $name"
    else
        failed=$((failed + 1)); echo "  FAIL $name"
        echo "       expected: $*"
        echo "       cursor line: $(cursor_line)"
        screen | sed '/^$/d; s/^/       | /'
    fi
}

marker="40000 + 2"

echo "terminal: $binary"
start

# (a) A line typed and run comes back with Up.
type_text "$marker"; keys Enter
settle
keys Up
check "Up recalls the previous line" cursor_has "$marker"
keys C-u

# (c) Tab completes a command name prefix.
type_text "hel"; keys Tab
check "Tab completes 'hel' to 'help'" cursor_has "help"
keys C-u

# (d) Ctrl-C clears the half-typed line; the shell keeps running.
type_text "zzhalfway"
check "text typed before Ctrl-C is on the line" cursor_has "zzhalfway"
keys C-c
check "Ctrl-C at the prompt clears the line" cursor_lacks "zzhalfway"
type_text "help"; keys Enter
check "a command after Ctrl-C runs (the shell is alive)" prompt_shown
check "the cleared text did not reach the command" eval '! screen | grep -qF "zzhalfwayhelp"'

# Ctrl-R searches back through history; Enter runs the line found.
keys C-r
type_text "0000 +"
keys Enter
settle
keys Up
check "Ctrl-R finds an older line" cursor_has "$marker"
keys C-u

# Non-ASCII keys reach the line even without LANG (libedit needs a UTF-8 LC_CTYPE).
type_text "über"
check "non-ASCII input is kept" cursor_has "über"
keys C-u

# (e) Ctrl-D on an empty line exits with status 0.
keys C-d
check "Ctrl-D on an empty line exits with status 0" screen_has "[tape exited 0]"

# (b) History persists: a second run recalls the first run's line.
start
# Up walks back past the first run's later lines (help) to the marker.
for _ in 1 2 3 4 5; do
    keys Up
    cursor_has "$marker" && break
done
check "history persists to a second run" cursor_has "$marker"
history_file="$work/state/tape/history"
check "history is written under XDG_STATE_HOME" eval 'grep -qF "$marker" "$history_file"'
keys C-u C-d
check "the second run exits on Ctrl-D" screen_has "[tape exited 0]"

echo "terminal: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
