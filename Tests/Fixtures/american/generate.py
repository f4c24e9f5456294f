#!/usr/bin/env python3
"""Writes the QuantLib references Tests/TapeCoreTests/Options/AmericanEngineTests.swift
compares Tape's American engines with. Run once by hand (never in CI), with the pinned
versions of README.md:

    .build/venv-talib/bin/pip install QuantLib==1.44
    .build/venv-talib/bin/python Tests/Fixtures/american/generate.py

hard_cases.csv: long expiries and high volatilities, where a 1,000-step CRR tree is not
enough. Columns: the inputs; `converged`, QuantLib's QdFpAmericanEngine with its
high-precision scheme (Andersen-Lake-Offengenden, converged to ~1e-10; `engine` names the
fallback where its quadrature refuses an input: the accurate scheme, then FD 4000 x 8000); `fd`, the
FdBlackScholesVanillaEngine on a 2000 x 4000 grid (checked within 0.1% of `converged`);
delta, gamma, theta_per_year, vega, rho of the converged engine by central differences
(spot ±0.01%, vol ±1e-4, rate ±1e-4, expiry ±1 day; the engine is smooth in all four);
`european`, the analytic European value.

bjs_greeks.csv: QuantLib's analytic Greeks of its Bjerksund-Stensland engine (theta per
year of calendar time, vega and rho per 1.00), over ordinary and hard inputs.

Pass file stems (negative_rates, bjs_greeks, hard_cases) to write only those.

negative_rates.csv: Barone-Adesi-Whaley and Bjerksund-Stensland (1993) at negative and
zero rates: QuantLib's value, or its error message where it refuses; `converged` as above
(the FD engine where QdFp refuses a double-boundary case).
"""
import csv
import math
import os

import QuantLib as ql

HERE = os.path.dirname(os.path.abspath(__file__))
TODAY = ql.Date(15, 1, 2024)
DC = ql.Actual365Fixed()
ql.Settings.instance().evaluationDate = TODAY


def option(typ, spot, strike, days, rate, div, vol, engine, american=True, evaluation=TODAY):
    ql.Settings.instance().evaluationDate = evaluation
    maturity = TODAY + days
    payoff = ql.PlainVanillaPayoff(ql.Option.Call if typ == "call" else ql.Option.Put, strike)
    exercise = ql.AmericanExercise(evaluation, maturity) if american else ql.EuropeanExercise(maturity)
    o = ql.VanillaOption(payoff, exercise)
    process = ql.BlackScholesMertonProcess(
        ql.QuoteHandle(ql.SimpleQuote(spot)),
        ql.YieldTermStructureHandle(ql.FlatForward(evaluation, div, DC)),
        ql.YieldTermStructureHandle(ql.FlatForward(evaluation, rate, DC)),
        ql.BlackVolTermStructureHandle(ql.BlackConstantVol(evaluation, ql.NullCalendar(), vol, DC)))
    o.setPricingEngine(engine(process))
    v = o.NPV()
    ql.Settings.instance().evaluationDate = TODAY
    return v


def converged(process):
    return ql.QdFpAmericanEngine(process, ql.QdFpAmericanEngine.highPrecisionScheme())


def accurate(process):
    return ql.QdFpAmericanEngine(process, ql.QdFpAmericanEngine.accurateScheme())


def fine_fd(process):
    return ql.FdBlackScholesVanillaEngine(process, 4000, 8000)


# The converged engine, and the fallbacks for the rare inputs its quadrature rejects.
CHAIN = (("qdfp-high", converged), ("qdfp-accurate", accurate), ("fd-4000x8000", fine_fd))


def reference(typ, spot, strike, days, rate, div, vol, evaluation=TODAY, only=None):
    for name, engine in CHAIN:
        if only is not None and name != only:
            continue
        try:
            return option(typ, spot, strike, days, rate, div, vol, engine, evaluation=evaluation), name
        except RuntimeError:
            continue
    raise RuntimeError("no engine for %r" % ((typ, spot, strike, days, rate, div, vol),))


def hard_cases():
    rows = []
    for typ in ("call", "put"):
        for vol in (0.5, 1.0, 2.0, 3.0):
            for years in (1, 3, 5, 10):
                for strike in (50.0, 100.0, 200.0):
                    for rate, div in ((0.05, 0.0), (0.05, 0.05), (0.01, 0.08), (-0.01, 0.0)):
                        days = 365 * years
                        args = (typ, 100.0, strike, days, rate, div, vol)
                        value, engine = reference(*args)
                        fd = option(*args, lambda p: ql.FdBlackScholesVanillaEngine(p, 2000, 4000))
                        assert abs(fd - value) <= 1e-3 * value + 1e-6, (args, fd, value)

                        def bumped(s=100.0, v=vol, r=rate, d=days):
                            # The same engine as the value, so the differences are smooth.
                            return reference(typ, s, strike, d, r, div, v, only=engine)[0]
                        hs = 1e-4 * 100.0
                        up, down = bumped(s=100.0 + hs), bumped(s=100.0 - hs)
                        delta = (up - down) / (2 * hs)
                        gamma = (up - 2 * value + down) / (hs * hs)
                        vega = (bumped(v=vol + 1e-4) - bumped(v=vol - 1e-4)) / 2e-4
                        rho = (bumped(r=rate + 1e-4) - bumped(r=rate - 1e-4)) / 2e-4
                        # Calendar time passing: one day later the option has one day less.
                        theta = (bumped(d=days - 1) - bumped(d=days + 1)) / (2 / 365)
                        european = option(*args, ql.AnalyticEuropeanEngine, american=False)
                        rows.append([typ, 100.0, strike, days, rate, div, vol, repr(value), repr(fd), repr(delta),
                                     repr(gamma), repr(theta), repr(vega), repr(rho), repr(european), engine])
    with open(os.path.join(HERE, "hard_cases.csv"), "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["type", "spot", "strike", "days", "rate", "div_yield", "vol", "converged", "fd", "delta", "gamma",
                    "theta_per_year", "vega", "rho", "european", "engine"])
        w.writerows(rows)
    print("hard_cases.csv", len(rows))


def negative_rates():
    rows = []
    for typ in ("call", "put"):
        for rate, div in ((-0.01, 0.0), (-0.01, -0.02), (-0.01, -0.005), (-0.02, -0.01), (-0.01, 0.01),
                          (0.0, 0.0), (0.0, -0.01), (0.0, 0.02), (-0.005, -0.005), (0.01, -0.01), (0.02, 0.03)):
            for strike in (90.0, 105.0):
                args = (typ, 100.0, strike, 365, rate, div, 0.3)
                out = []
                for engine in (ql.BaroneAdesiWhaleyApproximationEngine, ql.BjerksundStenslandApproximationEngine):
                    try:
                        out += [repr(option(*args, engine)), ""]
                    except RuntimeError as e:
                        out += ["", str(e)]
                european = option(*args, ql.AnalyticEuropeanEngine, american=False)
                # QdFp refuses the double-boundary cases (q < r < 0 for a put); FD does not.
                value = reference(*args)[0]
                rows.append([typ, 100.0, strike, 365, rate, div, 0.3] + out + [repr(european), repr(value)])
    with open(os.path.join(HERE, "negative_rates.csv"), "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["type", "spot", "strike", "days", "rate", "div_yield", "vol", "baw", "baw_error", "bjs", "bjs_error",
                    "european", "converged"])
        w.writerows(rows)
    print("negative_rates.csv", len(rows))


def bjs_greeks():
    """QuantLib's Bjerksund-Stensland (1993) engine has analytic Greeks (since 1.31);
    Tape's are central differences of its price, so these check the differencing."""
    rows = []
    for typ in ("call", "put"):
        for vol in (0.1, 0.3, 1.0, 2.0):
            for days in (30, 365, 1825):
                for strike in (80.0, 100.0, 125.0):
                    for rate, div in ((0.05, 0.0), (0.05, 0.05), (0.01, 0.08), (0.03, 0.01), (-0.01, 0.0)):
                        args = (typ, 100.0, strike, days, rate, div, vol)
                        ql.Settings.instance().evaluationDate = TODAY
                        maturity = TODAY + days
                        payoff = ql.PlainVanillaPayoff(ql.Option.Call if typ == "call" else ql.Option.Put, strike)
                        o = ql.VanillaOption(payoff, ql.AmericanExercise(TODAY, maturity))
                        process = ql.BlackScholesMertonProcess(
                            ql.QuoteHandle(ql.SimpleQuote(100.0)),
                            ql.YieldTermStructureHandle(ql.FlatForward(TODAY, div, DC)),
                            ql.YieldTermStructureHandle(ql.FlatForward(TODAY, rate, DC)),
                            ql.BlackVolTermStructureHandle(ql.BlackConstantVol(TODAY, ql.NullCalendar(), vol, DC)))
                        o.setPricingEngine(ql.BjerksundStenslandApproximationEngine(process))
                        rows.append(list(args) + [repr(x) for x in (o.NPV(), o.delta(), o.gamma(), o.theta(), o.vega(),
                                                                     o.rho())])
    with open(os.path.join(HERE, "bjs_greeks.csv"), "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["type", "spot", "strike", "days", "rate", "div_yield", "vol", "price", "delta", "gamma",
                    "theta_per_year", "vega", "rho"])
        w.writerows(rows)
    print("bjs_greeks.csv", len(rows))


if __name__ == "__main__":
    import sys
    only = sys.argv[1:]
    if not only or "negative_rates" in only:
        negative_rates()
    if not only or "bjs_greeks" in only:
        bjs_greeks()
    if not only or "hard_cases" in only:
        hard_cases()
