#!/usr/bin/env bash
# Renders every lesson and example session to a self-contained HTML notebook and checks
# that each rendering succeeded and embeds every chart the session drew: the number of
# `chart: PATH` lines in the session's stored output (#> lines) must equal the number of
# charts inlined in the HTML (<figure data-chart=...>), and none may be reported missing.
# Prints one summary line that CI reads: "notebooks: N passed, N failed".
set -u
tape=${1:?usage: notebooks-test.sh PATH/TO/tape}
tape=$(cd "$(dirname "$tape")" && pwd)/$(basename "$tape")
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
pass=0; fail=0
shopt -s nullglob globstar
for f in sessions/lessons/**/*.tape sessions/examples/**/*.tape; do
  html="$out/$(basename "${f%.tape}").html"
  problem=""
  if ! "$tape" notebook "$f" -o "$html" >"$out/log" 2>&1; then
    problem="tape notebook exited non-zero: $(tail -3 "$out/log")"
  elif [ ! -s "$html" ]; then
    problem="no HTML written"
  else
    drawn=$(grep -c '^#> chart: ' "$f")
    embedded=$(grep -o '<figure data-chart=' "$html" | wc -l)
    images=$(grep -o 'data:image/png;base64,\|data:image/svg+xml;base64,' "$html" | wc -l)
    if grep -q 'class="err">chart .* is missing' "$html"; then
      problem="a chart file is missing from the notebook"
    elif [ "$drawn" -ne "$embedded" ] || [ "$embedded" -ne "$images" ]; then
      problem="the session drew $drawn chart(s); the HTML embeds $embedded figure(s) with $images image(s)"
    fi
  fi
  if [ -z "$problem" ]; then
    pass=$((pass + 1))
  else
    fail=$((fail + 1)); echo "FAIL $f: $problem"
  fi
done
echo "notebooks: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
