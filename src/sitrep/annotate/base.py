"""What every annotator shares: the running state of one article and the annotator record."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from spacy.tokens import Doc

from sitrep.intervals import Intervals
from sitrep.model import Actor, Extraction, Mention
from sitrep.options import Options

# What the annotators have found so far for one article is the Extraction being built: each
# annotator reads it and the pipeline writes its records into the next one.
Annotations = Extraction


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


# The index of the mentions tuple last asked about: annotators ask about one article's
# mentions many times in a row. Keyed by identity, and kept only for tuples (immutable).
_LAST_INDEX: list[tuple[Sequence[Mention], Intervals[Mention]]] = []


def _mention_index(mentions: Sequence[Mention]) -> Intervals[Mention]:
    if _LAST_INDEX and _LAST_INDEX[0][0] is mentions:
        return _LAST_INDEX[0][1]
    index = Intervals((s, e, m) for m in mentions for s, e in m.span)
    if isinstance(mentions, tuple):
        _LAST_INDEX[:] = [(mentions, index)]
    return index


_LAST_ACTORS: list[tuple[Sequence[Actor], Mapping[str, Actor]]] = []


def actors_by_id(actors: Sequence[Actor]) -> Mapping[str, Actor]:
    """The article's actors by id, built once per actors tuple (annotators look sides up per
    candidate; rebuilding the map each time made long articles quadratic)."""
    if _LAST_ACTORS and _LAST_ACTORS[0][0] is actors:
        return _LAST_ACTORS[0][1]
    found = {a.id: a for a in actors}
    if isinstance(actors, tuple):
        _LAST_ACTORS[:] = [(actors, found)]
    return found
