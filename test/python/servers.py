"""Synthetic serving modules for the stage E and G snippets.

Each variant is a small but real service: a scikit-learn logistic regression fitted on the
synthetic training data, behind `predict(payload)` with the contract model-serving.md states
(response with .status_code and .json() -> prediction, confidence, fallback_used; a module-level
callable `model` that predict() calls). Flags turn off one safety feature at a time, so each
negative case shows the matching snippet test failing.
"""
from __future__ import annotations

from pathlib import Path

TEMPLATE = '''
"""GRADIENT test double: {doc}"""
import logging
import math
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pandas as pd
from sklearn.linear_model import LogisticRegression

logger = logging.getLogger(__name__)

TRAIN_PATH = {train_path!r}
VALIDATE = {validate}
FALLBACK = {fallback}
DEADLINE_S = {deadline_s}          # None: wait for the model however long it takes
SLOW_EVERY = {slow_every}          # every n-th model call sleeps SLOW_S
SLOW_S = {slow_s}
SERIAL_S = {serial_s}              # > 0: calls serialized behind one lock, each taking this long
SHARPEN = {sharpen}                # logit multiplier: > 1 makes confidence overconfident
INCOME_SCALE = {income_scale}      # training-serving skew: income read in other units online
DEFAULT_PREDICTION = 0

FIELDS = {{"age": (int, float), "income": (int, float), "sessions_7d": (int,), "country": (str,), "device": (str,)}}
RANGES = {{"age": (0, 120), "income": (0, 1e8), "sessions_7d": (0, 10000)}}
COUNTRIES = ["US", "DE", "IN", "BR"]
DEVICES = ["mobile", "desktop", "tablet"]


class Response:
    def __init__(self, status_code, body):
        self.status_code = status_code
        self._body = body

    def json(self):
        return dict(self._body)


def _raw(features):
    s = float(features["sessions_7d"])
    return [float(features["age"]), math.log1p(float(features["income"]) * INCOME_SCALE), s, s * s] + [
        float(features["country"] == c) for c in COUNTRIES] + [float(features["device"] == d) for d in DEVICES]


_train = pd.read_csv(TRAIN_PATH)
_X = np.array([_raw(r) for r in _train.to_dict("records")])
_mu, _sd = _X.mean(axis=0), _X.std(axis=0) + 1e-12
_clf = LogisticRegression(max_iter=2000).fit((_X - _mu) / _sd, _train["label"])
_stats = {{c: (_train[c].mean(), _train[c].std()) for c in ["age", "income", "sessions_7d"]}}
_pool = ThreadPoolExecutor(max_workers=32)
_lock = threading.Lock()
_calls = 0


def model(features):
    """Probability of the positive class."""
    global _calls
    _calls += 1
    if SLOW_EVERY and _calls % SLOW_EVERY == 0:
        time.sleep(SLOW_S)
    if SERIAL_S:
        with _lock:
            time.sleep(SERIAL_S)
    x = (np.array([_raw(features)]) - _mu) / _sd
    if SHARPEN != 1:
        return float(1 / (1 + math.exp(-SHARPEN * _clf.decision_function(x)[0])))
    return float(_clf.predict_proba(x)[0, 1])


def _validate(payload):
    for field, types in FIELDS.items():
        if field not in payload:
            return f"missing field {{field}}"
        value = payload[field]
        if isinstance(value, bool) or not isinstance(value, types):
            return f"{{field}} must be {{types[0].__name__}}"
    for field, (low, high) in RANGES.items():
        if not low <= payload[field] <= high:
            return f"{{field}}={{payload[field]}} outside [{{low}}, {{high}}]"
    return None


def predict(payload):
    if VALIDATE:
        error = _validate(payload)
        if error:
            return Response(422, {{"error": error}})
    for field, (mean, std) in _stats.items():
        try:
            z = abs(float(payload[field]) - mean) / std
        except (KeyError, TypeError, ValueError):
            continue
        if z > 4:
            logger.warning("%s=%s is %.1f standard deviations from the training mean", field, payload[field], z)
    try:
        if DEADLINE_S is None:
            p = model(payload)
        else:
            p = _pool.submit(model, payload).result(timeout=DEADLINE_S)
        p = float(p)
    except Exception as exc:
        if not FALLBACK:
            raise
        logger.error("model call failed (%r): serving the fallback", exc)
        return Response(200, {{"prediction": DEFAULT_PREDICTION, "confidence": None, "fallback_used": True}})
    return Response(200, {{"prediction": int(p >= 0.5), "confidence": max(p, 1 - p), "probability": p,
                          "fallback_used": False}})
'''

DEFAULTS = dict(validate=True, fallback=True, deadline_s=0.1, slow_every=0, slow_s=0.0, serial_s=0.0,
                sharpen=1.0, income_scale=1.0)

VARIANTS = {
    "clean": dict(doc="a well-behaved service"),
    "novalidation": dict(doc="no input validation", validate=False),
    "nofallback": dict(doc="no fallback: model errors propagate", fallback=False, deadline_s=None),
    "nodeadline": dict(doc="fallback on errors, but no deadline on the model call", deadline_s=None),
    "slow": dict(doc="2% of model calls take 300 ms, no deadline", deadline_s=None, slow_every=50, slow_s=0.3),
    "serialized": dict(doc="a global lock: 15 ms per call, one at a time", serial_s=0.015, deadline_s=None),
    "overconfident": dict(doc="logits stretched x3: right ranking, false confidence", sharpen=3.0),
    "income_in_thousands": dict(doc="serves income in thousands (training-serving skew)", income_scale=0.001),
}


def module_name(variant: str) -> str:
    return f"gradient_server_{variant}"


def write_servers(folder: Path, train_path: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for variant, flags in VARIANTS.items():
        values = {**DEFAULTS, **flags}
        source = TEMPLATE.format(train_path=str(train_path), **values)
        (folder / f"{module_name(variant)}.py").write_text(source, encoding="utf-8")
