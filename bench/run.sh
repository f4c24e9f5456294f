#!/usr/bin/env bash
# Runs every Tape benchmark, then times TA-Lib's C library on the same 1,000,000-bar
# indicator series and backtesting.py 0.6.6 on the same backtest bars, printing
# tape/reference per measure (below 1 means Tape is faster).
set -euo pipefail
cd "$(dirname "$0")/.."
if ! swift build -c release --product tape-bench >/tmp/tape-bench-build.$$ 2>&1; then
  tail -20 /tmp/tape-bench-build.$$; rm -f /tmp/tape-bench-build.$$; exit 1
fi
rm -f /tmp/tape-bench-build.$$
all=$(.build/release/tape-bench)
echo "$all"
echo
# Each comparison is skipped (not the rest) when pip cannot install its reference.
[ -x .build/venv-bench/bin/python ] || python3 -m venv .build/venv-bench
compare_talib() {
  if ! .build/venv-bench/bin/python -c 'import talib' 2>/dev/null \
      && ! .build/venv-bench/bin/pip install -q ta-lib numpy; then
    echo "TA-Lib comparison skipped: pip could not install ta-lib"
    return
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
}
compare_talib
bash bench/models.sh "$all"

# Every TA-Lib function at its defaults, Tape's catalogue entry of the same name beside it
# (`tape-bench catalogue` and `talib_bench.py all`: the same 1,000,000 bars, best of 3).
compare_catalogue() {
  .build/venv-bench/bin/python -c 'import talib' 2>/dev/null || return 0
  local tape talib
  tape=$(echo "$all" | grep -E '^[A-Z0-9_]+: [0-9.]+ ns/op$')
  talib=$(.build/venv-bench/bin/python bench/talib_bench.py all)
  echo
  echo "Every TA-Lib function at its defaults, ns per bar (in this run; ratio = tape/talib):"
  join <(echo "$tape" | tr -d ':' | awk '{print $1, $2}' | sort) <(echo "$talib" | tr -d ':' | awk '{print $1, $2}' | sort) \
    | awk '{ r = $2 / $3; printf "%-20s %10.2f %10.2f %8.2f\n", $1, $2, $3, r; n++; if (r <= 1) within++; if (r > worst) { worst = r; at = $1 } }
           END { printf "%d functions: %d within TA-Lib'"'"'s time (ratio <= 1), the slowest %s at %.2fx\n", n, within, at, worst }'
}
compare_catalogue

# Options, the same random set (bench/options_bench.py rebuilds it) through vollib 1.0
# and QuantLib 1.44's Python bindings, one call per option as a user makes it; the goals
# are Tape's absolute times (price with all Greeks <= 60 ns, implied vol <= 200 ns).
compare_options() {
  if ! .build/venv-bench/bin/python -c 'import vollib, QuantLib' 2>/dev/null \
      && ! .build/venv-bench/bin/pip install -q vollib QuantLib==1.44; then
    echo "Options comparison skipped: pip could not install vollib and QuantLib"
    return
  fi
  local ref g iv
  ref=$(.build/venv-bench/bin/python bench/options_bench.py)
  g=$(echo "$all" | grep '^options.greeks' | sed -E 's/.*: ([0-9.]+) ns.*/\1/')
  iv=$(echo "$all" | grep '^options.implied_vol' | sed -E 's/.*: ([0-9.]+) ns.*/\1/')
  echo
  echo "Options, ns per option (cpu, in this run; ratio = tape/reference):"
  printf '%-14s %8s %6s %12s %8s %12s %8s\n' measure tape goal vollib ratio quantlib ratio
  for m in greeks:60:$g implied_vol:200:$iv; do
    IFS=: read -r name goal t <<< "$m"
    v=$(echo "$ref" | grep "^vollib.$name:" | awk '{print $2}')
    q=$(echo "$ref" | grep "^quantlib.$name:" | awk '{print $2}')
    awk -v n="$name" -v t="$t" -v g="$goal" -v v="$v" -v q="$q" \
      'BEGIN { printf "%-14s %8.1f %6d %12.1f %8.4f %12.1f %8.4f\n", n, t, g, v, t / v, q, t / q }'
  done
}
compare_options

# Risk: the same returns (the same SplitMix64 draws) through empyrical and quantstats'
# historical VaR/CVaR, a numpy Monte Carlo and hmmlearn's Baum-Welch from the same start.
compare_risk() {
  if ! .build/venv-bench/bin/python -c 'import empyrical, quantstats, hmmlearn' 2>/dev/null \
      && ! .build/venv-bench/bin/pip install -q -r Tests/Fixtures/risk/requirements.txt; then
    echo "risk comparison skipped: pip could not install the references of Tests/Fixtures/risk/requirements.txt"
    return
  fi
  echo
  echo "Risk, the same data through empyrical, quantstats, numpy and hmmlearn (in this run):"
  ref=$(.build/venv-bench/bin/python bench/risk_bench.py)
  echo "$ref" | sed 's/^/  /'
  printf '%-58s %12s %12s %8s\n' measure tape reference ratio
  while IFS= read -r line; do
    name=${line%%:*}
    t=$(echo "$all" | grep -F "$name:" | head -1 | sed 's/^[^:]*: //' | awk '{print $1}' || true)
    r=$(echo "${line#*: }" | awk '{print $1}')
    if [ -n "$t" ]; then
      awk -v n="$name" -v t="$t" -v r="$r" 'BEGIN { printf "%-58s %12.2f %12.2f %8.2f\n", substr(n, 1, 58), t, r, t / r }'
    fi
  done <<< "$ref"
}
compare_risk

# Backtests, the same bars through backtesting.py 0.6.6 (the reference the backtest goals cite) in this
# run: GOOG's 2,148 bars with 0.2% commission and a 100,000-bar synthetic series the
# Python script writes, each through `tape -c '... time backtest ...'` (wall time of the
# whole command: signals, engine and every statistic; best of 3).
echo
if ! .build/venv-bench/bin/python -c 'import backtesting' 2>/dev/null \
    && ! .build/venv-bench/bin/pip install -q "backtesting==0.6.6" pandas; then
  echo "backtesting.py comparison skipped: pip could not install backtesting 0.6.6"
  exit 0
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
ref=$(.build/venv-bench/bin/python bench/backtesting_bench.py "$work/syn.csv")
swift build -c release --product tape >/dev/null 2>&1
best_ms() {   # best "time: X ms" of three runs of one backtest command
  .build/release/tape -c "load $1 from \"$2\"; time $3; time $3; time $3" \
    | awk '/^time:/ { v = $2; if (best == "" || v < best) best = v } END { print best }'
}
t_goog=$(best_ms GOOG Tests/Fixtures/backtests/GOOG.csv "backtest GOOG sma_cross fast 10 slow 20 shorts 1 commission 0.2%")
t_syn=$(best_ms SYN "$work/syn.csv" "backtest SYN sma_cross fast 10 slow 20 shorts 1")
r_goog=$(echo "$ref" | awk '/GOOG/ { print $(NF-3) }')
r_syn=$(echo "$ref" | awk '/synthetic/ { print $(NF-3) }')
echo "Backtests, sma_cross 10/20 through backtesting.py 0.6.6 (in this run):"
echo "$ref" | sed 's/^/  /'
printf '%-28s %12s %16s %8s\n' run "tape ms" "backtesting.py" ratio
awk -v t="$t_goog" -v r="$r_goog" 'BEGIN { printf "%-28s %12.3f %16.2f %8.4f\n", "GOOG 2,148 bars", t, r, t / r }'
awk -v t="$t_syn" -v r="$r_syn" 'BEGIN { printf "%-28s %12.3f %16.2f %8.4f\n", "synthetic 100,000 bars", t, r, t / r }'
