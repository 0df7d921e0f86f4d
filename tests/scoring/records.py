"""Builders for the small synthetic gold and prediction records of the scoring tests."""

from __future__ import annotations

from typing import Any

from sitrep.scoring.gold import GoldRecord, parse_record


def at(text: str, phrase: str, nth: int = 0) -> list[list[int]]:
    """The span of the ``nth`` occurrence of ``phrase`` in ``text``, as gold JSON writes it."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(phrase, start + 1)
    return [[start, start + len(phrase)]]


def gold(
    text: str, layers: list[str], partial: list[str] | None = None, **items: Any
) -> GoldRecord:
    """A gold record of ``text`` annotating ``layers`` (and ``partial``) with ``items``."""
    obj: dict[str, Any] = {"id": "t", "text": text, "published": "2021-03-04", "layers": layers}
    obj["partial_layers"] = partial or []
    for layer in (*layers, *(partial or [])):
        obj[layer] = items.get(layer, [])
    return parse_record(obj | items)


def pred(**fields: Any) -> dict[str, Any]:
    """A prediction record with only the given fields (the scorer reads missing ones as empty)."""
    return dict(fields)
