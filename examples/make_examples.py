#!/usr/bin/env python3
"""Writes GRADIENT's example workspace: a small trial-conversion project with synthetic data.

    /usr/bin/python3 make_examples.py              # rewrite this folder's files in place
    /usr/bin/python3 make_examples.py --out DIR    # write a fresh copy into DIR

Every file of the workspace (data, serving module, the team's own test file, README) comes from
this script. The data is drawn with numpy's Generator API from fixed seeds and written with fixed
rounding, so two runs write the same bytes (test/python/test_examples.py regenerates the folder
and compares). After writing, the script prints what each data file was built to show, and exits
with status 1 when one of them no longer shows it:

- data/train.csv vs data/production.csv: per column PSI (reference deciles) and the KS or
  chi-square p-value, with the status GRADIENT's drift report gives (drift: PSI > 0.25 or
  p <= 0.01; warning: PSI > 0.1; ok otherwise);
- data/predictions.csv: the reliability bins outside the 5-point tolerance;
- data/accuracy_stream.csv: where Page's lower CUSUM (warm-up 30, k = 0.5 sigma, h = 5 sigma)
  raises its alarms.

Needs numpy, pandas >= 1.5 and scipy (Debian: python3-numpy python3-pandas python3-scipy).
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np
import pandas as pd
from scipy import stats

HERE = Path(__file__).resolve().parent

# --- the population ---------------------------------------------------------------------------
# A free-trial user converts to a paid plan (label 1) with a probability that follows a known
# logistic model of five features. Knowing the true probability lets the predictions file be
# miscalibrated by a known amount.

COUNTRIES = ["US", "DE", "IN", "BR"]
COUNTRY_P = [0.40, 0.20, 0.25, 0.15]
DEVICES = ["mobile", "desktop", "tablet"]
DEVICE_P = [0.60, 0.30, 0.10]
COUNTRY_EFFECT = {"US": 0.0, "DE": -0.3, "IN": 0.4, "BR": 0.2}
DEVICE_EFFECT = {"mobile": 0.3, "desktop": -0.2, "tablet": 0.0}
AGE_MEAN, AGE_SD, AGE_MIN, AGE_MAX = 38, 11, 18, 80
INCOME_MEDIAN, INCOME_LOG_SD = 48_000, 0.4
SESSIONS_MEAN = 4

N_TRAIN, N_TEST, N_PROD, N_PREDICTIONS = 5000, 3000, 5000, 5000
TRAIN_AGE_MISSING = 0.006          # a few sign-ups skipped the age field

# The production window (April 2024) and what changed in it.
PROD_INCOME_FACTOR = 1.25          # income now reported gross instead of net: +25%
PROD_DEVICE_P = [0.85, 0.08, 0.07]  # a mobile-app campaign: far more mobile, far less desktop
PROD_AGE_ANSWERED = 0.03           # age became optional at sign-up: 3% still answer ...
PROD_AGE_SPREAD = 1.4              # ... and they are more often the youngest and the oldest
PROD_BOT_SESSIONS = [412, 655, 930, 1288, 1730, 2364]  # six scripted accounts

# The candidate model behind data/predictions.csv: calibrated up to 75% confidence, overconfident
# above it (the part of |logit| beyond logit(0.75) is stretched 3.5x).
CALIBRATED_UP_TO = 0.75
OVERCONFIDENCE = 2.5

# The deployed model's daily accuracy: stable, then a concept-drift drop.
STREAM_START, STREAM_DAYS, DROP_DAY = "2024-03-01", 90, 60
ACCURACY_BEFORE, ACCURACY_AFTER = 0.91, 0.89
DAILY_PREDICTIONS = (1200, 1800)

SEEDS = {"ids": 100, "train": 101, "test": 102, "production": 103, "predictions": 104, "stream": 105}

# --- the checks (the definitions of STATS.md) ---------------------------------------------------
PSI_BINS, PSI_EPS, PSI_WARNING, PSI_DRIFT, ALPHA = 10, 1e-4, 0.1, 0.25, 0.01
CAL_BINS, CAL_TOLERANCE = 10, 0.05
CUSUM_WARMUP, CUSUM_K, CUSUM_H = 30, 0.5, 5.0
NUMERIC = ["age", "income", "sessions_7d"]

# What the drift report is meant to show for each column of train.csv vs production.csv.
INTENDED_DRIFT = {
    "user_id": "ok",
    "timestamp": "drift",        # a later window: time columns always differ (leave them out)
    "features_as_of": "drift",
    "age": "warning",
    "income": "drift",
    "sessions_7d": "ok",
    "country": "ok",
    "device": "drift",
}
# Bins (lower edge) of data/predictions.csv outside the 5-point tolerance, per view.
INTENDED_OFF_BINS = {("confidence", "correct"): [0.8, 0.9]}


def sigmoid(x):
    return 1.0 / (1.0 + np.exp(-x))


def true_logit(df: pd.DataFrame) -> np.ndarray:
    z_income = (np.log(df["income"].to_numpy(dtype=float)) - np.log(INCOME_MEDIAN)) / INCOME_LOG_SD
    age = df["age"].fillna(AGE_MEAN).to_numpy(dtype=float)
    return (
        -1.1
        + 0.03 * (age - AGE_MEAN)
        + 1.0 * z_income
        + 0.3 * (df["sessions_7d"].to_numpy(dtype=float) - SESSIONS_MEAN)
        + df["country"].map(COUNTRY_EFFECT).to_numpy()
        + df["device"].map(DEVICE_EFFECT).to_numpy()
    )


def population(seed: int, ids: np.ndarray, start: str, days: int, *, device_p=DEVICE_P) -> pd.DataFrame:
    """Users signing up over `days` days from `start`, with the label drawn from the true model."""
    rng = np.random.default_rng(seed)
    n = len(ids)
    seconds = np.sort(rng.integers(0, days * 86400, n))
    timestamp = pd.Timestamp(start) + pd.to_timedelta(seconds, unit="s")
    df = pd.DataFrame({
        "user_id": ids,
        "timestamp": timestamp,
        # the feature snapshot is taken 1 to 48 hours before the label time
        "features_as_of": timestamp - pd.to_timedelta(rng.integers(3600, 48 * 3600, n), unit="s"),
        "age": np.clip(np.round(rng.normal(AGE_MEAN, AGE_SD, n)), AGE_MIN, AGE_MAX).astype(int),
        "income": np.round(rng.lognormal(np.log(INCOME_MEDIAN), INCOME_LOG_SD, n)).astype(int),
        "sessions_7d": rng.poisson(SESSIONS_MEAN, n),
        "country": rng.choice(COUNTRIES, n, p=COUNTRY_P),
        "device": rng.choice(DEVICES, n, p=device_p),
    })
    df["label"] = rng.binomial(1, sigmoid(true_logit(df)))
    return df


def make_data() -> dict[str, pd.DataFrame]:
    # Six-digit user ids, unique across every file (no user is in both train and test).
    ids = np.random.default_rng(SEEDS["ids"]).choice(
        np.arange(100_000, 1_000_000), N_TRAIN + N_TEST + N_PROD + N_PREDICTIONS, replace=False)
    cut = np.cumsum([N_TRAIN, N_TEST, N_PROD])
    train_ids, test_ids, prod_ids, pred_ids = np.split(ids, cut)

    train = population(SEEDS["train"], train_ids, "2024-01-01", 60)
    rng = np.random.default_rng(SEEDS["train"] + 1000)
    train["age"] = train["age"].astype(float).where(rng.uniform(size=len(train)) >= TRAIN_AGE_MISSING)
    train["age"] = train["age"].astype("Int64")

    test = population(SEEDS["test"], test_ids, "2024-03-01", 31)  # complete rows: the serving tests send them

    production = population(SEEDS["production"], prod_ids, "2024-04-01", 14, device_p=PROD_DEVICE_P)
    production = production.drop(columns=["label"])  # labels arrive weeks later
    rng = np.random.default_rng(SEEDS["production"] + 1000)
    production["income"] = np.round(production["income"] * PROD_INCOME_FACTOR).astype(int)
    answered = rng.uniform(size=len(production)) < PROD_AGE_ANSWERED
    spread_ages = np.clip(np.round(rng.normal(AGE_MEAN, AGE_SD * PROD_AGE_SPREAD, answered.sum())), AGE_MIN, AGE_MAX)
    age = pd.Series(pd.NA, index=production.index, dtype="Int64")
    age[answered] = spread_ages.astype(int)
    production["age"] = age
    bots = rng.choice(len(production), len(PROD_BOT_SESSIONS), replace=False)
    production.loc[bots, "sessions_7d"] = PROD_BOT_SESSIONS

    validation = population(SEEDS["predictions"], pred_ids, "2024-03-01", 31)
    logit = true_logit(validation)
    edge = np.log(CALIBRATED_UP_TO / (1 - CALIBRATED_UP_TO))
    stretched = np.sign(logit) * (np.abs(logit) + OVERCONFIDENCE * np.maximum(0.0, np.abs(logit) - edge))
    probability = np.round(sigmoid(stretched), 4)
    # A confidence of exactly 0.5 would land in the 0.4-0.5 bin (bins are right-closed): break the tie.
    probability = np.where(probability == 0.5, 0.5001, probability)
    prediction = (probability >= 0.5).astype(int)
    predictions = pd.DataFrame({
        "user_id": validation["user_id"],
        "label": validation["label"],
        "probability": probability,                                    # P(label = 1)
        "prediction": prediction,
        "confidence": np.round(np.maximum(probability, 1 - probability), 4),  # P(predicted class)
        "correct": (prediction == validation["label"]).astype(int),
    })

    rng = np.random.default_rng(SEEDS["stream"])
    served = rng.integers(DAILY_PREDICTIONS[0], DAILY_PREDICTIONS[1] + 1, STREAM_DAYS)
    rate = np.where(np.arange(STREAM_DAYS) < DROP_DAY, ACCURACY_BEFORE, ACCURACY_AFTER)
    correct = rng.binomial(served, rate)
    stream = pd.DataFrame({
        "timestamp": pd.date_range(STREAM_START, periods=STREAM_DAYS, freq="D").strftime("%Y-%m-%d"),
        "predictions": served,
        "correct": correct,
        "accuracy": np.round(correct / served, 4),
    })
    return {"train": train, "test": test, "production": production, "predictions": predictions,
            "accuracy_stream": stream}


# --- the checks -----------------------------------------------------------------------------

def psi(ref, cur, bins=PSI_BINS, eps=PSI_EPS) -> float:
    """Population Stability Index over reference-quantile bins (STATS.md)."""
    inner = np.unique(np.quantile(ref, np.linspace(0, 1, bins + 1)[1:-1]))
    edges = np.concatenate([[-np.inf], inner, [np.inf]])
    r = np.histogram(ref, edges)[0] / len(ref)
    c = np.histogram(cur, edges)[0] / len(cur)
    r = np.where(r == 0, eps, r)
    c = np.where(c == 0, eps, c)
    return float(np.sum((c - r) * np.log(c / r)))


def categorical_psi(ref, cur, eps=PSI_EPS) -> float:
    categories = sorted(set(ref) | set(cur))
    r = pd.Series(ref).value_counts(normalize=True).reindex(categories, fill_value=0).to_numpy()
    c = pd.Series(cur).value_counts(normalize=True).reindex(categories, fill_value=0).to_numpy()
    r = np.where(r == 0, eps, r)
    c = np.where(c == 0, eps, c)
    return float(np.sum((c - r) * np.log(c / r)))


def drift_profile(reference: pd.DataFrame, current: pd.DataFrame) -> list[dict]:
    """Per shared column: PSI, the KS (numeric) or chi-square (text) p-value, missing rates, status."""
    rows = []
    for column in [c for c in reference.columns if c in current.columns]:
        ref, cur = reference[column].dropna(), current[column].dropna()
        if pd.api.types.is_numeric_dtype(ref) and pd.api.types.is_numeric_dtype(cur):
            ref, cur = ref.to_numpy(dtype=float), cur.to_numpy(dtype=float)
            value, test = psi(ref, cur), "KS"
            p_value = float(stats.ks_2samp(ref, cur).pvalue)
        else:
            ref, cur = ref.astype(str), cur.astype(str)
            value, test = categorical_psi(ref, cur), "chi-square"
            categories = sorted(set(ref) | set(cur))
            table = [ref.value_counts().reindex(categories, fill_value=0).to_numpy(),
                     cur.value_counts().reindex(categories, fill_value=0).to_numpy()]
            p_value = float(stats.chi2_contingency(table, correction=False)[1])
        status = "drift" if value > PSI_DRIFT or p_value <= ALPHA else "warning" if value > PSI_WARNING else "ok"
        rows.append({"column": column, "psi": value, "test": test, "p": p_value, "status": status,
                     "n_ref": len(ref), "n_cur": len(cur),
                     "missing_ref": float(reference[column].isna().mean()),
                     "missing_cur": float(current[column].isna().mean())})
    return rows


def reliability(confidence, outcome, bins=CAL_BINS) -> pd.DataFrame:
    """Uniform reliability bins as sklearn's calibration_curve forms them (empty bins dropped)."""
    confidence = np.asarray(confidence, dtype=float)
    index = np.searchsorted(np.linspace(0, 1, bins + 1)[1:-1], confidence)
    table = pd.DataFrame({"bin": index, "confidence": confidence, "accuracy": np.asarray(outcome, dtype=float)})
    table = table.groupby("bin").agg(count=("accuracy", "size"), confidence=("confidence", "mean"),
                                     accuracy=("accuracy", "mean"))
    table.insert(0, "lower", table.index / bins)
    table["gap"] = table["accuracy"] - table["confidence"]
    table["outside"] = table["gap"].abs() > CAL_TOLERANCE
    return table.reset_index(drop=True)


def cusum_lower(x, target, k, h) -> list[int]:
    """Page's lower CUSUM (STATS.md): the indices of its alarms."""
    s, alarms = 0.0, []
    for i, xi in enumerate(x):
        s = max(0.0, s + (target - xi) - k)
        if s > h:
            alarms.append(i)
            s = 0.0
    return alarms


def stream_cusum(stream: pd.DataFrame) -> dict:
    accuracy = stream["accuracy"].to_numpy(dtype=float)
    warmup = accuracy[:CUSUM_WARMUP]
    target, sigma = float(warmup.mean()), float(warmup.std(ddof=1))
    alarms = cusum_lower(accuracy, target, CUSUM_K * sigma, CUSUM_H * sigma)
    return {"target": target, "sigma": sigma, "alarms": alarms,
            "alarm_days": [stream["timestamp"].iloc[i] for i in alarms]}


def expected_outcome(data: dict[str, pd.DataFrame]) -> tuple[dict, list[str]]:
    """Every number the README quotes, and what differs from the design (empty when all is well)."""
    problems = []
    drift = drift_profile(data["train"], data["production"])
    for row in drift:
        if row["status"] != INTENDED_DRIFT.get(row["column"]):
            problems.append(f"drift: {row['column']} is {row['status']}, intended {INTENDED_DRIFT.get(row['column'])}")
    preds = data["predictions"]
    views = {("confidence", "correct"): reliability(preds["confidence"], preds["correct"]),
             ("probability", "label"): reliability(preds["probability"], preds["label"])}
    for view, intended in INTENDED_OFF_BINS.items():
        off = views[view].loc[views[view]["outside"], "lower"].round(1).tolist()
        if off != intended:
            problems.append(f"calibration {view}: bins outside tolerance {off}, intended {intended}")
    cusum = stream_cusum(data["accuracy_stream"])
    if not cusum["alarms"] or min(cusum["alarms"]) < DROP_DAY or min(cusum["alarms"]) > DROP_DAY + 10:
        problems.append(f"cusum: alarms at {cusum['alarms']}, intended only after day {DROP_DAY} and within 10 days of it")
    train = data["train"]
    if not 0.1 < train["label"].mean() < 0.9:
        problems.append(f"label share {train['label'].mean():.2f}")
    return {"drift": drift, "calibration": views, "cusum": cusum}, problems


# --- the files ------------------------------------------------------------------------------

def csv_text(df: pd.DataFrame) -> str:
    return df.to_csv(index=False, lineterminator="\n")


def fmt_p(p: float) -> str:
    return f"{p:.2g}" if p >= 1e-4 else "< 1e-4"


def extreme_counts(train: pd.DataFrame, production: pd.DataFrame) -> dict[str, int]:
    """The extreme-values snippet's rule: beyond 4 training sd of the mean and outside the training range."""
    counts = {}
    for column in NUMERIC:
        ref, cur = train[column].dropna(), production[column].dropna()
        far = (cur - ref.mean()).abs() > 4 * ref.std()
        counts[column] = int((far & ((cur < ref.min()) | (cur > ref.max()))).sum())
    return counts


def readme(data: dict[str, pd.DataFrame], outcome: dict) -> str:
    train, production, stream = data["train"], data["production"], data["accuracy_stream"]
    why = {
        "user_id": "random ids from one range: not a feature",
        "timestamp": "a later window: time columns always differ, leave them out",
        "features_as_of": "the same",
        "age": "made optional at sign-up: few answer, and more of them are very young or very old",
        "income": f"now reported gross instead of net: x{PROD_INCOME_FACTOR}",
        "sessions_7d": f"stable, plus {len(PROD_BOT_SESSIONS)} scripted accounts ({min(PROD_BOT_SESSIONS)}+ sessions)",
        "country": "stable",
        "device": "a mobile-app campaign: mobile {:.0%} -> {:.0%}, desktop {:.0%} -> {:.0%}".format(
            DEVICE_P[0], PROD_DEVICE_P[0], DEVICE_P[1], PROD_DEVICE_P[1]),
    }
    drift_rows = "\n".join(
        f"| `{r['column']}` | {r['psi']:.3f} | {r['test']} {fmt_p(r['p'])} | {r['n_ref']:,} / {r['n_cur']:,} | "
        f"{r['missing_ref']:.1%} / {r['missing_cur']:.1%} | **{r['status']}** | {why[r['column']]} |"
        for r in outcome["drift"])
    calibration_rows = "\n".join(
        f"| {r.lower:.1f}-{r.lower + 0.1:.1f} | {r.count:,} | {r.confidence:.3f} | {r.accuracy:.3f} | "
        f"{r.gap:+.3f} | {'**outside**' if r.outside else 'within'} |"
        for r in outcome["calibration"][("confidence", "correct")].itertuples())
    positive = outcome["calibration"][("probability", "label")]
    positive_off = ", ".join(f"{r.lower:.1f}-{r.lower + 0.1:.1f} ({r.gap:+.3f})" for r in positive.itertuples() if r.outside)
    cusum = outcome["cusum"]
    extremes = extreme_counts(train, production)
    n_answered = int(production["age"].notna().sum())
    return f"""# GRADIENT example: a trial-conversion model

A small ML project to try GRADIENT on. It predicts whether a free-trial user converts to a paid
plan (`label` 1) from five features: `age`, `income`, `sessions_7d` (sessions in the last 7 days),
`country` and `device`. All data is synthetic. `make_examples.py` writes every file here from
fixed seeds (`python3 make_examples.py` rewrites them byte for byte), and each data file was built
to show one thing, described below.

## What is here

| file | what it is |
|---|---|
| `data/train.csv` | {len(train):,} labeled users, Jan-Feb 2024: the training set, and the **reference** of the drift report |
| `data/test.csv` | {len(data['test']):,} held-out labeled users, March 2024, no missing values: the serving tests send them as requests |
| `data/production.csv` | {len(production):,} users scored 1-14 April 2024, not labeled yet: the **current** window of the drift report |
| `data/predictions.csv` | a candidate model's scores for {len(data['predictions']):,} labeled validation users: for the calibration report |
| `data/accuracy_stream.csv` | the deployed model's daily accuracy, {stream['timestamp'].iloc[0]} to {stream['timestamp'].iloc[-1]}: for the concept-drift report |
| `model_server.py` | the serving module: `predict(payload)` with input validation, a 4-sd warning, a deadline and a fallback, over a logistic regression fitted on `data/train.csv` at import |
| `tests/test_data_pipeline.py` | the team's own two data tests. GRADIENT appends its snippets below them, never over them |
| `tests/test_serving.py` | three serving snippets inserted from GRADIENT (input validation, P99 latency, fallback), each below its `# gradient:` marker; they pass against `model_server.py` |
| `models/model_version.yaml` | the model version record: train / validation / test metrics and a majority-class baseline it beats (test AUC 0.772 vs 0.5) |
| `configs/monitoring/drift.yaml` | PSI drift monitoring (alert 0.1, rollback 0.25) and CUSUM concept drift, one block each |
| `configs/deploy/rollback.yaml` | automatic rollback, with **one deliberate inconsistency**: it rolls back at PSI 0.3, the monitor at 0.25 |
| `configs/deploy/ab_test.yaml` | a 50/50 A/B test of 1.1.0 against 1.0.0 |
| `pytest.ini` | lets `pytest`, run from this folder, find `tests/` and import `model_server` |
| `.vscode/settings.json` | turns on the Python extension's test view for `tests/` |
| `make_examples.py` | writes everything above, then checks that the data still shows what it was built to show |

The user tables have the columns `user_id`, `timestamp` (label time), `features_as_of` (when the
feature snapshot was taken, 1-48 h earlier), the five features, and `label` (not in
`production.csv`). Run the tests from this folder with Python 3, pandas, scipy, scikit-learn and
pytest installed.

## Try it

1. **Assess the stage.** Run `GRADIENT: Assess stage` from the Command Palette. Answer
   **A) Data collection / ingestion**, then **Reliability**. The data-pipeline checklist and its
   snippets now come first.
2. **Insert a snippet next to your own tests.** Close the open editors, run `GRADIENT: Insert
   pattern snippet` and pick **KS drift test per numeric feature**. It goes into
   `tests/test_data_pipeline.py`, *below* the two tests that were there (Undo takes it out again).
   Press Escape to keep the defaults at the tab stops, save, and run
   `python3 -m pytest tests/test_data_pipeline.py`. It fails on `income`: production incomes
   are {PROD_INCOME_FACTOR - 1:.0%} higher.

   Add the other data-pipeline snippets. While the file is open, a snippet goes in at the cursor,
   so press Ctrl+End (Cmd+Down on macOS) first. They catch the rest:
   - null handling fails on `age`, missing in {production['age'].isna().mean():.1%} of the production rows;
   - extreme values fails on `sessions_7d` ({extremes['sessions_7d']} scripted accounts) and on `income`
     ({extremes['income']} incomes above anything in training: the tail of the shift);
   - covariate shift fails: a classifier tells production rows from training rows, mostly by
     `device` and `income`.

   Schema, label distribution and leakage pass, and so do the two tests that were there first.
3. **Serving.** Assess the stage again: **E) Model serving / inference**, **Latency**.
   `tests/test_serving.py` already holds three serving snippets (input validation, P99 latency,
   fallback), each below its `# gradient: <id>` marker. Open it, press Ctrl+End, and insert the
   other two (throughput, calibration) after them. `python3 -m pytest tests/test_serving.py`
   passes, because `model_server.py` keeps the contract they test. Now break it: with
   `MODEL_DEADLINE_S = None` the hanging-model test fails, and with `RANGES = {{}}` the
   impossible-values tests fail.
4. **Monitoring.** Stage **F) Production monitoring / MLOps**, **Accuracy**. Close the open
   editors, insert **PSI drift check per feature**, then (Ctrl+End) **CUSUM concept-drift check**;
   they go into a new `tests/test_drift_monitoring.py`. At the CUSUM snippet's first tab stop,
   type `data/accuracy_stream.csv`. The PSI check alerts on `income`, `device` and `age`, and
   calls for a rollback on `income` and `device`. The CUSUM check fails with the alarm of
   {cusum['alarm_days'][0]}.

5. **Check readiness.** From the repository root, run the tests with a JUnit report and ask
   whether the work is done:

   ```sh
   (cd examples && python3 -m pytest --junitxml=junit.xml)
   gradient readiness examples --junit examples/junit.xml --stage F
   ```

   Stage F is **not ready**: `configs/deploy/rollback.yaml` rolls back at PSI 0.3 while
   `configs/monitoring/drift.yaml` rolls back at 0.25 (rule `rollback-psi-differs-from-monitor`),
   so the PSI monitoring and automatic rollback items fail; the CUSUM item is missing its test.
   Set `psi: 0.25` in `configs/deploy/rollback.yaml` (the quick fix in the editor does it) and
   run it again: the finding is gone, and only the missing CUSUM test keeps the stage from ready.
   With `--stage E` the serving items whose tests you ran pass, and the model-training item
   "complex model beats the baseline" shows both numbers from `models/model_version.yaml`.

## The reports: which files to pick

The drift, calibration and concept-drift reports arrive in a later release of GRADIENT. These
are the files to pick for them, and what each one shows.

**Drift.** Reference `data/train.csv`, current `data/production.csv`. Compare the feature columns
`age`, `income`, `sessions_7d`, `country` and `device`, with `label` as the label. Numeric PSI
uses reference deciles, with 1e-4 for an empty bin; the test is KS for numbers and chi-square for
categories. A column drifts when PSI > {PSI_DRIFT} or p <= {ALPHA}, and warns when PSI > {PSI_WARNING}.

| column | PSI | test, p | values (train / production) | missing | status | what happened |
|---|---|---|---|---|---|---|
{drift_rows}

`age` shows why the report gives counts next to every number. Only {n_answered} production rows have
an age. On so few values PSI is noisy, and KS is weak at seeing a change in spread, so the
status is only a warning. The real incident is the missing rate. `sessions_7d` stays ok: six
values do not move PSI or KS. The report's extreme-value count (values more than 4 sd from the
training mean) is where they show.

**Calibration.** `data/predictions.csv`, confidence column `confidence` (the probability of the
**predicted** class) and outcome column `correct` (1 when the prediction was right), 10 uniform
bins, 5-point tolerance. The model is calibrated up to {CALIBRATED_UP_TO:.0%} confidence and overconfident
above it.

| bin | count | confidence | accuracy | gap | 5-point tolerance |
|---|---|---|---|---|---|
{calibration_rows}

The same file also holds `probability` (of the **positive** class, `label` 1) and `label`. Pick
those two instead for the ten-bin diagram of P(convert). Its bins outside the tolerance:
{positive_off}.

**Concept drift (CUSUM).** `data/accuracy_stream.csv`: value `accuracy`, time `timestamp`, one
row per day (`predictions` and `correct` are that day's counts). Accuracy is about {ACCURACY_BEFORE:.2f}
until {stream['timestamp'].iloc[DROP_DAY - 1]}, then about {ACCURACY_AFTER:.2f}: a drop of {(ACCURACY_BEFORE - ACCURACY_AFTER) / cusum['sigma']:.1f} sigma. The defaults
take target and sigma from the first {CUSUM_WARMUP} days ({cusum['target']:.4f} and {cusum['sigma']:.4f}), with
k = {CUSUM_K} sigma and h = {CUSUM_H:g} sigma. The lower CUSUM stays quiet for the first {DROP_DAY} days.
It first alarms on {cusum['alarm_days'][0]}, then {len(cusum['alarms']) - 1} more times while the drop lasts.
A per-prediction 0/1 stream needs other settings: with these defaults two wrong answers in a row
cross h, and a steady 91% model would alarm every hundred-odd predictions.
"""


MODEL_SERVER = '''"""Serves the trial-conversion model: the module GRADIENT's serving snippets test.

The contract (patterns/model-serving.md):

- `predict(payload)` returns a response with `.status_code` and `.json()`; the body holds
  `prediction` (1: will convert), `confidence` (the probability of the predicted class),
  `probability` (of conversion) and `fallback_used`.
- `model(features)` is the callable `predict` reaches the model through, looked up on this
  module at every call: tests patch `model_server.model` to simulate an outage.

Input validation at three levels: schema (missing field, wrong type: 422), range (impossible
value: 422), distribution (a numeric value more than 4 training standard deviations from the
training mean is served, with a WARNING log). The model call runs under a deadline below the
latency budget; an error or a missed deadline is answered with DEFAULT_PREDICTION and
`fallback_used: true`.

The model is a scikit-learn logistic regression, fitted on data/train.csv at import (well under
a second).

    python3 model_server.py    # one prediction for a typical request
"""
from __future__ import annotations

import logging
import math
from concurrent import futures
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

logger = logging.getLogger(__name__)

TRAIN_PATH = Path(__file__).resolve().parent / "data" / "train.csv"
SCHEMA = {"age": (int, float), "income": (int, float), "sessions_7d": (int,), "country": (str,), "device": (str,)}
NUMERIC = ("age", "income", "sessions_7d")
RANGES = {"age": (0, 120), "income": (0, 1e8), "sessions_7d": (0, 10_000)}
COUNTRIES = ("US", "DE", "IN", "BR")
DEVICES = ("mobile", "desktop", "tablet")
N_STD_WARNING = 4
MODEL_DEADLINE_S = 0.1   # below the 200 ms latency budget, so a fallback still answers in time
DEFAULT_PREDICTION = 0   # "will not convert": the answer when the model cannot give one


class Response:
    """The shape of an HTTP response: what a FastAPI or Flask test client returns."""

    def __init__(self, status_code: int, body: dict):
        self.status_code = status_code
        self._body = body

    def json(self) -> dict:
        return dict(self._body)


def features(row: dict) -> list[float]:
    """The model's inputs: age, log income, sessions, one-hot country and device."""
    return [float(row["age"]), math.log1p(float(row["income"])), float(row["sessions_7d"])] + [
        float(row["country"] == c) for c in COUNTRIES] + [float(row["device"] == d) for d in DEVICES]


def _fit(path: Path):
    train = pd.read_csv(path)
    train["age"] = train["age"].fillna(train["age"].median())
    x = np.array([features(row) for row in train.to_dict("records")])
    pipeline = make_pipeline(StandardScaler(), LogisticRegression(max_iter=1000)).fit(x, train["label"])
    numeric = {column: (float(train[column].mean()), float(train[column].std())) for column in NUMERIC}
    return pipeline, numeric


_pipeline, TRAINING_STATS = _fit(TRAIN_PATH)
_workers = futures.ThreadPoolExecutor(max_workers=32, thread_name_prefix="model")


def model(row: dict) -> float:
    """Probability that the user converts."""
    return float(_pipeline.predict_proba(np.array([features(row)]))[0, 1])


def validation_error(payload) -> str | None:
    if not isinstance(payload, dict):
        return "the request body must be a JSON object"
    for field, types in SCHEMA.items():
        if field not in payload:
            return f"missing field {field!r}"
        value = payload[field]
        if isinstance(value, bool) or not isinstance(value, types):
            return f"{field!r} must be {' or '.join(t.__name__ for t in types)}, got {value!r}"
    for field, (low, high) in RANGES.items():
        if not low <= payload[field] <= high:  # False for NaN too
            return f"{field}={payload[field]!r} is outside [{low}, {high}]"
    return None


def warn_if_unusual(payload: dict) -> None:
    """Served, but logged: the model is asked about a region it never saw."""
    for field, (mean, std) in TRAINING_STATS.items():
        z = abs(payload[field] - mean) / std
        if z > N_STD_WARNING:
            logger.warning("%s=%r is %.1f standard deviations from the training mean %.4g",
                           field, payload[field], z, mean)
    for field, known in (("country", COUNTRIES), ("device", DEVICES)):
        if payload[field] not in known:
            logger.warning("%s=%r was never seen in training", field, payload[field])


def predict(payload) -> Response:
    error = validation_error(payload)
    if error:
        return Response(422, {"error": error})
    warn_if_unusual(payload)
    try:
        # `model` is read from the module at call time, so a patched model is the one called.
        probability = float(_workers.submit(model, payload).result(timeout=MODEL_DEADLINE_S))
        if not 0.0 <= probability <= 1.0:
            raise ValueError(f"model returned {probability!r}, not a probability")
    except Exception as exc:  # ConnectionError, TimeoutError, a missed deadline, a broken model
        # After a missed deadline the call still finishes in its worker thread; its answer is dropped.
        logger.error("model call failed (%r): serving the fallback", exc)
        return Response(200, {"prediction": DEFAULT_PREDICTION, "confidence": None, "probability": None,
                              "fallback_used": True})
    prediction = int(probability >= 0.5)
    return Response(200, {"prediction": prediction, "confidence": max(probability, 1.0 - probability),
                          "probability": probability, "fallback_used": False})


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO)
    request = {"age": 35, "income": 52000.0, "sessions_7d": 4, "country": "US", "device": "mobile"}
    response = predict(request)
    print(response.status_code, response.json())
'''

USER_TESTS = '''"""Our own checks on the data files, written before we used GRADIENT.

GRADIENT's "Insert pattern snippet" appends its tests below these; it never overwrites them.
Run from the examples folder: python3 -m pytest tests
"""
from pathlib import Path

import pandas as pd

DATA_DIR = Path(__file__).resolve().parents[1] / "data"


def test_train_file_exists():
    assert (DATA_DIR / "train.csv").is_file(), "run make_examples.py to create the data"


def test_train_labels_are_binary_and_user_ids_unique():
    train = pd.read_csv(DATA_DIR / "train.csv")
    assert set(train["label"].unique()) == {0, 1}
    assert train["user_id"].is_unique
'''

# What GRADIENT's patterns inserted, adapted to this project. The serving tests pass against
# model_server.py. The configs hold ONE deliberate inconsistency for the readiness check to find:
# the rollback config rolls back at PSI 0.3, the drift monitor at 0.25.
SERVING_TESTS = r'''"""Serving tests inserted from GRADIENT's model-serving patterns, each below its "# gradient:" marker.

Run from the examples folder: python3 -m pytest tests/test_serving.py
"""

# gradient: serving-input-validation
import importlib
import logging
from functools import lru_cache

import pandas as pd
import pytest

SERVING_MODULE = "model_server"
TRAIN_PATH = "data/train.csv"
DISTRIBUTION_FEATURE = "income"
N_STD = 4
VALID_INPUT = {"age": 35, "income": 52000.0, "sessions_7d": 4, "country": "US", "device": "mobile"}
WRONG_TYPES = [("age", "forty"), ("income", None), ("country", 7)]
IMPOSSIBLE_VALUES = [("age", 500), ("income", -1000), ("sessions_7d", -1)]


@lru_cache(maxsize=None)
def load_table(path):
    """Read a CSV or Parquet file once per session. Callers must not mutate the result."""
    return pd.read_parquet(path) if str(path).endswith(".parquet") else pd.read_csv(path)


@pytest.fixture(scope="module")
def server():
    return importlib.import_module(SERVING_MODULE)


@pytest.mark.parametrize("field", sorted(VALID_INPUT))
def test_schema_rejects_missing_field(server, field):
    payload = {k: v for k, v in VALID_INPUT.items() if k != field}
    response = server.predict(payload)
    assert 400 <= response.status_code < 500, f"request without {field!r} got {response.status_code}"


@pytest.mark.parametrize("field, value", WRONG_TYPES)
def test_schema_rejects_wrong_type(server, field, value):
    response = server.predict({**VALID_INPUT, field: value})
    assert 400 <= response.status_code < 500, f"{field}={value!r} got {response.status_code}"


@pytest.mark.parametrize("field, value", IMPOSSIBLE_VALUES)
def test_range_rejects_impossible_values(server, field, value):
    response = server.predict({**VALID_INPUT, field: value})
    assert 400 <= response.status_code < 500, f"{field}={value!r} got {response.status_code}"


def test_distribution_check_warns_but_serves(server, caplog):
    training = load_table(TRAIN_PATH)[DISTRIBUTION_FEATURE]
    unusual = float(training.mean() + (N_STD + 1) * training.std())
    with caplog.at_level(logging.WARNING):
        response = server.predict({**VALID_INPUT, DISTRIBUTION_FEATURE: unusual})
    assert response.status_code == 200, "far from the training distribution is a warning, not a rejection"
    assert response.json()["fallback_used"] is False
    warned = [r for r in caplog.records if r.levelno == logging.WARNING and DISTRIBUTION_FEATURE in r.getMessage()]
    assert warned, f"no WARNING logged for {DISTRIBUTION_FEATURE}={unusual:.4g} ({N_STD + 1} std from the training mean)"


def test_typical_input_logs_no_warning(server, caplog):
    with caplog.at_level(logging.WARNING):
        response = server.predict(VALID_INPUT)
    assert response.status_code == 200
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING], (
        "a typical input logged a warning: the distribution check is too noisy to be useful"
    )


# gradient: serving-p99-latency
import importlib
import json
import time
from functools import lru_cache

import numpy as np
import pandas as pd
import pytest

SERVING_MODULE = "model_server"
HOLDOUT_PATH = "data/test.csv"
LATENCY_BUDGET_MS = 200
N_REQUESTS = 1000
N_WARMUP = 20
VALID_INPUT = {"age": 35, "income": 52000.0, "sessions_7d": 4, "country": "US", "device": "mobile"}


@lru_cache(maxsize=None)
def load_table(path):
    """Read a CSV or Parquet file once per session. Callers must not mutate the result."""
    return pd.read_parquet(path) if str(path).endswith(".parquet") else pd.read_csv(path)


@pytest.fixture(scope="module")
def server():
    return importlib.import_module(SERVING_MODULE)


def realistic_payloads(n):
    """n request bodies built from held-out rows, as plain JSON types."""
    rows = load_table(HOLDOUT_PATH)[list(VALID_INPUT)].sample(n, replace=True, random_state=0)
    return json.loads(rows.to_json(orient="records"))


def test_p99_latency_within_budget(server):
    for payload in realistic_payloads(N_WARMUP):
        server.predict(payload)
    latencies_ms, fallbacks = [], 0
    for payload in realistic_payloads(N_REQUESTS):
        start = time.perf_counter()
        response = server.predict(payload)
        latencies_ms.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, f"{payload} got {response.status_code}"
        fallbacks += bool(response.json()["fallback_used"])
    p50, p99 = np.percentile(latencies_ms, [50, 99])
    assert p99 < LATENCY_BUDGET_MS, (
        f"P99 latency {p99:.1f} ms >= budget {LATENCY_BUDGET_MS} ms "
        f"(P50 {p50:.2f} ms, max {max(latencies_ms):.1f} ms over {N_REQUESTS} requests)"
    )
    assert fallbacks == 0, f"{fallbacks} of {N_REQUESTS} requests fell back: the model is timing out"


# gradient: serving-fallback
import importlib
import time
from unittest.mock import patch

import pytest

SERVING_MODULE = "model_server"
DEFAULT_PREDICTION = 0
LATENCY_BUDGET_MS = 200
VALID_INPUT = {"age": 35, "income": 52000.0, "sessions_7d": 4, "country": "US", "device": "mobile"}


@pytest.fixture(scope="module")
def server():
    return importlib.import_module(SERVING_MODULE)


def test_model_unavailable_fallback(server):
    with patch(f"{SERVING_MODULE}.model", side_effect=ConnectionError()):
        response = server.predict(VALID_INPUT)
    assert response.status_code == 200
    assert response.json()["fallback_used"] is True
    assert response.json()["prediction"] == DEFAULT_PREDICTION


def test_model_timeout_fallback(server):
    with patch(f"{SERVING_MODULE}.model", side_effect=TimeoutError()):
        response = server.predict(VALID_INPUT)
    assert response.status_code == 200
    assert response.json()["fallback_used"] is True
    assert response.json()["prediction"] == DEFAULT_PREDICTION


def test_hanging_model_answered_within_budget(server):
    def hang(*args, **kwargs):
        time.sleep(3 * LATENCY_BUDGET_MS / 1000)

    with patch(f"{SERVING_MODULE}.model", side_effect=hang):
        start = time.perf_counter()
        response = server.predict(VALID_INPUT)
        elapsed_ms = (time.perf_counter() - start) * 1000
    assert response.status_code == 200
    assert response.json()["fallback_used"] is True, "a hanging model must trigger the fallback"
    assert elapsed_ms < LATENCY_BUDGET_MS, (
        f"answered after {elapsed_ms:.0f} ms: the model call needs a deadline below the "
        f"{LATENCY_BUDGET_MS} ms budget"
    )
'''

MODEL_VERSION = r'''# gradient: mlops-model-version
model:
  name: trial-conversion
  version: "1.1.0"                          # MAJOR.MINOR.PATCH
  previous_stable: "1.0.0"                  # the rollback target
  status: candidate                         # candidate | stable | retired
  git_commit: "3f9c2e7a41d05b8e6c1f2a9d7e4b0c8a5f6d1e23"
  data_version: "train-2024-02-29"          # DVC revision, table snapshot id or file sha256
  training_config: configs/training/hpo.yaml
  primary_metric: roc_auc                   # what "better" means; higher is better (a *loss or *error: lower)
  metrics:                                  # model_server.py's logistic regression; validation: 5-fold CV on train
    train: {accuracy: 0.742, f1: 0.549, roc_auc: 0.781}
    validation: {accuracy: 0.74, f1: 0.546, roc_auc: 0.78}
    test: {accuracy: 0.735, f1: 0.53, roc_auc: 0.772}
  baseline:                                 # the simple model this one must beat on the test split
    name: majority-class
    metrics_file: reports/baseline_metrics.json
    test: {accuracy: 0.667, f1: 0.0, roc_auc: 0.5}
  artifacts:
    weights: models/trial-conversion/1.1.0/model.bin
    preprocessor: models/trial-conversion/1.1.0/preprocessor.pkl
    inference_config: models/trial-conversion/1.1.0/inference.yaml
'''

DRIFT_CONFIG = r'''# gradient: mlops-psi-config
data_drift:
  method: psi
  reference: data/train.csv
  current_window: 1d                   # each check compares the last day of inputs with the reference
  schedule: hourly
  features: all
  bins: 10
  binning: reference_quantiles              # deciles of the reference; categoricals: one bin per category
  epsilon: 1.0e-4                           # replaces empty bin shares
  thresholds:
    alert: 0.1                         # significant drift: alert the ML team
    rollback: 0.25                     # automatic rollback (configs/deploy/rollback.yaml)

# gradient: mlops-cusum-config
concept_drift:
  method: cusum                             # Page's CUSUM, lower side: detects accuracy drops
  metric: accuracy
  period: 1d                           # one accuracy value per period, once labels arrive
  warmup_periods: 30                   # target and sigma estimated from the first 30 periods
  k_sigma: 0.5                         # allowance: drops under 0.5 sigma are ignored
  h_sigma: 5                           # alarm when the cumulative drop exceeds 5 sigma
  reset_after_alarm: true
  on_alarm: [alert, evaluate_retrain]
'''

ROLLBACK_CONFIG = r'''# gradient: mlops-rollback-config
rollback:
  enabled: true
  evaluation_window: 15m
  triggers:                                 # any one triggers an automatic rollback
    accuracy_drop_from_baseline: 0.05  # relative: (baseline - current) / baseline > 5%
    latency_budget_ms: 200
    latency_p99_budget_multiple: 2.0   # P99 > 2x the latency budget
    error_rate: 0.05                   # more than 5% of requests fail
    psi: 0.3                          # any feature
  target: previous_stable                   # from models/model_version.yaml
  notifications:
    - channel: slack
      target: "#ml-team"
    - channel: pager
      target: "ml-on-call"
'''

AB_TEST_CONFIG = r'''# gradient: mlops-ab-test
ab_test:
  name: churn-classifier-1.1.0-vs-1.0.0
  control: "1.0.0"
  treatment: "1.1.0"
  traffic_split:
    control: 0.5
    treatment: 0.5
  assignment: hash(user_id)                 # sticky: a user always sees the same model
  primary_metric:
    name: conversion_rate
    direction: increase
  guardrail_metrics:
    - name: latency_p99_ms
    - name: error_rate
  stopping:                                 # stop only when all three hold
    min_samples_per_arm: 10000
    min_duration_days: 7
    significance_level: 0.05
  rollback_triggers:                        # any one ends the test: all traffic back to control
    primary_metric_degradation: 0.05   # relative: treatment 5% below control
    error_rate_increase: 0.01         # absolute: +1 percentage point over control
    latency_p99_increase: 0.5         # relative: +50% over control
'''

PYTEST_INI = """[pytest]
# Run pytest from this folder: tests live in tests/, and `import model_server` finds this folder.
testpaths = tests
pythonpath = .
"""

VSCODE_SETTINGS = {
    "python.testing.pytestEnabled": True,
    "python.testing.unittestEnabled": False,
    "python.testing.pytestArgs": ["tests"],
}


def render_files() -> tuple[dict[str, str], dict, list[str]]:
    data = make_data()
    outcome, problems = expected_outcome(data)
    files = {
        "README.md": readme(data, outcome),
        "pytest.ini": PYTEST_INI,
        ".vscode/settings.json": json.dumps(VSCODE_SETTINGS, indent=2) + "\n",
        "model_server.py": MODEL_SERVER,
        "tests/test_data_pipeline.py": USER_TESTS,
        "tests/test_serving.py": SERVING_TESTS,
        "models/model_version.yaml": MODEL_VERSION,
        "configs/monitoring/drift.yaml": DRIFT_CONFIG,
        "configs/deploy/rollback.yaml": ROLLBACK_CONFIG,
        "configs/deploy/ab_test.yaml": AB_TEST_CONFIG,
        "data/train.csv": csv_text(data["train"]),
        "data/test.csv": csv_text(data["test"]),
        "data/production.csv": csv_text(data["production"]),
        "data/predictions.csv": csv_text(data["predictions"]),
        "data/accuracy_stream.csv": csv_text(data["accuracy_stream"]),
    }
    return files, outcome, problems


def report(outcome: dict) -> str:
    lines = ["drift, data/train.csv -> data/production.csv:"]
    for row in outcome["drift"]:
        lines.append(f"  {row['column']:<15} PSI {row['psi']:7.3f}  {row['test']:<10} p {row['p']:.3g}"
                     f"  n {row['n_ref']}/{row['n_cur']}  {row['status']:<7} (intended {INTENDED_DRIFT[row['column']]})")
    for (conf, outcome_col), table in outcome["calibration"].items():
        lines.append(f"calibration, data/predictions.csv ({conf} vs {outcome_col}):")
        for r in table.itertuples():
            lines.append(f"  {r.lower:.1f}-{r.lower + 0.1:.1f}  n {r.count:5d}  conf {r.confidence:.3f}  "
                         f"acc {r.accuracy:.3f}  gap {r.gap:+.3f}  {'OUTSIDE' if r.outside else 'within'}")
    c = outcome["cusum"]
    lines.append(f"cusum, data/accuracy_stream.csv: target {c['target']:.4f}, sigma {c['sigma']:.4f}, "
                 f"drop at day {DROP_DAY}; alarms at days {c['alarms']} ({', '.join(c['alarm_days'])})")
    return "\n".join(lines)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=HERE, help="folder to write into (default: this script's folder)")
    parser.add_argument("--quiet", action="store_true", help="print only problems")
    args = parser.parse_args(argv)
    files, outcome, problems = render_files()
    for rel, text in files.items():
        path = args.out / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text.encode("utf-8"))
    if not args.quiet:
        total = sum(len(t.encode("utf-8")) for t in files.values())
        print(f"wrote {len(files)} files ({total / 1024:.0f} KiB) to {args.out}")
        print(report(outcome))
    for problem in problems:
        print(f"NOT AS DESIGNED: {problem}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
