"""Write rendered snippets as pytest modules next to synthetic data and run them in subprocesses.

Every case becomes one module `test_<case>.py` in its own workspace folder. The cases are split
into a few shards; each shard is one `/usr/bin/python3 -m pytest` subprocess (importing pandas,
scipy and sklearn once per shard instead of once per case keeps the tier fast), and the shards
run in parallel. Per-test outcomes come back through JUnit XML.
"""
from __future__ import annotations

import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import snippets

PYTHON = "/usr/bin/python3" if Path("/usr/bin/python3").exists() else sys.executable
PATH_SUFFIXES = ("_PATH", "_DIR")


@dataclass
class Case:
    """One run of one snippet (or of every snippet of one target, appended)."""

    key: str
    snippet_ids: list[str]
    expect_failed: set[str] = field(default_factory=set)  # test function names that must fail
    mentions: list[str] = field(default_factory=list)  # text the failure messages must contain
    files: dict[str, Callable[[Path], None]] = field(default_factory=dict)  # overrides of the clean files
    values: dict[str, str] = field(default_factory=dict)  # placeholder name -> test value
    constraint: str | None = None  # render with this constraint's defaults
    creates: list[str] = field(default_factory=list)  # report files the snippet must write
    description: str = ""

    @property
    def module(self) -> str:
        return "test_" + re.sub(r"\W", "_", self.key)


@dataclass
class Outcome:
    tests: dict[str, str]  # test id -> passed | failed | error | skipped
    messages: dict[str, str]
    output: str
    workspace: Path

    def functions(self, status: str) -> set[str]:
        return {name.split("[")[0] for name, s in self.tests.items() if s == status}


def write_module(case: Case, root: Path, clean_dir: Path, clean_files: set[str]) -> Path:
    ws = root / case.module
    ws.mkdir(parents=True)
    for rel, writer in case.files.items():
        (ws / rel).parent.mkdir(parents=True, exist_ok=True)
        writer(ws / rel)
    parts = []
    for snippet_id in case.snippet_ids:
        snippet = snippets.by_id(snippet_id)
        values = dict(case.values)
        for index, name in snippets.placeholder_names(snippet).items():
            if name and name.endswith(PATH_SUFFIXES) and name not in values:
                rel = snippets.defaults(snippet, case.constraint)[index]
                # Inputs come from the case's overrides or the shared clean set; anything else
                # (reports the snippet writes) goes to the case's own workspace.
                base = ws if rel in case.files or rel not in clean_files else clean_dir
                values[name] = str(base / rel)
        parts.append(snippets.render(snippet, values, case.constraint))
    path = ws / f"{case.module}.py"
    path.write_text("\n\n".join(parts), encoding="utf-8")
    return path


def run_shard(paths: list[Path], root: Path, shard: int, extra_path: list[Path]) -> tuple[Path, str, int]:
    xml = root / f"shard{shard}.xml"
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(str(p) for p in extra_path)
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    env.setdefault("OMP_NUM_THREADS", "1")  # shards already fill the cores
    proc = subprocess.run(
        [PYTHON, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--rootdir", str(root), "--confcutdir", str(root),
         "-o", "junit_family=xunit2", f"--junitxml={xml}", *map(str, paths)],
        cwd=root, env=env, capture_output=True, text=True, timeout=600,
    )
    return xml, proc.stdout + proc.stderr, proc.returncode


def parse_junit(xml: Path) -> dict[str, tuple[str, str, str]]:
    """module -> {test name: (status, message)}"""
    results: dict[str, dict[str, tuple[str, str]]] = {}
    if not xml.exists():
        return results
    for tc in ET.parse(xml).getroot().iter("testcase"):
        module = tc.get("classname", "").split(".")[-1]
        status, message = "passed", ""
        for child in tc:
            if child.tag in ("failure", "error", "skipped"):
                status = {"failure": "failed"}.get(child.tag, child.tag)
                message = (child.get("message") or "") + "\n" + (child.text or "")
                break
        results.setdefault(module, {})[tc.get("name")] = (status, message)
    return results


def run_cases(cases: list[Case], root: Path, clean_dir: Path, clean_files: set[str],
              extra_path: list[Path], shards: int) -> dict[str, Outcome]:
    paths = {case.key: write_module(case, root, clean_dir, clean_files) for case in cases}
    # Spread the cases round-robin so slow serving cases do not pile up in one shard.
    groups = [[paths[c.key] for c in cases[i::shards]] for i in range(shards)]
    with ThreadPoolExecutor(max_workers=shards) as pool:
        runs = list(pool.map(lambda ig: run_shard(ig[1], root, ig[0], extra_path), enumerate(groups)))
    by_module: dict[str, dict[str, tuple[str, str]]] = {}
    outputs = []
    for xml, output, code in runs:
        by_module.update(parse_junit(xml))
        outputs.append(f"--- shard exit {code} ---\n{output}")
    all_output = "\n".join(outputs)
    outcomes = {}
    for case in cases:
        results = by_module.get(case.module, {})
        outcomes[case.key] = Outcome(
            tests={name: s for name, (s, _) in results.items()},
            messages={name: m for name, (s, m) in results.items() if m},
            output=all_output,
            workspace=root / case.module,
        )
    return outcomes
