"""Loads the knowledge files under this folder once, and checks them as it loads.

Knowledge is data: word lists, lexicons and gazetteers live in YAML/CSV files here, never in
function bodies. ``load_yaml`` and ``load_csv`` validate the shape each caller declares and raise
a coded ``SitrepError`` naming the file, so a bad edit fails at start-up, not mid-corpus.
"""

from __future__ import annotations

import csv
from functools import cache
from importlib import resources
from typing import Any

import yaml

from sitrep.errors import E, SitrepError

KNOWLEDGE = resources.files(__name__)


def _read(name: str) -> str:
    path = KNOWLEDGE.joinpath(name)
    if not path.is_file():
        raise SitrepError(E.E010, name=name, reason="file is missing from the package")
    return path.read_text(encoding="utf-8")


@cache
def load_yaml(name: str) -> Any:
    """A YAML knowledge file as parsed data (cached: loaded once per process)."""
    try:
        return yaml.safe_load(_read(name))
    except yaml.YAMLError as exc:
        raise SitrepError(E.E010, name=name, reason=str(exc).splitlines()[0]) from exc


@cache
def load_csv(name: str, required: tuple[str, ...]) -> tuple[dict[str, str], ...]:
    """Rows of a CSV knowledge file (comment lines start with '#'); ``required`` columns must
    be present and non-empty in every row."""
    lines = [ln for ln in _read(name).splitlines() if ln and not ln.startswith("#")]
    rows = tuple(csv.DictReader(lines))
    for n, row in enumerate(rows, start=2):
        missing = [c for c in required if not (row.get(c) or "").strip()]
        if missing:
            raise SitrepError(E.E010, name=name, reason=f"row {n} lacks {', '.join(missing)}")
    return rows


def require(name: str, data: Any, key: str, kind: type) -> Any:
    """``data[key]``, checked to be a ``kind``; the error names the file and the key."""
    if not isinstance(data, dict) or not isinstance(data.get(key), kind):
        raise SitrepError(E.E010, name=name, reason=f"'{key}' must be a {kind.__name__}")
    return data[key]
