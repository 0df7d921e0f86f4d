"""Small validators for gold JSON: each returns the typed value or raises ``Invalid`` with a
reason a person can act on ("quote content span [5, 3] is reversed")."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from sitrep.model import Spans


class Invalid(ValueError):
    """A gold record breaks FORMAT.md; ``load_gold`` adds the file and line."""


def mapping(value: object, what: str) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise Invalid(f"{what} is not a JSON object")
    return value


def items_list(value: object, what: str) -> list[Any]:
    if not isinstance(value, list):
        raise Invalid(f"'{what}' is not a list")
    return value


def mappings(value: object, what: str) -> list[Mapping[str, Any]]:
    return [mapping(v, f"an item of {what}") for v in items_list(value, what)]


def items(record: Mapping[str, Any], layer: str) -> list[Mapping[str, Any]]:
    """The items of a layer (none when the record lacks the key)."""
    return mappings(record.get(layer, []), layer)


def string(value: object, what: str) -> str:
    if not isinstance(value, str):
        raise Invalid(f"'{what}' is not a string")
    return value


def string_or_none(value: object, what: str) -> str | None:
    return None if value is None else string(value, what)


def string_list(value: object, what: str) -> tuple[str, ...]:
    return tuple(string(v, f"an item of {what}") for v in items_list(value, what))


def flag(value: object, what: str) -> bool:
    if not isinstance(value, bool):
        raise Invalid(f"'{what}' is not true or false")
    return value


def number_or_none(value: object, what: str) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise Invalid(f"'{what}' is not a number")
    return float(value)


def integer_or_none(value: object, what: str) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise Invalid(f"'{what}' is not an integer")
    return value


def offset(value: object, n: int, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value < n:
        raise Invalid(f"{what} offset {value!r} is not an index into the text")
    return value


def date_or_none(value: object, what: str) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(string(value, what))
    except ValueError:
        raise Invalid(f"'{what}' {value!r} is not a YYYY-MM-DD date") from None


def spans(value: object, n: int, what: str) -> Spans:
    """A non-empty list of ``[start, end)`` pairs within a text of ``n`` characters."""
    pairs = items_list(value, what)
    if not pairs:
        raise Invalid(f"{what} is an empty span list")
    out: list[tuple[int, int]] = []
    for pair in pairs:
        ok = isinstance(pair, list) and len(pair) == 2
        if not ok or not all(isinstance(v, int) and not isinstance(v, bool) for v in pair):
            raise Invalid(f"{what} span {pair!r} is not a [start, end] pair of integers")
        start, end = pair
        if not 0 <= start < end <= n:
            raise Invalid(f"{what} span {pair!r} is empty, reversed or outside the text ({n})")
        out.append((start, end))
    return tuple(out)


def spans_or_none(value: object, n: int, what: str) -> Spans | None:
    return None if value is None else spans(value, n, what)
