"""What every annotator shares: the running state of one article and the annotator record."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from spacy.tokens import Doc

from sitrep.intervals import Intervals
from sitrep.model import Actor, Extraction, Mention
from sitrep.options import Options

# What the annotators have found so far for one article is the Extraction being built: each
# annotator reads it and the pipeline writes its records into the next one.
Annotations = Extraction


T = TypeVar("T")
R = TypeVar("R")
AnnotatorFunc = Callable[[Doc, Annotations, Options], Mapping[str, Sequence[Any]]]


@dataclass(frozen=True)
class Annotator:
    name: str
    func: AnnotatorFunc
    requires: tuple[str, ...]
    produces: tuple[str, ...]


def overlap_chars(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def mention_covering(mentions: Sequence[Mention], start: int, end: int) -> Mention | None:
    """The mention that overlaps [start, end) most (ties: the shorter, more specific one)."""
    best: tuple[int, int, Mention] | None = None
    for _, _, m in _mention_index(mentions).overlapping(start, end):
        ov = sum(overlap_chars((s, e), (start, end)) for s, e in m.span)
        if ov <= 0:
            continue
        length = sum(e - s for s, e in m.span)
        if best is None or (ov, -length) > (best[0], best[1]):
            best = (ov, -length, m)
    return best[2] if best else None


class _LastBuilt(Generic[T, R]):
    """What ``build`` made of the tuple last asked about: annotators ask about one article's
    mentions or actors many times in a row, and rebuilding per call made long articles
    quadratic. Keyed by identity, and kept only for tuples (immutable)."""

    def __init__(self, build: Callable[[Sequence[T]], R]) -> None:
        self._build = build
        self._last: tuple[Sequence[T], R] | None = None

    def __call__(self, items: Sequence[T]) -> R:
        if self._last is not None and self._last[0] is items:
            return self._last[1]
        built = self._build(items)
        if isinstance(items, tuple):
            self._last = (items, built)
        return built


_mention_index: _LastBuilt[Mention, Intervals[Mention]] = _LastBuilt(
    lambda mentions: Intervals((s, e, m) for m in mentions for s, e in m.span)
)
# The article's actors by id.
actors_by_id: _LastBuilt[Actor, Mapping[str, Actor]] = _LastBuilt(
    lambda actors: {a.id: a for a in actors}
)
