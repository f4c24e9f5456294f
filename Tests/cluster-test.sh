#!/usr/bin/env bash
# A sweep on a real Dask distributed cluster: a scheduler and two workers on loopback run
# the shards of one search through scripts/dask-sweep.py, and the merged printout must
# equal the one-machine printout of the same search (table, best parameters, deflated
# Sharpe ratio over every trial). Dask comes from PyPI into .build/venv-dask
# (Tests/Servers/setup-dask.sh, run by make test-servers); skipped, saying so, without it.
set -u
tape=$(cd "$(dirname "${1:?usage: cluster-test.sh PATH/TO/tape}")" && pwd)/$(basename "$1")
cd "$(dirname "$0")/.."
venv=.build/venv-dask
if ! "$venv/bin/python" -c 'import distributed' 2>/dev/null; then
  echo "cluster: skipped (Dask is not installed: run Tests/Servers/setup-dask.sh)"
  exit 0
fi
tmp=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done; wait 2>/dev/null; rm -rf "$tmp"; }
trap cleanup EXIT

goog="$PWD/Tests/Fixtures/backtests/GOOG.csv"
setup="load GOOG from \"$goog\""
search="optimize GOOG sma_cross fast 5..30 step 5 slow 20..80 step 10 commission 0.1%"

"$venv/bin/dask" scheduler --host 127.0.0.1 --port 0 --no-dashboard --scheduler-file "$tmp/scheduler.json" \
  >"$tmp/scheduler.log" 2>&1 &
pids+=($!)
for _ in $(seq 100); do [ -s "$tmp/scheduler.json" ] && break; sleep 0.2; done
for w in 1 2; do
  "$venv/bin/dask" worker --scheduler-file "$tmp/scheduler.json" --host 127.0.0.1 --nthreads 1 --nworkers 1 \
    --no-dashboard --name "w$w" >"$tmp/worker$w.log" 2>&1 &
  pids+=($!)
done
address=$("$venv/bin/python" -c 'import json,sys; print(json.load(open(sys.argv[1]))["address"])' "$tmp/scheduler.json" 2>/dev/null)
# Both workers registered before the shards go out, so both get some.
"$venv/bin/python" - "$address" <<'PY' || { echo "cluster: FAIL the workers did not join"; cat "$tmp"/*.log; exit 1; }
import sys
from distributed import Client
with Client(sys.argv[1], timeout=60) as c:
    c.wait_for_workers(2, timeout=60)
PY

single=$("$tape" --no-record -c "$setup; $search" 2>&1)
merged=$("$venv/bin/python" scripts/dask-sweep.py --scheduler "$address" --shards 4 --tape "$tape" \
  --setup "$setup" --search "$search" --out "$tmp/shards" 2>&1)
status=$?

pass=0; fail=0
ok() { pass=$((pass + 1)); echo "  ok   $1"; }
bad() { fail=$((fail + 1)); echo "  FAIL $1"; [ -n "${2:-}" ] && sed 's/^/       /' <<<"$2"; }
[ $status -eq 0 ] && [ "$(ls "$tmp/shards" | wc -l)" -eq 4 ] && ok "4 shards ran on the cluster and came back" \
  || bad "the sweep failed" "$merged"$'\n'"$(cat "$tmp"/*.log)"
grep -q "ran on w1" <<<"$merged" && grep -q "ran on w2" <<<"$merged" && ok "both workers ran shards" \
  || bad "not both workers ran shards" "$merged"
# The table, best line and deflated Sharpe line, after each title line (which differs: "(4 shards)").
body() { awk '/^deflated Sharpe ratio/ { print; exit } on { print } /^GOOG sma_cross.*trials/ { on = 1 }' <<<"$1"; }
if [ -n "$(body "$single")" ] && [ "$(body "$merged")" = "$(body "$single")" ]; then
  ok "merged printout equals the single-machine one ($(body "$single" | wc -l) lines)"
else
  bad "merged printout differs" "$(diff <(body "$single") <(body "$merged"))"
fi
grep -q "^GOOG sma_cross (4 shards): 38 trials (grid)" <<<"$merged" && ok "title counts every trial of every shard" \
  || bad "title" "$merged"
grep -q "deflated Sharpe ratio .* over 38 trials" <<<"$merged" && ok "deflated Sharpe counts all 38 trials" || bad "DSR" "$merged"
echo "cluster: $pass passed, $fail failed"
[ $fail -eq 0 ]
