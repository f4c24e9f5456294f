#!/usr/bin/env python3
"""Daily bars for DEMO, the underlying of sessions/examples/data/chain.csv: 300 weekdays
ending on the chain's quote date 2026-01-02 with the last close exactly 100 (the chain's
spot), so `suggest DEMO` can take its legs from that chain. A driftless random walk at
about 18% annual volatility (seed 2, the first seed whose view is range-bound, so the calendar spread needs a second expiry). `python3 make_demo_bars.py` rewrites
DEMO.csv byte for byte."""
import datetime
import math
import random

rng = random.Random(2)
days = []
d = datetime.date(2026, 1, 2)
while len(days) < 300:
    if d.weekday() < 5:
        days.append(d)
    d -= datetime.timedelta(days=1)
days.reverse()
sigma = 0.18 / math.sqrt(252)
logs = [0.0]
for _ in days[1:]:
    logs.append(logs[-1] + rng.gauss(0, sigma))
shift = math.log(100) - logs[-1]
closes = [math.exp(x + shift) for x in logs]
with open("DEMO.csv", "w") as f:
    f.write("date,open,high,low,close,volume\n")
    prev = closes[0]
    for day, c in zip(days, closes):
        o = prev
        hi = max(o, c) * (1 + abs(rng.gauss(0, sigma / 2)))
        lo = min(o, c) * (1 - abs(rng.gauss(0, sigma / 2)))
        f.write(f"{day.isoformat()},{o:.2f},{hi:.2f},{lo:.2f},{c:.2f},{rng.randint(100000, 900000)}\n")
        prev = c
