#!/usr/bin/env python3
"""Loopback stand-in for Alpaca's trading API v2 (paper), for Tape's AlpacaPaper tests.
Never reached from outside 127.0.0.1.

Started by the tests with `python3 alpaca_paper_server.py`; binds a free port on
127.0.0.1, prints `PORT <n>` on stdout, and exits when its stdin closes (the test process
ended) or after 10 minutes, whichever comes first.

The account starts with 10,000 cash; prices are fixed (SPY 100, AAPL 200). Market orders
fill at once, limit orders stay open. Shapes follow Alpaca's documented JSON (money and
quantities as strings).

Routes (all need APCA-API-KEY-ID: paper-key-id and APCA-API-SECRET-KEY: paper-secret, else 401)
  GET    /v2/account
  GET    /v2/positions
  POST   /v2/orders                 403 insufficient buying power, 422 invalid / duplicate client_order_id
  GET    /v2/orders?status=open|closed|all
  GET    /v2/orders/<id>            404 when unknown
  GET    /v2/orders:by_client_order_id?client_order_id=<cid>
  DELETE /v2/orders/<id>            204; 422 when not open; 404 when unknown
  GET    /v2/account/activities/FILL?direction=asc|desc   the fills (default newest first)
Times are a fixed clock: 2024-01-02T14:30:00Z plus one second per event, so answers
are the same on every run.
Test hooks, by client_order_id prefix:
  ratelimit-...  the first attempt answers 429 with Retry-After: 0
  lost-...       the order is accepted, then the connection is closed with no answer
"""
import datetime, json, sys, threading, time, uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlparse, parse_qs

KEY_ID, SECRET = "paper-key-id", "paper-secret"
PRICES = {"SPY": 100.0, "AAPL": 200.0}
lock = threading.Lock()
state = {"cash": 10000.0, "positions": {}, "orders": [], "fills": [], "seen": set(), "tick": 0}
CLOCK = datetime.datetime(2024, 1, 2, 14, 30, 0)


def stamp():
    state["tick"] += 1
    return (CLOCK + datetime.timedelta(seconds=state["tick"])).strftime("%Y-%m-%dT%H:%M:%S.000000Z")


def money(x):
    return "%.2f" % x


def qty_text(x):
    return str(int(x)) if x == int(x) else str(x)


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *a):
        pass

    def reply(self, code, obj=None, extra=None):
        body = b"" if obj is None else json.dumps(obj).encode()
        self.send_response(code)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        for k, v in (extra or {}).items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(body)

    def authorised(self):
        if self.headers.get("APCA-API-KEY-ID") == KEY_ID and self.headers.get("APCA-API-SECRET-KEY") == SECRET:
            return True
        self.reply(401, {"code": 40110000, "message": "request is not authorized"})
        return False

    def equity(self):
        return state["cash"] + sum(q * PRICES[s] for s, (q, _) in state["positions"].items())

    def do_GET(self):
        if not self.authorised():
            return
        u = urlparse(self.path)
        q = {k: v[-1] for k, v in parse_qs(u.query).items()}
        with lock:
            if u.path == "/v2/account":
                eq = self.equity()
                return self.reply(200, {"id": "loopback-account", "account_number": "PA0000", "status": "ACTIVE", "currency": "USD",
                                        "cash": money(state["cash"]), "equity": money(eq), "portfolio_value": money(eq),
                                        "buying_power": money(state["cash"])})
            if u.path == "/v2/positions":
                out = []
                for s, (qty, avg) in sorted(state["positions"].items()):
                    out.append({"asset_id": s.lower(), "symbol": s, "exchange": "ARCA", "asset_class": "us_equity",
                                "qty": qty_text(abs(qty)), "side": "long" if qty > 0 else "short",
                                "avg_entry_price": money(avg), "market_value": money(qty * PRICES[s]),
                                "cost_basis": money(qty * avg), "unrealized_pl": money(qty * (PRICES[s] - avg)),
                                "current_price": money(PRICES[s])})
                return self.reply(200, out)
            if u.path == "/v2/orders":
                status = q.get("status", "open")
                pick = [o for o in state["orders"] if status == "all" or (status == "open") == (o["status"] == "new")]
                return self.reply(200, list(reversed(pick)))
            if u.path == "/v2/account/activities/FILL":
                fills = list(state["fills"])
                return self.reply(200, fills if q.get("direction") == "asc" else list(reversed(fills)))
            if u.path == "/v2/orders:by_client_order_id":
                for o in state["orders"]:
                    if o["client_order_id"] == q.get("client_order_id"):
                        return self.reply(200, o)
                return self.reply(404, {"code": 40410000, "message": "order not found"})
            if u.path.startswith("/v2/orders/"):
                for o in state["orders"]:
                    if o["id"] == u.path.rsplit("/", 1)[1]:
                        return self.reply(200, o)
                return self.reply(404, {"code": 40410000, "message": "order not found"})
        self.reply(404, {"code": 40400000, "message": "not found"})

    def do_DELETE(self):
        if not self.authorised():
            return
        oid = urlparse(self.path).path.rsplit("/", 1)[1]
        with lock:
            for o in state["orders"]:
                if o["id"] == oid:
                    if o["status"] != "new":
                        return self.reply(422, {"code": 42210000, "message": "order is not cancelable"})
                    o["status"] = "canceled"
                    o["canceled_at"] = stamp()
                    return self.reply(204)
        self.reply(404, {"code": 40410000, "message": "order not found"})

    def do_POST(self):
        if not self.authorised():
            return
        if urlparse(self.path).path != "/v2/orders":
            return self.reply(404, {"code": 40400000, "message": "not found"})
        n = int(self.headers.get("Content-Length", "0"))
        try:
            req = json.loads(self.rfile.read(n) or b"{}")
        except ValueError:
            return self.reply(400, {"code": 40010000, "message": "request body format is invalid"})
        cid = req.get("client_order_id") or str(uuid.uuid4())
        with lock:
            if cid.startswith("ratelimit-") and ("rl:" + cid) not in state["seen"]:
                state["seen"].add("rl:" + cid)
                return self.reply(429, {"code": 42900000, "message": "rate limit exceeded"}, {"Retry-After": "0"})
            if any(o["client_order_id"] == cid for o in state["orders"]):
                return self.reply(422, {"code": 40010001, "message": "client_order_id must be unique"})
            sym = req.get("symbol", "")
            if sym not in PRICES:
                return self.reply(422, {"code": 40010001, "message": "asset \"%s\" not found" % sym})
            try:
                qty = float(req.get("qty", "0"))
            except ValueError:
                qty = 0
            if qty <= 0:
                return self.reply(422, {"code": 40010001, "message": "qty must be > 0"})
            side, typ = req.get("side"), req.get("type", "market")
            price = PRICES[sym]
            if side == "buy" and qty * price > state["cash"]:
                return self.reply(403, {"code": 40310000, "message": "insufficient buying power"})
            order = {"id": str(uuid.uuid4()), "client_order_id": cid, "symbol": sym, "asset_class": "us_equity",
                     "qty": qty_text(qty), "filled_qty": "0", "filled_avg_price": None, "order_class": req.get("order_class", ""),
                     "order_type": typ, "type": typ, "side": side, "time_in_force": req.get("time_in_force", "day"),
                     "limit_price": req.get("limit_price"), "stop_price": req.get("stop_price"), "status": "new", "legs": None,
                     "submitted_at": stamp(), "filled_at": None, "canceled_at": None, "expired_at": None, "failed_at": None}
            if typ == "market":
                sign = 1 if side == "buy" else -1
                held, avg = state["positions"].get(sym, (0.0, 0.0))
                new = held + sign * qty
                if new == 0:
                    state["positions"].pop(sym, None)
                else:
                    state["positions"][sym] = (new, avg if abs(new) < abs(held) else (abs(held) * avg + qty * price) / abs(new))
                state["cash"] -= sign * qty * price
                order.update(status="filled", filled_qty=qty_text(qty), filled_avg_price=money(price), filled_at=stamp())
                state["fills"].append({"id": "%s::%s" % (order["filled_at"], order["id"]), "activity_type": "FILL",
                                       "transaction_time": order["filled_at"], "type": "fill", "price": money(price),
                                       "qty": qty_text(qty), "side": side, "symbol": sym, "leaves_qty": "0",
                                       "order_id": order["id"], "cum_qty": qty_text(qty), "order_status": "filled"})
            state["orders"].append(order)
            if cid.startswith("lost-") and ("lost:" + cid) not in state["seen"]:
                state["seen"].add("lost:" + cid)
                self.close_connection = True
                return   # accepted, but the answer never arrives
        self.reply(200, order)


def main():
    srv = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    srv.daemon_threads = True
    print("PORT %d" % srv.server_address[1], flush=True)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    done = threading.Event()

    def watch_stdin():
        sys.stdin.read()
        done.set()
    threading.Thread(target=watch_stdin, daemon=True).start()
    done.wait(600)
    srv.shutdown()


if __name__ == "__main__":
    main()
