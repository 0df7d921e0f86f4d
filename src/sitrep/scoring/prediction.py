"""A typed view of a prediction record (``Extraction.to_json()``, FORMAT.md "Predictions").

Only the scored fields are read. Missing keys read as empty, so a prediction file written by
another tool, or an empty ``{}`` for an article that failed, still scores (as nothing found).
Actor references are resolved to countries and sectors here, through the ``actors`` list by id.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sitrep.model import Spans


@dataclass(frozen=True)
class PredActor:
    country: str | None
    sector: str | None


NO_ACTOR = PredActor(None, None)


@dataclass(frozen=True)
class PredMention:
    span: Spans
    actor: PredActor


@dataclass(frozen=True)
class PredTime:
    span: Spans
    value: str | None


@dataclass(frozen=True)
class PredPlace:
    span: Spans
    geonameid: int | None
    lat: float | None
    lon: float | None


@dataclass(frozen=True)
class PredQuote:
    content: Spans
    speaker: Spans


@dataclass(frozen=True)
class PredEvent:
    type: str
    evidence: Spans
    trigger: Spans
    source_countries: frozenset[str]
    target_countries: frozenset[str]


@dataclass(frozen=True)
class Prediction:
    published: str | None = None
    title: str | None = None
    boilerplate: Spans = ()
    captions: Spans = ()
    mentions: tuple[PredMention, ...] = ()
    times: tuple[PredTime, ...] = ()
    places: tuple[PredPlace, ...] = ()
    quotes: tuple[PredQuote, ...] = ()
    events: tuple[PredEvent, ...] = ()


def _spans(value: Any) -> Spans:
    return tuple((int(s), int(e)) for s, e in value or ())


def _list(obj: Mapping[str, Any], key: str) -> list[Mapping[str, Any]]:
    return list(obj.get(key) or ())


def _countries(refs: Any, actors: Mapping[str, PredActor]) -> frozenset[str]:
    found = (actors.get(r.get("actor") or "", NO_ACTOR).country for r in refs or ())
    return frozenset(c for c in found if c)


def _event(e: Mapping[str, Any], actors: Mapping[str, PredActor]) -> PredEvent:
    return PredEvent(
        type=str(e.get("type")),
        evidence=_spans(e.get("evidence")),
        trigger=_spans(e.get("trigger")),
        source_countries=_countries(e.get("source"), actors),
        target_countries=_countries(e.get("target"), actors),
    )


def parse_prediction(obj: Mapping[str, Any]) -> Prediction:
    actors = {
        str(a["id"]): PredActor(a.get("country"), a.get("sector")) for a in _list(obj, "actors")
    }
    return Prediction(
        published=obj.get("published"),
        title=obj.get("title"),
        boilerplate=_spans(obj.get("boilerplate")),
        captions=_spans(obj.get("captions")),
        mentions=tuple(
            PredMention(_spans(m.get("span")), actors.get(m.get("actor") or "", NO_ACTOR))
            for m in _list(obj, "mentions")
        ),
        times=tuple(PredTime(_spans(t.get("span")), t.get("value")) for t in _list(obj, "times")),
        places=tuple(
            PredPlace(_spans(p.get("span")), p.get("geonameid"), p.get("lat"), p.get("lon"))
            for p in _list(obj, "places")
        ),
        quotes=tuple(
            PredQuote(_spans(q.get("content")), _spans(q.get("speaker")))
            for q in _list(obj, "quotes")
        ),
        events=tuple(_event(e, actors) for e in _list(obj, "events")),
    )
