"""Serving tests inserted from GRADIENT's model-serving patterns, each below its "# gradient:" marker.

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
