"""Every YAML snippet parses, under every constraint's defaults, and carries the seed's numbers."""
from __future__ import annotations

import re

import pytest

import snippets

CONSTRAINTS = ["accuracy", "latency", "cost", "reliability"]


@pytest.fixture(scope="module")
def yaml():
    try:
        import yaml as pyyaml
    except ImportError:  # never skip: a config that was not parsed was not tested
        pytest.fail("PyYAML is missing: `apt-get install -y python3-yaml` (Debian's package for /usr/bin/python3)")
    return pyyaml


def load(yaml, snippet_id: str, constraint: str | None = None):
    return yaml.safe_load(snippets.render(snippets.by_id(snippet_id), constraint=constraint))


def dig(tree, dotted: str):
    for key in dotted.split("."):
        tree = tree[key]
    return tree


# snippet id -> dotted key -> value the seed (gradient-lesson.txt) prescribes
SEED_VALUES = {
    "training-hpo-config": {
        "study.n_trials": 50,
        "study.timeout_seconds": 86400,  # 24 h
        "search_space.learning_rate.distribution": "log_uniform",
        "search_space.n_layers.distribution": "categorical",
        "search_space.batch_size.distribution": "categorical",
        "pruner.type": "MedianPruner",
    },
    "training-early-stopping-config": {
        "early_stopping.monitor": "val_loss",
        "early_stopping.mode": "min",
        "early_stopping.patience": 10,
        "early_stopping.min_delta": 1e-4,
        "early_stopping.restore_best_weights": True,
    },
    "training-checkpoint-config": {
        "checkpoint.every_n_epochs": 1,
        "checkpoint.keep_last": 5,
        "checkpoint.save_best_only": True,
        "checkpoint.monitor": "val_auc",
        "checkpoint.metadata": ["git_commit", "config_snapshot", "data_version", "training_metrics"],
    },
    "mlops-ab-test": {
        "ab_test.traffic_split.control": 0.5,
        "ab_test.traffic_split.treatment": 0.5,
        "ab_test.primary_metric.name": "conversion_rate",
        "ab_test.stopping.min_samples_per_arm": 10000,
        "ab_test.stopping.min_duration_days": 7,
        "ab_test.stopping.significance_level": 0.05,
        "ab_test.rollback_triggers.primary_metric_degradation": 0.05,
        "ab_test.rollback_triggers.error_rate_increase": 0.01,
        "ab_test.rollback_triggers.latency_p99_increase": 0.5,
    },
    "mlops-psi-config": {
        "data_drift.method": "psi",
        "data_drift.bins": 10,
        "data_drift.binning": "reference_quantiles",
        "data_drift.epsilon": 1e-4,
        "data_drift.thresholds.alert": 0.1,
        "data_drift.thresholds.rollback": 0.25,
    },
    "mlops-cusum-config": {
        "concept_drift.method": "cusum",
        "concept_drift.metric": "accuracy",
        "concept_drift.warmup_periods": 30,
        "concept_drift.k_sigma": 0.5,
        "concept_drift.h_sigma": 5,
    },
    "mlops-rollback-config": {
        "rollback.enabled": True,
        "rollback.triggers.accuracy_drop_from_baseline": 0.05,
        "rollback.triggers.latency_p99_budget_multiple": 2.0,
        "rollback.triggers.error_rate": 0.05,
        "rollback.triggers.psi": 0.25,
        "rollback.target": "previous_stable",
    },
    "mlops-model-version": {},
}

YAML_IDS = [s["id"] for s in snippets.by_language("yaml")]


def test_every_yaml_snippet_has_seed_expectations():
    assert sorted(YAML_IDS) == sorted(SEED_VALUES), "add the new YAML snippet's seed values to SEED_VALUES"


@pytest.mark.parametrize("snippet_id", YAML_IDS)
@pytest.mark.parametrize("constraint", [None, *CONSTRAINTS])
def test_yaml_snippet_parses(yaml, snippet_id, constraint):
    tree = load(yaml, snippet_id, constraint)
    assert isinstance(tree, dict) and tree, f"{snippet_id} does not parse to a mapping"


@pytest.mark.parametrize("snippet_id", YAML_IDS)
def test_yaml_snippet_carries_seed_values(yaml, snippet_id):
    tree = load(yaml, snippet_id)
    for key, expected in SEED_VALUES[snippet_id].items():
        actual = dig(tree, key)
        assert actual == expected and type(actual) is type(expected), (
            f"{snippet_id}: {key} is {actual!r} ({type(actual).__name__}), expected {expected!r}"
        )


def test_hpo_learning_rate_is_log_uniform_over_decades(yaml):
    lr = load(yaml, "training-hpo-config")["search_space"]["learning_rate"]
    assert isinstance(lr["low"], float) and isinstance(lr["high"], float), "write YAML floats as 1.0e-5, not 1e-5"
    assert 0 < lr["low"] < lr["high"] <= 1 and lr["high"] / lr["low"] >= 100


def test_cost_constraint_shrinks_the_search_budget(yaml):
    full, cheap = load(yaml, "training-hpo-config"), load(yaml, "training-hpo-config", "cost")
    assert cheap["study"]["n_trials"] < full["study"]["n_trials"]
    assert cheap["study"]["timeout_seconds"] < full["study"]["timeout_seconds"]


def test_ab_traffic_split_sums_to_one_under_every_constraint(yaml):
    for constraint in [None, *CONSTRAINTS]:
        split = load(yaml, "mlops-ab-test", constraint)["ab_test"]["traffic_split"]
        assert abs(split["control"] + split["treatment"] - 1) < 1e-9, (constraint, split)
    assert load(yaml, "mlops-ab-test", "reliability")["ab_test"]["traffic_split"]["treatment"] < 0.5


def test_model_version_record_is_complete(yaml):
    model = load(yaml, "mlops-model-version")["model"]
    assert re.fullmatch(r"\d+\.\d+\.\d+", model["version"]), "MAJOR.MINOR.PATCH, quoted"
    assert re.fullmatch(r"\d+\.\d+\.\d+", model["previous_stable"])
    for key in ("git_commit", "data_version", "training_config"):
        assert model[key], key
    assert set(model["metrics"]) == {"train", "validation", "test"}
    for split in model["metrics"].values():
        assert set(split) == {"accuracy", "f1", "roc_auc"}
    assert model["primary_metric"] in model["metrics"]["test"]
    assert set(model["baseline"]["test"]) == set(model["metrics"]["test"]), "the baseline is compared metric by metric"
    assert model["baseline"]["name"]
    assert set(model["artifacts"]) == {"weights", "preprocessor", "inference_config"}


def test_rollback_notifies_slack_and_pager(yaml):
    channels = {n["channel"] for n in load(yaml, "mlops-rollback-config")["rollback"]["notifications"]}
    assert channels == {"slack", "pager"}


def test_psi_thresholds_agree_across_config_check_and_rollback(yaml):
    config = load(yaml, "mlops-psi-config")["data_drift"]["thresholds"]
    check = snippets.defaults(snippets.by_id("mlops-psi-check"))
    names = {name: index for index, name in snippets.placeholder_names(snippets.by_id("mlops-psi-check")).items()}
    assert float(check[names["PSI_ALERT"]]) == config["alert"] == 0.1
    assert float(check[names["PSI_ROLLBACK"]]) == config["rollback"] == 0.25
    assert load(yaml, "mlops-rollback-config")["rollback"]["triggers"]["psi"] == config["rollback"]


def test_appended_yaml_snippets_of_one_target_parse_without_key_collisions(yaml):
    targets: dict[str, list[str]] = {}
    for s in snippets.by_language("yaml"):
        targets.setdefault(s["target"], []).append(s["id"])
    for target, ids in targets.items():
        merged = yaml.safe_load("\n".join(snippets.render(snippets.by_id(i)) for i in ids))
        keys = [k for i in ids for k in load(yaml, i)]
        assert len(keys) == len(set(keys)) == len(merged), f"{target}: top-level keys collide: {keys}"


def test_markdown_snippets_render(yaml):
    for s in snippets.by_language("markdown"):
        text = snippets.render(s)
        assert text.strip() and "${" not in text, s["id"]
    baseline = snippets.render(snippets.by_id("training-baseline-checklist"))
    for question in (
        "Simple baseline implemented (logistic regression, majority class, or rule-based)?",
        "Baseline metrics documented (accuracy, F1, AUC-ROC, latency)?",
        "Complex model beats baseline?",
    ):
        assert question in baseline
