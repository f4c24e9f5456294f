#!/usr/bin/env bash
# The XGBoost goal of issue 16: Tape's fit of 1,000,000 x 50 rows (tape-bench's `models`
# group, given as $1) against the Python binding on the same rows and parameters in the
# same run: Debian's python3-xgboost, which loads the very libxgboost.so.0 Tape links,
# and, for reference, PyPI's xgboost 1.7.4 wheel, which ships its own build of the
# library. Ratios of wall time and of process CPU time (all threads); on a shared
# machine CPU time is the steadier of the two.
set -uo pipefail
cd "$(dirname "$0")/.."
tape=$(echo "${1:-}" | grep '^model xgboost fit')
[ -n "$tape" ] || { echo "XGBoost comparison skipped: no tape-bench models line"; exit 0; }
tw=$(echo "$tape" | sed -E 's/.*: ([0-9.]+) ms wall.*/\1/')
tc=$(echo "$tape" | sed -E 's/.*, ([0-9.]+) ms process CPU.*/\1/')
echo
echo "XGBoost fit, 1,000,000 x 50, 20 rounds, 2 threads (load average $(cut -d' ' -f1 /proc/loadavg) at the comparison):"
compare() {   # $1 label, $2 python
  line=$("$2" bench/models_bench.py 2>/dev/null | tail -1)
  [ -n "$line" ] || { echo "  $1: skipped (cannot import xgboost)"; return; }
  pw=$(echo "$line" | sed -E 's/.*: ([0-9.]+) ms wall.*/\1/')
  pc=$(echo "$line" | sed -E 's/.*, ([0-9.]+) ms process CPU.*/\1/')
  echo "  $line"
  awk -v l="$1" -v tw="$tw" -v pw="$pw" -v tc="$tc" -v pc="$pc" \
    'BEGIN { printf "  tape / %s: wall %.3f, CPU %.3f\n", l, tw / pw, tc / pc }'
}
echo "  $tape"
[ -x /usr/bin/python3 ] && compare "Debian python3-xgboost (same library)" /usr/bin/python3
if [ ! -x .build/venv-models/bin/python ]; then
  python3 -m venv .build/venv-models && .build/venv-models/bin/pip install -q -r Tests/Fixtures/models/requirements.txt >/dev/null 2>&1
fi
[ -x .build/venv-models/bin/python ] && compare "PyPI xgboost 1.7.4 wheel (its own build)" .build/venv-models/bin/python
exit 0
