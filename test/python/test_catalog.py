"""The snippet catalog is complete and well-formed: headers, ids, stages, placeholders, seed defaults."""
from __future__ import annotations

import ast
import re
import sys

import pytest

import snippets

STAGES = set("ABCDEFG")
CONSTRAINTS = {"accuracy", "latency", "cost", "reliability"}
LANGUAGES = {"python", "yaml", "markdown"}
FILE_STAGES = {
    "data-pipeline.md": ["A", "B"],
    "model-training.md": ["C"],
    "model-evaluation.md": ["D"],
    "model-serving.md": ["E"],
    "mlops.md": ["F"],
    "debugging.md": ["G"],
}
ALLOWED_THIRD_PARTY = {"numpy", "pandas", "scipy", "sklearn", "pytest"}
BACKSLASH = chr(92)

FILES = snippets.catalog()["patternFiles"]
ALL = snippets.all_snippets()
PYTHON = snippets.by_language("python")


def test_catalog_version():
    assert snippets.catalog()["version"] == 1


@pytest.mark.parametrize("pattern", FILES, ids=lambda f: f["file"])
def test_catalog_is_fresh(pattern):
    """Edited a pattern file without rebuilding? Then these tests would run yesterday's snippets."""
    text = (snippets.REPO / "patterns" / pattern["file"]).read_text(encoding="utf-8")
    stale = "dist/catalog.json is stale: run `npm run build`"
    assert len(re.findall(r"^\s*(?:#|<!--)\s*@snippet:", text, re.M)) == len(pattern["snippets"]), stale
    for snippet in pattern["snippets"]:
        authored = snippet["body"].split("\n", 1)[1]  # below the marker line the catalog adds
        assert authored.rstrip() in text, f"{stale} ({snippet['id']} changed)"


@pytest.mark.parametrize("snippet", ALL, ids=lambda s: s["id"])
def test_snippet_body_starts_with_its_marker(snippet):
    """The readiness check finds inserted code by this line (`# gradient: <id>`)."""
    first = snippet["body"].split("\n", 1)[0]
    expected = f"<!-- gradient: {snippet['id']} -->" if snippet["language"] == "markdown" else f"# gradient: {snippet['id']}"
    assert first == expected


def test_the_six_pattern_files_with_their_stages():
    assert {f["file"]: f["stages"] for f in FILES} == FILE_STAGES
    for f in FILES:
        assert f["title"].strip(), f["file"]


@pytest.mark.parametrize("pattern", FILES, ids=lambda f: f["file"])
def test_constraint_notes_cover_every_constraint(pattern):
    notes = pattern["constraintNotes"]
    assert set(notes) == CONSTRAINTS, pattern["file"]
    for constraint, note in notes.items():
        assert len(note) > 40, f"{pattern['file']}: the {constraint} note says too little"


@pytest.mark.parametrize("pattern", FILES, ids=lambda f: f["file"])
def test_checklist_has_four_to_ten_tagged_items(pattern):
    items = pattern["checklist"]
    assert 4 <= len(items) <= 10, f"{pattern['file']}: {len(items)} checklist items"
    for item in items:
        assert item["text"].strip()
        assert set(item["constraints"]) <= CONSTRAINTS, item


def test_snippet_ids_are_unique_kebab_case():
    ids = [s["id"] for s in ALL]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    assert not duplicates, f"duplicate snippet ids: {duplicates}"
    for snippet_id in ids:
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)+", snippet_id), snippet_id


@pytest.mark.parametrize("snippet", ALL, ids=lambda s: s["id"])
def test_snippet_has_every_header_key(snippet):
    for key in ("title", "description", "target"):
        assert isinstance(snippet.get(key), str) and snippet[key].strip(), f"{snippet['id']}: no @{key}"
    assert "\n" not in snippet["description"]
    assert snippet["stages"] and set(snippet["stages"]) <= STAGES, snippet["stages"]
    assert set(snippet["constraints"]) <= CONSTRAINTS, snippet["constraints"]
    assert snippet["language"] in LANGUAGES
    assert not snippet["target"].startswith("/") and ".." not in snippet["target"].split("/")
    suffix = {"python": ".py", "yaml": (".yaml", ".yml"), "markdown": ".md"}[snippet["language"]]
    assert snippet["target"].endswith(suffix), f"{snippet['id']}: target {snippet['target']}"
    assert snippet["source"]["file"] in FILE_STAGES and snippet["source"]["line"] > 0
    assert not re.search(r"^\s*(#|<!--)\s*@\w", snippet["body"], re.M), "header line left in the body"


def test_every_stage_has_snippets():
    covered = {stage for s in ALL for stage in s["stages"]}
    assert covered == STAGES, f"stages without a snippet: {sorted(STAGES - covered)}"


@pytest.mark.parametrize("snippet", ALL, ids=lambda s: s["id"])
def test_placeholders_are_well_formed(snippet):
    indices = sorted({p["index"] for p in snippet["placeholders"]})  # an index may repeat (mirrors)
    assert indices == list(range(1, len(indices) + 1)), f"{snippet['id']}: indices {indices} must run 1..n"
    for p in snippet["placeholders"]:
        assert "}" not in p["default"] and "$" not in p["default"], p
        if p["name"]:
            assert re.search(rf"^\s*-?\s*{re.escape(p['name'])}\s*[:=]\s*[\"']?\$\{{{p['index']}:", snippet["body"], re.M), p
    for constraint, overrides in snippet.get("defaultsByConstraint", {}).items():
        assert constraint in CONSTRAINTS, constraint
        assert {int(i) for i in overrides} <= set(indices), f"{snippet['id']}: @defaults.{constraint} {overrides}"


@pytest.mark.parametrize("snippet", ALL, ids=lambda s: s["id"])
def test_body_has_no_stray_snippet_syntax(snippet):
    rest = snippets.PLACEHOLDER.sub("", snippet["body"])
    assert "$" not in rest, f"{snippet['id']}: a literal $ must be written \\$ (better: avoid it)"
    # In snippet syntax "\\" and "\}" are escapes (they insert one character); "\n" stays as is.
    assert BACKSLASH * 2 not in rest and BACKSLASH + "}" not in rest, f"{snippet['id']}: no double backslash or backslash-brace in code"


@pytest.mark.parametrize("snippet", PYTHON, ids=lambda s: s["id"])
def test_python_snippet_compiles_and_imports_only_allowed_packages(snippet):
    tree = ast.parse(snippets.render(snippet), filename=snippet["id"])
    roots = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            roots |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0:
            roots.add(node.module.split(".")[0])
    foreign = roots - ALLOWED_THIRD_PARTY - set(sys.stdlib_module_names)
    assert not foreign, f"{snippet['id']} imports {sorted(foreign)}: snippets use numpy/pandas/scipy/sklearn/pytest only"
    tests = [n.name for n in tree.body if isinstance(n, ast.FunctionDef) and n.name.startswith("test_")]
    assert tests, f"{snippet['id']}: a Python snippet is a pytest module fragment and needs a test"


def _top_level(snippet):
    tree = ast.parse(snippets.render(snippet))
    return {n.name: ast.dump(n) for n in tree.body if isinstance(n, (ast.FunctionDef, ast.ClassDef))}


def test_snippets_sharing_a_target_agree_on_shared_names():
    """Appending snippets to one file must not silently change a constant, helper or test."""
    by_target: dict[str, list[dict]] = {}
    for s in PYTHON:
        by_target.setdefault(s["target"], []).append(s)
    problems = []
    for target, group in by_target.items():
        constants: dict[str, tuple[str, str]] = {}
        definitions: dict[str, tuple[str, str]] = {}
        for s in group:
            for p in s["placeholders"]:
                if p["name"]:
                    seen = constants.setdefault(p["name"], (p["default"], s["id"]))
                    if seen[0] != p["default"]:
                        problems.append(f"{target}: {p['name']} = {p['default']} in {s['id']}, {seen[0]} in {seen[1]}")
            for name, dump in _top_level(s).items():
                seen = definitions.setdefault(name, (dump, s["id"]))
                if seen[0] != dump:
                    problems.append(f"{target}: {name} differs between {seen[1]} and {s['id']}")
    assert not problems, "\n".join(problems)


# (snippet, constant) -> the seed's number
SEED_DEFAULTS = {
    ("data-label-distribution", "MAX_CLASS_SHARE"): 0.9,
    ("data-ks-drift", "KS_P_THRESHOLD"): 0.01,
    ("data-covariate-shift-auc", "MAX_DOMAIN_AUC"): 0.7,
    ("data-extreme-values", "N_STD"): 4,
    ("serving-input-validation", "N_STD"): 4,
    ("serving-p99-latency", "N_REQUESTS"): 1000,
    ("serving-throughput", "MIN_THROUGHPUT_FRACTION"): 0.9,
    ("serving-calibration", "CALIBRATION_TOLERANCE"): 0.05,
    ("evaluation-calibration-ece", "CALIBRATION_TOLERANCE"): 0.05,
    ("mlops-psi-check", "PSI_ALERT"): 0.1,
    ("mlops-psi-check", "PSI_ROLLBACK"): 0.25,
    ("mlops-psi-check", "PSI_BINS"): 10,
    ("mlops-psi-check", "PSI_EPSILON"): 1e-4,
    ("mlops-cusum-check", "CUSUM_WARMUP"): 30,
    ("mlops-cusum-check", "CUSUM_K_SIGMA"): 0.5,
    ("mlops-cusum-check", "CUSUM_H_SIGMA"): 5,
    ("debugging-skew-report", "MAX_SKEW_PSI"): 0.25,
    ("training-checkpoint-metadata", "KEEP_LAST"): 5,
}


@pytest.mark.parametrize("key", SEED_DEFAULTS, ids=lambda k: f"{k[0]}.{k[1]}")
def test_seed_numbers_are_the_defaults(key):
    snippet_id, name = key
    snippet = snippets.by_id(snippet_id)
    defaults = {p["name"]: p["default"] for p in snippet["placeholders"]}
    assert name in defaults, f"{snippet_id} has no placeholder named {name}"
    assert float(defaults[name]) == SEED_DEFAULTS[key]


def test_fallback_snippet_keeps_the_seed_test():
    body = snippets.by_id("serving-fallback")["body"]
    for line in (
        "def test_model_unavailable_fallback(",
        "side_effect=ConnectionError()",
        'assert response.status_code == 200',
        'assert response.json()["prediction"] == DEFAULT_PREDICTION',
    ):
        assert line in body, line
