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
# libyaml's safe loader where the wheel has it: the event lexicon loads ~5x faster
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _read(name: str) -> str:
    path = KNOWLEDGE.joinpath(name)
    if not path.is_file():
        raise SitrepError(E.E010, name=name, reason="file is missing from the package")
    return path.read_text(encoding="utf-8")


@cache
def load_yaml(name: str) -> Any:
    """A YAML knowledge file as parsed data (cached: loaded once per process)."""
    try:
        return yaml.load(_read(name), Loader=_LOADER)
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


def strings(
    name: str, data: Any, key: str, *, optional: bool = False, lower: bool = False
) -> list[str]:
    """``data[key]`` as a list of non-empty, stripped strings (lower-cased with ``lower``); a
    missing key is an empty list when ``optional``, else an error naming the file."""
    items = data.get(key) if isinstance(data, dict) else None
    if items is None and optional:
        return []
    if not isinstance(items, list):
        raise SitrepError(E.E010, name=name, reason=f"'{key}' must be a list")
    out = [str(v).strip().lower() if lower else str(v).strip() for v in items]
    if not all(out):
        raise SitrepError(E.E010, name=name, reason=f"'{key}' has an empty entry")
    return out


def words(name: str, data: Any, key: str) -> frozenset[str]:
    """A lower-cased word list (``strings``) as a set."""
    return frozenset(strings(name, data, key, lower=True))


def phrases(name: str, data: Any, key: str, *, lower: bool = True) -> tuple[tuple[str, ...], ...]:
    """A list of multiword entries, each split into its words."""
    return tuple(tuple(s.split()) for s in strings(name, data, key, lower=lower))
