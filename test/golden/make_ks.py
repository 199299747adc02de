#!/usr/bin/python3
"""Writes test/golden/ks.json: reference values for src/core/stats/ksTwoSample.ts and
src/core/stats/kolmogorov.ts, produced by SciPy.

    /usr/bin/python3 test/golden/make_ks.py      # Debian python3-scipy 1.10, numpy, seeded

Every case stores the exact Python call that produced its numbers. Sample inputs are stored
(rounded to 5 decimals before the call, so both sides see identical doubles), except:
  - "lattice" cases: a = 0..n-1, b = a + h - 0.5 (equal sizes, statistic exactly h/n);
  - "weyl" cases (millions of values): a_i = ((i+1) * alpha) % 1.0,
    b_i = ((i+1) * beta) % 1.0 * (1 - shift) + shift for i = 0..n-1, alpha = (sqrt(5)-1)/2,
    beta = sqrt(2)-1: plain IEEE double arithmetic, identical in JavaScript.
"""
import json
import math
import os
import sys
import warnings

import numpy as np
import scipy
from scipy import special, stats

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "ks.json")
rng = np.random.default_rng(20240611)


def r5(x):
    return np.round(np.asarray(x, dtype=float), 5)


def ks(a, b, method="auto"):
    """ks_2samp plus the method SciPy actually used (it warns when exact falls back)."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        res = stats.ks_2samp(a, b, method=method)
    fell_back = any("Switching to" in str(w.message) for w in caught)
    if method == "auto":
        used = "exact" if max(len(a), len(b)) <= 10000 else "asymptotic"
    else:
        used = {"exact": "exact", "asymp": "asymptotic"}[method]
    if fell_back:
        used = "asymptotic"
    return float(res.statistic), float(res.pvalue), used


two_sample = []


def add(name, a, b, method="auto", note=None):
    a = r5(a)
    b = r5(b)
    stat, p, used = ks(a, b, method)
    call = "scipy.stats.ks_2samp(a, b" + ("" if method == "auto" else f", method='{method}'") + ")"
    case = {
        "name": name,
        "call": call,
        "options": {"method": {"auto": "auto", "exact": "exact", "asymp": "asymptotic"}[method]},
        "a": a.tolist(),
        "b": b.tolist(),
        "statistic": stat,
        "pvalue": p,
        "method": used,
    }
    if note:
        case["note"] = note
    two_sample.append(case)
    print(f"{name:40s} n=({len(a)},{len(b)}) D={stat:.6g} p={p:.6g} {used}", file=sys.stderr)


def normal(n, loc=0.0, scale=1.0):
    return rng.normal(loc, scale, size=n)


# --- very small samples ---
add("1x1 equal values", [0.5], [0.5])
add("1x1 different values", [0.0], [1.0])
add("1x2", [0.3], [0.1, 0.7])
add("2x3", [0.1, 0.9], [0.2, 0.3, 0.4])
add("2x3 interleaved", [1.0, 4.0], [0.0, 2.0, 3.0])
add("3x7", normal(3), normal(7, 0.5))

# --- exact, equal sizes (closed alternating sum) ---
add("5x5", normal(5), normal(5, 1.0))
add("50x50 shifted", normal(50), normal(50, 0.6))
add("1000x1000 shifted", normal(1000), normal(1000, 0.1))
add("1000x1000 null", normal(1000), normal(1000))
add("10000x10000 null", normal(10000), normal(10000))
add("10000x10000 shifted", normal(10000), normal(10000, 0.05))
add("200x200 separated (tiny p)", normal(200), normal(200, 10.0))

# --- exact, unequal sizes (path recursion) ---
add("100x37", normal(100), normal(37, 0.4))
add("100x37 separated (tiny p)", normal(100), normal(37, 20.0))
add("1000x999", normal(1000), normal(999, 0.1))
add("10000x9999 null", normal(10000), normal(9999))
add("10000x9999 shifted", normal(10000), normal(9999, 0.05))
add("10000x9999 far apart (p ~ 1e-170)", normal(10000), normal(9999, 0.5))
add("10000x500", normal(10000), normal(500, 0.1))
add("50x7 separated (d = 1)", normal(50), normal(7, 100.0))
add("500x10000 (arguments swapped)", normal(500, 0.1), normal(10000))
add("10000x1", normal(10000), [0.25])
add("6x9 gcd 3", normal(6), normal(9, 0.8))
add("120x80 gcd 40", normal(120), normal(80, 0.3))

# --- ties ---
add("poisson 500x400 (heavy ties)", rng.poisson(3.0, 500), rng.poisson(3.3, 400))
add("poisson 500x500 (heavy ties)", rng.poisson(3.0, 500), rng.poisson(3.0, 500))
add("rounded to 0.1, 2000x3000", np.round(normal(2000), 1), np.round(normal(3000, 0.05), 1))
add("constant 20x30", np.full(20, 7.0), np.full(30, 7.0))
add("two values 40x60", rng.integers(0, 2, 40), rng.integers(0, 2, 60))
shared = normal(300)
add("identical samples 300x300", shared, shared.copy())
shared = normal(12000)
add("identical samples 12000x12000 (asymptotic)", shared, shared.copy())

# --- the exact / asymptotic switch at 10 000 ---
add("10000x10001 (asymptotic)", normal(10000), normal(10001, 0.02))
add("10001x9999 (asymptotic)", normal(10001), normal(9999, 0.02))
add("10001x10001 N=5000.5 rounds to 5000", normal(10001), normal(10001, 0.03))
add("10003x10003 N=5001.5 rounds to 5002", normal(10003), normal(10003, 0.03))
add("10001x3 N=2.9991", normal(10001), normal(3, 0.5))

# --- asymptotic p-values across kstwo's regions ---
add("asymptotic moderate p 15000x12000", normal(15000), normal(12000))
add("asymptotic p ~ 1e-12 20000x20000", normal(20000), normal(20000, 0.055))
add("asymptotic p < 1e-100 10001x2000", normal(10001), normal(2000, 1.0))
add("asymptotic p = 0 (complete separation)", normal(10001), normal(50, 100.0))
base = normal(10001)
near = base.copy()
near[:42] += 5.0
add("asymptotic tiny statistic (Durbin region)", base, near)
add("asymptotic 30000x11000", normal(30000), normal(11000, 0.01))

# --- forced methods ---
a, b = normal(40), normal(25, 0.5)
add("forced asymptotic 40x25", a, b, method="asymp")
add("forced exact 40x25", a, b, method="exact")
add("forced exact 10500x20", normal(10500), normal(20, 0.5), method="exact")

# --- exact equal sizes whose closed form rounds above 1: SciPy falls back to asymptotic ---
lattice = []
sizes = list(range(1, 161)) + [199, 200, 201, 500, 777, 999, 1000, 2500, 4999, 5000, 7919, 9995, 9997,
                                9998, 9999, 10000]
for n in sizes:
    for h in (1, 2, 3, 5):
        if h > n:
            continue
        a = np.arange(n, dtype=float)
        b = a + h - 0.5
        stat, p, used = ks(a, b)
        lattice.append({"n": n, "h": h, "statistic": stat, "pvalue": p, "method": used})
print(f"lattice cases: {len(lattice)}, fallbacks: {sum(c['method'] == 'asymptotic' for c in lattice)}",
      file=sys.stderr)

# --- millions of values, generated identically on both sides ---
ALPHA = (math.sqrt(5) - 1) / 2
BETA = math.sqrt(2) - 1


def weyl(n, mult, shift):
    i = np.arange(1, n + 1, dtype=float)
    v = np.mod(i * mult, 1.0)
    if shift:
        v = v * (1 - shift) + shift
    return v


weyl_cases = []
for n, shift in [(1_000_000, 0.0015), (1_000_000, 0.003), (2_100_000, 0.0015)]:
    a = weyl(n, ALPHA, 0.0)
    b = weyl(n, BETA, shift)
    stat, p, used = ks(a, b)
    weyl_cases.append({"name": f"weyl {n}x{n} shift {shift}", "n": n, "shift": shift,
                       "call": "scipy.stats.ks_2samp(a, b)", "statistic": stat, "pvalue": p,
                       "method": used})
    print(f"weyl {n} shift {shift}: D={stat} p={p} {used}", file=sys.stderr)

# --- kstwo grid: every region of Simard & L'Ecuyer ---
ns = [1, 2, 3, 4, 5, 7, 10, 20, 50, 100, 139, 140, 141, 200, 500, 1000, 2000, 5000, 10000, 50000,
      100000, 100001, 200000, 500000, 1000000, 1000001, 2000000]
kstwo_grid = []
for n in ns:
    ds = set()
    for t in (0.3, 0.5, 0.50001, 0.75, 1.0, 1.3, 2.0, 2.5):
        ds.add(t / n)
    for w in (0.05, 0.2, 0.5, 0.75, 0.76, 1.0, 1.5, 2.0, 2.19, 2.21, 3.0, 3.99, 4.01, 6.0, 10.0, 17.9,
              18.1, 30.0, 100.0, 200.0, 369.0, 371.0):
        ds.add(math.sqrt(w / n))
    for c in (1.39, 1.41):
        ds.add((c / n) ** (2 / 3))
    for d in (0.0, 0.1, 0.25, 0.45, 0.5, 0.6, 0.9, 0.999, 1.0, 1 - 1 / n + 1e-9, 1 - 1 / n - 1e-9):
        ds.add(d)
    for d in sorted(ds):
        if not 0 <= d <= 1:
            continue
        kstwo_grid.append({"n": n, "d": d, "sf": float(stats.kstwo.sf(d, n)),
                           "cdf": float(stats.kstwo.cdf(d, n))})
print(f"kstwo grid: {len(kstwo_grid)} points", file=sys.stderr)

smirnov_grid = []
for n in (1, 2, 5, 10, 100, 1000, 1012, 1013, 10000, 100000, 1000000, 1000001):
    for d in (0.0, 0.5 / n, 1.0 / n, 1.5 / n, 0.01, 0.05, 0.1, 0.3, 0.5, 0.7, 0.99, 1.0,
              math.sqrt(1.0 / n), math.sqrt(5.0 / n), math.sqrt(50.0 / n)):
        if 0 <= d <= 1:
            smirnov_grid.append({"n": n, "d": d, "sf": float(special.smirnov(n, d))})

limit_grid = [{"x": x, "sf": float(special.kolmogorov(x))}
              for x in (0.0, 0.01, 0.04, 0.05, 0.1, 0.3, 0.5, 0.8, 0.82, 0.83, 1.0, 1.36, 1.5, 2.0, 3.0,
                        5.0, 10.0, 30.0)]

doc = {
    "generator": "test/golden/make_ks.py",
    "python": sys.version.split()[0],
    "scipy": scipy.__version__,
    "numpy": np.__version__,
    "seed": 20240611,
    "tolerance": "statistic 1e-12 absolute; p-values 1e-9 absolute or 1e-6 relative (docs STATS.md)",
    "twoSample": two_sample,
    "lattice": {
        "call": "a = np.arange(n, dtype=float); b = a + h - 0.5; scipy.stats.ks_2samp(a, b)",
        "cases": lattice,
    },
    "weyl": {
        "alpha": ALPHA,
        "beta": BETA,
        "definition": "a_i = ((i+1)*alpha) % 1.0; b_i = ((i+1)*beta) % 1.0 * (1 - shift) + shift",
        "cases": weyl_cases,
    },
    "kstwo": {"call": "scipy.stats.kstwo.sf(d, n), scipy.stats.kstwo.cdf(d, n)", "cases": kstwo_grid},
    "smirnov": {"call": "scipy.special.smirnov(n, d)", "cases": smirnov_grid},
    "kolmogorov": {"call": "scipy.special.kolmogorov(x)", "cases": limit_grid},
}
with open(OUT, "w") as f:
    json.dump(doc, f, separators=(",", ":"))
    f.write("\n")
print(f"wrote {OUT} ({os.path.getsize(OUT) / 1e6:.2f} MB)", file=sys.stderr)
