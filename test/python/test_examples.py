"""The example workspace (examples/) is real: reproducible, with the drift, miscalibration and
concept drift its README promises, and a serving module that the catalog's snippets pass against.

The statistics here are computed independently of examples/make_examples.py, from the
definitions in STATS.md (PSI over reference deciles, scipy's KS and chi-square, uniform
reliability bins, Page's lower CUSUM), on the committed files.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from scipy import stats
from sklearn.calibration import calibration_curve

import snippets
from runner import PYTHON, parse_junit

EXAMPLES = snippets.REPO / "examples"
DATA = EXAMPLES / "data"
GENERATOR = EXAMPLES / "make_examples.py"
# Every file make_examples.py writes (make_examples.py itself is the only other committed file).
GENERATED = [
    "README.md", "pytest.ini", ".vscode/settings.json", "model_server.py", "tests/test_data_pipeline.py",
    "data/train.csv", "data/test.csv", "data/production.csv", "data/predictions.csv", "data/accuracy_stream.csv",
    "tests/test_serving.py", "models/model_version.yaml", "configs/monitoring/drift.yaml",
    "configs/deploy/rollback.yaml", "configs/deploy/ab_test.yaml",
]
MAX_TOTAL_BYTES = 2 * 1024 * 1024

# The designed drift profile of train.csv (reference) vs production.csv (current), with the
# drift report's rule: drift when PSI > 0.25 or p <= 0.01, warning when PSI > 0.1.
INTENDED_STATUS = {
    "user_id": "ok", "timestamp": "drift", "features_as_of": "drift",
    "age": "warning", "income": "drift", "sessions_7d": "ok", "country": "ok", "device": "drift",
}
DROP_DATE = "2024-04-30"  # first day of the accuracy drop in accuracy_stream.csv

# What the README says each inserted snippet does on this data.
EXPECTED_FAILURES = {
    "test_data_pipeline": {
        "test_feature_distribution_shift[income]",
        "test_no_covariate_shift",
        "test_missing_rate_within_budget[production]",
        "test_no_extreme_values[income]",
        "test_no_extreme_values[sessions_7d]",
    },
    "test_drift_monitoring": {
        "test_psi_below_alert_threshold[age]",
        "test_psi_below_alert_threshold[income]",
        "test_psi_below_alert_threshold[device]",
        "test_psi_below_rollback_threshold[income]",
        "test_psi_below_rollback_threshold[device]",
        "test_no_concept_drift_in_accuracy",
    },
    "test_serving": set(),
}
USERS_OWN_TESTS = {"test_train_file_exists", "test_train_labels_are_binary_and_user_ids_unique"}


# --- statistics, as STATS.md defines them ---------------------------------------------------

def psi(ref, cur, bins=10, eps=1e-4):
    inner = np.unique(np.quantile(ref, np.linspace(0, 1, bins + 1)[1:-1]))
    edges = np.concatenate([[-np.inf], inner, [np.inf]])
    r = np.histogram(ref, edges)[0] / len(ref)
    c = np.histogram(cur, edges)[0] / len(cur)
    r = np.where(r == 0, eps, r)
    c = np.where(c == 0, eps, c)
    return float(np.sum((c - r) * np.log(c / r)))


def category_shares(ref: pd.Series, cur: pd.Series):
    categories = sorted(set(ref) | set(cur))
    counts = [s.value_counts().reindex(categories, fill_value=0).to_numpy() for s in (ref, cur)]
    return counts[0], counts[1]


def column_drift(reference: pd.DataFrame, current: pd.DataFrame, column: str) -> tuple[float, float, str]:
    ref, cur = reference[column].dropna(), current[column].dropna()
    if pd.api.types.is_numeric_dtype(ref) and pd.api.types.is_numeric_dtype(cur):
        value = psi(ref.to_numpy(float), cur.to_numpy(float))
        p = stats.ks_2samp(ref.to_numpy(float), cur.to_numpy(float)).pvalue
    else:
        r, c = category_shares(ref.astype(str), cur.astype(str))
        shares = [np.where(x == 0, 1e-4, x / x.sum()) for x in (r, c)]
        value = float(np.sum((shares[1] - shares[0]) * np.log(shares[1] / shares[0])))
        p = stats.chi2_contingency([r, c], correction=False)[1]
    status = "drift" if value > 0.25 or p <= 0.01 else "warning" if value > 0.1 else "ok"
    return value, float(p), status


def reliability(confidence, outcome, bins=10) -> pd.DataFrame:
    confidence, outcome = np.asarray(confidence, float), np.asarray(outcome, float)
    index = np.searchsorted(np.linspace(0, 1, bins + 1)[1:-1], confidence)
    table = pd.DataFrame({"bin": index, "p": confidence, "y": outcome}).groupby("bin").agg(
        count=("y", "size"), confidence=("p", "mean"), accuracy=("y", "mean"))
    # The same bins as scikit-learn's reliability diagram.
    prob_true, prob_pred = calibration_curve(outcome, confidence, n_bins=bins, strategy="uniform")
    np.testing.assert_allclose(table["accuracy"], prob_true, atol=1e-12)
    np.testing.assert_allclose(table["confidence"], prob_pred, atol=1e-12)
    table["gap"] = table["accuracy"] - table["confidence"]
    return table


def outside_bins(table: pd.DataFrame, tolerance=0.05) -> list[float]:
    return [round(b / 10, 1) for b in table.index[table["gap"].abs() > tolerance]]


def cusum_lower(x, target, k, h):
    s, alarms = 0.0, []
    for i, xi in enumerate(x):
        s = max(0.0, s + (target - xi) - k)
        if s > h:
            alarms.append(i)
            s = 0.0
    return alarms


# --- two subprocesses, started together: regeneration, and pytest in a copy of the workspace ---

def rendered(target: str, constraint: str, values: dict[str, str] | None = None) -> list[str]:
    return [snippets.render(s, values, constraint) for s in snippets.by_language("python") if s["target"] == target]


def prepare_walkthrough(workspace: Path) -> None:
    """A copy of the workspace after the README's walk-through.

    tests/test_data_pipeline.py: the data-pipeline snippets appended below the user's own tests
    (stage A, reliability); tests/test_serving.py: the serving snippets (E, latency);
    tests/test_drift_monitoring.py: the monitoring checks (F, accuracy). And the README's "now
    break it": model_server_broken.py, without a deadline on the model call and without range
    validation, under the validation and fallback snippets in tests/test_serving_broken.py.
    """
    shutil.copytree(EXAMPLES, workspace, ignore=shutil.ignore_patterns("__pycache__", ".pytest_cache"))
    tests = workspace / "tests"
    own = (tests / "test_data_pipeline.py").read_text(encoding="utf-8")
    (tests / "test_data_pipeline.py").write_text(
        "\n".join([own, *rendered("tests/test_data_pipeline.py", "reliability")]), encoding="utf-8")
    (tests / "test_serving.py").write_text("\n\n".join(rendered("tests/test_serving.py", "latency")), encoding="utf-8")
    (tests / "test_drift_monitoring.py").write_text("\n\n".join(
        rendered("tests/test_drift_monitoring.py", "accuracy", {"ACCURACY_PATH": "data/accuracy_stream.csv"})),
        encoding="utf-8")

    server = (workspace / "model_server.py").read_text(encoding="utf-8")
    edits = {"MODEL_DEADLINE_S = ": "MODEL_DEADLINE_S = None", "RANGES = ": "RANGES = {}"}
    lines = [next((new for old, new in edits.items() if line.startswith(old)), line) for line in server.splitlines()]
    assert sum(line in edits.values() for line in lines) == len(edits), "model_server.py no longer has these settings"
    (workspace / "model_server_broken.py").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (tests / "test_serving_broken.py").write_text("\n\n".join(
        snippets.render(snippets.by_id(i), {"SERVING_MODULE": "model_server_broken"}, "latency")
        for i in ("serving-input-validation", "serving-fallback")), encoding="utf-8")


@pytest.fixture(scope="module")
def processes(tmp_path_factory):
    """Starts both (independent) subprocesses at once; each fixture below waits for its own."""
    root = tmp_path_factory.mktemp("examples")
    regenerated, workspace = root / "regenerated", root / "workspace"
    started = {}

    def start(name, args, **kw):
        log = open(root / f"{name}.log", "w+", encoding="utf-8")
        started[name] = (subprocess.Popen(args, stdout=log, stderr=subprocess.STDOUT, text=True, **kw), log)

    start("generator", [PYTHON, str(GENERATOR), "--out", str(regenerated), "--quiet"])
    prepare_walkthrough(workspace)
    # As a user runs it, from the workspace folder: the import path comes from pytest.ini alone.
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1", "PYTHONSAFEPATH": "1"}
    env.pop("PYTHONPATH", None)
    start("walkthrough", [PYTHON, "-m", "pytest", "-q", "-p", "no:cacheprovider", f"--junitxml={root / 'results.xml'}"],
          cwd=workspace, env=env)
    yield {"root": root, "regenerated": regenerated, "started": started}
    for proc, log in started.values():
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        log.close()


def finished(processes, name: str, timeout: float) -> tuple[int, str]:
    proc, log = processes["started"][name]
    proc.wait(timeout=timeout)
    log.seek(0)
    return proc.returncode, log.read()


@pytest.fixture(scope="module")
def regenerated(processes) -> Path:
    code, output = finished(processes, "generator", 180)
    assert code == 0, f"make_examples.py failed its own design check:\n{output}"
    return processes["regenerated"]


@pytest.fixture(scope="module")
def snippet_run(processes) -> tuple[dict, str]:
    _, output = finished(processes, "walkthrough", 300)
    return parse_junit(processes["root"] / "results.xml"), output


# --- the workspace is what make_examples.py writes --------------------------------------------

def test_make_examples_reproduces_the_committed_files_byte_for_byte(regenerated):
    written = sorted(str(p.relative_to(regenerated)) for p in regenerated.rglob("*") if p.is_file())
    assert written == sorted(GENERATED), "make_examples.py writes other files than this test expects"
    for rel in GENERATED:
        committed = EXAMPLES / rel
        assert committed.is_file(), f"examples/{rel} is missing: run /usr/bin/python3 examples/make_examples.py"
        assert committed.read_bytes() == (regenerated / rel).read_bytes(), (
            f"examples/{rel} differs from what make_examples.py writes: edit the script, not the file, "
            f"and rerun it (or the output is not deterministic)"
        )


def test_the_workspace_stays_small():
    total = sum((EXAMPLES / rel).stat().st_size for rel in GENERATED) + GENERATOR.stat().st_size
    assert total < MAX_TOTAL_BYTES, f"examples/ holds {total / 1024:.0f} KiB"


# --- the data shows what the README says ------------------------------------------------------

@pytest.fixture(scope="module")
def tables() -> dict[str, pd.DataFrame]:
    return {name: pd.read_csv(DATA / f"{name}.csv") for name in
            ["train", "test", "production", "predictions", "accuracy_stream"]}


def test_user_tables_have_the_snippets_schema(tables):
    features = ["age", "income", "sessions_7d", "country", "device"]
    base = ["user_id", "timestamp", "features_as_of", *features]
    assert list(tables["train"].columns) == base + ["label"]
    assert list(tables["test"].columns) == base + ["label"]
    assert list(tables["production"].columns) == base  # labels arrive later
    assert not tables["test"][features].isna().any().any(), "serving tests send test.csv rows: they must be complete"
    ids = [set(tables[name]["user_id"]) for name in ("train", "test", "production", "predictions")]
    assert sum(map(len, ids)) == len(set().union(*ids)), "a user_id appears in two files"
    assert 0.2 < tables["train"]["label"].mean() < 0.5


@pytest.mark.parametrize("column", sorted(INTENDED_STATUS))
def test_drift_pair_has_the_designed_status(tables, column):
    value, p, status = column_drift(tables["train"], tables["production"], column)
    assert status == INTENDED_STATUS[column], f"{column}: PSI {value:.3f}, p {p:.3g} -> {status}"


def test_drift_pair_magnitudes(tables):
    train, production = tables["train"], tables["production"]
    income_psi, income_p, _ = column_drift(train, production, "income")
    assert income_psi > 0.25 and income_p < 1e-10, "income: clearly drifted by both PSI and KS"
    ratio = production["income"].median() / train["income"].median()
    assert 1.15 < ratio < 1.35, f"income median moved x{ratio:.2f}"
    device_psi, device_p, _ = column_drift(train, production, "device")
    assert device_psi > 0.25 and device_p < 1e-10
    # age: a warning by PSI alone, on the few values left after it became optional.
    age_psi, age_p, _ = column_drift(train, production, "age")
    assert 0.1 < age_psi <= 0.25 and age_p > 0.01
    assert train["age"].isna().mean() < 0.01 < 0.9 < production["age"].isna().mean()
    # sessions_7d: stable, plus a handful of extreme values.
    ref, cur = train["sessions_7d"], production["sessions_7d"]
    extreme = cur[((cur - ref.mean()).abs() > 4 * ref.std()) & (cur > ref.max())]
    assert 3 <= len(extreme) <= 10, f"{len(extreme)} extreme sessions_7d values"
    for column in ("country", "sessions_7d", "user_id"):
        value, p, _ = column_drift(train, production, column)
        assert value < 0.05 and p > 0.05, f"{column}: PSI {value:.3f}, p {p:.3g}"


def test_predictions_are_consistent(tables):
    preds = tables["predictions"]
    assert len(preds) >= 4000
    assert (preds["prediction"] == (preds["probability"] >= 0.5)).all()
    np.testing.assert_allclose(preds["confidence"], np.maximum(preds["probability"], 1 - preds["probability"]), atol=1e-4)
    assert (preds["correct"] == (preds["prediction"] == preds["label"])).all()
    assert (preds["confidence"] > 0.5).all(), "a confidence of 0.5 would fall into the 0.4-0.5 bin"


def test_predictions_are_overconfident_above_75_percent(tables):
    preds = tables["predictions"]
    table = reliability(preds["confidence"], preds["correct"])
    assert list(table.index) == [5, 6, 7, 8, 9]
    assert outside_bins(table) == [0.8, 0.9], table.round(3).to_string()
    assert (table.loc[[8, 9], "gap"] < -0.065).all(), "overconfident: accuracy below confidence"
    assert (table.loc[[5, 6, 7], "gap"].abs() < 0.035).all(), "calibrated up to 75%"
    # The positive-class view of the same model: too extreme at both ends, fine in the middle.
    positive = reliability(preds["probability"], preds["label"])
    off = outside_bins(positive)
    assert {0.0, 0.1, 0.9} <= set(off) and not {0.3, 0.4, 0.5} & set(off), positive.round(3).to_string()


def test_cusum_alarms_only_after_the_accuracy_drop(tables):
    stream = tables["accuracy_stream"]
    assert list(stream.columns) == ["timestamp", "predictions", "correct", "accuracy"]
    np.testing.assert_allclose(stream["accuracy"], stream["correct"] / stream["predictions"], atol=5e-5)
    accuracy = stream["accuracy"].to_numpy(float)
    warmup = accuracy[:30]
    target, sigma = warmup.mean(), warmup.std(ddof=1)
    drop = int(np.flatnonzero(stream["timestamp"] == DROP_DATE)[0])
    assert drop >= 60 and len(stream) - drop >= 25
    size = (accuracy[:drop].mean() - accuracy[drop:].mean()) / sigma
    assert 2 <= size <= 3, f"the drop is {size:.1f} sigma"
    alarms = cusum_lower(accuracy, target, 0.5 * sigma, 5 * sigma)
    assert alarms, "no alarm after the drop"
    assert min(alarms) >= drop, f"false alarm before the drop at {stream['timestamp'][min(alarms)]}"
    assert min(alarms) <= drop + 7, f"first alarm {min(alarms) - drop} days after the drop"


# --- the snippets run against the workspace as the README says --------------------------------

@pytest.mark.parametrize("module", sorted(EXPECTED_FAILURES))
def test_inserted_snippets_fail_exactly_where_the_readme_says(snippet_run, module):
    results, output = snippet_run
    tests = results.get(module)
    assert tests, f"{module} did not run:\n{output[-3000:]}"
    errors = {name: msg for name, (status, msg) in tests.items() if status in ("error", "skipped")}
    assert not errors, f"{module}: {errors}"
    failed = {name for name, (status, _) in tests.items() if status == "failed"}
    assert failed == EXPECTED_FAILURES[module], (
        f"{module}: unexpected failures {sorted(failed - EXPECTED_FAILURES[module])}, "
        f"unexpected passes {sorted(EXPECTED_FAILURES[module] - failed)}\n"
        + "\n".join(f"--- {n}\n{tests[n][1][:800]}" for n in sorted(failed ^ EXPECTED_FAILURES[module]) if n in tests)
    )


def test_serving_snippets_pass_against_model_server(snippet_run):
    results, output = snippet_run
    serving = results.get("test_serving", {})
    functions = {name.split("[")[0] for name in serving}
    assert {"test_p99_latency_within_budget", "test_throughput_meets_expected_qps", "test_model_timeout_fallback",
            "test_hanging_model_answered_within_budget", "test_served_confidence_is_calibrated",
            "test_distribution_check_warns_but_serves"} <= functions, output[-3000:]
    assert all(status == "passed" for status, _ in serving.values()), output[-3000:]


def test_users_own_tests_survive_the_insertion(snippet_run):
    results, _ = snippet_run
    tests = results["test_data_pipeline"]
    assert {name: tests[name][0] for name in USERS_OWN_TESTS} == {name: "passed" for name in USERS_OWN_TESTS}


def test_cusum_snippet_names_the_first_alarm(snippet_run):
    results, _ = snippet_run
    _, message = results["test_drift_monitoring"]["test_no_concept_drift_in_accuracy"]
    claim = re.search(r"The CUSUM check fails with the alarm of\s+(\d{4}-\d{2}-\d{2})",
                      (EXAMPLES / "README.md").read_text(encoding="utf-8"))
    assert claim, "the README no longer names the first CUSUM alarm"
    assert f"CUSUM alarm at {claim.group(1)}" in message


def test_breaking_model_server_fails_the_serving_snippets(snippet_run):
    results, output = snippet_run
    failed = {name for name, (status, _) in results.get("test_serving_broken", {}).items() if status == "failed"}
    assert failed == {
        "test_hanging_model_answered_within_budget",
        "test_range_rejects_impossible_values[age-500]",
        "test_range_rejects_impossible_values[income--1000]",
        "test_range_rejects_impossible_values[sessions_7d--1]",
    }, output[-3000:]
