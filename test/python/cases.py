"""What each Python snippet is run against: the clean workspace and the defects it must catch.

Files are keyed by the snippets' default (workspace-relative) paths, so a snippet whose defaults
point at a file this module does not produce fails loudly instead of passing by accident.
Every Python snippet in the catalog needs an entry in CASES (a test checks it).
"""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Callable

import numpy as np
import pandas as pd

import servers
import snippets
import synthetic as syn
from runner import Case

Writer = Callable[[Path], None]


def csv(make: Callable[[], pd.DataFrame]) -> Writer:
    def write(path: Path) -> None:
        make().to_csv(path, index=False)

    return write


# --- defects -----------------------------------------------------------------------------------

def _rng(seed=99):
    return np.random.default_rng(seed)


def train_renamed_column():
    return syn.train().rename(columns={"device": "device_type"})


def prod_income_as_text():
    df = syn.production()
    df["income"] = df["income"].astype(object)
    df.loc[df.index[:20], "income"] = "unknown"
    return df


def train_dominant_class():
    df = syn.train()
    keep_positive = _rng().uniform(size=len(df)) < 0.06
    df["label"] = np.where(keep_positive, df["label"], 0)
    return df


def train_single_class():
    df = syn.train()
    df["label"] = 0
    return df


def prod_income_shifted():
    df = syn.production()
    df["income"] = (df["income"] * 1.3).round(2)
    return df


def prod_category_mix_shifted():
    # Numeric features untouched (the KS test cannot see this); device and country mix change.
    return syn.production(device_p=[0.1, 0.8, 0.1], country_p=[0.1, 0.2, 0.25, 0.45])


def train_null_labels():
    df = syn.train()
    df["label"] = df["label"].astype(float)
    df.loc[df.index[:5], "label"] = np.nan
    return df


def prod_income_mostly_missing():
    df = syn.production()
    df.loc[_rng().uniform(size=len(df)) < 0.3, "income"] = np.nan
    return df


def prod_extreme_values():
    df = syn.production()
    rows = _rng().uniform(size=len(df)) < 0.01
    df.loc[rows, "age"] = 500
    df.loc[rows, "income"] = 99_999_999.0  # a sentinel for "unknown"
    return df


def train_future_features():
    df = syn.train()
    late = _rng().uniform(size=len(df)) < 0.1
    df.loc[late, "features_as_of"] = df.loc[late, "timestamp"] + pd.Timedelta(days=1)
    return df


def train_leaked_feature():
    # sessions_7d counted over the 7 days *after* the event: churners have none.
    df = syn.train()
    df["sessions_7d"] = np.where(df["label"] == 1, 0, 1 + _rng().poisson(4, len(df)))
    return df


def held_out_overlapping_ids():
    df = syn.held_out()
    df.loc[df.index[:50], "user_id"] = np.arange(1, 51)
    return df



def train_without_signal():
    df = syn.train()
    df["label"] = _rng().permutation(df["label"].to_numpy())
    return df


def train_income_irrelevant():
    return syn.train(income_coef=0.0)


def predictions_missing_rows():
    return syn.predictions(syn.held_out()).iloc[10:]


def prod_age_shifted(years):
    def make():
        df = syn.production()
        df["age"] = df["age"] + years
        return df

    return make


def serving_log(**kw):
    """Inputs logged by the service: same population as training unless a skew is injected."""
    return syn.population(1500, 5, "2024-04-01", 7, 300_001, labels=False, **kw).drop(columns=["label"], errors="ignore")


def serving_log_income_in_thousands():
    df = serving_log()
    df["income"] = (df["income"] / 1000).round(3)
    return df


def serving_log_device_missing():
    df = serving_log()
    df["device"] = np.nan
    return df


def serving_log_renamed_categories():
    df = serving_log()
    df["device"] = df["device"].replace({"mobile": "iOS"})
    return df


def train_invalid_labels():
    df = syn.train()
    df["label"] = df["label"].astype(object)
    df.loc[df.index[:10], "label"] = 2
    df.loc[df.index[10:13], "label"] = "yes"
    return df


def train_conflicting_duplicates():
    df = syn.train()
    dup = df.sample(frac=0.05, random_state=0).copy()
    dup["label"] = 1 - dup["label"]
    return pd.concat([df, dup], ignore_index=True)


def train_immature_labels():
    # The outcome window of the last ten days has not closed yet: their labels default to 0.
    df = syn.train()
    df.loc[df["timestamp"] >= "2024-02-19", "label"] = 0
    return df


# --- writers that need the synthetic servers or a helper from the snippet itself ------------

def pinned_cases(variant: str) -> Writer:
    """Twenty logged requests with what the `variant` service answered in production."""
    def write(path: Path) -> None:
        import importlib

        served_by = importlib.import_module(servers.module_name(variant))
        rows = serving_log().head(20)
        payloads = json.loads(rows[syn.FEATURES].to_json(orient="records"))
        bodies = [served_by.predict(p).json() for p in payloads]
        rows = rows[syn.FEATURES].assign(
            served_prediction=[b["prediction"] for b in bodies],
            served_confidence=[b["confidence"] for b in bodies],
        )
        rows.to_csv(path, index=False)

    return write


def checkpoints(count: int = 5, without_commit: int | None = None) -> Writer:
    """Checkpoints whose metadata comes from the snippet's own checkpoint_metadata() in a git repo."""
    def write(path: Path) -> None:
        namespace: dict = {}
        exec(compile(snippets.render(snippets.by_id("training-checkpoint-metadata")), "snippet", "exec"), namespace)
        repo = path.parent / "repo"
        repo.mkdir()
        (repo / "train.py").write_text("print('training')\n")
        git = ["git", "-c", "user.name=GRADIENT", "-c", "user.email=gradient@example.invalid"]
        for args in (["init", "-q"], ["add", "train.py"], ["commit", "-q", "-m", "train"]):
            subprocess.run(git + args, cwd=repo, check=True, capture_output=True)
        data = repo / "train.csv"
        syn.train().to_csv(data, index=False)
        path.mkdir()
        for epoch in range(count):
            checkpoint = path / f"epoch{epoch:03d}.ckpt"
            checkpoint.write_bytes(b"weights")
            meta = namespace["checkpoint_metadata"](
                {"learning_rate": 0.001, "n_layers": 2, "batch_size": 64},
                data,
                {"val_auc": 0.80 + epoch / 100, "val_loss": 0.5 - epoch / 100},
                repo_dir=repo,
            )
            if epoch == without_commit:
                del meta["git_commit"]
            namespace["write_checkpoint_metadata"](checkpoint, meta)

    return write


# --- clean workspace ---------------------------------------------------------------------------

CLEAN_FILES: dict[str, Writer] = {
    "data/train.csv": csv(syn.train),
    "data/production.csv": csv(syn.production),
    "data/test.csv": csv(syn.held_out),
    "reports/test_predictions.csv": csv(lambda: syn.predictions(syn.held_out())),
    "data/accuracy.csv": csv(syn.accuracy_stream),
    "logs/serving_inputs.csv": csv(serving_log),
}
# Written by prepare(), once the synthetic servers exist.
SERVER_DEPENDENT_FILES: dict[str, Writer] = {
    "debug/pinned_cases.csv": pinned_cases("clean"),
}


def prepare(root: Path, clean_dir: Path) -> tuple[list[Path], set[str]]:
    """Write the synthetic servers; return the import path they need and the extra clean files."""
    folder = root / "_servers"
    servers.write_servers(folder, clean_dir / "data/train.csv")
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))  # pinned-case writers import the servers in this process
    for rel, writer in SERVER_DEPENDENT_FILES.items():
        (clean_dir / rel).parent.mkdir(parents=True, exist_ok=True)
        writer(clean_dir / rel)
    return [folder], set(SERVER_DEPENDENT_FILES)


def server(variant: str) -> dict[str, str]:
    return {"SERVING_MODULE": servers.module_name(variant)}


def _cases() -> list[Case]:
    c = []
    add = c.append

    # Stage A/B: data pipeline
    add(Case("data-schema-validation::clean", ["data-schema-validation"]))
    add(Case("data-schema-validation::renamed-column", ["data-schema-validation"],
             expect_failed={"test_input_schema_matches_expectations"}, mentions=["device_type"],
             files={"data/train.csv": csv(train_renamed_column)}))
    add(Case("data-schema-validation::numeric-as-text", ["data-schema-validation"],
             expect_failed={"test_column_types"}, mentions=["income"],
             files={"data/production.csv": csv(prod_income_as_text)}))
    add(Case("data-label-distribution::clean", ["data-label-distribution"]))
    add(Case("data-label-distribution::dominant-class", ["data-label-distribution"],
             expect_failed={"test_label_distribution_reasonable"}, mentions=["limit 90%"],
             files={"data/train.csv": csv(train_dominant_class)}))
    add(Case("data-label-distribution::missing-class", ["data-label-distribution"],
             expect_failed={"test_label_distribution_reasonable"}, mentions=["expected 2 classes, found 1"],
             files={"data/train.csv": csv(train_single_class)}))
    add(Case("data-ks-drift::clean", ["data-ks-drift"]))
    add(Case("data-ks-drift::shifted-feature", ["data-ks-drift"],
             expect_failed={"test_feature_distribution_shift"}, mentions=["'income' drift"],
             files={"data/production.csv": csv(prod_income_shifted)}))
    add(Case("data-ks-drift::blind-to-category-shift", ["data-ks-drift"],
             description="per-feature KS passes on a categorical shift: why the domain classifier exists",
             files={"data/production.csv": csv(prod_category_mix_shifted)}))
    add(Case("data-covariate-shift-auc::clean", ["data-covariate-shift-auc"]))
    add(Case("data-covariate-shift-auc::category-mix-shift", ["data-covariate-shift-auc"],
             expect_failed={"test_no_covariate_shift"}, mentions=["device"],
             files={"data/production.csv": csv(prod_category_mix_shifted)}))
    add(Case("data-covariate-shift-auc::accuracy-threshold-clean", ["data-covariate-shift-auc"],
             constraint="accuracy"))
    add(Case("data-null-handling::clean", ["data-null-handling"]))
    add(Case("data-null-handling::null-labels", ["data-null-handling"],
             expect_failed={"test_required_columns_have_no_nulls"}, mentions=["'label': 5"],
             files={"data/train.csv": csv(train_null_labels)}))
    add(Case("data-null-handling::missing-rate-over-budget", ["data-null-handling"],
             expect_failed={"test_missing_rate_within_budget"}, mentions=["income"],
             files={"data/production.csv": csv(prod_income_mostly_missing)}))
    add(Case("data-null-handling::reliability-budget-clean", ["data-null-handling"], constraint="reliability"))
    add(Case("data-extreme-values::clean", ["data-extreme-values"]))
    add(Case("data-extreme-values::sentinels", ["data-extreme-values"],
             expect_failed={"test_no_extreme_values"}, mentions=["'age'", "'income'", "500"],
             files={"data/production.csv": csv(prod_extreme_values)}))
    add(Case("data-leakage-check::clean", ["data-leakage-check"]))
    add(Case("data-leakage-check::future-feature-time", ["data-leakage-check"],
             expect_failed={"test_features_computed_before_label_time"}, mentions=["future information"],
             files={"data/train.csv": csv(train_future_features)}))
    add(Case("data-leakage-check::label-in-disguise", ["data-leakage-check"],
             expect_failed={"test_no_single_feature_predicts_label"}, mentions=["'sessions_7d' alone"],
             files={"data/train.csv": csv(train_leaked_feature)}))
    add(Case("data-leakage-check::id-overlap", ["data-leakage-check"],
             expect_failed={"test_no_id_overlap_between_train_and_test"}, mentions=["50 user_id values"],
             files={"data/test.csv": csv(held_out_overlapping_ids)}))

    # Stage C: training
    add(Case("training-baseline-metrics::clean", ["training-baseline-metrics"],
             creates=["reports/baseline_metrics.json"]))
    add(Case("training-baseline-metrics::no-signal", ["training-baseline-metrics"],
             expect_failed={"test_logistic_baseline_beats_majority_class"}, mentions=["data problem"],
             files={"data/train.csv": csv(train_without_signal)}))
    add(Case("training-checkpoint-metadata::clean", ["training-checkpoint-metadata"],
             files={"checkpoints": checkpoints()}))
    add(Case("training-checkpoint-metadata::missing-commit", ["training-checkpoint-metadata"],
             expect_failed={"test_every_checkpoint_has_reproducibility_metadata"}, mentions=["no git commit"],
             files={"checkpoints": checkpoints(without_commit=3)}))
    add(Case("training-checkpoint-metadata::retention-not-applied", ["training-checkpoint-metadata"],
             expect_failed={"test_checkpoint_retention"}, mentions=["7 checkpoints"],
             files={"checkpoints": checkpoints(count=7)}))
    add(Case("training-ablation-study::clean", ["training-ablation-study"], creates=["reports/ablation.csv"]))
    add(Case("training-ablation-study::cost-gate-clean", ["training-ablation-study"], constraint="cost"))
    add(Case("training-ablation-study::cost-gate-unused-group", ["training-ablation-study"], constraint="cost",
             expect_failed={"test_every_feature_group_contributes"}, mentions=["financial"],
             files={"data/train.csv": csv(train_income_irrelevant)}))
    add(Case("training-ablation-study::unused-group-only-warns", ["training-ablation-study"],
             files={"data/train.csv": csv(train_income_irrelevant)}))

    # Stage D: evaluation
    add(Case("evaluation-model-beats-baseline::clean", ["evaluation-model-beats-baseline"]))
    add(Case("evaluation-model-beats-baseline::random-model", ["evaluation-model-beats-baseline"],
             expect_failed={"test_model_beats_logistic_baseline"}, mentions=["does not beat"],
             files={"reports/test_predictions.csv": csv(lambda: syn.predictions(syn.held_out(), "random"))}))
    add(Case("evaluation-model-beats-baseline::unscored-rows", ["evaluation-model-beats-baseline"],
             expect_failed={"test_model_beats_logistic_baseline"}, mentions=["10 test rows have no score"],
             files={"reports/test_predictions.csv": csv(predictions_missing_rows)}))
    add(Case("evaluation-calibration-ece::clean", ["evaluation-calibration-ece"]))
    add(Case("evaluation-calibration-ece::overconfident", ["evaluation-calibration-ece"],
             expect_failed={"test_expected_calibration_error", "test_reliability_bins_within_tolerance"},
             mentions=["ECE"],
             files={"reports/test_predictions.csv": csv(lambda: syn.predictions(syn.held_out(), "overconfident"))}))
    add(Case("evaluation-slice-metrics::clean", ["evaluation-slice-metrics"]))
    add(Case("evaluation-slice-metrics::blind-segment", ["evaluation-slice-metrics"],
             expect_failed={"test_no_slice_worse_than_global"}, mentions=["country='BR'"],
             files={"reports/test_predictions.csv": csv(lambda: syn.predictions(syn.held_out(), "bad_slice"))}))

    # Stage E: serving
    add(Case("serving-input-validation::clean", ["serving-input-validation"], values=server("clean")))
    add(Case("serving-input-validation::no-validation", ["serving-input-validation"], values=server("novalidation"),
             expect_failed={"test_schema_rejects_missing_field", "test_schema_rejects_wrong_type",
                            "test_range_rejects_impossible_values"}, mentions=["age=500"]))
    add(Case("serving-p99-latency::clean", ["serving-p99-latency"], values=server("clean")))
    add(Case("serving-p99-latency::slow-model", ["serving-p99-latency"], values=server("slow"),
             expect_failed={"test_p99_latency_within_budget"}, mentions=["P99 latency"]))
    add(Case("serving-throughput::clean", ["serving-throughput"], values=server("clean")))
    add(Case("serving-throughput::serialized-model", ["serving-throughput"],
             values={**server("serialized"), "DURATION_S": "2"},
             expect_failed={"test_throughput_meets_expected_qps"}, mentions=["of the expected 100 QPS"]))
    add(Case("serving-fallback::clean", ["serving-fallback"], values=server("clean")))
    add(Case("serving-fallback::no-fallback", ["serving-fallback"], values=server("nofallback"),
             expect_failed={"test_model_unavailable_fallback", "test_model_timeout_fallback",
                            "test_hanging_model_answered_within_budget"}, mentions=["ConnectionError"]))
    add(Case("serving-fallback::no-deadline", ["serving-fallback"], values=server("nodeadline"),
             expect_failed={"test_hanging_model_answered_within_budget"}, mentions=["needs a deadline"]))
    add(Case("serving-calibration::clean", ["serving-calibration"], values=server("clean")))
    add(Case("serving-calibration::overconfident", ["serving-calibration"], values=server("overconfident"),
             expect_failed={"test_served_confidence_is_calibrated"}, mentions=["stated confidence"]))

    # Stage F: MLOps
    add(Case("mlops-psi-check::clean", ["mlops-psi-check"]))
    add(Case("mlops-psi-check::alert-level-drift", ["mlops-psi-check"],
             expect_failed={"test_psi_below_alert_threshold"}, mentions=["'age'", "alert"],
             files={"data/production.csv": csv(prod_age_shifted(5))}))
    add(Case("mlops-psi-check::rollback-level-drift", ["mlops-psi-check"],
             expect_failed={"test_psi_below_alert_threshold", "test_psi_below_rollback_threshold"},
             mentions=["roll back"], files={"data/production.csv": csv(prod_age_shifted(12))}))
    add(Case("mlops-cusum-check::clean", ["mlops-cusum-check"]))
    add(Case("mlops-cusum-check::accuracy-drop", ["mlops-cusum-check"],
             expect_failed={"test_no_concept_drift_in_accuracy"}, mentions=["CUSUM alarm at 2024-"],
             files={"data/accuracy.csv": csv(lambda: syn.accuracy_stream(drop_at=120, drop=0.03))}))

    # Stage G: debugging
    add(Case("debugging-pinned-reproduction::clean", ["debugging-pinned-reproduction"], values=server("clean")))
    add(Case("debugging-pinned-reproduction::served-by-other-version", ["debugging-pinned-reproduction"],
             values=server("clean"), expect_failed={"test_pinned_inputs_reproduce_served_predictions"},
             mentions=["do not reproduce"], files={"debug/pinned_cases.csv": pinned_cases("income_in_thousands")}))
    add(Case("debugging-skew-report::clean", ["debugging-skew-report"], creates=["reports/skew_report.csv"]))
    add(Case("debugging-skew-report::units-changed-online", ["debugging-skew-report"],
             expect_failed={"test_no_numeric_feature_skew"}, mentions=["income", "0.001"],
             files={"logs/serving_inputs.csv": csv(serving_log_income_in_thousands)}))
    add(Case("debugging-skew-report::feature-missing-online", ["debugging-skew-report"],
             expect_failed={"test_no_feature_missing_more_online"}, mentions=["device"],
             files={"logs/serving_inputs.csv": csv(serving_log_device_missing)}))
    add(Case("debugging-skew-report::categories-renamed-online", ["debugging-skew-report"],
             expect_failed={"test_no_unseen_categories_online"}, mentions=["iOS"],
             files={"logs/serving_inputs.csv": csv(serving_log_renamed_categories)}))
    add(Case("debugging-label-audit::clean", ["debugging-label-audit"]))
    add(Case("debugging-label-audit::invalid-labels", ["debugging-label-audit"],
             expect_failed={"test_labels_are_valid"}, mentions=["13 invalid labels"],
             files={"data/train.csv": csv(train_invalid_labels)}))
    add(Case("debugging-label-audit::conflicting-duplicates", ["debugging-label-audit"],
             expect_failed={"test_no_conflicting_labels_for_identical_inputs"}, mentions=["labeled differently"],
             files={"data/train.csv": csv(train_conflicting_duplicates)}))
    add(Case("debugging-label-audit::immature-labels", ["debugging-label-audit"],
             expect_failed={"test_label_rate_stable_over_time"}, mentions=["2024-02-19"],
             files={"data/train.csv": csv(train_immature_labels)}))
    return c


CASES = _cases()
