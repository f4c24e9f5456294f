#!/usr/bin/env python3
"""Writes rules.json: backtesting.py 0.6.6's answers to the two rules
Tests/TapeCoreTests/Backtest/BacktestingPyRulesTests.swift checks. Run once by hand,
never in CI (pinned: backtesting==0.6.6, pandas==3.1.1, numpy==2.4.6; Python 3.13):

    .build/venv-talib/bin/pip install backtesting==0.6.6 pandas==3.1.1
    .build/venv-talib/bin/python Tests/Fixtures/backtests/gen_rules.py

1. finalize_close: the library's SmaCross (stop and reverse, 0.2% commission) on GOOG.csv
   with trade_on_close=True and finalize_trades=True: every trade, and the last equity
   points (where the finalized trade is closed).
2. stop_entry_target: a long stop entry one price unit above the signal bar's close, with
   a take-profit 3 and a stop-loss 1 below the level, on the hand-written bars of
   stop_entry_bars.csv (signals on the bars listed), once with a take-profit reached on
   the fill bar and the stop untouched, once with the stop touched as well, once with
   neither. backtesting.py exits at the take-profit on the fill bar only in the first case.
"""
import json
import os
import warnings

import pandas as pd
from backtesting import Backtest, Strategy

HERE = os.path.dirname(os.path.abspath(__file__))


def sma(values, n):
    return pd.Series(values).rolling(n).mean()


def crossover(a, b):
    return a[-2] < b[-2] and a[-1] > b[-1]


class SmaCross(Strategy):
    def init(self):
        self.fast = self.I(sma, self.data.Close, 10)
        self.slow = self.I(sma, self.data.Close, 20)

    def next(self):
        if crossover(self.fast, self.slow):
            self.position.close()
            self.buy()
        elif crossover(self.slow, self.fast):
            self.position.close()
            self.sell()


def trades(stats):
    out = []
    for _, t in stats._trades.iterrows():
        out.append({"size": float(t.Size), "entry_bar": int(t.EntryBar), "exit_bar": int(t.ExitBar),
                    "entry_price": float(t.EntryPrice), "exit_price": float(t.ExitPrice), "pnl": float(t.PnL)})
    return out


def finalize_close():
    data = pd.read_csv(os.path.join(HERE, "GOOG.csv"), index_col=0, parse_dates=True)
    data.columns = [c.capitalize() for c in data.columns]
    bt = Backtest(data, SmaCross, cash=10_000, commission=0.002, trade_on_close=True, finalize_trades=True)
    stats = bt.run()
    equity = stats._equity_curve["Equity"].values
    return {"trades": trades(stats), "last_equity": [float(x) for x in equity[-3:]], "bars": len(data)}


# Bars (open, high, low, close). Signals at bars 1, 4 and 8, each closing at 100: the buy
# stop is 101, the take-profit 103, the stop-loss 99.
BARS = [
    (99.0, 100.5, 98.5, 100.0),   # 0
    (100.0, 100.5, 99.5, 100.0),  # 1 signal
    (100.5, 103.5, 100.0, 103.0),  # 2 fills at 101, high 103.5 ≥ 103, low 100 > 99: exits at 103
    (103.0, 103.5, 99.0, 100.0),  # 3
    (100.0, 100.5, 99.5, 100.0),  # 4 signal
    (100.0, 103.5, 98.5, 102.0),  # 5 fills at 101, reaches 103 but also 98.5 ≤ 99: ambiguous
    (102.0, 103.5, 101.5, 103.2),  # 6 the take-profit, a bar later
    (103.0, 103.1, 99.0, 100.0),  # 7
    (100.0, 100.5, 99.5, 100.0),  # 8 signal
    (100.2, 102.0, 100.1, 101.8),  # 9 fills at 101, stays below 103
    (101.8, 102.5, 98.0, 98.5),  # 10 the stop-loss (99)
    (98.5, 99.0, 98.0, 98.7),  # 11
]
SIGNALS = (1, 4, 8)


class StopEntry(Strategy):
    def init(self):
        pass

    def next(self):
        i = len(self.data) - 1
        if i in SIGNALS and not self.position:
            c = self.data.Close[-1]
            self.buy(stop=c + 1, tp=c + 3, sl=c - 1)


def stop_entry_target():
    idx = pd.date_range("2021-01-04", periods=len(BARS), freq="B")
    data = pd.DataFrame(BARS, columns=["Open", "High", "Low", "Close"], index=idx)
    data["Volume"] = 1000.0
    with open(os.path.join(HERE, "stop_entry_bars.csv"), "w") as f:
        f.write("date,open,high,low,close,volume\n")
        for t, (o, h, l, c) in zip(idx, BARS):
            f.write(f"{t.date()},{o!r},{h!r},{l!r},{c!r},1000\n")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        stats = Backtest(data, StopEntry, cash=1000).run()
    return {"signals": list(SIGNALS), "trades": trades(stats)}


if __name__ == "__main__":
    out = {"generator": "backtesting 0.6.6", "finalize_close": finalize_close(),
           "stop_entry_target": stop_entry_target()}
    with open(os.path.join(HERE, "rules.json"), "w") as f:
        json.dump(out, f, indent=1)
        f.write("\n")
    print(json.dumps(out["stop_entry_target"], indent=1))
    print(out["finalize_close"]["trades"][-2:], out["finalize_close"]["last_equity"])
