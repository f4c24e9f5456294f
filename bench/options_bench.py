#!/usr/bin/env python3
"""Times vollib 1.0 (Let's Be Rational) and QuantLib's Python bindings on the first
options of the seeded random set Sources/tape-bench/OptionsBench.swift prices (same
splitmix64 sequence, same ranges): price with all Greeks, and implied volatility of those
prices. Prints ns per option of thread CPU time, best of 3. Both are called once per option
from Python, the way a user calls them; the interpreter's share is part of their time."""
import math
import sys
import time

MASK = (1 << 64) - 1


def options(count):
    state = 0x9E3779B97F4A7C15

    def uniform():
        nonlocal state
        state = (state + 0x9E3779B97F4A7C15) & MASK
        z = state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
        return ((z ^ (z >> 31)) >> 11) / float(1 << 53)

    out = []
    for _ in range(count):
        s = 5 + 495 * uniform()
        flag = "c" if uniform() < 0.5 else "p"
        k = s * math.exp(uniform() - 0.5)
        days = math.floor(1 + 1824 * uniform() + 0.5)   # Swift's .rounded(): half away from zero
        r = -0.01 + 0.09 * uniform()
        q = 0.06 * uniform()
        vol = 0.05 + 1.45 * uniform()
        out.append((flag, s, k, days, r, q, vol))
    return out


def best_of(runs, body):
    best = float("inf")
    result = None
    for _ in range(runs):
        start = time.thread_time_ns()
        result = body()
        best = min(best, time.thread_time_ns() - start)
    return best, result


def bench_vollib(opts):
    from vollib.black_scholes_merton import black_scholes_merton as price
    from vollib.black_scholes_merton.greeks import analytical as g
    from vollib.black_scholes_merton.implied_volatility import implied_volatility

    def greeks():
        prices = []
        for flag, s, k, days, r, q, vol in opts:
            t = days / 365
            p = price(flag, s, k, t, r, vol, q)
            g.delta(flag, s, k, t, r, vol, q); g.gamma(flag, s, k, t, r, vol, q); g.theta(flag, s, k, t, r, vol, q)
            g.vega(flag, s, k, t, r, vol, q); g.rho(flag, s, k, t, r, vol, q)
            prices.append(p)
        return prices

    ns, prices = best_of(3, greeks)
    print(f"vollib.greeks: {ns / len(opts):.1f} ns/op")

    def ivs():
        solved = 0
        for (flag, s, k, days, r, q, _), p in zip(opts, prices):
            try:
                implied_volatility(p, s, k, days / 365, r, q, flag)
                solved += 1
            except Exception:
                pass
        return solved

    ns, _ = best_of(3, ivs)
    print(f"vollib.implied_vol: {ns / len(opts):.1f} ns/op")


def bench_quantlib(opts):
    import QuantLib as ql

    today = ql.Date(7, 12, 2026)
    ql.Settings.instance().evaluationDate = today
    dc = ql.Actual365Fixed()
    spot, rate, div, vol = ql.SimpleQuote(100), ql.SimpleQuote(0.0), ql.SimpleQuote(0.0), ql.SimpleQuote(0.2)
    process = ql.BlackScholesMertonProcess(
        ql.QuoteHandle(spot), ql.YieldTermStructureHandle(ql.FlatForward(today, ql.QuoteHandle(div), dc)),
        ql.YieldTermStructureHandle(ql.FlatForward(today, ql.QuoteHandle(rate), dc)),
        ql.BlackVolTermStructureHandle(ql.BlackConstantVol(today, ql.NullCalendar(), ql.QuoteHandle(vol), dc)))
    engine = ql.AnalyticEuropeanEngine(process)

    def option(flag, k, days):
        o = ql.VanillaOption(ql.PlainVanillaPayoff(ql.Option.Call if flag == "c" else ql.Option.Put, k),
                             ql.EuropeanExercise(today + int(days)))
        o.setPricingEngine(engine)
        return o

    def greeks():
        prices = []
        for flag, s, k, days, r, q, v in opts:
            spot.setValue(s); rate.setValue(r); div.setValue(q); vol.setValue(v)
            o = option(flag, k, days)
            prices.append(o.NPV())
            o.delta(); o.gamma(); o.theta(); o.vega(); o.rho(); o.dividendRho()
        return prices

    ns, prices = best_of(3, greeks)
    print(f"quantlib.greeks: {ns / len(opts):.1f} ns/op")

    def ivs():
        solved = 0
        for (flag, s, k, days, r, q, _), p in zip(opts, prices):
            spot.setValue(s); rate.setValue(r); div.setValue(q)
            try:
                option(flag, k, days).impliedVolatility(p, process, 1e-12, 1000, 1e-4, 10.0)
                solved += 1
            except RuntimeError:
                pass
        return solved

    ns, _ = best_of(3, ivs)
    print(f"quantlib.implied_vol: {ns / len(opts):.1f} ns/op")


if __name__ == "__main__":
    opts = options(int(sys.argv[1]) if len(sys.argv) > 1 else 5_000)
    bench_vollib(opts)
    bench_quantlib(opts)
