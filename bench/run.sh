#!/usr/bin/env bash
# Times Tape's indicators and TA-Lib's C library on the same 1,000,000-bar synthetic series
# and prints tape/talib per indicator (below 1 means Tape is faster).
set -euo pipefail
cd "$(dirname "$0")/.."
if ! swift build -c release --product tape-bench >/tmp/tape-bench-build.$$ 2>&1; then
  tail -20 /tmp/tape-bench-build.$$; rm -f /tmp/tape-bench-build.$$; exit 1
fi
rm -f /tmp/tape-bench-build.$$
all=$(.build/release/tape-bench)
echo "$all"
echo
if [ ! -x .build/venv-bench/bin/python ] || ! .build/venv-bench/bin/python -c 'import talib' 2>/dev/null; then
  python3 -m venv .build/venv-bench
  if ! .build/venv-bench/bin/pip install -q ta-lib numpy; then
    echo "TA-Lib comparison skipped: pip could not install ta-lib"
    exit 0
  fi
fi
tape=$(echo "$all" | grep -E '^[A-Z]+\(' )
echo "Indicators, the same series through TA-Lib's C library (in this run):"
talib=$(.build/venv-bench/bin/python bench/talib_bench.py)
echo "$tape" | sed 's/^/tape   /'
echo "$talib" | sed 's/^/talib  /'
printf '%-16s %10s %10s %8s\n' indicator tape talib ratio
while IFS= read -r line; do
  name=${line%%:*}
  t=$(echo "$line" | awk '{print $2}')
  r=$(echo "$talib" | grep -F "$name:" | awk '{print $2}')
  awk -v n="$name" -v t="$t" -v r="$r" 'BEGIN { printf "%-16s %10.2f %10.2f %8.2f\n", n, t, r, t / r }'
done <<< "$tape"
