#!/usr/bin/env python3
"""Twelve small weekly option chains of DEMO before the quote date of
sessions/examples/data/chain.csv (2026-01-02), for the IV history of `chain save` and
`suggest` in Tests/Sessions/suggest.tape. Each: spot 100, rate 4%, no dividend, two
expiries (30 and 60 days after its quote date), strikes 90-110 by 5, calls and puts,
priced by Black-Scholes-Merton at one flat volatility per week (VOLS below), bid/ask at
±1% of the value rounded to cents. `python3 make_iv_history.py` rewrites iv-history/
byte for byte."""
import datetime
import math

VOLS = [0.24, 0.26, 0.30, 0.28, 0.25, 0.22, 0.21, 0.23, 0.19, 0.18, 0.20, 0.22]
SPOT, RATE = 100.0, 0.04


def n(x):
    return 0.5 * (1 + math.erf(x / math.sqrt(2)))


def bsm(kind, k, t, v):
    d1 = (math.log(SPOT / k) + (RATE + v * v / 2) * t) / (v * math.sqrt(t))
    d2 = d1 - v * math.sqrt(t)
    call = SPOT * n(d1) - k * math.exp(-RATE * t) * n(d2)
    return call if kind == "call" else call - SPOT + k * math.exp(-RATE * t)


last = datetime.date(2026, 1, 2)
for i, vol in enumerate(VOLS):
    quote = last - datetime.timedelta(weeks=len(VOLS) - i)
    with open(f"iv-history/chain-{quote.isoformat()}.csv", "w") as f:
        f.write("quote_date,underlying,expiration,type,strike,bid,ask\n")
        for days in (30, 60):
            expiry = quote + datetime.timedelta(days=days)
            for kind in ("call", "put"):
                for k in range(90, 111, 5):
                    value = bsm(kind, k, days / 365, vol)
                    f.write(f"{quote.isoformat()},DEMO,{expiry.isoformat()},{kind},{k},{value * 0.99:.2f},{value * 1.01:.2f}\n")
