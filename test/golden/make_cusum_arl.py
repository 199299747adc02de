#!/usr/bin/env python3
"""Reference values for src/core/stats/cusumAverageRunLength.ts and cusumThreshold.ts, written to
test/golden/cusum-arl.json.

    /usr/bin/python3 test/golden/make_cusum_arl.py      # numpy 1.24, scipy 1.10; about 5 minutes

The chart is Page's one-sided CUSUM in units of the in-control standard deviation:
S_0 = 0, S_i = max(0, S_{i-1} + z_i - k), alarm (run length = i) when S_i > h.

normal
    z ~ N(shift, 1). The ARL integral equation (Page 1954)
        L(s) = 1 + L(0) Phi(k - s - shift) + int_0^h L(y) phi(y - s + k - shift) dy
    solved independently of the TypeScript code by the Nystroem method with scipy's
    Gauss-Legendre nodes (`roots_legendre`) and numpy's dense solver, at two node counts
    (`nodes` and 2 * `nodes`) so each value shows its own convergence. Thresholds: scipy's
    `brentq` on that ARL (xtol 1e-13), the equivalent of R's `spc::xcusum.crit(k, L0)`.

bernoulli
    A 0/1 stream with P(x = 1) = p watched against the in-control rate `target`:
    sigma = sqrt(target (1 - target)), an error (x = 0) adds target/sigma - k, a correct point
    subtracts (1 - target)/sigma + k. Plain Monte Carlo of whole run lengths with a seeded numpy
    Generator (the run from 0 to the first alarm, `runs` times). Only errors can raise S, so the
    simulation jumps from error to error: the corrects in between are a geometric number G,
    after which S = max(0, S - G c) exactly as step-by-step clipping would leave it. The values
    of h avoid the lattice of reachable S (multiples of 5/6 for k = 0.5, of 1/12 for k = 0.25)
    so that floating-point rounding cannot decide an alarm at S == h.
"""

import json
import math
import os
import time

import numpy as np
import scipy
from scipy.optimize import brentq
from scipy.special import roots_legendre
from scipy.stats import norm

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "cusum-arl.json")


def normal_arl(k, h, shift, nodes):
    """Zero-state ARL by Nystroem / Gauss-Legendre with `nodes` nodes on [0, h]."""
    t, w = roots_legendre(nodes)
    z = h / 2 * (t + 1)
    wz = h / 2 * w
    points = np.concatenate([[0.0], z])
    a = np.eye(nodes + 1)
    a[:, 0] -= norm.cdf(k - points - shift)
    a[:, 1:] -= wz[None, :] * norm.pdf(z[None, :] - points[:, None] + k - shift)
    return float(np.linalg.solve(a, np.ones(nodes + 1))[0])


def reference_nodes(h):
    return 4 * math.ceil(h) + 60


def normal_case(name, k, h, shift):
    n = reference_nodes(h)
    value = normal_arl(k, h, shift, n)
    check = normal_arl(k, h, shift, 2 * n)
    return {
        "name": name,
        "call": f"normal_arl({k!r}, {h!r}, {shift!r}, {n})",
        "input": {"k": k, "h": h, "shift": shift},
        "expected": {"arl": value, "arlDoubledNodes": check},
    }


def normal_threshold(k, arl0):
    n = reference_nodes(16)
    h = brentq(lambda x: normal_arl(k, x, 0.0, n) - arl0, 0.05, 16.0, xtol=1e-13, rtol=1e-15)
    return {
        "name": f"k = {k}, ARL0 = {arl0}",
        "call": f"brentq(lambda x: normal_arl({k!r}, x, 0.0, {n}) - {arl0!r}, 0.05, 16.0, xtol=1e-13)",
        "input": {"k": k, "arl0": arl0},
        "expected": {"h": h},
    }


def bernoulli_monte_carlo(k, h, target, p, runs, seed):
    """Mean and standard error of `runs` simulated run lengths."""
    rng = np.random.default_rng(seed)
    sigma = math.sqrt(target * (1 - target))
    up = target / sigma - k
    down = (1 - target) / sigma + k
    lengths = np.empty(runs, dtype=np.int64)
    for start in range(0, runs, 50_000):
        count = min(50_000, runs - start)
        s = np.zeros(count)
        t = np.zeros(count, dtype=np.int64)
        active = np.arange(count)
        while active.size:
            corrects = rng.geometric(1 - p, size=active.size) - 1
            s[active] = np.maximum(0.0, s[active] - corrects * down) + up
            t[active] += corrects + 1
            alarmed = s[active] > h
            lengths[start + active[alarmed]] = t[active[alarmed]]
            active = active[~alarmed]
    mean = float(lengths.mean())
    return mean, float(lengths.std(ddof=1) / math.sqrt(runs))


def bernoulli_case(k, h, p, runs, seed, target=0.9):
    started = time.time()
    mean, se = bernoulli_monte_carlo(k, h, target, p, runs, seed)
    print(f"  bernoulli k={k} h={h} p={p}: {mean:.2f} +- {se:.2f} ({time.time() - started:.0f} s)", flush=True)
    return {
        "name": f"target {target}, p = {p}, k = {k}, h = {h}",
        "call": f"bernoulli_monte_carlo({k!r}, {h!r}, {target!r}, {p!r}, {runs}, {seed})",
        "input": {"k": k, "h": h, "target": target, "p": p, "runs": runs, "seed": seed},
        "expected": {"mean": mean, "standardError": se},
    }


def main():
    normal = [
        normal_case("Brook & Evans (1972): k = 0.5, h = 3 in control, 117.59", 0.5, 3.0, 0.0),
        normal_case("Brook & Evans (1972): k = 0.5, h = 3, shift 1.5, 3.75", 0.5, 3.0, 1.5),
        normal_case("Waldmann (1986): k = 0.5, h = 3, shift -0.5, 1963", 0.5, 3.0, -0.5),
        normal_case("Waldmann (1986): k = 0.5, h = 3, shift 0.5, 17.35", 0.5, 3.0, 0.5),
        normal_case("k = 0.5, h = 4 in control (Lucas & Crosier two-sided 168)", 0.5, 4.0, 0.0),
        normal_case("k = 0.5, h = 4, shift 1", 0.5, 4.0, 1.0),
        normal_case("k = 0.5, h = 4, shift -1", 0.5, 4.0, -1.0),
        normal_case("k = 0.5, h = 5 in control", 0.5, 5.0, 0.0),
        normal_case("k = 0.5, h = 5, shift 1", 0.5, 5.0, 1.0),
        normal_case("k = 0.25, h = 8 in control", 0.25, 8.0, 0.0),
        normal_case("k = 1, h = 2.5 in control", 1.0, 2.5, 0.0),
        normal_case("k = 0.5, h = 12.5 in control (ARL near 1e6)", 0.5, 12.5, 0.0),
        normal_case("k = 0.1, h = 20 in control", 0.1, 20.0, 0.0),
        normal_case("k = 0.5, h = 0.2, shift 2 (short chart, large shift)", 0.5, 0.2, 2.0),
    ]
    for shift in [-0.25, -0.125, 0.0, 0.125, 0.25, 0.5, 0.75, 1.0]:
        normal.append(normal_case(f"Vance (1986): k = 0, h = 10, shift {shift}", 0.0, 10.0, shift))

    thresholds = [normal_threshold(0.5, arl0) for arl0 in [370, 1000, 10000, 20000, 50000]]
    thresholds += [normal_threshold(0.25, 370), normal_threshold(1.0, 370)]

    print("bernoulli Monte Carlo", flush=True)
    bernoulli = []
    designs = [
        (0.25, 5.55), (0.25, 11.3), (0.25, 17.45), (0.25, 21.85),
        (0.5, 4.9), (0.5, 8.45), (0.5, 11.8), (0.5, 14.3),
    ]
    seed = 20240612
    for k, h in designs:
        for p in [0.9, 0.85, 0.75]:
            seed += 1
            # About 0.3% standard error in control, finer out of control where runs are short.
            runs = 120_000 if p == 0.9 else 400_000
            bernoulli.append(bernoulli_case(k, h, p, runs, seed))

    out = {
        "generatedBy": "/usr/bin/python3 test/golden/make_cusum_arl.py",
        "versions": {"numpy": np.__version__, "scipy": scipy.__version__},
        "cases": {"normal": normal, "threshold": thresholds, "bernoulli": bernoulli},
    }
    with open(OUT, "w") as f:
        json.dump(out, f, indent=1, sort_keys=True)
        f.write("\n")


if __name__ == "__main__":
    main()
