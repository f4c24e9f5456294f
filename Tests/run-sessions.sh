#!/usr/bin/env bash
# Replays every session file with stored output (`#>` lines) through `tape --check`
# and prints one summary line that CI reads: "N passed, N failed".
set -u
tape=${1:?usage: run-sessions.sh PATH/TO/tape}
pass=0; fail=0
shopt -s nullglob globstar
for f in Tests/Sessions/**/*.tape sessions/examples/**/*.tape sessions/lessons/**/*.tape; do
  if "$tape" --check "$f" >/tmp/tape-check.$$ 2>&1; then
    pass=$((pass + 1))
  else
    fail=$((fail + 1)); echo "FAIL $f"; sed 's/^/    /' /tmp/tape-check.$$
  fi
done
rm -f /tmp/tape-check.$$
echo "sessions: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
