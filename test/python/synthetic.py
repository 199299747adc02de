"""Small synthetic data sets (fixed seeds) shaped like the snippets' default schema.

One customer table: user_id, timestamp (event / label time), features_as_of (when the feature
snapshot was taken), age, income, sessions_7d, country, device, label. The label follows a known
logistic model, so the true probability is available: it stands in for the "complex model"
whose predictions stage D evaluates, and it is calibrated by construction.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

NUMERIC = ["age", "income", "sessions_7d"]
CATEGORICAL = ["country", "device"]
FEATURES = NUMERIC + CATEGORICAL
COUNTRIES = ["US", "DE", "IN", "BR"]
COUNTRY_P = [0.4, 0.2, 0.25, 0.15]
DEVICES = ["mobile", "desktop", "tablet"]
DEVICE_P = [0.6, 0.3, 0.1]
COUNTRY_EFFECT = {"US": 0.0, "DE": -0.3, "IN": 0.4, "BR": 0.2}
DEVICE_EFFECT = {"mobile": 0.3, "desktop": -0.2, "tablet": 0.0}

N_TRAIN = 2000
N_TEST = 4000
N_PROD = 2000


def true_logit(df: pd.DataFrame, income_coef: float = 0.9) -> np.ndarray:
    z_income = (np.log(df["income"].to_numpy(dtype=float)) - 10.8) / 0.5
    s = df["sessions_7d"].to_numpy(dtype=float) - 4
    return (
        -0.4
        + 0.04 * (df["age"].to_numpy(dtype=float) - 40)
        + income_coef * z_income
        - 0.35 * s
        + 0.12 * s**2  # a non-linear term: a flexible model can beat the logistic baseline
        + df["country"].map(COUNTRY_EFFECT).to_numpy()
        + df["device"].map(DEVICE_EFFECT).to_numpy()
    )


def sigmoid(x):
    return 1.0 / (1.0 + np.exp(-x))


def population(
    n: int,
    seed: int,
    start: str,
    days: int,
    id_start: int,
    *,
    labels: bool = True,
    income_coef: float = 0.9,
    country_p=COUNTRY_P,
    device_p=DEVICE_P,
) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    t0 = pd.Timestamp(start)
    ts = t0 + pd.to_timedelta(rng.uniform(0, days * 86400, n).round(), unit="s")
    df = pd.DataFrame(
        {
            "user_id": np.arange(id_start, id_start + n),
            "timestamp": ts,
            "features_as_of": ts - pd.to_timedelta(rng.uniform(3600, 48 * 3600, n).round(), unit="s"),
            "age": np.clip(np.round(rng.normal(40, 12, n)), 18, 90).astype(int),
            "income": np.round(rng.lognormal(10.8, 0.5, n), 2),
            "sessions_7d": rng.poisson(4, n),
            "country": rng.choice(COUNTRIES, n, p=country_p),
            "device": rng.choice(DEVICES, n, p=device_p),
        }
    )
    p = sigmoid(true_logit(df, income_coef))
    if labels:
        df["label"] = rng.binomial(1, p)
    df.attrs["p_true"] = p
    return df


def train(**kw) -> pd.DataFrame:
    return population(N_TRAIN, 1, "2024-01-01", 60, 1, **kw)


def held_out(**kw) -> pd.DataFrame:
    return population(N_TEST, 2, "2024-03-01", 30, 100_001, **kw)


def production(**kw) -> pd.DataFrame:
    return population(N_PROD, 3, "2024-04-01", 14, 200_001, labels=False, **kw)


def predictions(test: pd.DataFrame, kind: str = "oracle") -> pd.DataFrame:
    """A candidate model's scores on the test split (user_id, score)."""
    p = np.asarray(test.attrs["p_true"], dtype=float)
    rng = np.random.default_rng(7)
    if kind == "random":
        p = rng.uniform(0, 1, len(p))
    elif kind == "overconfident":  # same ranking, logits stretched x3
        p = sigmoid(3 * np.log(p / (1 - p)))
    elif kind == "bad_slice":  # the model is blind on one country
        mask = (test["country"] == "BR").to_numpy()
        p = p.copy()
        p[mask] = rng.uniform(0, 1, mask.sum())
    return pd.DataFrame({"user_id": test["user_id"], "score": np.round(p, 6)})


def accuracy_stream(drop_at: int | None = None, drop: float = 0.05, n: int = 200) -> pd.DataFrame:
    """Daily accuracy of a deployed model; optionally a concept-drift drop from index `drop_at`."""
    rng = np.random.default_rng(11)
    acc = rng.normal(0.85, 0.015, n)
    if drop_at is not None:
        acc[drop_at:] -= drop
    return pd.DataFrame(
        {"timestamp": pd.date_range("2024-01-01", periods=n, freq="D"), "accuracy": np.round(acc, 4)}
    )
