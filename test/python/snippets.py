"""Read the snippet catalog that `npm run build` generates, and render snippet bodies.

The catalog is the single parser of patterns/*.md; these tests never parse the Markdown
themselves, so they test exactly what the extension inserts.
"""
from __future__ import annotations

import json
import os
import re
from functools import lru_cache
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
CATALOG_PATH = Path(os.environ.get("GRADIENT_CATALOG", REPO / "dist" / "catalog.json"))

# ${N:default} (default without "}" or "$"), ${N} and $N: VS Code snippet tab stops.
PLACEHOLDER = re.compile(r"\$\{(\d+):([^}$]*)\}|\$\{(\d+)\}|\$(\d+)")


@lru_cache(maxsize=None)
def catalog() -> dict:
    if not CATALOG_PATH.is_file():
        raise pytest.UsageError(
            f"{CATALOG_PATH} is missing: run `npm run build` first "
            "(it generates the snippet catalog these tests execute)"
        )
    return json.loads(CATALOG_PATH.read_text(encoding="utf-8"))


def all_snippets() -> list[dict]:
    return [s for f in catalog()["patternFiles"] for s in f["snippets"]]


def by_language(language: str) -> list[dict]:
    return [s for s in all_snippets() if s["language"] == language]


def by_id(snippet_id: str) -> dict:
    for s in all_snippets():
        if s["id"] == snippet_id:
            return s
    raise KeyError(snippet_id)


def placeholder_names(snippet: dict) -> dict[int, str | None]:
    """Placeholder index -> the name assigned on its line (a mirrored index keeps its first name)."""
    names: dict[int, str | None] = {}
    for p in snippet["placeholders"]:
        names[p["index"]] = names.get(p["index"]) or p.get("name")
    return names


def defaults(snippet: dict, constraint: str | None = None) -> dict[int, str]:
    """Placeholder index -> default value, with a constraint's overrides applied."""
    values: dict[int, str] = {}
    for p in snippet["placeholders"]:
        values.setdefault(p["index"], p["default"])
    if constraint:
        for index, value in snippet.get("defaultsByConstraint", {}).get(constraint, {}).items():
            values[int(index)] = value
    return values


def render(snippet: dict, values_by_name: dict[str, str] | None = None, constraint: str | None = None) -> str:
    """Fill every tab stop: by placeholder name from `values_by_name`, else its (constraint) default."""
    values = defaults(snippet, constraint)
    names = placeholder_names(snippet)
    for index, name in names.items():
        if name and values_by_name and name in values_by_name:
            values[index] = values_by_name[name]

    def fill(match: re.Match) -> str:
        index = int(match.group(1) or match.group(3) or match.group(4))
        return values.get(index, match.group(2) or "")

    body = PLACEHOLDER.sub(fill, snippet["body"])
    # Snippet-syntax escapes: \$ \} \\ stand for $ } \ in the inserted text.
    return re.sub(r"\\([$}\\])", r"\1", body)
