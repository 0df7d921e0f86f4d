"""Scorers of the span layers: quotes, times, places, actors, and the article-level bonus.

Each takes one gold record, its prediction and whether the layer is exhaustive (else partial:
recall and resolution only) and returns counts, which add up over records and files.
Resolution shares (speaker, value, geonameid, distance) are taken over matched *required*
gold items only: an optional item is neither needed nor penalised, in resolution too.
"""

from __future__ import annotations

import datetime as dt

from sitrep.model import Spans
from sitrep.scoring.gold import GoldActor, GoldPlace, GoldQuote, GoldRecord, GoldTime
from sitrep.scoring.match import (
    Key,
    LayerScore,
    Ratio,
    haversine_km,
    match,
    overlap,
    ratio,
    shared_chars,
    touches,
)
from sitrep.scoring.prediction import (
    NO_ACTOR,
    PredActor,
    Prediction,
    PredPlace,
    PredQuote,
    PredTime,
)

# FORMAT.md: a predicted quote matches when its content overlaps the gold content by >= 0.5.
QUOTE_MIN_OVERLAP = 0.5
# FORMAT.md: acc@161km (100 miles), the customary tolerance of geoparsing evaluations.
PLACE_TOLERANCE_KM = 161.0


def _touch_key(gold: Spans, pred: Spans) -> Key | None:
    """Times and places match when they share any character; the greater overlap goes first."""
    return (overlap(gold, pred),) if touches(gold, pred) else None


def _quote_key(g: GoldQuote, p: PredQuote) -> Key | None:
    ov = overlap(g.content, p.content)
    return (ov,) if ov >= QUOTE_MIN_OVERLAP else None


def score_quotes(gold: GoldRecord, pred: Prediction, exhaustive: bool) -> LayerScore:
    m = match(gold.quotes, pred.quotes, _quote_key)
    speaker = [
        touches(g.speaker, pred.quotes[m.pairs[i]].speaker)
        for i, g in enumerate(gold.quotes)
        if i in m.pairs and g.speaker is not None
    ]
    return LayerScore(m.detection(exhaustive), {"speaker_accuracy": ratio(speaker)})


def score_times(gold: GoldRecord, pred: Prediction, exhaustive: bool) -> LayerScore:
    def key(g: GoldTime, p: PredTime) -> Key | None:
        return _touch_key(g.span, p.span)

    m = match(gold.times, pred.times, key)
    value = [gold.times[i].value == pred.times[j].value for i, j in m.pairs.items()]
    return LayerScore(m.detection(exhaustive), {"value_accuracy": ratio(value)})


def _within(g: GoldPlace, p: PredPlace) -> bool:
    if g.lat is None or g.lon is None or p.lat is None or p.lon is None:
        return False
    return haversine_km(g.lat, g.lon, p.lat, p.lon) <= PLACE_TOLERANCE_KM


def score_places(gold: GoldRecord, pred: Prediction, exhaustive: bool) -> LayerScore:
    def key(g: GoldPlace, p: PredPlace) -> Key | None:
        return _touch_key(g.span, p.span)

    m = match(gold.places, pred.places, key)
    pairs = [(gold.places[i], pred.places[j]) for i, j in m.pairs.items()]
    exact = [g.geonameid == p.geonameid for g, p in pairs if g.geonameid is not None]
    near = [_within(g, p) for g, p in pairs if g.lat is not None]
    return LayerScore(m.detection(exhaustive), {"exact": ratio(exact), "acc_161km": ratio(near)})


def _resolve(g: GoldActor, text: str, pred: Prediction) -> PredActor | None:
    """The actor of the mention overlapping the gold span most (without a span: covering most
    of the record text); ties go to the shorter, more specific mention, then the earlier."""
    target: Spans = g.span if g.span is not None else ((0, len(text)),)
    best: tuple[float, int, PredActor] | None = None
    for mention in pred.mentions:
        if not shared_chars(target, mention.span):
            continue
        length = sum(e - s for s, e in mention.span)
        cand = (overlap(target, mention.span), -length, mention.actor)
        if best is None or cand[:2] > best[:2]:
            best = cand
    return best[2] if best else None


def score_actors(gold: GoldRecord, pred: Prediction, exhaustive: bool) -> LayerScore:
    """Country and sector accuracy; ``exhaustive`` changes nothing (actors have no precision).

    Also the share of gold actors that some mention reaches (recall of the mention finder).
    """
    wanted = [g for g in gold.actors if g.required]
    found = [(g, _resolve(g, gold.text, pred)) for g in wanted]
    country = [(a or NO_ACTOR).country == g.country for g, a in found if g.country is not None]
    sector = [(a or NO_ACTOR).sector == g.sector for g, a in found if g.sector is not None]
    return LayerScore(
        None,
        {
            "mention_recall": ratio([a is not None for _, a in found]),
            "country_accuracy": ratio(country),
            "sector_accuracy": ratio(sector),
        },
    )


def _inside(offset: int, spans: Spans) -> bool:
    return any(s <= offset < e for s, e in spans)


def _day(value: str | None) -> dt.date | None:
    """The date a prediction gives (its first ten characters, so a timestamp reads as its day)."""
    try:
        return dt.date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def score_article(gold: GoldRecord, pred: Prediction) -> LayerScore | None:
    """The seed's extra keys, as bonus lines: publication date within the expected bounds, the
    title, and whether each expected boilerplate piece and caption start is marked."""
    x = gold.expected
    if x is None:
        return None
    ratios: dict[str, Ratio] = {}
    if x.published_after or x.published_before:
        day = _day(pred.published)
        low, high = x.published_after or dt.date.min, x.published_before or dt.date.max
        ratios["published_in_bounds"] = ratio([day is not None and low <= day <= high])
    if x.title is not None:
        ratios["title"] = ratio([(pred.title or "").strip() == x.title.strip()])
    if x.boilerplate:
        starts = [(gold.text.index(b), len(b)) for b in x.boilerplate]
        covered = [shared_chars(((s, s + n),), pred.boilerplate) == n for s, n in starts]
        ratios["boilerplate"] = ratio(covered)
    if x.captions:
        ratios["captions"] = ratio([_inside(o, pred.captions) for o in x.captions])
    return LayerScore(None, ratios)
