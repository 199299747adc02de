#!/usr/bin/env python3
"""Reference values for src/core/stats, written to test/golden/stats.json.

Run on the dev machine with Debian's Python stack (the unit tests only read the committed JSON):

    /usr/bin/python3 test/golden/make_stats.py

Needs numpy 1.24, scipy 1.10, scikit-learn 1.2, pandas 1.5 and statsmodels 0.13
(apt: python3-numpy python3-scipy python3-sklearn python3-pandas python3-statsmodels).
Deterministic: every sample comes from one seeded numpy Generator, and the output is sorted.

Each case records its inputs, the exact Python expression that produced the expected values
(`call`, evaluated in this module's namespace) and the expected values. Non-finite floats are
written as the strings "Infinity", "-Infinity" and "NaN" (JSON has no literal for them).
"""

import json
import math
import os
import sys

import numpy as np
import pandas as pd
import scipy
import scipy.spatial.distance
import scipy.special
import scipy.stats
import sklearn
import statsmodels
from sklearn.calibration import calibration_curve
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import brier_score_loss, roc_auc_score
from sklearn.model_selection import StratifiedKFold
from statsmodels.stats.multitest import multipletests

rng = np.random.default_rng(20240607)
CASES = {}


def plain(value):
    """numpy -> JSON-ready Python, non-finite floats as strings."""
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if isinstance(value, np.ndarray):
        return plain(value.tolist())
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    if isinstance(value, (int, np.integer)):
        return int(value)
    if isinstance(value, (float, np.floating)):
        v = float(value)
        if math.isnan(v):
            return "NaN"
        if math.isinf(v):
            return "Infinity" if v > 0 else "-Infinity"
        return v
    return value


def add(group, name, call, inputs, expected=None):
    """Record a case; `call` is evaluated with the inputs as local variables unless expected is given."""
    if expected is None:
        expected = eval(call, globals(), dict(inputs))  # noqa: S307 - our own expressions
    CASES.setdefault(group, []).append(
        {"name": name, "call": call, "input": plain(inputs), "expected": plain(expected)}
    )


# ---------------------------------------------------------------- numpy building blocks

add("pairwiseSum", "7 values (plain loop)", "float(np.sum(np.asarray(values, dtype=float)))",
    {"values": rng.standard_normal(7) * 1e3})
add("pairwiseSum", "100 values (8 accumulators)", "float(np.sum(np.asarray(values, dtype=float)))",
    {"values": rng.standard_normal(100) * 10.0 ** rng.uniform(-3, 3, 100)})
add("pairwiseSum", "1000 values (recursive halves)", "float(np.sum(np.asarray(values, dtype=float)))",
    {"values": rng.standard_normal(1000) * 10.0 ** rng.uniform(-3, 3, 1000)})
# 8200 values given by a formula (IEEE division is correctly rounded, so the TypeScript test rebuilds
# exactly these doubles) instead of 170 kB of literals: ((i * 7919) % 10007 - 5003) / 977 / (1 + (i % 7) * 1000).
_i = np.arange(8200)
add("pairwiseSum", "8200 values (two reduction buffers)", "float(np.sum(((_i * 7919) % 10007 - 5003) / 977 / (1 + (_i % 7) * 1000)))",
    {"formula": "((i * 7919) % 10007 - 5003) / 977 / (1 + (i % 7) * 1000)", "length": 8200})

for start, stop, num in [(0.0, 1.0, 11), (0.0, 1.0, 6), (-3.7, 12.1, 8), (2.5, 2.5, 4), (0.0, 1.0, 1)]:
    add("linspace", f"linspace({start}, {stop}, {num})", "np.linspace(start, stop, num)",
        {"start": start, "stop": stop, "num": num})

_q_data = np.sort(rng.standard_normal(37) * 5)
add("linearQuantileSorted", "deciles of 37 normals (both lerp branches)",
    "np.quantile(sorted, probabilities)",
    {"sorted": _q_data, "probabilities": np.linspace(0, 1, 11)})
add("linearQuantileSorted", "percentiles as calibration_curve asks for them",
    "np.percentile(sorted, np.linspace(0, 1, 11) * 100)",
    {"sorted": np.sort(rng.uniform(0, 1, 23)), "probabilities": np.linspace(0, 1, 11)})

# ---------------------------------------------------------------- PSI (STATS.md)


def psi_quantile(ref, cur, bins=10, eps=1e-4):
    """STATS.md's psi, verbatim, returning the pieces as well."""
    ref = np.asarray(ref, dtype=float)
    cur = np.asarray(cur, dtype=float)
    inner = np.unique(np.quantile(ref, np.linspace(0, 1, bins + 1)[1:-1]))  # type-7 quantiles
    edges = np.concatenate([[-np.inf], inner, [np.inf]])
    return _psi_on_edges(ref, cur, edges, eps)


def psi_uniform(ref, cur, bins=10, eps=1e-4):
    """Equal-width inner edges over the reference range, open outer bins."""
    ref = np.asarray(ref, dtype=float)
    cur = np.asarray(cur, dtype=float)
    inner = np.unique(np.linspace(ref.min(), ref.max(), bins + 1)[1:-1])
    edges = np.concatenate([[-np.inf], inner, [np.inf]])
    return _psi_on_edges(ref, cur, edges, eps)


def psi_sturges(ref, cur, eps=1e-4):
    """Evidently's bins: Sturges' rule on the pooled sample (finite outer edges)."""
    ref = np.asarray(ref, dtype=float)
    cur = np.asarray(cur, dtype=float)
    edges = np.histogram_bin_edges(np.concatenate([ref, cur]), bins="sturges")
    return _psi_on_edges(ref, cur, edges, eps)


def _psi_on_edges(ref, cur, edges, eps):
    r_counts = np.histogram(ref, edges)[0]  # bins [a, b), last one closed
    c_counts = np.histogram(cur, edges)[0]
    r_raw = r_counts / len(ref)
    c_raw = c_counts / len(cur)
    r = np.where(r_raw == 0, eps, r_raw)
    c = np.where(c_raw == 0, eps, c_raw)
    contributions = (c - r) * np.log(c / r)
    return {
        "value": float(np.sum(contributions)),
        "edges": edges,
        "referenceCounts": r_counts,
        "currentCounts": c_counts,
        "referenceShares": r_raw,
        "currentShares": c_raw,
        "contributions": contributions,
    }


_ref_normal = rng.normal(0, 1, 1000)
_cur_normal = rng.normal(0.3, 1.1, 800)
add("psi", "quantile: normal shift", "psi_quantile(reference, current, bins=10)",
    {"reference": _ref_normal, "current": _cur_normal, "strategy": "quantile", "bins": 10})
add("psi", "quantile: identical samples", "psi_quantile(reference, current, bins=10)",
    {"reference": _ref_normal[:300], "current": _ref_normal[:300], "strategy": "quantile", "bins": 10})
_ties_ref = rng.choice([0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 1.0, 1.0, 2.0, 7.5], size=400)
_ties_cur = rng.choice([0.0, 0.0, 0.0, 1.0, 1.0, 2.0, 2.0, 7.5, 7.5, 9.0], size=350)
add("psi", "quantile: heavy ties (np.unique drops edges)", "psi_quantile(reference, current, bins=10)",
    {"reference": _ties_ref, "current": _ties_cur, "strategy": "quantile", "bins": 10})
add("psi", "quantile: empty bins in both samples", "psi_quantile(reference, current, bins=10)",
    {"reference": [0.0, 4.0, 10.0], "current": [0.5, 0.6, 9.0, 9.5, 20.0], "strategy": "quantile", "bins": 10})
add("psi", "quantile: 20 bins, current concentrated", "psi_quantile(reference, current, bins=20)",
    {"reference": _ref_normal[:500], "current": rng.normal(1.5, 0.2, 300), "strategy": "quantile", "bins": 20})
add("psi", "uniform: normal shift, current beyond the reference range", "psi_uniform(reference, current, bins=10)",
    {"reference": _ref_normal[:400], "current": rng.normal(1.0, 1.5, 500), "strategy": "uniform", "bins": 10})
add("psi", "uniform: ties", "psi_uniform(reference, current, bins=5)",
    {"reference": _ties_ref, "current": _ties_cur, "strategy": "uniform", "bins": 5})
add("psi", "uniform: constant reference", "psi_uniform(reference, current, bins=10)",
    {"reference": [3.0] * 20, "current": [2.0, 3.0, 3.0, 4.0], "strategy": "uniform", "bins": 10})
add("psi", "sturges: normal shift", "psi_sturges(reference, current)",
    {"reference": _ref_normal, "current": _cur_normal, "strategy": "sturges", "bins": 10})
add("psi", "sturges: 512 + 512 values (log2 n + 1 is an integer)", "psi_sturges(reference, current)",
    {"reference": rng.uniform(0, 3, 512), "current": rng.uniform(0.5, 3, 512), "strategy": "sturges", "bins": 10})
add("psi", "sturges: ties", "psi_sturges(reference, current)",
    {"reference": _ties_ref, "current": _ties_cur, "strategy": "sturges", "bins": 10})
add("psi", "sturges: all values equal", "psi_sturges(reference, current)",
    {"reference": [1.0] * 10, "current": [1.0] * 7, "strategy": "sturges", "bins": 10})


def categorical_psi(ref_counts, cur_counts, eps=1e-4):
    """One bin per category over the sorted union; zero shares replaced by eps."""
    keys = sorted(set(ref_counts) | set(cur_counts))
    r_counts = np.array([ref_counts.get(k, 0) for k in keys], dtype=float)
    c_counts = np.array([cur_counts.get(k, 0) for k in keys], dtype=float)
    r_raw = r_counts / r_counts.sum()
    c_raw = c_counts / c_counts.sum()
    r = np.where(r_raw == 0, eps, r_raw)
    c = np.where(c_raw == 0, eps, c_raw)
    contributions = (c - r) * np.log(c / r)
    return {"value": float(np.sum(contributions)), "categories": keys, "contributions": contributions}


add("categoricalPsi", "category only in current, category only in reference",
    "categorical_psi(reference, current)",
    {"reference": {"cat": 120, "dog": 80, "fish": 15}, "current": {"cat": 90, "dog": 95, "bird": 30}})
add("categoricalPsi", "identical shares, different sizes", "categorical_psi(reference, current)",
    {"reference": {"a": 10, "b": 30}, "current": {"a": 25, "b": 75}})
add("categoricalPsi", "many categories", "categorical_psi(reference, current)",
    {"reference": {f"c{i:02d}": int(v) for i, v in enumerate(rng.integers(1, 200, 25))},
     "current": {f"c{i:02d}": int(v) for i, v in enumerate(rng.integers(0, 200, 25))}})

# ---------------------------------------------------------------- chi-square


def chi2_homogeneity(ref_counts, cur_counts):
    keys = sorted(set(ref_counts) | set(cur_counts))
    table = [[ref_counts.get(k, 0) for k in keys], [cur_counts.get(k, 0) for k in keys]]
    statistic, p, dof, expected = scipy.stats.chi2_contingency(table, correction=False)
    return {"statistic": float(statistic), "pValue": float(p), "dof": int(dof), "categories": keys,
            "expected": expected}


add("chiSquare", "category present in only one sample", "chi2_homogeneity(reference, current)",
    {"reference": {"cat": 120, "dog": 80, "fish": 15}, "current": {"cat": 90, "dog": 95, "bird": 30}})
add("chiSquare", "no drift (large p)", "chi2_homogeneity(reference, current)",
    {"reference": {"a": 100, "b": 200, "c": 300}, "current": {"a": 52, "b": 98, "c": 151}})
add("chiSquare", "tiny p-value (< 1e-50)", "chi2_homogeneity(reference, current)",
    {"reference": {"a": 500, "b": 500, "c": 500, "d": 500}, "current": {"a": 1100, "b": 300, "c": 250, "d": 350}})
add("chiSquare", "two categories, 2 x 2", "chi2_homogeneity(reference, current)",
    {"reference": {"no": 10, "yes": 20}, "current": {"no": 20, "yes": 10}})
add("chiSquare", "many categories", "chi2_homogeneity(reference, current)",
    {"reference": {f"c{i:02d}": int(v) for i, v in enumerate(rng.integers(5, 400, 40))},
     "current": {f"c{i:02d}": int(v) for i, v in enumerate(rng.integers(5, 400, 40))}})
add("chiSquare", "one category (dof 0)", "chi2_homogeneity(reference, current)",
    {"reference": {"only": 10}, "current": {"only": 4}})
assert CASES["chiSquare"][2]["expected"]["pValue"] < 1e-50

_gamma_points = []
for a in [0.5, 1.0, 1.5, 2.0, 3.5, 9.5, 10.0, 12.0, 49.5, 200.0, 1000.0, 20000.0]:
    for factor in [0.01, 0.3, 0.9, 1.0, 1.1, 2.0, 5.0, 20.0]:
        _gamma_points.append([a, a * factor])
_gamma_points += [[0.5, 200.0], [1.0, 300.0], [1.5, 400.0], [2.0, 700.0], [0.5, 1e-6], [0.001, 0.5], [3.0, 1e-9]]
add("regularizedGammaUpper", "grid incl. tails down to 1e-300", "scipy.special.gammaincc(a, x)",
    {"a": [p[0] for p in _gamma_points], "x": [p[1] for p in _gamma_points]},
    scipy.special.gammaincc([p[0] for p in _gamma_points], [p[1] for p in _gamma_points]))

# ---------------------------------------------------------------- distances

add("wasserstein", "continuous, different sizes", "scipy.stats.wasserstein_distance(reference, current)",
    {"reference": _ref_normal[:600], "current": _cur_normal[:450]})
add("wasserstein", "tied integers", "scipy.stats.wasserstein_distance(reference, current)",
    {"reference": rng.integers(0, 5, 300).astype(float), "current": rng.integers(1, 7, 200).astype(float)})
add("wasserstein", "identical", "scipy.stats.wasserstein_distance(reference, current)",
    {"reference": _ties_ref[:50], "current": _ties_ref[:50]})
add("wasserstein", "single values", "scipy.stats.wasserstein_distance(reference, current)",
    {"reference": [1.5], "current": [-2.0]})

_psi_cont = psi_quantile(_ref_normal, _cur_normal)
_psi_ties = psi_quantile(_ties_ref, _ties_cur)
add("jensenShannon", "PSI bins (shares before epsilon), continuous",
    "scipy.spatial.distance.jensenshannon(p, q, base=2)",
    {"p": _psi_cont["referenceShares"], "q": _psi_cont["currentShares"], "base": 2})
add("jensenShannon", "PSI bins, heavy ties", "scipy.spatial.distance.jensenshannon(p, q, base=2)",
    {"p": _psi_ties["referenceShares"], "q": _psi_ties["currentShares"], "base": 2})
add("jensenShannon", "counts with zeros (unnormalized)", "scipy.spatial.distance.jensenshannon(p, q, base=2)",
    {"p": [10.0, 0.0, 5.0, 0.0, 1.0], "q": [0.0, 3.0, 5.0, 2.0, 1.0], "base": 2})
add("jensenShannon", "natural-log base", "scipy.spatial.distance.jensenshannon(p, q, base=math.e)",
    {"p": [0.2, 0.5, 0.3], "q": [0.1, 0.1, 0.8], "base": math.e})
add("jensenShannon", "disjoint supports", "scipy.spatial.distance.jensenshannon(p, q, base=2)",
    {"p": [1.0, 0.0], "q": [0.0, 1.0], "base": 2})

# ---------------------------------------------------------------- calibration


def calibration(labels, probabilities, n_bins, strategy):
    """sklearn's curve plus the per-bin counts and edges it uses internally (same expressions)."""
    y = np.asarray(labels)
    p = np.asarray(probabilities, dtype=float)
    prob_true, prob_pred = calibration_curve(y, p, n_bins=n_bins, strategy=strategy)
    if strategy == "quantile":
        edges = np.percentile(p, np.linspace(0, 1, n_bins + 1) * 100)
    else:
        edges = np.linspace(0.0, 1.0, n_bins + 1)
    binids = np.searchsorted(edges[1:-1], p)
    total = np.bincount(binids, minlength=len(edges))
    nonzero = np.flatnonzero(total != 0)
    counts = total[nonzero]
    gaps = np.abs(prob_true - prob_pred)
    return {
        "edges": edges,
        "indices": nonzero,
        "counts": counts,
        "accuracy": prob_true,
        "confidence": prob_pred,
        "ece": float(np.sum(counts / len(p) * gaps)),
        "mce": float(np.max(gaps)),
        "ace": float(np.mean(gaps)),
        "withinTolerance": bool(np.all(gaps <= 0.05)),
        "offendingIndices": nonzero[gaps > 0.05],
        "brier": float(brier_score_loss(y, p)),
    }


_on_edges = np.round(np.arange(11) * 0.1, 10)  # 0.0, 0.1, ..., 1.0 as literals (0.3 is not 3 * 0.1)
_p1 = np.concatenate([np.repeat(_on_edges, 6), rng.uniform(0, 1, 134)])
_y1 = (rng.uniform(0, 1, _p1.size) < _p1).astype(int)
add("calibration", "uniform, values exactly on the edges 0.0, 0.1, ..., 1.0",
    "calibration(labels, probabilities, 10, 'uniform')",
    {"labels": _y1, "probabilities": _p1, "bins": 10, "strategy": "uniform"})
_p2 = np.concatenate([rng.uniform(0, 0.3, 80), rng.uniform(0.8, 1.0, 70), [0.3, 0.8, 0.9, 1.0]])
_y2 = (rng.uniform(0, 1, _p2.size) < np.clip(_p2 + 0.08, 0, 1)).astype(int)
add("calibration", "uniform, empty bins dropped", "calibration(labels, probabilities, 10, 'uniform')",
    {"labels": _y2, "probabilities": _p2, "bins": 10, "strategy": "uniform"})
add("calibration", "quantile, on-edge values and ties", "calibration(labels, probabilities, 10, 'quantile')",
    {"labels": _y1, "probabilities": _p1, "bins": 10, "strategy": "quantile"})
_p3 = np.concatenate([np.repeat([0.2, 0.5, 0.7], 40), rng.uniform(0, 1, 30)])
_y3 = (rng.uniform(0, 1, _p3.size) < _p3).astype(int)
add("calibration", "quantile, duplicated edges give empty bins", "calibration(labels, probabilities, 8, 'quantile')",
    {"labels": _y3, "probabilities": _p3, "bins": 8, "strategy": "quantile"})
_p4 = np.round(rng.uniform(0.5, 1.0, 400), 3)
_y4 = (rng.uniform(0, 1, _p4.size) < _p4).astype(int)
add("calibration", "top-label confidence in [0.5, 1], 5 bins", "calibration(labels, probabilities, 5, 'uniform')",
    {"labels": _y4, "probabilities": _p4, "bins": 5, "strategy": "uniform"})
add("calibration", "perfectly calibrated toy", "calibration(labels, probabilities, 2, 'uniform')",
    {"labels": [0, 0, 0, 1, 1, 1, 1, 0], "probabilities": [0.25, 0.25, 0.25, 0.25, 0.75, 0.75, 0.75, 0.75],
     "bins": 2, "strategy": "uniform"})

# ---------------------------------------------------------------- CUSUM (STATS.md)


def cusum_lower(x, target, k, h):
    """STATS.md's cusum_lower, also returning the statistic (pre-reset value at an alarm)."""
    s, alarms, statistic = 0.0, [], []
    for i, xi in enumerate(x):
        s = max(0.0, s + (target - xi) - k)
        statistic.append(s)
        if s > h:
            alarms.append(i)
            s = 0.0
    return alarms, statistic


def cusum_defaults(x, warmup=30):
    x = np.asarray(x, dtype=float)
    target = float(np.mean(x[:warmup]))
    sigma = float(np.std(x[:warmup], ddof=1))
    k, h = 0.5 * sigma, 5 * sigma
    alarms, statistic = cusum_lower(x.tolist(), target, k, h)
    return {"target": target, "sigma": sigma, "k": k, "h": h, "alarms": alarms, "statistic": statistic}


_acc = np.concatenate([rng.normal(0.92, 0.015, 60), rng.normal(0.86, 0.015, 40)])
add("cusum", "accuracy stream with a drop at 60", "cusum_defaults(values, warmup=30)", {"values": _acc, "warmup": 30})
_correct = np.concatenate([(rng.uniform(0, 1, 150) < 0.9), (rng.uniform(0, 1, 150) < 0.7)]).astype(float)
add("cusum", "0/1 correctness stream, 90% then 70%", "cusum_defaults(values, warmup=50)",
    {"values": _correct, "warmup": 50})
add("cusum", "given parameters", "dict(zip(['alarms', 'statistic'], cusum_lower(values, 0.9, 0.02, 0.1)))",
    {"values": _acc[50:80], "target": 0.9, "k": 0.02, "h": 0.1})

# ---------------------------------------------------------------- ROC AUC, logistic regression

_scores = np.round(rng.uniform(0, 1, 300), 1)  # heavy ties
_labels = (rng.uniform(0, 1, 300) < 0.3 + 0.4 * _scores).astype(int)
add("rocAuc", "scores with heavy ties", "roc_auc_score(labels, scores)", {"labels": _labels, "scores": _scores})
_s2 = rng.normal(0, 1, 500)
_l2 = (rng.uniform(0, 1, 500) < 1 / (1 + np.exp(-1.3 * _s2))).astype(int)
add("rocAuc", "continuous scores", "roc_auc_score(labels, scores)", {"labels": _l2, "scores": _s2})
add("rocAuc", "perfect separation", "roc_auc_score(labels, scores)",
    {"labels": [0, 0, 0, 1, 1], "scores": [0.1, 0.2, 0.3, 0.8, 0.9]})
add("rocAuc", "all scores tied", "roc_auc_score(labels, scores)",
    {"labels": [0, 1, 0, 1, 1], "scores": [0.5, 0.5, 0.5, 0.5, 0.5]})


def logistic(X, y, solver):
    options = {"lbfgs": dict(tol=1e-10, max_iter=10000), "newton-cholesky": dict(tol=1e-12, max_iter=1000)}[solver]
    model = LogisticRegression(C=1.0, solver=solver, **options).fit(np.asarray(X), np.asarray(y))
    return {"coefficients": model.coef_[0], "intercept": float(model.intercept_[0])}


_X = rng.normal(0, 1, (250, 4)) * [1.0, 2.0, 0.5, 1.0] + [0.0, 1.0, -1.0, 0.0]
_y = (rng.uniform(0, 1, 250) < 1 / (1 + np.exp(-(0.8 * _X[:, 0] - 0.5 * _X[:, 1] + 1.5 * _X[:, 2] + 0.3)))).astype(int)
for solver in ["newton-cholesky", "lbfgs"]:
    add("logisticRegression", f"4 features, C=1, {solver}", f"logistic(X, y, '{solver}')",
        {"X": _X, "y": _y, "solver": solver})
_Xs = np.array([[-2.0], [-1.0], [-0.5], [0.5], [1.0], [2.0]])
add("logisticRegression", "separable data stays finite under the L2 penalty", "logistic(X, y, 'newton-cholesky')",
    {"X": _Xs, "y": [0, 0, 0, 1, 1, 1], "solver": "newton-cholesky"})


def domain_design(features):
    """The design domainClassifierAuc builds: pooled z-scores (np.std, ddof 0), then sorted one-hot columns."""
    columns, names = [], []
    for f in features:
        values = list(f["reference"]) + list(f["current"])
        if f["kind"] == "numeric":
            v = np.asarray(values, dtype=float)
            sd = np.std(v)
            columns.append((v - np.mean(v)) / (sd if sd > 0 else 1.0))
            names.append(f["name"])
        else:
            for category in sorted(set(values)):
                columns.append(np.array([1.0 if x == category else 0.0 for x in values]))
                names.append(f"{f['name']}={category}")
    return np.column_stack(columns), names


def domain_classifier(features, folds):
    X, names = domain_design(features)
    n_ref = len(features[0]["reference"])
    y = np.array([0] * n_ref + [1] * (X.shape[0] - n_ref))
    folds = np.asarray(folds)
    scores = np.zeros(len(y))
    for k in range(folds.max() + 1):
        train, test = folds != k, folds == k
        model = LogisticRegression(C=1.0, solver="newton-cholesky", tol=1e-12, max_iter=1000).fit(X[train], y[train])
        scores[test] = model.decision_function(X[test])
    full = LogisticRegression(C=1.0, solver="newton-cholesky", tol=1e-12, max_iter=1000).fit(X, y)
    return {"auc": float(roc_auc_score(y, scores)), "columns": names, "weights": full.coef_[0]}


_n_ref, _n_cur = 160, 140
_features = [
    {"name": "age", "kind": "numeric", "reference": rng.normal(40, 10, _n_ref), "current": rng.normal(44, 12, _n_cur)},
    {"name": "income", "kind": "numeric", "reference": rng.lognormal(10, 0.5, _n_ref),
     "current": rng.lognormal(10, 0.5, _n_cur)},
    {"name": "plan", "kind": "categorical", "reference": rng.choice(["basic", "pro", "team"], _n_ref, p=[0.6, 0.3, 0.1]),
     "current": rng.choice(["basic", "pro", "team"], _n_cur, p=[0.4, 0.4, 0.2])},
]
_y_domain = np.array([0] * _n_ref + [1] * _n_cur)
_folds = np.zeros(_n_ref + _n_cur, dtype=int)
for _k, (_, _test) in enumerate(StratifiedKFold(5, shuffle=True, random_state=0).split(np.zeros(len(_y_domain)), _y_domain)):
    _folds[_test] = _k
add("domainClassifier", "2 numeric + 1 categorical feature, StratifiedKFold(5, shuffle=True, random_state=0)",
    "domain_classifier(features, folds)", {"features": _features, "folds": _folds})
_same = [{"name": "x", "kind": "numeric", "reference": _ref_normal[:200], "current": _ref_normal[200:380]}]
_folds_same = np.arange(380) % 4
add("domainClassifier", "no shift (AUC near 0.5), folds i % 4", "domain_classifier(features, folds)",
    {"features": _same, "folds": _folds_same})

# ---------------------------------------------------------------- multiple testing

_pvals = [0.01, 0.04, 0.03, 0.5, 0.04, 0.0, 1.0, 0.2, 0.011, 0.9]
add("multipleTesting", "ties, 0 and 1", "{'bonferroni': multipletests(p, method='bonferroni')[1], "
    "'benjaminiHochberg': multipletests(p, method='fdr_bh')[1]}", {"p": _pvals})
_pvals2 = np.sort(rng.uniform(0, 0.2, 30)) ** 2
rng.shuffle(_pvals2)
add("multipleTesting", "30 small p-values", "{'bonferroni': multipletests(p, method='bonferroni')[1], "
    "'benjaminiHochberg': multipletests(p, method='fdr_bh')[1]}", {"p": _pvals2})
add("multipleTesting", "single test", "{'bonferroni': multipletests(p, method='bonferroni')[1], "
    "'benjaminiHochberg': multipletests(p, method='fdr_bh')[1]}", {"p": [0.3]})

# ---------------------------------------------------------------- data checks


def label_distribution(labels, num_classes):
    """The seed's test_label_distribution_reasonable on a one-column frame."""
    df = pd.DataFrame({"label": pd.Series(labels, dtype=object)})
    counts = df["label"].value_counts()
    shares = counts / len(df)
    return {
        "counts": {str(k): int(v) for k, v in counts.items()},
        "allPresent": bool(len(counts) == num_classes),
        "largestShare": float(shares.max()),
        "ok": bool(len(counts) == num_classes and shares.max() < 0.9),
    }


add("labelDistribution", "balanced enough, 3 classes", "label_distribution(labels, 3)",
    {"labels": rng.choice([0, 1, 2], 200, p=[0.5, 0.3, 0.2]).tolist(), "numClasses": 3})
add("labelDistribution", "one class dominates", "label_distribution(labels, 2)",
    {"labels": [1] * 95 + [0] * 5, "numClasses": 2})
add("labelDistribution", "a class is missing", "label_distribution(labels, 3)",
    {"labels": ["cat"] * 40 + ["dog"] * 60, "numClasses": 3})
add("labelDistribution", "missing labels count in the denominator", "label_distribution(labels, 2)",
    {"labels": ["a"] * 88 + ["b"] * 2 + [None] * 10, "numClasses": 2})


def extreme_values(reference, current, sigmas=4):
    """Seed's extreme-value check with pandas (std ddof=1) plus the reference-range check."""
    ref = pd.Series(reference, dtype=float)
    cur = pd.Series(current, dtype=float)
    mean, sd = ref.mean(), ref.std()
    beyond = (cur - mean).abs() > sigmas * sd
    outside = (cur < ref.min()) | (cur > ref.max())
    return {"mean": float(mean), "standardDeviation": float(sd), "beyondSigmas": int(beyond.sum()),
            "outsideRange": int(outside.sum()), "exampleIndices": np.flatnonzero(beyond.to_numpy())[:10],
            "min": float(ref.min()), "max": float(ref.max())}


_ref_ev = rng.normal(10, 2, 500)
_cur_ev = np.concatenate([rng.normal(10.5, 2, 300), [19.5, -0.5, 30.0, 17.0, 1.0]])
rng.shuffle(_cur_ev)
add("extremeValues", "normal reference, a few outliers in current", "extreme_values(reference, current, 4)",
    {"reference": _ref_ev, "current": _cur_ev, "sigmas": 4})
add("extremeValues", "3 sigmas", "extreme_values(reference, current, 3)",
    {"reference": _ref_ev, "current": _cur_ev, "sigmas": 3})

add("missingRate", "numeric column with NaN", "float(pd.Series(values, dtype=float).isna().mean())",
    {"values": [1.0, float("nan"), 3.0, float("nan"), 5.0, 6.0, float("nan"), 8.0]})
add("missingRate", "object column with None", "float(pd.Series(values, dtype=object).isna().mean())",
    {"values": ["a", None, "b", "c"]})

# ---------------------------------------------------------------- critical values and intervals (verdicts)

for dof, alpha in [(9, 0.01), (1, 0.05), (1, 1e-10), (3, 0.5), (999, 0.01), (0.5, 0.3), (49, 0.001)]:
    add("chiSquareCriticalValue", f"chi2.isf({alpha}, {dof})", "float(scipy.stats.chi2.isf(alpha, dof))",
        {"dof": dof, "alpha": alpha})

# scipy's kstwo.isf stops its root search early (about 1e-7 relative); the TypeScript test checks
# its own root to the last bit against kolmogorovSurvival and agrees with these within 1e-6.
for n1, n2, alpha in [(1000, 1000, 0.01), (20, 20, 0.01), (20, 1000, 0.01), (100000, 100000, 0.01), (5, 7, 0.05), (300, 250, 0.001)]:
    add("ksTwoSampleCriticalDistance", f"kstwo.isf({alpha}, round({n1}*{n2}/({n1}+{n2})))",
        "float(scipy.stats.kstwo.isf(alpha, max(1, int(np.round(n1 * n2 / (n1 + n2))))))",
        {"n1": n1, "n2": n2, "alpha": alpha})


def clopper_pearson(k, n, level):
    ci = scipy.stats.binomtest(k, n).proportion_ci(confidence_level=level, method="exact")
    return {"lower": float(ci.low), "upper": float(ci.high)}


for k, n, level in [(8, 10, 0.99), (0, 5, 0.99), (5, 5, 0.95), (412, 500, 0.99), (0, 1, 0.99), (30, 30, 0.8),
                    (45000, 50000, 0.99), (3, 1000, 0.95), (4999, 5000, 0.999)]:
    add("clopperPearsonInterval", f"binomtest({k}, {n}).proportion_ci({level}, 'exact')", "clopper_pearson(k, n, level)",
        {"k": k, "n": n, "level": level})

# (scipy's betainc(2, 50000, 1e-5) is 6e-11 off the exact value; test/unit/clopperPearsonInterval.test.ts checks that case exactly.)
for x, a, b in [(0.5, 2.0, 3.0), (0.1, 0.5, 0.5), (0.9, 30.0, 2.0), (0.3, 400.0, 900.0), (0.999, 1.0, 1000.0)]:
    add("regularizedBeta", f"betainc({a}, {b}, {x})", "float(scipy.special.betainc(a, b, x))", {"x": x, "a": a, "b": b})

# ---------------------------------------------------------------- write


def main():
    out = {
        "generatedBy": "/usr/bin/python3 test/golden/make_stats.py",
        "versions": {
            "python": sys.version.split()[0],
            "numpy": np.__version__,
            "scipy": scipy.__version__,
            "scikit-learn": sklearn.__version__,
            "pandas": pd.__version__,
            "statsmodels": statsmodels.__version__,
        },
        "cases": CASES,
    }
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "stats.json")
    def dumps(value):
        return json.dumps(value, sort_keys=True, allow_nan=False, separators=(",", ":"))

    # One case per line: diffs stay readable and the file small.
    lines = ["{", f' "generatedBy": {dumps(out["generatedBy"])},', f' "versions": {dumps(out["versions"])},', ' "cases": {']
    groups = sorted(CASES)
    for g, group in enumerate(groups):
        lines.append(f"  {dumps(group)}: [")
        for c, case in enumerate(CASES[group]):
            lines.append("   " + dumps(case) + ("," if c < len(CASES[group]) - 1 else ""))
        lines.append("  ]" + ("," if g < len(groups) - 1 else ""))
    lines += [" }", "}"]
    with open(path, "w", encoding="utf-8") as fh:
        fh.write("\n".join(lines) + "\n")
    total = sum(len(v) for v in CASES.values())
    print(f"wrote {path}: {total} cases in {len(CASES)} groups")


if __name__ == "__main__":
    main()
