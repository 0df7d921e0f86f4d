"""The events scorer (FORMAT.md, "events").

Per record, a gold event is found by a predicted event of its type or of one of its
``also_accept`` types whose evidence or trigger overlaps the gold evidence, when the gold gives
evidence (else the type alone decides). Matching is one-to-one, like every layer's: two gold
ASSAULTs need two predicted ones, and a duplicate prediction is a false positive. Among
candidates the greater evidence overlap goes first, then the exact type over an
``also_accept`` one, then the prediction that gets more sides' countries right (so that two
same-type events of a sentence pair up with the right actors).
"""

from __future__ import annotations

from collections.abc import Sequence

from sitrep.scoring.gold import GoldActorRef, GoldEvent, GoldRecord
from sitrep.scoring.match import (
    Detection,
    Key,
    LayerScore,
    Matching,
    match,
    overlap,
    ratio,
    touches,
)
from sitrep.scoring.prediction import PredEvent, Prediction


def side_right(side: Sequence[GoldActorRef], countries: frozenset[str]) -> bool | None:
    """A gold side with a country is right when some predicted actor on that side has that
    country (with several gold countries, any one of them); ``None`` when it names none."""
    wanted = {a.country for a in side if a.country}
    return bool(wanted & countries) if wanted else None


def _sides_right(g: GoldEvent, p: PredEvent) -> int:
    pairs = ((g.source, p.source_countries), (g.target, p.target_countries))
    return sum(1 for side, got in pairs if side_right(side, got))


def _key(g: GoldEvent, p: PredEvent) -> Key | None:
    if p.type != g.type and p.type not in g.also_accept:
        return None
    evidence = 0.0
    if g.evidence is not None:
        if not (touches(g.evidence, p.evidence) or touches(g.evidence, p.trigger)):
            return None
        evidence = max(overlap(g.evidence, p.evidence), overlap(g.evidence, p.trigger))
    return (evidence, float(p.type == g.type), float(_sides_right(g, p)))


def _by_type(
    gold: GoldRecord, pred: Prediction, m: Matching, exhaustive: bool
) -> dict[str, Detection]:
    """Per-type counts for macro-F1: a gold event counts under its own type, a prediction under
    its own (so one found through ``also_accept`` credits both types' sides)."""
    counts: dict[str, Detection] = {}
    for i, g in enumerate(gold.events):
        if g.required:
            counts[g.type] = counts.get(g.type, Detection()) + Detection(
                gold=1, found=int(i in m.pairs), exhaustive=exhaustive
            )
    if exhaustive:
        matched = set(m.pairs.values())
        for j, p in enumerate(pred.events):
            if j not in m.excused:
                hit = Detection(pred=1, pred_ok=int(j in matched), exhaustive=True)
                counts[p.type] = counts.get(p.type, Detection()) + hit
    return counts


def score_events(gold: GoldRecord, pred: Prediction, exhaustive: bool) -> LayerScore:
    m = match(gold.events, pred.events, _key)
    found = [(gold.events[i], pred.events[j]) for i, j in m.pairs.items()]
    source = [side_right(g.source, p.source_countries) for g, p in found]
    target = [side_right(g.target, p.target_countries) for g, p in found]
    ratios = {
        "source_country_accuracy": ratio([r for r in source if r is not None]),
        "target_country_accuracy": ratio([r for r in target if r is not None]),
    }
    if exhaustive and not gold.events:
        ratios["false_alarm_rate"] = ratio([bool(pred.events)])
    return LayerScore(m.detection(exhaustive), ratios, _by_type(gold, pred, m, exhaustive))
