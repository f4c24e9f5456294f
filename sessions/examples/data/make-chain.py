#!/usr/bin/env python3
"""Writes chain.csv: a synthetic option chain for the lessons and examples.

Not market data. Prices are Black-Scholes-Merton values (spot 100, rate 4%, no
dividend) at a volatility that depends on strike -- a skewed smile like an equity
index's: vol = base + slope * k + curve * k^2 with k = ln(K / F) / sqrt(T), so the
smile flattens with maturity. Bid and ask sit a spread around that value, rounded
to cents; options worth under 2 cents are not listed and those
worth a few cents get a zero bid, as on a real exchange.
Run it again to regenerate the file byte for byte (no randomness).
"""
import math

SPOT, RATE = 100.0, 0.04
QUOTE = "2026-01-02"
EXPIRIES = [("2026-02-01", 30), ("2026-03-03", 60), ("2026-04-03", 91), ("2026-07-02", 181)]
STRIKES = [70, 75, 80, 85, 90, 92.5, 95, 97.5, 100, 102.5, 105, 107.5, 110, 115, 120, 125, 130]


def ncdf(x):
    return 0.5 * (1 + math.erf(x / math.sqrt(2)))


def bsm(kind, s, k, t, r, v):
    d1 = (math.log(s / k) + (r + v * v / 2) * t) / (v * math.sqrt(t))
    d2 = d1 - v * math.sqrt(t)
    if kind == "call":
        return s * ncdf(d1) - k * math.exp(-r * t) * ncdf(d2)
    return k * math.exp(-r * t) * ncdf(-d2) - s * ncdf(-d1)


def smile_vol(k, t):
    x = math.log(k / (SPOT * math.exp(RATE * t))) / math.sqrt(t)
    return max(0.08, 0.20 - 0.12 * x + 0.10 * x * x)


rows = ["quote_date,underlying,expiration,type,strike,bid,ask"]
for expiry, days in EXPIRIES:
    t = days / 365
    for kind in ("call", "put"):
        for k in STRIKES:
            mid = bsm(kind, SPOT, k, t, RATE, smile_vol(k, t))
            if mid < 0.02:
                continue  # too cheap to be listed
            half = max(0.01, 0.015 * mid)
            bid = round(mid - half, 2)
            ask = round(mid + half, 2)
            if bid < 0.03:
                bid = 0.0
            rows.append(f"{QUOTE},DEMO,{expiry},{kind},{k:g},{bid:.2f},{ask:.2f}")
open("chain.csv", "w").write("\n".join(rows) + "\n")
