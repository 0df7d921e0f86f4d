"""What every annotator shares: the running state of one article and the annotator record."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from spacy.tokens import Doc

from sitrep.model import Extraction, Mention
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
    for m in mentions:
        ov = sum(overlap_chars((s, e), (start, end)) for s, e in m.span)
        if ov <= 0:
            continue
        length = sum(e - s for s, e in m.span)
        if best is None or (ov, -length) > (best[0], best[1]):
            best = (ov, -length, m)
    return best[2] if best else None
