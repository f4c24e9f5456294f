#!/usr/bin/env python3
"""Loopback test server for Tape's network tests. Never reached from outside 127.0.0.1.

Started by the tests (setUp) with `python3 market_server.py FIXTURE_DIR`; it binds a free
port on 127.0.0.1, prints `PORT <n>` on stdout, and exits when its stdin closes (the test
process ended) or after 10 minutes, whichever comes first.

Routes
  /v2/stocks/<SYM>/bars   Alpaca market-data v2 bars from FIXTURE_DIR/<SYM>.csv, paged by
                          `limit` (capped by --page-size), `page_token` = next row index;
                          honours start/end (RFC 3339 or date). Needs headers
                          APCA-API-KEY-ID: test-key-id, APCA-API-SECRET-KEY: test-secret,
                          else 401 (missing) / 403 (wrong).
  /csv/<NAME>             the file FIXTURE_DIR/<NAME> as text/csv
  /status/<code>          that status; 429 carries Retry-After: 1
  /flaky/<id>?code=C&fails=N[&retry_after=S]   status C for the first N requests of <id>, then 200 "ok <id>"
  /truncated              announces Content-Length 1000, sends 100 bytes, closes
  /slow?seconds=S         waits S seconds, then 200
  /drip?bytes=N&chunks=K&delay=S  N bytes in K chunks with S seconds between them
  /echo                   200 with the request's headers as JSON
  /redirect?to=URL[&code=C]   C (default 302) with Location: URL
  /v2/stocks/ENDLESS/bars an empty page whose next_page_token is always new (a server
                          that never ends its pagination)

Options: --page-size N; --log FILE appends every request as one JSON line
{"port", "method", "path", "headers"} (the hostile-session test reads it); --redirect-bars
URL answers every bars request but ENDLESS with a 302 to URL + the same path and query.
"""
import csv, json, os, sys, threading, time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlparse, parse_qs

FIXTURES = sys.argv[1] if len(sys.argv) > 1 else "."
PAGE_SIZE = 100
LOG = None
REDIRECT_BARS = None
KEY_ID, SECRET = "test-key-id", "test-secret"
counts = {}
lock = threading.Lock()


def iso(d):
    return d if "T" in d else d + "T05:00:00Z"   # Alpaca stamps daily bars at 04:00/05:00 UTC


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *a):
        pass

    def send(self, code, body=b"", ctype="text/plain", extra=None):
        if isinstance(body, str):
            body = body.encode()
        self.send_response(code)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for k, v in (extra or {}).items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        if LOG:
            entry = {"port": self.server.server_address[1], "method": "GET", "path": self.path,
                     "headers": {k: v for k, v in self.headers.items()}}
            with lock, open(LOG, "a") as f:
                f.write(json.dumps(entry) + "\n")
        u = urlparse(self.path)
        q = {k: v[-1] for k, v in parse_qs(u.query).items()}
        parts = u.path.strip("/").split("/")
        try:
            if parts[:2] == ["v2", "stocks"] and len(parts) == 4 and parts[3] == "bars":
                return self.bars(parts[2], q)
            if parts[0] == "csv" and len(parts) == 2:
                path = os.path.join(FIXTURES, os.path.basename(parts[1]))
                if not os.path.exists(path):
                    return self.send(404, "no such file")
                with open(path, "rb") as f:
                    return self.send(200, f.read(), "text/csv")
            if parts[0] == "status":
                code = int(parts[1])
                return self.send(code, "status %d" % code, extra={"Retry-After": "1"} if code == 429 else None)
            if parts[0] == "flaky":
                with lock:
                    n = counts.get(parts[1], 0)
                    counts[parts[1]] = n + 1
                if n < int(q.get("fails", "1")):
                    extra = {"Retry-After": q["retry_after"]} if "retry_after" in q else None
                    return self.send(int(q.get("code", "503")), "try later", extra=extra)
                return self.send(200, "ok " + parts[1])
            if parts[0] == "truncated":
                self.send_response(200)
                self.send_header("Content-Length", "1000")
                self.end_headers()
                self.wfile.write(b"x" * 100)
                self.wfile.flush()
                self.close_connection = True
                return
            if parts[0] == "slow":
                time.sleep(float(q.get("seconds", "5")))
                return self.send(200, "slow")
            if parts[0] == "drip":
                n, k, delay = int(q.get("bytes", "1000")), int(q.get("chunks", "10")), float(q.get("delay", "0.1"))
                self.send_response(200)
                self.send_header("Content-Length", str(n))
                self.end_headers()
                sent = 0
                for i in range(k):
                    size = n // k if i < k - 1 else n - sent
                    self.wfile.write(b"d" * size)
                    self.wfile.flush()
                    sent += size
                    time.sleep(delay)
                return
            if parts[0] == "redirect":
                return self.send(int(q.get("code", "302")), "moved", extra={"Location": q.get("to", "/")})
            if parts[0] == "echo":
                return self.send(200, json.dumps({k.lower(): v for k, v in self.headers.items()}), "application/json")
            return self.send(404, "no route")
        except (BrokenPipeError, ConnectionResetError):
            pass

    def bars(self, sym, q):
        if sym == "ENDLESS":
            token = str(int(q.get("page_token") or 0) + 1)
            return self.send(200, json.dumps({"bars": [], "symbol": sym, "next_page_token": token}), "application/json")
        if REDIRECT_BARS:
            return self.send(302, "moved", extra={"Location": REDIRECT_BARS + self.path})
        key, secret = self.headers.get("APCA-API-KEY-ID"), self.headers.get("APCA-API-SECRET-KEY")
        if not key or not secret:
            return self.send(401, json.dumps({"message": "unauthorized."}), "application/json")
        if key != KEY_ID or secret != SECRET:
            return self.send(403, json.dumps({"message": "forbidden."}), "application/json")
        path = os.path.join(FIXTURES, os.path.basename(sym) + ".csv")
        if not os.path.exists(path):
            return self.send(404, json.dumps({"message": "not found"}), "application/json")
        with open(path) as f:
            rows = list(csv.DictReader(f))
        start, end = q.get("start", "")[:10], q.get("end", "")[:10]
        rows = [r for r in rows if (not start or r["date"] >= start) and (not end or r["date"] <= end)]
        offset = int(q.get("page_token") or 0)
        limit = min(int(q.get("limit", "1000")), PAGE_SIZE)
        page = rows[offset:offset + limit]
        def num(s):
            return float(s) if s else None
        bars = [{"t": iso(r["date"]), "o": num(r["open"]), "h": num(r["high"]), "l": num(r["low"]),
                 "c": num(r["close"]), "v": int(float(r["volume"])) if r["volume"] else None,
                 "n": 1, "vw": num(r["close"])} for r in page]
        nxt = str(offset + limit) if offset + limit < len(rows) else None
        self.send(200, json.dumps({"bars": bars, "symbol": sym, "next_page_token": nxt}), "application/json")


def main():
    global PAGE_SIZE, LOG, REDIRECT_BARS
    if "--page-size" in sys.argv:
        PAGE_SIZE = int(sys.argv[sys.argv.index("--page-size") + 1])
    if "--log" in sys.argv:
        LOG = sys.argv[sys.argv.index("--log") + 1]
    if "--redirect-bars" in sys.argv:
        REDIRECT_BARS = sys.argv[sys.argv.index("--redirect-bars") + 1]
    srv = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    srv.daemon_threads = True
    print("PORT %d" % srv.server_address[1], flush=True)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    deadline = time.time() + 600
    def watch_stdin():
        sys.stdin.read()
        os._exit(0)
    threading.Thread(target=watch_stdin, daemon=True).start()
    while time.time() < deadline:
        time.sleep(0.5)
    os._exit(0)


if __name__ == "__main__":
    main()
