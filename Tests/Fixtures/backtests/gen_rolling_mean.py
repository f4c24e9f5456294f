"""Writes rolling_mean.csv: pandas `Series.rolling(n).mean()` on two series, every value
as the hex bit pattern of the float64 (so the test can demand bit-identical output).

Series "spy": the closes of Tests/Fixtures/csv/SPY.csv (5241 daily bars).
Series "edge": a constructed series that exercises pandas' special cases: runs of equal
values (the mean is then the value itself), NaN gaps (skipped, so a window holds fewer
observations), zeros and negative values (the sign clamp).

Run with pandas 3.1 from the repository root:
    python Tests/Fixtures/backtests/gen_rolling_mean.py
"""
import struct

import numpy as np
import pandas as pd

WINDOWS = [1, 2, 3, 5, 10, 20, 50, 200]


def hexbits(v):
    return format(struct.unpack("<Q", struct.pack("<d", float(v)))[0], "x")


def edge_series():
    rng = np.random.default_rng(7)
    walk = list(100 + np.cumsum(rng.normal(0, 1, 300)))
    x = [1.1] * 25 + walk[:100] + [float("nan")] * 3 + walk[100:150] + [walk[149]] * 30
    x += [0.0, -0.0, -2.5, 3.3, -1e-3, 1e-3] * 5 + [-7.25] * 12 + walk[150:300] + [0.1, 0.2, 0.3] * 40
    return x


def main():
    spy = pd.read_csv("Tests/Fixtures/csv/SPY.csv")["close"].astype(float).tolist()
    with open("Tests/Fixtures/backtests/rolling_mean.csv", "w") as f:
        f.write("series,index,input," + ",".join(f"mean{n}" for n in WINDOWS) + "\n")
        for name, x in [("spy", spy), ("edge", edge_series())]:
            means = [pd.Series(x).rolling(n).mean().tolist() for n in WINDOWS]
            for i, v in enumerate(x):
                f.write(f"{name},{i},{hexbits(v)}," + ",".join(hexbits(m[i]) for m in means) + "\n")


if __name__ == "__main__":
    main()
