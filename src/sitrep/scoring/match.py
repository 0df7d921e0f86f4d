"""The arithmetic of scoring: span overlap, distance, counts, and one-to-one greedy matching.

Everything here is pure and knows nothing of layers; ``layers.py`` and ``events.py`` say what
counts as a match for each layer (shared/data/FORMAT.md, "Scoring rules").
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Protocol, TypeVar

from sitrep.model import Spans

# Mean Earth radius (IUGG, km): the sphere that geoparsing papers use for acc@161km.
EARTH_RADIUS_KM = 6371.0088

Key = tuple[float, ...]


def _merged(spans: Spans) -> list[tuple[int, int]]:
    """The spans as sorted, disjoint intervals (a list may repeat or overlap itself)."""
    out: list[tuple[int, int]] = []
    for s, e in sorted(spans):
        if e <= s:
            continue
        if out and s <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return out


def shared_chars(a: Spans, b: Spans) -> int:
    """How many characters lie in both span lists."""
    total = 0
    for s1, e1 in _merged(a):
        for s2, e2 in _merged(b):
            total += max(0, min(e1, e2) - max(s1, s2))
    return total


def overlap(a: Spans, b: Spans) -> float:
    """FORMAT.md's overlap: |chars in both| / |chars in either| (0.0 when both are empty)."""
    both = shared_chars(a, b)
    either = sum(e - s for s, e in _merged(a)) + sum(e - s for s, e in _merged(b)) - both
    return both / either if either else 0.0


def touches(a: Spans, b: Spans) -> bool:
    """Whether two span lists share at least one character ("overlap at all")."""
    return shared_chars(a, b) > 0


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance on a sphere of ``EARTH_RADIUS_KM``."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


@dataclass(frozen=True)
class Ratio:
    """A share with its counts, so that shares add up correctly across records and files."""

    hit: int = 0
    total: int = 0

    def __add__(self, other: Ratio) -> Ratio:
        return Ratio(self.hit + other.hit, self.total + other.total)

    @property
    def value(self) -> float | None:
        return self.hit / self.total if self.total else None


def ratio(hits: Sequence[bool]) -> Ratio:
    return Ratio(sum(hits), len(hits))


@dataclass(frozen=True)
class Detection:
    """Detection counts of one layer.

    ``gold``/``found`` count required gold items and those matched (recall). ``pred``/``pred_ok``
    count the predictions that precision judges and those that matched a required item; both
    stay 0 for a partial layer, and ``exhaustive`` says whether any record annotated the layer
    in full, i.e. whether precision means anything.
    """

    gold: int = 0
    found: int = 0
    pred: int = 0
    pred_ok: int = 0
    exhaustive: bool = False

    def __add__(self, other: Detection) -> Detection:
        return Detection(
            self.gold + other.gold, self.found + other.found, self.pred + other.pred,
            self.pred_ok + other.pred_ok, self.exhaustive or other.exhaustive,
        )  # fmt: skip

    @property
    def precision(self) -> float | None:
        if not self.exhaustive:
            return None
        return self.pred_ok / self.pred if self.pred else None

    @property
    def recall(self) -> float | None:
        return self.found / self.gold if self.gold else None

    @property
    def f1(self) -> float | None:
        """2PR/(P+R) from counts; 0.0 when nothing matched but something was expected or found."""
        if not self.exhaustive:
            return None
        p_miss, r_miss = self.pred - self.pred_ok, self.gold - self.found
        denominator = 2 * self.found + p_miss + r_miss
        return 2 * self.found / denominator if denominator else None


def add_counts(a: Mapping[str, Detection], b: Mapping[str, Detection]) -> dict[str, Detection]:
    return {k: a.get(k, Detection()) + b.get(k, Detection()) for k in {**a, **b}}


def add_ratios(a: Mapping[str, Ratio], b: Mapping[str, Ratio]) -> dict[str, Ratio]:
    return {k: a.get(k, Ratio()) + b.get(k, Ratio()) for k in {**a, **b}}


@dataclass(frozen=True)
class LayerScore:
    """What one layer scored: detection (``None`` where a layer has none), named shares, and
    per-type detection for macro-F1 (events only)."""

    detection: Detection | None
    ratios: Mapping[str, Ratio] = field(default_factory=dict)
    by_type: Mapping[str, Detection] = field(default_factory=dict)

    def __add__(self, other: LayerScore) -> LayerScore:
        if self.detection is None or other.detection is None:
            detection = self.detection or other.detection
        else:
            detection = self.detection + other.detection
        ratios = add_ratios(self.ratios, other.ratios)
        return LayerScore(detection, ratios, add_counts(self.by_type, other.by_type))

    @property
    def macro_f1(self) -> float | None:
        """Mean F1 over the types seen in gold or predictions (``None`` without precision)."""
        scores = [d.f1 for d in self.by_type.values()]
        known = [s for s in scores if s is not None]
        return sum(known) / len(known) if known else None


class HasRequired(Protocol):
    @property
    def required(self) -> bool: ...


G = TypeVar("G", bound=HasRequired)
P = TypeVar("P")


@dataclass(frozen=True)
class Matching:
    """A one-to-one matching: required gold index -> prediction index, plus the predictions
    taken by ``required: false`` items (excused: neither true nor false positives)."""

    pairs: Mapping[int, int]
    excused: frozenset[int]
    required: int
    predicted: int

    def detection(self, exhaustive: bool) -> Detection:
        if not exhaustive:
            return Detection(gold=self.required, found=len(self.pairs))
        judged = self.predicted - len(self.excused)
        return Detection(self.required, len(self.pairs), judged, len(self.pairs), True)


def _greedy(cands: list[tuple[Key, int, int]], taken: set[int]) -> dict[int, int]:
    """Best key first; ties go to the earlier gold item, then the earlier prediction."""
    cands.sort(key=lambda c: (tuple(-k for k in c[0]), c[1], c[2]))
    pairs: dict[int, int] = {}
    for _, gi, pi in cands:
        if gi not in pairs and pi not in taken:
            pairs[gi] = pi
            taken.add(pi)
    return pairs


def match(gold: Sequence[G], preds: Sequence[P], key: Callable[[G, P], Key | None]) -> Matching:
    """One-to-one greedy matching, best overlap first (``key`` is ``None`` for no match).

    Required gold items are matched first, then ``required: false`` items take what is left.
    So an optional item never takes a prediction that a required one could use (it is not
    needed), and a prediction that only fits an optional item is excused rather than counted
    as a false positive (it is not penalised). A second prediction of the same optional item is
    still a false positive, as a duplicate of a required item is.
    """
    taken: set[int] = set()
    stages: list[dict[int, int]] = []
    for wanted in (True, False):
        cands: list[tuple[Key, int, int]] = []
        for gi, g in enumerate(gold):
            if g.required is not wanted:
                continue
            for pi, p in enumerate(preds):
                k = key(g, p)
                if k is not None and pi not in taken:
                    cands.append((k, gi, pi))
        stages.append(_greedy(cands, taken))
    required = sum(1 for g in gold if g.required)
    return Matching(stages[0], frozenset(stages[1].values()), required, len(preds))
