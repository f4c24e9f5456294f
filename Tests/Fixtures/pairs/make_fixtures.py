#!/usr/bin/env python3
"""Writes the pairs fixtures and the values statsmodels gives for them.

Run from the repository root with numpy and statsmodels installed:
    python3 Tests/Fixtures/pairs/make_fixtures.py
Writes Tests/Fixtures/pairs/*.csv, expected.json and VERSIONS.md (the versions used).
The series are synthetic (seeded) except aapl_goog, which aligns the closes of
Tests/Fixtures/csv/AAPL.csv and GOOG.csv by date.
"""
import csv, datetime, json, os, platform, sys

import numpy as np
import scipy
import statsmodels
from statsmodels.tsa.adfvalues import mackinnonp
from statsmodels.tsa.stattools import adfuller, coint
from statsmodels.regression.linear_model import OLS
from statsmodels.tools import add_constant

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(HERE)))


def write_bars(name, dates, closes):
    with open(os.path.join(HERE, name + ".csv"), "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["date", "open", "high", "low", "close", "volume"])
        for d, c in zip(dates, closes):
            v = f"{c:.6f}"
            w.writerow([d, v, v, v, v, 0])
    # What Tape reads back: the rounded values.
    return [float(f"{c:.6f}") for c in closes]


def weekdays(n, start=datetime.date(2020, 1, 1)):
    out, d = [], start
    while len(out) < n:
        if d.weekday() < 5:
            out.append(d.isoformat())
        d += datetime.timedelta(days=1)
    return out


def read_closes(path):
    with open(path) as f:
        return {r["date"]: float(r["close"]) for r in csv.DictReader(f)}


def case(a, b):
    stat, p, crit = coint(a, b)
    res = OLS(a, add_constant(np.asarray(b))).fit()
    lag = adfuller(res.resid, regression="n", autolag="aic", result_object=False)[2]
    s = res.resid
    ds = np.diff(s)
    speed = OLS(ds, add_constant(s[:-1])).fit().params[1]
    return {"statistic": stat, "p_value": p, "critical": list(crit), "lags": int(lag),
            "hedge": res.params[1], "intercept": res.params[0], "speed": speed}


rng = np.random.default_rng(20261207)
expected = {}

n = 500
dates = weekdays(n)
b = 50 + np.cumsum(rng.normal(0, 1, n))
noise = np.zeros(n)
for t in range(1, n):
    noise[t] = 0.9 * noise[t - 1] + rng.normal(0, 1)
a = 10 + 1.5 * b + noise
a, b = write_bars("coint_a", dates, a), write_bars("coint_b", dates, b)
expected["coint"] = case(np.array(a), np.array(b))

n = 300
dates = weekdays(n)
a = 100 + np.cumsum(rng.normal(0, 1, n))
b = 80 + np.cumsum(rng.normal(0, 1, n))
a, b = write_bars("walk_a", dates, a), write_bars("walk_b", dates, b)
expected["walk"] = case(np.array(a), np.array(b))

# One coin on two venues: venue B quotes A times (1 + gap), the gap an AR(1) in basis points.
n = 400
dates = weekdays(n)
a = 20000 * np.exp(np.cumsum(rng.normal(0, 0.02, n)))
gap = np.zeros(n)
for t in range(1, n):
    gap[t] = 0.8 * gap[t - 1] + rng.normal(0, 0.0015)
bv = a * (1 + gap)
a, bv = write_bars("venue_a", dates, a), write_bars("venue_b", dates, bv)
expected["venue"] = case(np.array(a), np.array(bv))

aapl = read_closes(os.path.join(ROOT, "Tests/Fixtures/csv/AAPL.csv"))
goog = read_closes(os.path.join(ROOT, "Tests/Fixtures/csv/GOOG.csv"))
common = sorted(set(aapl) & set(goog))
expected["aapl_goog"] = case(np.array([aapl[d] for d in common]), np.array([goog[d] for d in common]))
expected["aapl_goog"]["observations"] = len(common)

# MacKinnon's p-value on a grid of statistics, two variables, constant.
grid = [x / 4 for x in range(-40, 9)]
expected["mackinnonp_c_2"] = [[x, mackinnonp(x, regression="c", N=2)] for x in grid]

with open(os.path.join(HERE, "expected.json"), "w") as f:
    json.dump(expected, f, indent=1, sort_keys=True)
    f.write("\n")
with open(os.path.join(HERE, "VERSIONS.md"), "w") as f:
    f.write("# Versions that wrote expected.json\n\n")
    f.write(f"- Python {platform.python_version()}\n- numpy {np.__version__}\n- scipy {scipy.__version__}\n")
    f.write(f"- statsmodels {statsmodels.__version__}\n\n")
    f.write("`python3 Tests/Fixtures/pairs/make_fixtures.py` (seed 20261207) writes the CSV files,\n")
    f.write("expected.json and this file. The series are synthetic except aapl_goog (the closes of\n")
    f.write("Tests/Fixtures/csv/AAPL.csv and GOOG.csv, aligned by date).\n")
