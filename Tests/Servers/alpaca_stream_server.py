#!/usr/bin/env python3
"""Loopback WebSocket server speaking Alpaca's market-data stream protocol (v2), for
Tape's live-stream tests. Never reached from outside 127.0.0.1. Python's standard
library only: the WebSocket hand-shake and framing (RFC 6455) are done here.

Started by the tests with `python3 alpaca_stream_server.py`; binds a free port on
127.0.0.1, prints `PORT <n>`, and exits when its stdin closes or after 10 minutes.

Protocol (as Alpaca's docs give it): on connect `[{"T":"success","msg":"connected"}]`;
`{"action":"auth","key":K,"secret":S}` answers `authenticated`, or error 402 "auth
failed" and a close; a subscribe before auth gets 401; `{"action":"subscribe",
"trades":[..],"quotes":[..],"bars":[..]}` answers `{"T":"subscription",...}` (or 405
"symbol limit exceeded" past the limit on trades + quotes), then the data. Keys:
test-key-id / test-secret.

The data, per symbol (deterministic): N trades 15 s apart from 2024-01-02T14:30:00Z, the
price a fixed walk from 100; a quote with each trade (bid/ask one cent either side);
after each whole minute, the minute bar built from that minute's trades. Each frame
holds one time step of every subscribed symbol.

Query parameters of the URL (any path) choose the scenario:
  n=N            trades per symbol (default 20)
  limit=N        symbol limit on trades + quotes (default 30)
  drop_after=K   on the first connection, after K data frames, close the TCP connection
                 without a close frame; later connections go on from frame K
  malformed=1    before the data: a frame that is not JSON, a message of unknown type
                 "zz" and a trade without a price, each twice
  flood=N        instead of the walk: N trades of the first trade symbol, 100 a frame,
                 as fast as the socket takes them (or `rate=R` trades a second)
  silent=1       after the subscription: no data and no pongs (a dead peer)

Plain HTTP (no Upgrade): GET /v2/stocks/bars/latest?symbols=A,B answers Alpaca's
latest-bar shape, {"bars":{"A":{"t","o","h","l","c","v","n","vw"}}}; every second
request of a symbol moves it to its next minute bar (the walk's close at trade 4k+3),
so a poller sees each bar twice. Needs the two key headers, else 401.
"""
import base64, hashlib, json, os, socket, struct, sys, threading, time
from urllib.parse import urlparse, parse_qs

KEY_ID, SECRET = "test-key-id", "test-secret"
GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"
START = 1704205800  # 2024-01-02T14:30:00Z
progress = {}       # scenario (query string) -> data frames already sent
polls = {}          # symbol -> latest-bar requests so far
lock = threading.Lock()


def stamp(t):
    return time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(t)) + "Z"


def price(sym, k):
    """A fixed walk: the same prices on every run, different per symbol."""
    seed = sum(ord(c) for c in sym)
    p = 100.0 + (seed % 7)
    for i in range(1, k + 1):
        p += ((i * 7919 + seed * 31) % 21 - 10) / 100.0
    return round(p, 2)


def data_frames(q, trades, quotes, bars):
    n = int(q.get("n", ["20"])[0])
    frames = []
    symbols = sorted(set(trades) | set(quotes) | set(bars))
    minute = {}
    for k in range(n):
        t = START + 15 * k
        msgs = []
        for s in symbols:
            p = price(s, k)
            if s in trades:
                msgs.append({"T": "t", "S": s, "i": k + 1, "x": "V", "p": p, "s": 100 + k, "t": stamp(t), "c": ["@"], "z": "C"})
            if s in quotes:
                msgs.append({"T": "q", "S": s, "bx": "V", "bp": round(p - 0.01, 2), "bs": 2, "ax": "V", "ap": round(p + 0.01, 2),
                             "as": 3, "t": stamp(t), "c": ["R"], "z": "C"})
            m = minute.setdefault(s, [])
            m.append((p, 100 + k))
        if msgs:
            frames.append(msgs)
        if (k + 1) % 4 == 0:
            bar_msgs = []
            for s in symbols:
                m = minute.pop(s, [])
                if s in bars and m:
                    ps = [x[0] for x in m]
                    v = sum(x[1] for x in m)
                    bar_msgs.append({"T": "b", "S": s, "o": ps[0], "h": max(ps), "l": min(ps), "c": ps[-1], "v": v,
                                     "t": stamp(t - 45), "n": len(m),
                                     "vw": round(sum(x[0] * x[1] for x in m) / v, 4)})
            if bar_msgs:
                frames.append(bar_msgs)
    return frames


class Conn:
    def __init__(self, sock):
        self.sock = sock
        self.buf = b""
        self.wlock = threading.Lock()

    def read_exact(self, n):
        while len(self.buf) < n:
            chunk = self.sock.recv(65536)
            if not chunk:
                raise EOFError
            self.buf += chunk
        out, self.buf = self.buf[:n], self.buf[n:]
        return out

    def handshake(self):
        while b"\r\n\r\n" not in self.buf:
            chunk = self.sock.recv(65536)
            if not chunk:
                raise EOFError
            self.buf += chunk
        head, self.buf = self.buf.split(b"\r\n\r\n", 1)
        lines = head.decode("latin-1").split("\r\n")
        path = lines[0].split(" ")[1]
        headers = {l.split(":", 1)[0].strip().lower(): l.split(":", 1)[1].strip() for l in lines[1:] if ":" in l}
        if "sec-websocket-key" not in headers:
            self.plain_http(path, headers)
            raise EOFError
        accept = base64.b64encode(hashlib.sha1((headers["sec-websocket-key"] + GUID).encode()).digest()).decode()
        self.sock.sendall(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                           "Sec-WebSocket-Accept: %s\r\n\r\n" % accept).encode())
        return path

    def plain_http(self, path, headers):
        u = urlparse(path)
        if headers.get("apca-api-key-id") != KEY_ID or headers.get("apca-api-secret-key") != SECRET:
            code, body = 401, {"message": "unauthorized"}
        elif u.path != "/v2/stocks/bars/latest":
            code, body = 404, {"message": "not found"}
        else:
            code, body = 200, {"bars": {}}
            for sym in parse_qs(u.query).get("symbols", [""])[0].split(","):
                with lock:
                    k = polls.get(sym, 0) // 2
                    polls[sym] = polls.get(sym, 0) + 1
                p = price(sym, 4 * k + 3)
                body["bars"][sym] = {"t": stamp(START + 60 * k), "o": p, "h": p, "l": p, "c": p, "v": 100, "n": 1, "vw": p}
        data = json.dumps(body).encode()
        self.sock.sendall(("HTTP/1.1 %d X\r\nContent-Type: application/json\r\nContent-Length: %d\r\nConnection: close\r\n\r\n"
                           % (code, len(data))).encode() + data)

    def send(self, opcode, payload):
        n = len(payload)
        if n < 126:
            head = struct.pack("!BB", 0x80 | opcode, n)
        elif n < 65536:
            head = struct.pack("!BBH", 0x80 | opcode, 126, n)
        else:
            head = struct.pack("!BBQ", 0x80 | opcode, 127, n)
        with self.wlock:
            self.sock.sendall(head + payload)

    def text(self, s):
        self.send(1, s.encode() if isinstance(s, str) else s)

    def json(self, o):
        self.text(json.dumps(o, separators=(",", ":")))

    def recv(self):
        """The next (opcode, payload) from the client (frames are masked; no fragments)."""
        b0, b1 = self.read_exact(2)
        n = b1 & 0x7F
        if n == 126:
            n = struct.unpack("!H", self.read_exact(2))[0]
        elif n == 127:
            n = struct.unpack("!Q", self.read_exact(8))[0]
        mask = self.read_exact(4) if b1 & 0x80 else b"\0\0\0\0"
        data = bytes(c ^ mask[i % 4] for i, c in enumerate(self.read_exact(n)))
        return b0 & 0x0F, data


def serve(sock):
    c = Conn(sock)
    try:
        path = c.handshake()
        query = urlparse(path).query
        q = parse_qs(query)
        silent = q.get("silent") == ["1"]
        c.json([{"T": "success", "msg": "connected"}])
        authed = False
        sender = None
        while True:
            op, data = c.recv()
            if op == 8:
                c.send(8, data[:2])
                return
            if op == 9:
                if not (silent and sender):
                    c.send(10, data)
                continue
            if op != 1:
                continue
            try:
                msg = json.loads(data)
            except ValueError:
                c.json([{"T": "error", "code": 400, "msg": "invalid syntax"}])
                continue
            action = msg.get("action")
            if action == "auth":
                # Alpaca's data and paper-trading keys are one pair: the paper server's
                # pair (alpaca_paper_server.py) is accepted too, for live auto trading.
                if (msg.get("key"), msg.get("secret")) in ((KEY_ID, SECRET), ("paper-key-id", "paper-secret")):
                    authed = True
                    c.json([{"T": "success", "msg": "authenticated"}])
                else:
                    c.json([{"T": "error", "code": 402, "msg": "auth failed"}])
                    c.send(8, struct.pack("!H", 1008))
                    return
            elif action == "subscribe":
                if not authed:
                    c.json([{"T": "error", "code": 401, "msg": "not authenticated"}])
                    continue
                trades, quotes, bars = msg.get("trades", []), msg.get("quotes", []), msg.get("bars", [])
                if len(trades) + len(quotes) > int(q.get("limit", ["30"])[0]):
                    c.json([{"T": "error", "code": 405, "msg": "symbol limit exceeded"}])
                    continue
                c.json([{"T": "subscription", "trades": trades, "quotes": quotes, "bars": bars, "updatedBars": [],
                         "dailyBars": [], "statuses": [], "lulds": [], "corrections": [], "cancelErrors": []}])
                if silent:
                    sender = True
                    continue
                sender = threading.Thread(target=send_data, args=(c, query, q, trades, quotes, bars), daemon=True)
                sender.start()
            else:
                c.json([{"T": "error", "code": 400, "msg": "invalid syntax"}])
    except (EOFError, OSError, KeyError, ValueError, IndexError):
        pass
    finally:
        try:
            sock.close()
        except OSError:
            pass


def send_data(c, query, q, trades, quotes, bars):
    try:
        if q.get("malformed") == ["1"]:
            for _ in range(2):
                c.text('{"T":"t",')
                c.json([{"T": "zz", "S": "X"}])
                c.json([{"T": "t", "S": trades[0] if trades else "X", "t": stamp(START)}])
        if "flood" in q:
            total, sym = int(q["flood"][0]), (trades or ["FLOOD"])[0]
            rate = float(q.get("rate", ["0"])[0])
            began = time.time()
            for a in range(0, total, 100):
                if rate > 0:
                    ahead = began + a / rate - time.time()
                    if ahead > 0:
                        time.sleep(ahead)
                c.json([{"T": "t", "S": sym, "i": a + i, "x": "V", "p": 100 + ((a + i) % 50) / 100.0, "s": 1,
                         "t": stamp(START + (a + i) // 1000), "z": "C"} for i in range(min(100, total - a))])
            return
        frames = data_frames(q, trades, quotes, bars)
        with lock:
            first = progress.get(query)
            start = first or 0
        drop = int(q.get("drop_after", ["0"])[0])
        for i in range(start, len(frames)):
            if drop and first is None and i == drop:
                with lock:
                    progress[query] = i
                c.sock.shutdown(socket.SHUT_RDWR)
                c.sock.close()
                return
            c.json(frames[i])
    except OSError:
        pass


def main():
    srv = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    srv.bind(("127.0.0.1", 0))
    srv.listen(16)
    print("PORT %d" % srv.getsockname()[1], flush=True)

    def accept():
        while True:
            s, _ = srv.accept()
            s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            threading.Thread(target=serve, args=(s,), daemon=True).start()
    threading.Thread(target=accept, daemon=True).start()

    def watch_stdin():
        sys.stdin.read()
        os._exit(0)
    threading.Thread(target=watch_stdin, daemon=True).start()
    time.sleep(600)
    os._exit(0)


if __name__ == "__main__":
    main()
