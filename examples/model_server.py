"""Serves the trial-conversion model: the module GRADIENT's serving snippets test.

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
