#!/usr/bin/env python3
"""Times the references of issue 17's risk goals on the same data as
Sources/tape-bench/RiskBench.swift (the same SplitMix64 stream and Box-Muller draws), in
wall milliseconds or microseconds, best of N, printing the names tape-bench prints:
empyrical's historical VaR and quantstats' historical CVaR; a numpy Monte Carlo of the
same paths; hmmlearn's Baum-Welch from the same start with the same stopping rule."""
import math
import sys
import time
import warnings

import numpy as np
import pandas as pd
import empyrical
import quantstats as qs
from hmmlearn import hmm

MASK = (1 << 64) - 1


class SplitMix64:
    def __init__(self, seed):
        self.state = seed

    def next(self):
        self.state = (self.state + 0x9E3779B97F4A7C15) & MASK
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
        return z ^ (z >> 31)

    def unit(self):
        return float(self.next() >> 11) * 2.0 ** -53


def best(repeats, body):
    times = []
    out = None
    for _ in range(repeats):
        t = time.perf_counter()
        out = body()
        times.append(time.perf_counter() - t)
    return min(times), out


def main():
    rng = SplitMix64(17)

    def normal():
        # Swift evaluates the left operand first: the radius's draw, then the angle's.
        r = math.sqrt(-2 * math.log(1 - rng.unit()))
        return r * math.cos(2 * math.pi * rng.unit())

    days = 20 * 252
    returns = np.array([0.0003 + 0.012 * normal() for _ in range(days)])
    series = pd.Series(returns)
    t, _ = best(200, lambda: (empyrical.value_at_risk(returns, cutoff=0.01),
                              qs.stats.conditional_value_at_risk(series, sigma=1, confidence=0.99)))
    print(f"risk.historical VaR+CVaR 99%, 5,040 daily returns: {t * 1e6:.2f} µs (empyrical value_at_risk + quantstats cvar)")

    mean, sd = returns.mean(), returns.std(ddof=1)
    gen = np.random.default_rng(3)

    def monte_carlo(h):
        paths = np.prod(1 + gen.normal(mean, sd, size=(100_000, h)), axis=1) - 1
        var = np.quantile(paths, 0.01)
        return var, paths[paths <= var].mean()

    t, _ = best(10, lambda: monte_carlo(1))
    print(f"risk.Monte Carlo VaR+CVaR, 100,000 paths, 1 day: {t * 1e3:.2f} ms (numpy, one core)")
    t, _ = best(5, lambda: monte_carlo(10))
    print(f"risk.Monte Carlo VaR+CVaR, 100,000 paths, 10 days: {t * 1e3:.2f} ms (numpy, one core)")

    close = [100.0]
    for k in range(days):
        s = [0.006, 0.012, 0.03][(k // 300) % 3]
        close.append(close[-1] * (1 + 0.0003 + s * normal()))
    c = np.array(close)
    x = ((c[1:] / c[:-1] - 1) * 100).reshape(-1, 1)
    k = 3
    # GaussianHMM.initial: means at the (s + 0.5)/k quantiles, the sample variance, 0.9 to stay.
    means = np.array([[np.quantile(x[:, 0], (s + 0.5) / k)] for s in range(k)])
    var = x[:, 0].var(ddof=1)
    trans = np.full((k, k), 0.1 / (k - 1)) + np.eye(k) * (0.9 - 0.1 / (k - 1))

    def fit(tol):
        m = hmm.GaussianHMM(n_components=k, covariance_type="diag", init_params="", params="stmc", covars_prior=1e-3,
                            n_iter=200, tol=tol, implementation="scaling")
        m.startprob_ = np.full(k, 1 / k)
        m.transmat_ = trans
        m.means_ = means
        m.covars_ = np.full((k, 1), var)
        m.fit(x)
        return len(m.monitor_.history)

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        t, iterations = best(5, lambda: fit(1e-6))
        t2, iterations2 = best(5, lambda: fit(1e-2))
    print(f"risk.HMM 3 states, Baum-Welch on 5,040 daily returns: {t * 1e3:.2f} ms (hmmlearn 0.3.3, {iterations} iterations)")
    print(f"risk.HMM 3 states, Baum-Welch to a gain below 0.01: {t2 * 1e3:.2f} ms (hmmlearn 0.3.3, {iterations2} iterations)")


if __name__ == "__main__":
    sys.exit(main())
