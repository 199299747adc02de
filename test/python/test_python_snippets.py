"""Every Python snippet runs: it passes on clean synthetic data and fails on the defect it guards against."""
from __future__ import annotations

import os
import time

import pytest

import cases as case_specs
import snippets
from runner import Case, run_cases

SHARDS = int(os.environ.get("GRADIENT_PY_SHARDS", max(2, min(4, os.cpu_count() or 2))))


def combined_cases() -> list[Case]:
    """All Python snippets of one target appended, in catalog order: they must coexist."""
    targets: dict[str, list[str]] = {}
    for s in snippets.by_language("python"):
        targets.setdefault(s["target"], []).append(s["id"])
    return [Case(f"target::{t}", ids, values=case_specs.server("clean"))
            for t, ids in sorted(targets.items()) if len(ids) > 1]


ALL_CASES = case_specs.CASES + combined_cases()


@pytest.fixture(scope="session")
def outcomes(tmp_path_factory):
    root = tmp_path_factory.mktemp("snippet-runs")
    clean = root / "_clean"
    for rel, writer in case_specs.CLEAN_FILES.items():
        (clean / rel).parent.mkdir(parents=True, exist_ok=True)
        writer(clean / rel)
    import_path, server_files = case_specs.prepare(root, clean)
    started = time.perf_counter()
    results = run_cases(ALL_CASES, root, clean, set(case_specs.CLEAN_FILES) | server_files, import_path, SHARDS)
    print(f"\nran {len(ALL_CASES)} snippet cases in {time.perf_counter() - started:.1f}s on {SHARDS} shards")
    return results


def describe(outcome) -> str:
    lines = [f"{name}: {status}" for name, status in sorted(outcome.tests.items())]
    lines += [f"--- {name}\n{msg[:1500]}" for name, msg in outcome.messages.items()]
    if not outcome.tests:
        lines.append(outcome.output[-6000:])
    return "\n".join(lines)


def test_every_python_snippet_has_cases():
    covered = {sid for case in case_specs.CASES for sid in case.snippet_ids}
    missing = [s["id"] for s in snippets.by_language("python") if s["id"] not in covered]
    assert not missing, f"add clean and defect cases for these snippets to test/python/cases.py: {missing}"
    unknown = covered - {s["id"] for s in snippets.by_language("python")}
    assert not unknown, f"cases.py names snippets that are not in the catalog: {sorted(unknown)}"


def test_every_python_snippet_is_shown_to_catch_a_defect():
    """A test that cannot fail proves nothing: each snippet needs a clean case and a failing one."""
    for s in snippets.by_language("python"):
        own = [c for c in case_specs.CASES if c.snippet_ids == [s["id"]]]
        assert any(not c.expect_failed for c in own), f"{s['id']}: no case where it passes"
        assert any(c.expect_failed for c in own), f"{s['id']}: no case where it fails"


@pytest.mark.parametrize("case", ALL_CASES, ids=lambda c: c.key)
def test_snippet_case(case: Case, outcomes):
    outcome = outcomes[case.key]
    assert outcome.tests, f"{case.key}: no test ran\n{describe(outcome)}"
    skipped = outcome.functions("skipped")
    assert not skipped, f"{case.key}: snippet tests skipped {skipped}\n{describe(outcome)}"
    errors = outcome.functions("error")
    assert not errors, f"{case.key}: errors (not assertion failures) in {errors}\n{describe(outcome)}"
    failed = outcome.functions("failed")
    assert failed == case.expect_failed, (
        f"{case.key}: expected failing {sorted(case.expect_failed) or 'none'}, got {sorted(failed) or 'none'}"
        f"\n{describe(outcome)}"
    )
    text = "\n".join(outcome.messages.values())
    for needle in case.mentions:
        assert needle in text, f"{case.key}: failure message should mention {needle!r}\n{describe(outcome)}"
    for rel in case.creates:
        assert (outcome.workspace / rel).is_file(), f"{case.key}: the snippet did not write {rel}"


def test_appended_snippets_keep_every_test(outcomes):
    """Appending snippets to one file must not shadow a test function of another snippet."""
    single = {c.snippet_ids[0]: outcomes[c.key] for c in case_specs.CASES if c.key.endswith("::clean")}
    for case in combined_cases():
        expected = sum(len(single[sid].tests) for sid in case.snippet_ids)
        assert len(outcomes[case.key].tests) == expected, (
            f"{case.key}: {len(outcomes[case.key].tests)} tests when appended, {expected} when run alone"
        )
