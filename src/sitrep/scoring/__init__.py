"""Scoring predictions against sitrep-gold, exactly by shared/data/FORMAT.md's rules.

``gold`` reads and validates gold files, ``prediction`` reads prediction records, ``match``
holds the arithmetic (overlap, one-to-one greedy matching, counts), ``layers`` and ``events``
the per-layer rules. ``score_record`` is the one entry point: pure, one record at a time; the
counts it returns add up with ``+`` over records and files.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from sitrep.scoring.events import score_events
from sitrep.scoring.gold import GoldRecord, load_gold
from sitrep.scoring.layers import (
    score_actors,
    score_article,
    score_places,
    score_quotes,
    score_times,
)
from sitrep.scoring.match import Detection, LayerScore, Ratio
from sitrep.scoring.prediction import Prediction, parse_prediction

__all__ = [
    "Detection", "GoldRecord", "LayerScore", "Ratio", "load_gold", "parse_prediction",
    "score_record",
]  # fmt: skip

Scorer = Callable[[GoldRecord, Prediction, bool], LayerScore]

SCORERS: Mapping[str, Scorer] = {
    "quotes": score_quotes,
    "times": score_times,
    "places": score_places,
    "events": score_events,
    "actors": score_actors,
}

# The name under which the seed's article-level bonus lines are reported.
ARTICLE = "article"


def score_record(gold: GoldRecord, prediction: Mapping[str, Any]) -> dict[str, LayerScore]:
    """Score one prediction record (``Extraction.to_json()``) on every layer the gold annotates;
    layers it does not annotate are left out, not scored as zero."""
    pred = parse_prediction(prediction)
    scores = {layer: SCORERS[layer](gold, pred, full) for layer, full in gold.scored().items()}
    article = score_article(gold, pred)
    if article is not None:
        scores[ARTICLE] = article
    return scores
