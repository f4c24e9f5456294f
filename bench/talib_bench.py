#!/usr/bin/env python3
"""Times TA-Lib (the `ta-lib` wheel bundles the C library) on the same synthetic series
as Sources/tape-bench/IndicatorBench.swift, printing the same names in ns per bar of
thread CPU time (best of 5). With `all`: every function `talib.get_functions()` lists, at
its default parameters, by TA-Lib's name (best of 3), as `tape-bench catalogue` does."""
import sys
import time

import numpy as np
import talib

MASK = (1 << 64) - 1


def series(count, seed):
    state = seed
    o = np.empty(count); h = np.empty(count); l = np.empty(count); c = np.empty(count); v = np.empty(count)

    def uniform():
        nonlocal state
        state = (state * 6364136223846793005 + 1442695040888963407) & MASK
        return float(state >> 11) / 9007199254740992.0

    previous = 100.0
    for i in range(count):
        op = previous
        cl = op + (uniform() - 0.5) * 2 + (100 - op) * 0.001
        hi = max(op, cl) + uniform() * 0.5
        lo = min(op, cl) - uniform() * 0.5
        o[i] = op; h[i] = hi; l[i] = lo; c[i] = cl
        v[i] = 1000 + float(int(uniform() * 100000))
        previous = cl
    return o, h, l, c, v


def best_of(runs, run):
    best = float("inf")
    for _ in range(runs + 1):
        start = time.thread_time_ns()
        out = run()
        elapsed = time.thread_time_ns() - start
        if _ > 0:   # the first run warms the allocator, as on Tape's side
            best = min(best, elapsed)
    return best, out


def catalogue(o, h, l, c, v):
    """Every function at its defaults on the abstract API's default columns: `price` is
    close, `price0`/`price1` high and low; MAVP's periods the fixtures' sawtooth 2..30."""
    from talib import abstract
    columns = {"open": o, "high": h, "low": l, "close": c, "volume": v,
               "periods": np.array([float(2 + (i * 7) % 29) for i in range(len(c))])}
    for name in talib.get_functions():
        fn = abstract.Function(name)
        arrays = []
        for key, value in fn.info["input_names"].items():
            if isinstance(value, list):
                arrays += [columns[x] for x in value]
            elif key == "periods":
                arrays.append(columns["periods"])
            else:
                arrays.append(columns[{"price": "close", "price0": "high", "price1": "low"}.get(key, value)])
        raw = getattr(talib, name)
        params = dict(fn.info["parameters"])
        best, _ = best_of(3, lambda: raw(*arrays, **params))
        print(f"{name}: {best / len(c):.2f} ns/op")


def main():
    o, h, l, c, v = series(1_000_000, 42)
    if sys.argv[1:] == ["all"]:
        catalogue(o, h, l, c, v)
        return
    cases = [
        ("SMA(20)", lambda: talib.SMA(c, 20)),
        ("EMA(20)", lambda: talib.EMA(c, 20)),
        ("RSI(14)", lambda: talib.RSI(c, 14)),
        ("BBANDS(20,2,2)", lambda: talib.BBANDS(c, 20, 2, 2, 0)),
        ("ATR(14)", lambda: talib.ATR(h, l, c, 14)),
        ("MACD(12,26,9)", lambda: talib.MACD(c, 12, 26, 9)),
        ("STOCH(14,3,3)", lambda: talib.STOCH(h, l, c, 14, 3, 0, 3, 0)),
        ("ADX(14)", lambda: talib.ADX(h, l, c, 14)),
    ]
    for name, run in cases:
        best = float("inf")
        for _ in range(5):
            start = time.thread_time_ns()
            out = run()
            best = min(best, time.thread_time_ns() - start)
        first = out[0] if isinstance(out, tuple) else out
        print(f"{name}: {best / len(c):.2f} ns/op  (per bar, last {first[-1]:.6g})")


if __name__ == "__main__":
    main()
