#!/usr/bin/env bash
# The command lines others will script Tape with, run against the real binary.
# Prints "cli: N passed, N failed" and exits non-zero on a failure.
set -u
tape=$(cd "$(dirname "${1:?usage: cli-test.sh PATH/TO/tape}")" && pwd)/$(basename "$1")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0; fail=0
ok() { pass=$((pass + 1)); echo "  ok   $1"; }
bad() { fail=$((fail + 1)); echo "  FAIL $1"; [ -n "${2:-}" ] && sed 's/^/       /' <<<"$2"; }

# 1. -c with a file load and an export, checked against TA-Lib's SMA(20) on the same series.
out=$("$tape" -c "load GOOG from \"Tests/Fixtures/talib/GOOG.csv\"; export close, sma(close, 20) to \"$tmp/out.csv\"" 2>&1)
if [ $? -eq 0 ] && python3 - "$tmp/out.csv" Tests/Fixtures/talib/GOOG_SMA_20.csv <<'PY'
import csv, math, sys
mine = list(csv.DictReader(open(sys.argv[1])))
ref = list(csv.DictReader(open(sys.argv[2])))
assert len(mine) == len(ref) == 2148, (len(mine), len(ref))
assert list(mine[0].keys()) == ["date", "close", "sma(close, 20)"], mine[0].keys()
for m, r in zip(mine, ref):
    assert m["date"] == r["date"]
    a, b = m["sma(close, 20)"], r["sma"]
    assert (a == "") == (b == ""), (m["date"], a, b)
    if a: assert abs(float(a) - float(b)) <= 1e-9 * abs(float(b)), (m["date"], a, b)
PY
then ok "-c load + export matches TA-Lib SMA(20) on 2148 bars"; else bad "-c load + export" "$out"; fi

# 2. A script file, then --check of the same file with stored output.
cat >"$tmp/script.tape" <<'T'
load SPY 2020-08-24..2020-08-28
last(close)
T
out=$("$tape" "$tmp/script.tape" 2>&1)
[ $? -eq 0 ] && grep -qx "350.58" <<<"$out" && ok "tape script.tape" || bad "tape script.tape" "$out"
"$tape" --update "$tmp/script.tape" >/dev/null 2>&1
out=$("$tape" --check "$tmp/script.tape" 2>&1)
[ $? -eq 0 ] && grep -q "^ok " <<<"$out" && ok "tape --check script.tape passes" || bad "--check passes" "$out"
sed -i 's/^#> 350.58$/#> 351/' "$tmp/script.tape"
out=$("$tape" --check "$tmp/script.tape" 2>&1)
[ $? -ne 0 ] && grep -q "^  - 351$" <<<"$out" && grep -q "^  + 350.58$" <<<"$out" && ok "--check reports a changed output and exits 1" || bad "--check diff" "$out"

# 3. Commands on stdin run as a script.
out=$(echo 'load SPY; describe' | "$tape" 2>&1)
[ $? -eq 0 ] && grep -q "^SPY: 5241 bars, 1999-11-01..2020-08-28" <<<"$out" && ok "echo 'load SPY; describe' | tape" || bad "stdin script" "$out"

# 4. Exit status: a failed command fails the run; --keep-going carries on.
out=$(printf 'lod SPY\n1 + 1\n' | "$tape" 2>&1)
[ $? -ne 0 ] && ! grep -qx 2 <<<"$out" && ok "a failed command stops a piped script, status 1" || bad "stop on failure" "$out"
out=$(printf 'lod SPY\n1 + 1\n' | "$tape" --keep-going 2>&1)
[ $? -ne 0 ] && grep -qx 2 <<<"$out" && ok "--keep-going runs on and still exits 1" || bad "--keep-going" "$out"

# 5. A reader that goes away early (EPIPE) ends output quietly, never a crash.
status=$("$tape" -c 'load SPY; show tail 2000; describe' 2>"$tmp/err" | head -1 >/dev/null; echo "${PIPESTATUS[0]}")
[ "$status" = 0 ] && ! grep -qi "crash\|fatal" "$tmp/err" && ok "tape ... | head exits 0 without a crash" || bad "EPIPE" "$(cat "$tmp/err")"

# 6. The process's own flags.
out=$("$tape" --version 2>&1); [ $? -eq 0 ] && grep -Eq '^[0-9]+\.[0-9]+\.[0-9]+$' <<<"$out" && ok "tape --version" || bad "--version" "$out"
out=$("$tape" --help 2>&1); [ $? -eq 0 ] && grep -q -- "--check" <<<"$out" && ok "tape --help" || bad "--help" "$out"

echo "cli: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
