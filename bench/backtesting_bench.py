"""backtesting.py 0.6.6 on the runs `make bench` also gives Tape: sma_cross 10/20,
stop-and-reverse, cash 10,000, on GOOG (backtesting.py's bundled 2,148 daily bars, 0.2%
commission) and on a seeded 100,000-bar synthetic daily series (no commission) it writes
to the CSV path given as the first argument (so Tape reads the very same bars). Prints wall time per
run, best of several, statistics included (`Backtest.run` computes them)."""
import sys
import time
import warnings

import numpy as np
import pandas as pd
from backtesting import Backtest, Strategy
from backtesting.lib import crossover
from backtesting.test import GOOG, SMA


class SmaCross(Strategy):
    n1, n2 = 10, 20

    def init(self):
        self.sma1 = self.I(SMA, self.data.Close, self.n1)
        self.sma2 = self.I(SMA, self.data.Close, self.n2)

    def next(self):
        if crossover(self.sma1, self.sma2):
            self.position.close()
            self.buy()
        elif crossover(self.sma2, self.sma1):
            self.position.close()
            self.sell()


def synthetic(n, seed=1):
    # A mean-reverting log-price walk near 100 (as tape-bench's), so trading goes on.
    rng = np.random.default_rng(seed)
    logp, p = np.log(100.0), 100.0
    o, c = np.empty(n), np.empty(n)
    for i, z in enumerate(rng.standard_normal(n)):
        o[i] = p
        logp += 0.015 * z - 0.001 * (logp - np.log(100.0))
        p = np.exp(logp)
        c[i] = p
    h = np.maximum(o, c) * (1 + 0.005 * rng.random(n))
    lo = np.minimum(o, c) * (1 - 0.005 * rng.random(n))
    idx = pd.date_range("1990-01-01", periods=n, freq="D")
    return pd.DataFrame({"Open": o, "High": h, "Low": lo, "Close": c, "Volume": 1e6}, index=idx)


def best(data, repeats, commission):
    bt = Backtest(data, SmaCross, cash=10_000, commission=commission, finalize_trades=False)
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        stats = bt.run()
        times.append(time.perf_counter() - t0)
    return min(times), int(stats["# Trades"])


def main():
    # "Some trades remain open" and, once whole units no longer fit, "insufficient margin".
    warnings.filterwarnings("ignore")
    path = sys.argv[1]
    syn = synthetic(100_000)
    out = syn.rename(columns=str.lower)
    out.index.name = "date"
    out.to_csv(path, date_format="%Y-%m-%d")
    t, trades = best(GOOG, 5, 0.002)
    print(f"backtesting.py GOOG {len(GOOG)} bars: {t * 1e3:.2f} ms ({trades} trades)")
    # No commission here: with whole units, 0.2% a trade would ruin the account within
    # about 12,000 bars and stop the trading being timed.
    t, trades = best(syn, 2, 0)
    print(f"backtesting.py synthetic {len(syn)} bars: {t * 1e3:.2f} ms ({trades} trades)")


if __name__ == "__main__":
    main()
