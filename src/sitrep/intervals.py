"""Overlap queries over many character spans, for long articles.

Annotators ask "which mention, toponym or chrome zone overlaps this span?" once per token or
per candidate; scanning every span each time makes a long article quadratic (a 120,000-character
text took four times as long as one of 60,000). ``Intervals`` sorts the spans once and answers by
bisection: a query costs O(log n + the spans it returns) while spans are short next to the text,
which words, mentions and paragraphs are.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Iterator
from typing import Generic, TypeVar

T = TypeVar("T")


class Intervals(Generic[T]):
    """Half-open ``[start, end)`` spans, each carrying an item, indexed by start."""

    def __init__(self, spans: Iterable[tuple[int, int, T]]) -> None:
        ordered = sorted(spans, key=lambda span: (span[0], span[1]))
        self._starts = [start for start, _, _ in ordered]
        self._spans = ordered
        self._longest = max((end - start for start, end, _ in ordered), default=0)

    def __len__(self) -> int:
        return len(self._spans)

    def overlapping(self, start: int, end: int) -> Iterator[tuple[int, int, T]]:
        """The spans that share at least one character with ``[start, end)``, by start. An
        empty query ``[i, i)`` finds the spans that contain position ``i``."""
        first = bisect_left(self._starts, start - self._longest)
        for span in self._spans[first : bisect_left(self._starts, max(end, start + 1))]:
            if span[1] > start:
                yield span

    def any_overlap(self, start: int, end: int) -> bool:
        return next(self.overlapping(start, end), None) is not None

    def covers(self, start: int, end: int) -> bool:
        """True when one span holds all of ``[start, end)``."""
        return any(s <= start and end <= e for s, e, _ in self.overlapping(start, end))
