#!/usr/bin/env python3
"""The pandas + numpy + scipy anchor of the drift benchmark: the same report as
`gradient drift REFERENCE CURRENT --format json`, computed the way a data scientist would.

    /usr/bin/python3 test/bench/anchor.py REFERENCE CURRENT OUT.json

Reads both files with pandas (default type inference), then per column:
- numeric (both sides numeric dtype): missing values dropped, `scipy.stats.ks_2samp(ref, cur)`
  (two-sided, method='auto'), STATS.md's `psi` (reference deciles, epsilon 1e-4) and
  `scipy.stats.wasserstein_distance(ref, cur)`; a column with at most 10 distinct reference
  values gets one PSI bin per value instead, as the README's verdict rules say;
- categorical (object dtype): counts over the sorted union of categories,
  `scipy.stats.chi2_contingency([ref_counts, cur_counts], correction=False)` and the categorical
  PSI (one bin per category, epsilon 1e-4).
PSI over values or categories pools those expected fewer than 5 times on the smaller side.
Writes {"columns": {name: {...}}, "seconds": {...}} and prints the time spent reading and computing.
"""

import json
import resource
import sys
import time

start = time.perf_counter()

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import scipy.stats  # noqa: E402


def psi(ref, cur, bins=10, eps=1e-4):
    """STATS.md's definition, verbatim."""
    inner = np.unique(np.quantile(ref, np.linspace(0, 1, bins + 1)[1:-1]))  # type-7 quantiles
    edges = np.concatenate([[-np.inf], inner, [np.inf]])
    r = np.histogram(ref, edges)[0] / len(ref)  # bins [a, b), last one closed
    c = np.histogram(cur, edges)[0] / len(cur)
    r = np.where(r == 0, eps, r)
    c = np.where(c == 0, eps, c)
    return float(np.sum((c - r) * np.log(c / r)))


def pool_rare(r_counts, c_counts, min_expected=5):
    """Merge the levels expected fewer than `min_expected` times on the smaller side into one."""
    total = r_counts + c_counts
    rare = total / total.sum() * min(r_counts.sum(), c_counts.sum()) < min_expected
    if not rare.any():
        return r_counts, c_counts
    return (np.append(r_counts[~rare], r_counts[rare].sum()), np.append(c_counts[~rare], c_counts[rare].sum()))


def categorical_psi(r_counts, c_counts, eps=1e-4):
    r_counts, c_counts = pool_rare(r_counts, c_counts)
    r = r_counts / r_counts.sum()
    c = c_counts / c_counts.sum()
    r = np.where(r == 0, eps, r)
    c = np.where(c == 0, eps, c)
    return float(np.sum((c - r) * np.log(c / r)))


def value_psi(ref, cur):
    """Few-valued numeric columns: one bin per distinct value of either side."""
    values = np.union1d(ref, cur)
    r_counts = np.array([np.count_nonzero(ref == v) for v in values], dtype=float)
    c_counts = np.array([np.count_nonzero(cur == v) for v in values], dtype=float)
    return categorical_psi(r_counts, c_counts)


def main():
    ref_path, cur_path, out_path = sys.argv[1:4]
    imported = time.perf_counter()
    reference = pd.read_csv(ref_path)
    current = pd.read_csv(cur_path)
    loaded = time.perf_counter()
    columns = {}
    for name in reference.columns:
        if name not in current.columns:
            continue
        r = reference[name]
        c = current[name]
        if pd.api.types.is_numeric_dtype(r) and pd.api.types.is_numeric_dtype(c):
            rv = r.dropna().to_numpy(dtype=float)
            cv = c.dropna().to_numpy(dtype=float)
            ks = scipy.stats.ks_2samp(rv, cv)
            columns[name] = {
                "kind": "numeric",
                "ks": {"statistic": float(ks.statistic), "pValue": float(ks.pvalue)},
                "psi": value_psi(rv, cv) if r.nunique() <= 10 else psi(rv, cv),
                "wasserstein": float(scipy.stats.wasserstein_distance(rv, cv)),
            }
        else:
            rc = r.dropna().astype(str).value_counts()
            cc = c.dropna().astype(str).value_counts()
            categories = sorted(set(rc.index) | set(cc.index))
            r_counts = rc.reindex(categories, fill_value=0).to_numpy(dtype=float)
            c_counts = cc.reindex(categories, fill_value=0).to_numpy(dtype=float)
            keep = (r_counts + c_counts) > 0
            chi2, p, dof, _ = scipy.stats.chi2_contingency([r_counts[keep], c_counts[keep]], correction=False)
            columns[name] = {
                "kind": "categorical",
                "chiSquare": {"statistic": float(chi2), "pValue": float(p), "dof": int(dof)},
                "psi": categorical_psi(r_counts, c_counts),
            }
    done = time.perf_counter()
    seconds = {"import": imported - start, "read": loaded - imported, "statistics": done - loaded, "total": done - start}
    with open(out_path, "w") as handle:
        json.dump({"columns": columns, "seconds": seconds}, handle)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"anchor: import {seconds['import']:.2f} s, read_csv {seconds['read']:.2f} s, "
        f"statistics {seconds['statistics']:.2f} s, peak RSS {peak:.0f} MiB "
        f"(numpy {np.__version__}, pandas {pd.__version__}, scipy {scipy.__version__})"
    )


main()
