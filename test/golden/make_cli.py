#!/usr/bin/env python3
"""Fixtures for test/unit/cli.test.ts and the scipy / scikit-learn values the CLI must reproduce.

    /usr/bin/python3 test/golden/make_cli.py

Writes the data files under test/fixtures/cli/ and the expected numbers to test/golden/cli.json
(numpy 1.24, pandas 1.5, scipy 1.10, scikit-learn 1.2). Deterministic: one seeded Generator.
Each expected value records the exact Python expression that produced it (`call`).

The drift pair has unequal sizes (exact KS over unequal samples), missing values, heavy ties, a
column only in each file, a column with no values in the current file, and a column that is
numbers in the reference but text in the current file (compared as categories, as written).
"""

import json
import os

import numpy as np
import pandas as pd
import scipy
import scipy.spatial.distance
import scipy.stats
import sklearn
from sklearn.calibration import calibration_curve
from scipy.optimize import brentq
from scipy.special import roots_legendre
from scipy.stats import norm
from sklearn.metrics import brier_score_loss

HERE = os.path.dirname(os.path.abspath(__file__))
FIXTURES = os.path.join(HERE, "..", "fixtures", "cli")
rng = np.random.default_rng(20240612)


def psi_bins(ref, cur, bins=10, eps=1e-4):
    """STATS.md's psi, also returning the shares before epsilon (for Jensen-Shannon)."""
    inner = np.unique(np.quantile(ref, np.linspace(0, 1, bins + 1)[1:-1]))
    edges = np.concatenate([[-np.inf], inner, [np.inf]])
    r = np.histogram(ref, edges)[0] / len(ref)
    c = np.histogram(cur, edges)[0] / len(cur)
    r0, c0 = r, c
    r = np.where(r == 0, eps, r)
    c = np.where(c == 0, eps, c)
    return float(np.sum((c - r) * np.log(c / r))), r0, c0


def pooled(r_counts, c_counts, min_expected=5):
    """poolRareCategories: levels expected fewer than 5 times on the smaller side go to one bucket."""
    n1, n2 = r_counts.sum(), c_counts.sum()
    rare = (r_counts + c_counts) / (n1 + n2) * min(n1, n2) < min_expected
    keep_r, keep_c = r_counts[~rare], c_counts[~rare]
    if rare.any():
        keep_r = np.append(keep_r, r_counts[rare].sum())
        keep_c = np.append(keep_c, c_counts[rare].sum())
    return keep_r, keep_c, int(rare.sum())


def categorical_psi(r_counts, c_counts, eps=1e-4):
    r = r_counts / r_counts.sum()
    c = c_counts / c_counts.sum()
    r = np.where(r == 0, eps, r)
    c = np.where(c == 0, eps, c)
    return float(np.sum((c - r) * np.log(c / r)))


def write_drift_pair():
    n_ref, n_cur = 300, 250
    ref = pd.DataFrame(
        {
            "age": np.round(rng.normal(40, 10, n_ref), 1),
            "income": np.round(rng.lognormal(10, 0.5, n_ref), 2),
            "tenure": rng.integers(0, 10, n_ref),
            "city": rng.choice(["Lyon", "Paris", "Nantes"], n_ref, p=[0.3, 0.5, 0.2]),
            "plan": rng.choice(["basic", "pro"], n_ref),
            "zip": rng.integers(1000, 1006, n_ref),
            "promo": rng.choice(["SPRING", "FALL"], n_ref),
            "legacy_id": np.arange(n_ref),
            "y": rng.choice([0, 1], n_ref, p=[0.7, 0.3]),
        }
    )
    cur = pd.DataFrame(
        {
            "age": np.round(rng.normal(46, 10, n_cur), 1),
            "income": np.round(rng.lognormal(10, 0.5, n_cur), 2),
            "tenure": rng.integers(0, 10, n_cur),
            "city": rng.choice(["Lyon", "Paris", "Nantes", "Lille"], n_cur, p=[0.2, 0.4, 0.2, 0.2]),
            "plan": rng.choice(["basic", "pro"], n_cur),
            "zip": rng.integers(1000, 1006, n_cur).astype(str).astype(object),
            "promo": [""] * n_cur,
            "session_len": np.round(rng.exponential(5, n_cur), 2),
            "y": rng.choice([0, 1], n_cur, p=[0.6, 0.4]),
        }
    )
    ref.loc[rng.choice(n_ref, 6, replace=False), "income"] = np.nan
    cur.loc[rng.choice(n_cur, 9, replace=False), "income"] = np.nan
    cur.loc[17, "zip"] = "unknown"
    cur.loc[5, "age"] = 140.0  # beyond 4 reference sd
    ref.to_csv(os.path.join(FIXTURES, "reference.csv"), index=False)
    cur.to_csv(os.path.join(FIXTURES, "current.csv"), index=False)


def drift_expected():
    ref = pd.read_csv(os.path.join(FIXTURES, "reference.csv"))
    cur = pd.read_csv(os.path.join(FIXTURES, "current.csv"))
    ref_text = pd.read_csv(os.path.join(FIXTURES, "reference.csv"), dtype=str)
    cur_text = pd.read_csv(os.path.join(FIXTURES, "current.csv"), dtype=str)
    columns = {}
    for name in ["age", "income", "tenure"]:
        r = ref[name].dropna().to_numpy(dtype=float)
        c = cur[name].dropna().to_numpy(dtype=float)
        ks = scipy.stats.ks_2samp(r, c)
        if len(np.unique(r)) <= 10:
            # Few distinct values: one bin per value of both files, rare values pooled.
            values = np.union1d(r, c)
            r_counts = np.array([(r == v).sum() for v in values], dtype=float)
            c_counts = np.array([(c == v).sum() for v in values], dtype=float)
            r_counts, c_counts, _ = pooled(r_counts, c_counts)
            psi, r0, c0 = categorical_psi(r_counts, c_counts), r_counts / r_counts.sum(), c_counts / c_counts.sum()
            binning = "values"
        else:
            psi, r0, c0 = psi_bins(r, c)
            binning = "quantile"
        mean, sd = ref[name].mean(), ref[name].std()
        columns[name] = {
            "call": f"ks_2samp / psi ({binning} bins) / wasserstein_distance / jensenshannon(base=2) on read_csv(...)['{name}'].dropna()",
            "kind": "numeric",
            "binning": binning,
            "count": [int(len(r)), int(len(c))],
            "missing": [int(ref[name].isna().sum()), int(cur[name].isna().sum())],
            "ks": {"statistic": float(ks.statistic), "pValue": float(ks.pvalue)},
            "psi": psi,
            "wasserstein": float(scipy.stats.wasserstein_distance(r, c)),
            "jensenShannon": float(scipy.spatial.distance.jensenshannon(r0, c0, base=2)),
            "beyondSigmas": int((np.abs(c - mean) > 4 * sd).sum()),
            "outsideRange": int(((c < r.min()) | (c > r.max())).sum()),
        }
    for name in ["city", "plan", "zip"]:
        rc = ref_text[name].dropna().value_counts()
        cc = cur_text[name].dropna().value_counts()
        categories = sorted(set(rc.index) | set(cc.index))
        r_counts = rc.reindex(categories, fill_value=0).to_numpy(dtype=float)
        c_counts = cc.reindex(categories, fill_value=0).to_numpy(dtype=float)
        r_pooled, c_pooled, rare = pooled(r_counts, c_counts)
        chi2, p, dof, _ = scipy.stats.chi2_contingency([r_pooled, c_pooled], correction=False)
        columns[name] = {
            "call": f"chi2_contingency([ref_counts, cur_counts], correction=False) over sorted categories of read_csv(..., dtype=str)['{name}'], {rare} rare pooled",
            "kind": "categorical",
            "count": [int(r_counts.sum()), int(c_counts.sum())],
            "chiSquare": {"statistic": float(chi2), "pValue": float(p), "dof": int(dof)},
            "psi": categorical_psi(r_pooled, c_pooled),
        }
    label = {}
    for side, frame in [("reference", ref), ("current", cur)]:
        shares = (frame["y"].value_counts() / len(frame)).sort_index()
        label[side] = {str(k): float(v) for k, v in shares.items()}
    return {"columns": columns, "label": label, "rows": [len(ref), len(cur)]}


def write_predictions():
    n = 400
    p = np.round(rng.uniform(0, 1, n), 3)
    correct = (rng.uniform(0, 1, n) < np.clip(p * 0.8 + 0.1, 0, 1)).astype(int)  # miscalibrated at the ends
    frame = pd.DataFrame({"id": np.arange(n), "confidence": p, "correct": correct})
    frame["confidence"] = frame["confidence"].astype(object)
    frame.loc[7, "confidence"] = np.nan
    frame.loc[12, "correct"] = np.nan
    frame.to_csv(os.path.join(FIXTURES, "predictions.csv"), index=False)
    text = frame.copy()
    text.loc[2, "confidence"] = "high"
    text.to_csv(os.path.join(FIXTURES, "predictions-text.csv"), index=False)


def calibration_expected():
    frame = pd.read_csv(os.path.join(FIXTURES, "predictions.csv")).dropna(subset=["confidence", "correct"])
    y = frame["correct"].to_numpy(dtype=float)
    p = frame["confidence"].to_numpy(dtype=float)
    prob_true, prob_pred = calibration_curve(y, p, n_bins=10, strategy="uniform")
    edges = np.linspace(0, 1, 11)
    ids = np.searchsorted(edges[1:-1], p)
    counts = np.bincount(ids, minlength=10)
    counts = counts[counts > 0]
    gaps = np.abs(prob_true - prob_pred)
    return {
        "call": "calibration_curve(y, p, n_bins=10, strategy='uniform'); brier_score_loss(y, p); counts from searchsorted(edges[1:-1], p)",
        "rows": int(len(frame)),
        "accuracy": prob_true.tolist(),
        "confidence": prob_pred.tolist(),
        "count": counts.tolist(),
        "ece": float(np.sum(counts / len(p) * gaps)),
        "mce": float(gaps.max()),
        "ace": float(gaps.mean()),
        "brier": float(brier_score_loss(y, p)),
        "withinTolerance": bool((gaps <= 0.05).all()),
    }


def cusum_lower(x, target, k, h):  # STATS.md
    s, alarms, series = 0.0, [], []
    for i, xi in enumerate(x):
        s = max(0.0, s + (target - xi) - k)
        series.append(s)
        if s > h:
            alarms.append(i)
            s = 0.0
    return alarms, series


def write_accuracy():
    n = 120
    accuracy = np.round(np.concatenate([rng.normal(0.9, 0.02, 80), rng.normal(0.84, 0.02, n - 80)]), 4)
    frame = pd.DataFrame({"batch": np.arange(n), "accuracy": accuracy})
    frame["accuracy"] = frame["accuracy"].astype(object)
    frame.loc[50, "accuracy"] = np.nan
    frame.to_csv(os.path.join(FIXTURES, "accuracy.csv"), index=False)


def normal_arl(k, h, nodes=200):
    """In-control zero-state ARL of the one-sided CUSUM (Nystroem, Gauss-Legendre), as make_cusum_arl.py."""
    t, w = roots_legendre(nodes)
    z = h / 2 * (t + 1)
    wz = h / 2 * w
    points = np.concatenate([[0.0], z])
    a = np.eye(nodes + 1)
    a[:, 0] -= norm.cdf(k - points)
    a[:, 1:] -= wz[None, :] * norm.pdf(z[None, :] - points[:, None] + k)
    return float(np.linalg.solve(a, np.ones(nodes + 1))[0])


def cusum_expected():
    """The report's design for a numeric series without target or sigma: the warm-up's one-sided 90%
    bounds (mean - z s / sqrt(30), s * sqrt(29 / chi2.ppf(0.1, 29))), k = 0.5 sigma, and h solved for
    an in-control ARL of 20,000."""
    frame = pd.read_csv(os.path.join(FIXTURES, "accuracy.csv"))
    values = frame["accuracy"].dropna()
    x = values.to_numpy(dtype=float)
    s = float(np.std(x[:30], ddof=1))
    z = float(np.sqrt(scipy.stats.chi2.isf(0.2, 1)))
    target = float(np.mean(x[:30])) - z * s / np.sqrt(30)
    sigma = s * float(np.sqrt(29 / scipy.stats.chi2.ppf(0.1, 29)))
    h = brentq(lambda v: normal_arl(0.5, v) - 20000, 1.0, 16.0, xtol=1e-13, rtol=1e-15)
    alarms, series = cusum_lower(x, target, 0.5 * sigma, h * sigma)
    rows = values.index.to_numpy()
    return {
        "call": "cusum_lower(x, mean(x[:30]) - z std/sqrt(30), 0.5 sigma_u, h sigma_u), sigma_u = std(x[:30], ddof=1) sqrt(29 / chi2.ppf(0.1, 29)), h: ARL0 20,000",
        "target": target,
        "sigma": sigma,
        "hSigmas": h,
        "alarms": [int(rows[i]) for i in alarms],
        "statistic": {str(int(rows[i])): v for i, v in enumerate(series)},
    }


def write_bad_inputs():
    def write(name, data):
        with open(os.path.join(FIXTURES, name), "wb") as handle:
            handle.write(data)

    write("empty.csv", b"")
    write("header-only.csv", b"age,income,city\n")
    write("ragged.csv", b"age,income,city\n41,52000,Lyon\n37,48000\n")
    write("binary.csv", bytes([0, 1, 2, 3, 255, 254]) + b"\x00" * 64)


def main():
    os.makedirs(FIXTURES, exist_ok=True)
    write_drift_pair()
    write_predictions()
    write_accuracy()
    write_bad_inputs()
    golden = {
        "versions": {"numpy": np.__version__, "pandas": pd.__version__, "scipy": scipy.__version__, "sklearn": sklearn.__version__},
        "command": "/usr/bin/python3 test/golden/make_cli.py",
        "drift": drift_expected(),
        "calibration": calibration_expected(),
        "cusum": cusum_expected(),
    }
    with open(os.path.join(HERE, "cli.json"), "w") as handle:
        json.dump(golden, handle, indent=1, sort_keys=True)
        handle.write("\n")


main()
