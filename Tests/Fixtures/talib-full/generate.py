#!/usr/bin/env python3
"""Writes the TA-Lib reference outputs that Tests/TapeCoreTests/Indicators/TalibCatalogueTests.swift
compares every catalogue entry with. Run once by hand (never in CI), with the pinned
versions of README.md:

    python3 -m venv .build/venv-talib
    .build/venv-talib/bin/pip install ta-lib==0.8.2 numpy==2.4.6
    .build/venv-talib/bin/python Tests/Fixtures/talib-full/generate.py

It reads inputs/*.csv (real series, see README.md for their sources) and writes
  cases.json         every case: TA-Lib function, its full parameter set, inputs, outputs
                     and TA-Lib's lookback for those parameters
  outputs/NAME.csv   one file per series: a column per numeric case output, a row per stored
                     bar (HEAD, STRIDE, TAIL below); an empty field is NaN; 11 significant
                     digits (5e-12 relative, far inside the tests' 1e-9)
  outputs/NAME.json  per output over every bar: its NaN runs and the sum of its values; and
                     every non-zero candlestick output (bar, value)
Integer outputs other than candlesticks (MAXINDEX, HT_TRENDMODE, ...) hold 0 in TA-Lib's
lookback; those bars are written as NaN (cases.json marks them "integer").
"""
import csv
import json
import os
import sys

import numpy as np
import talib
from talib import abstract

HERE = os.path.dirname(os.path.abspath(__file__))
SERIES = ["spy", "aapl", "ibm", "spx", "btcusd", "btcpeak", "eurusd"]


def load(name):
    with open(os.path.join(HERE, "inputs", name + ".csv")) as f:
        rows = list(csv.DictReader(f))
    cols = {k: np.array([float(r[k]) for r in rows]) for k in ("open", "high", "low", "close", "volume")}
    cols["date"] = [r["date"] for r in rows]
    n = len(rows)
    # MAVP's variable periods: a deterministic sawtooth over 2..30, the same in the tests.
    cols["periods"] = np.array([float(2 + (i * 7) % 29) for i in range(n)])
    return cols


def default_inputs(fn):
    """Input columns in TA-Lib's order: `price` is close; `price0`/`price1` high and low."""
    names = []
    for key, value in fn.info["input_names"].items():
        if isinstance(value, list):
            names += value
        elif key == "periods":
            names.append("periods")
        else:
            names.append({"price": "close", "price0": "high", "price1": "low"}.get(key, value))
    return names


def cases():
    out = []

    def add(name, **params):
        fn = abstract.Function(name)
        full = dict(fn.info["parameters"])
        full.update(params)
        fn.set_parameters(full)
        out.append({
            "id": "c%03d" % len(out),
            "function": name,
            "params": {k: (int(v) if isinstance(v, (int, np.integer)) else float(v)) for k, v in full.items()},
            "inputs": default_inputs(fn),
            "outputs": list(fn.info["output_names"]),
            "lookback": fn.lookback,
        })
        if "Output is a candlestick" in (fn.info.get("function_flags") or []):
            out[-1]["pattern"] = True

    for name in talib.get_functions():
        add(name)
    # Every moving-average type through MA, at the default period and at period 1.
    for matype in range(14):
        add("MA", timeperiod=30, matype=matype)
        add("MA", timeperiod=1, matype=matype)
    # Period 1 through each moving average's own function.
    for name in ("SMA", "EMA", "WMA", "DEMA", "TEMA", "TRIMA", "KAMA", "T3", "RMA", "ZLEMA", "HMA"):
        add(name, timeperiod=1)
    # The matype parameters of the functions that take one.
    add("BBANDS", matype=1)
    add("BBANDS", timeperiod=5, nbdevup=1.5, nbdevdn=2.5, matype=2)
    add("APO", matype=0)
    add("PPO", matype=0)
    add("PVO", matype=0)
    add("STOCH", slowk_matype=1, slowd_matype=1)
    add("STOCHF", fastd_matype=1)
    add("STOCHRSI", fastd_matype=1)
    add("MACDEXT", fastmatype=1, slowmatype=1, signalmatype=1)
    add("MACDEXT", fastmatype=2, slowmatype=3, signalmatype=5)
    add("KDJ", slowk_matype=0, slowd_matype=0)
    add("MAVP", minperiod=5, maxperiod=20, matype=1)
    # Windows where precision matters (FX: a spread tiny next to the level).
    add("STDDEV", timeperiod=20)
    add("VAR", timeperiod=20)
    add("BBANDS", timeperiod=20, nbdevup=2.0, nbdevdn=2.0, matype=0)
    # Options beyond the defaults.
    add("SAREXT", startvalue=0.0, offsetonreverse=0.01, accelerationinitlong=0.01, accelerationlong=0.03,
        accelerationmaxlong=0.25, accelerationinitshort=0.03, accelerationshort=0.02, accelerationmaxshort=0.15)
    add("T3", timeperiod=7, vfactor=0.5)
    return out


# The bars whose values are stored: the first 200 (warm-up, seeding and the first outputs),
# every 16th after them, and the last 50. NaN positions, candlestick outputs and a sum of
# every value cover all bars.
HEAD, STRIDE, TAIL = 200, 16, 50

# Variants beyond each function's defaults run on these series only.
VARIANT_SERIES = {"spy", "eurusd", "btcpeak"}


def stored_bars(n):
    bars = set(range(min(HEAD, n))) | set(range(HEAD, n, STRIDE)) | set(range(max(0, n - TAIL), n))
    return sorted(bars)


def nan_runs(values):
    runs, start = [], None
    for i, v in enumerate(values):
        if np.isnan(v):
            start = i if start is None else start
        elif start is not None:
            runs.append([start, i - 1])
            start = None
    if start is not None:
        runs.append([start, len(values) - 1])
    return runs


def main():
    all_cases = cases()
    defaults = {c["id"] for c in all_cases[:len(talib.get_functions())]}
    for series in SERIES:
        cols = load(series)
        n = len(cols["close"])
        header, columns = [], []
        meta = {"bars": n, "nan": {}, "sum": {}, "patterns": {}}
        for c in all_cases:
            if c["id"] not in defaults and series not in VARIANT_SERIES:
                continue
            fn = abstract.Function(c["function"])
            fn.set_parameters(c["params"])
            # The default input names map price to close, price0/price1 to high/low.
            result = fn.run({k: v for k, v in cols.items() if k != "date"})
            outs = result if isinstance(result, list) else [result]
            for k, o in enumerate(outs):
                key = "%s.%d" % (c["id"], k)
                values = np.asarray(o, dtype=float)
                if np.asarray(o).dtype.kind in "iu" and not c.get("pattern"):
                    # TA-Lib fills an integer output's lookback with 0 (MAXINDEX, HT_TRENDMODE,
                    # ...); those bars hold no value, so they are written as NaN.
                    c["integer"] = True
                    values[:c["lookback"]] = np.nan
                if c.get("pattern"):
                    meta["patterns"][key] = [[i, int(v)] for i, v in enumerate(values) if v != 0]
                    continue
                meta["nan"][key] = nan_runs(values)
                total = float(np.nansum(values))
                # JSON has no Infinity (EXP, COSH and SINH overflow on prices).
                meta["sum"][key] = total if np.isfinite(total) else None
                header.append(key)
                columns.append(values)
        bars = stored_bars(n)
        path = os.path.join(HERE, "outputs", series + ".csv")
        with open(path, "w", newline="") as f:
            w = csv.writer(f, lineterminator="\n")
            w.writerow(["bar"] + header)
            for i in bars:
                w.writerow([i] + ["" if np.isnan(col[i]) else "%.11g" % col[i] for col in columns])
        with open(os.path.join(HERE, "outputs", series + ".json"), "w") as f:
            json.dump(meta, f, separators=(",", ":"))
            f.write("\n")
        print(series, len(header), "columns", os.path.getsize(path), "bytes", file=sys.stderr)
    with open(os.path.join(HERE, "cases.json"), "w") as f:
        json.dump({"talib": talib.__version__, "c_library": talib.__ta_version__.decode().split()[0],
                   "numpy": np.__version__, "series": SERIES, "variant_series": sorted(VARIANT_SERIES),
                   "stored_bars": {"head": HEAD, "stride": STRIDE, "tail": TAIL}, "cases": all_cases}, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
