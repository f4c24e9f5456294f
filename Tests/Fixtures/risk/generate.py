"""Writes the risk, correlation and regime fixtures from the embedded sample prices.

Run by hand, never in CI (the tests read the JSON it writes):
    python3 -m venv venv && venv/bin/pip install -r Tests/Fixtures/risk/requirements.txt
    venv/bin/python Tests/Fixtures/risk/generate.py
Every input series is written into the JSON with repr() floats, so the Swift tests
compute from exactly the numbers the references saw.
"""
import json
import os
import sys

import numpy as np
import pandas as pd
import scipy
from scipy import integrate, stats
from scipy.cluster.hierarchy import leaves_list, linkage
from scipy.spatial.distance import squareform
import empyrical as ep
import quantstats as qs
import hmmlearn
from hmmlearn import hmm

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", "..", ".."))
SAMPLES = os.path.join(ROOT, "Sources", "TapeSamples", "CSV")


def closes(name):
    df = pd.read_csv(os.path.join(SAMPLES, name + ".csv"), parse_dates=["date"])
    return df.set_index("date")["close"].astype(float)


def returns_of(series):
    return (series / series.shift(1) - 1).dropna()


def horizon_returns(r, h):
    if h == 1:
        return np.asarray(r, dtype=float)
    g = np.asarray(r, dtype=float) + 1.0
    return np.array([np.prod(g[t:t + h]) - 1 for t in range(len(g) - h + 1)])


def cornish_fisher(mu, sd, s, k, confidence):
    alpha = 1 - confidence
    z = stats.norm.ppf(alpha)
    zcf = lambda z: z + (z * z - 1) * s / 6 + (z ** 3 - 3 * z) * k / 24 - (2 * z ** 3 - 5 * z) * s * s / 36
    var = mu + sd * zcf(z)
    # CVaR: the mean of the Cornish-Fisher quantile function over the tail, integrated
    # numerically (the Swift code uses the closed form).
    integral, _ = integrate.quad(lambda p: zcf(stats.norm.ppf(p)), 0, alpha, epsabs=1e-15, epsrel=1e-13, limit=500)
    return var, mu + sd * integral / alpha


def tail_case(name, r, confidences=(0.9, 0.95, 0.99), horizons=(1, 5, 10)):
    r = np.asarray(r, dtype=float)
    out = []
    for h in horizons:
        x = horizon_returns(r, h)
        for c in confidences:
            row = {"horizon": h, "confidence": c}
            alpha = 1 - c
            # Historical: empyrical's VaR (numpy percentile), quantstats' historical CVaR.
            row["historical_var"] = float(ep.value_at_risk(x, cutoff=alpha))
            row["historical_cvar"] = float(qs.stats.conditional_value_at_risk(pd.Series(x), confidence=c,
                                                                             prepare_returns=False, method="historical"))
            # Normal: quantstats at one period; the same formula scaled i.i.d. beyond it.
            mu, sd = r.mean(), r.std(ddof=1)
            if h == 1:
                row["normal_var"] = float(qs.stats.value_at_risk(pd.Series(r), confidence=c, prepare_returns=False))
                row["normal_cvar"] = float(qs.stats.conditional_value_at_risk(pd.Series(r), confidence=c,
                                                                             prepare_returns=False, method="parametric"))
            else:
                mh, sh = mu * h, sd * np.sqrt(h)
                row["normal_var"] = float(stats.norm.ppf(alpha, mh, sh))
                row["normal_cvar"] = float(mh - sh * stats.norm.pdf(stats.norm.ppf(alpha)) / alpha)
            s = stats.skew(r, bias=True) / np.sqrt(h)
            k = stats.kurtosis(r, fisher=True, bias=True) / h
            v, cv = cornish_fisher(mu * h, sd * np.sqrt(h), s, k, c)
            row["cornish_fisher_var"] = float(v)
            row["cornish_fisher_cvar"] = float(cv)
            out.append(row)
    return out


def figures(r, b=None):
    r = np.asarray(r, dtype=float)
    f = {
        "annual_volatility": float(ep.annual_volatility(r)),
        "downside_deviation": float(ep.downside_risk(r)),
        "max_drawdown": float(ep.max_drawdown(r)),
        "ulcer_index": float(qs.stats.ulcer_index(pd.Series(r, index=pd.bdate_range("2000-01-03", periods=len(r))))),
        "tail_ratio": float(ep.tail_ratio(r)),
    }
    if b is not None:
        b = np.asarray(b, dtype=float)
        f["beta"] = float(ep.beta(r, b))
        active = r - b
        # empyrical's excess_sharpe is mean(active) / sd(active, ddof=1): its denominator
        # is the (daily) tracking error.
        f["tracking_error"] = float(np.mean(active) / ep.excess_sharpe(r, b) * np.sqrt(252))
    return f


def main():
    spy, aapl, goog, spx = closes("SPY"), closes("AAPL"), closes("GOOG"), closes("SPX")
    r_spy = returns_of(spy)
    both = pd.concat([aapl, spy], axis=1, join="inner").dropna()
    both.columns = ["aapl", "spy"]
    r_pair = (both / both.shift(1) - 1).dropna()
    rng = np.random.default_rng(20240117)
    fat = 0.0004 + 0.01 * rng.standard_t(3, size=3000) / np.sqrt(3)

    cases = [
        {"name": "SPY", "returns": [float(x) for x in r_spy.values], "figures": figures(r_spy.values),
         "tails": tail_case("SPY", r_spy.values)},
        {"name": "AAPL vs SPY", "returns": [float(x) for x in r_pair["aapl"].values],
         "benchmark": [float(x) for x in r_pair["spy"].values],
         "figures": figures(r_pair["aapl"].values, r_pair["spy"].values), "tails": tail_case("AAPL", r_pair["aapl"].values)},
        {"name": "student-t(3)", "returns": [float(x) for x in fat], "figures": figures(fat), "tails": tail_case("t3", fat)},
    ]

    # Correlation: five series on their common dates, numpy's matrix, SciPy's clustering.
    frame = pd.concat([spy, aapl, goog, spx], axis=1, join="inner").dropna()
    frame.columns = ["SPY", "AAPL", "GOOG", "SPX"]
    rets = (frame / frame.shift(1) - 1).dropna()
    rets["NOISE"] = rng.normal(0, 0.01, size=len(rets))
    rets["ANTI"] = -rets["SPY"] + rng.normal(0, 0.004, size=len(rets))
    names = list(rets.columns)
    rho = np.corrcoef(rets.values.T)
    dist = np.sqrt(np.clip((1 - rho) / 2, 0, None))
    np.fill_diagonal(dist, 0)
    order = leaves_list(linkage(squareform(dist, checks=False), method="average"))
    rolling = rets["AAPL"].rolling(60).corr(rets["GOOG"])
    correlation = {"names": names, "returns": [[float(x) for x in rets[n].values] for n in names],
                   "matrix": rho.tolist(), "cluster_order": [int(i) for i in order],
                   "rolling_window": 60, "rolling_aapl_goog": [None if np.isnan(x) else float(x) for x in rolling.values]}

    # Regimes: hmmlearn's Gaussian HMM (diag) from a given start, on SPY's daily returns
    # in percent (one feature) and on (return, |return|) (two features).
    hmm_cases = []
    x1 = (r_spy.values * 100).reshape(-1, 1)
    x2 = np.column_stack([r_spy.values * 100, np.abs(r_spy.values * 100)])
    for label, x, k, iters in [("spy_1d_3states", x1, 3, 60), ("spy_2d_2states", x2, 2, 40)]:
        d = x.shape[1]
        model = hmm.GaussianHMM(n_components=k, covariance_type="diag", n_iter=iters, tol=1e-6, init_params="", params="stmc",
                                covars_prior=1e-3, covars_weight=1.0, implementation="log")
        q = [np.quantile(x[:, f], (np.arange(k) + 0.5) / k) for f in range(d)]
        means = np.array([[q[f][s] for f in range(d)] for s in range(k)])
        var = np.var(x, axis=0, ddof=1)
        covars = np.tile(var, (k, 1))
        trans = np.full((k, k), 0.1 / (k - 1))
        np.fill_diagonal(trans, 0.9)
        start = np.full(k, 1.0 / k)
        model.startprob_, model.transmat_, model.means_, model.covars_ = start, trans, means, covars
        model.fit(x)
        hmm_cases.append({
            "name": label, "x": x.tolist(), "states": k, "iterations": iters, "tolerance": 1e-6, "covars_prior": 1e-3,
            "start": {"startprob": start.tolist(), "transmat": trans.tolist(), "means": means.tolist(), "covars": covars.tolist()},
            "history": [float(v) for v in model.monitor_.history],
            "fitted": {"startprob": model.startprob_.tolist(), "transmat": model.transmat_.tolist(),
                       "means": model.means_.tolist(), "covars": [list(np.diag(c)) if np.ndim(c) == 2 else list(c) for c in model.covars_]},
            "score": float(model.score(x)),
            "viterbi": [int(s) for s in model.predict(x)],
        })

    versions = {"python": sys.version.split()[0], "numpy": np.__version__, "pandas": pd.__version__, "scipy": scipy.__version__,
                "empyrical": ep.__version__ if hasattr(ep, "__version__") else "0.7.1", "quantstats": qs.__version__,
                "hmmlearn": hmmlearn.__version__}
    with open(os.path.join(HERE, "risk.json"), "w") as f:
        json.dump({"versions": versions, "cases": cases, "correlation": correlation}, f)
    with open(os.path.join(HERE, "hmm.json"), "w") as f:
        json.dump({"versions": versions, "cases": hmm_cases}, f)
    print("wrote risk.json and hmm.json with", versions)


if __name__ == "__main__":
    main()
