"""Flat rows of one layer of many Extractions: what `sitrep actors|quotes|events` print and
what tables, CSV files and the store are made of. One row per record, plain values only."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any

from sitrep.model import ActorRef, Extraction, span_text

Row = dict[str, Any]


def _side(x: Extraction, refs: tuple[ActorRef, ...]) -> tuple[str, str]:
    """Names and countries of one side of an event, ';'-joined."""
    names, countries = [], []
    for r in refs:
        actor = x.actor(r.actor)
        names.append(actor.name if actor else r.text)
        countries.append((actor.country if actor else None) or "")
    return "; ".join(names), "; ".join(countries)


def actor_rows(x: Extraction) -> Iterator[Row]:
    for a in x.actors:
        mentions = [m for m in x.mentions if m.actor_id == a.id]
        yield {
            "article": x.article.id, "actor": a.id, "name": a.name, "country": a.country,
            "sector": a.sector, "kind": a.kind, "role": a.role, "mentions": len(mentions),
            "as_written": "; ".join(sorted({m.text for m in mentions})),
        }  # fmt: skip


def quote_rows(x: Extraction) -> Iterator[Row]:
    text = x.article.text
    for q in x.quotes:
        actor = x.actor(q.speaker_actor)
        yield {
            "article": x.article.id, "date": q.date, "kind": q.kind,
            "speaker": span_text(text, q.speaker) if q.speaker else None,
            "speaker_actor": actor.name if actor else None,
            "speaker_country": actor.country if actor else None,
            "cue": span_text(text, q.cue) if q.cue else None,
            "content": span_text(text, q.content),
        }  # fmt: skip


def event_rows(x: Extraction) -> Iterator[Row]:
    text = x.article.text
    for e in x.events:
        (source, source_country), (target, target_country) = _side(x, e.source), _side(x, e.target)
        yield {
            "article": x.article.id, "date": e.date, "type": e.type, "mode": e.mode,
            "cameo": e.cameo, "source": source, "source_country": source_country,
            "target": target, "target_country": target_country, "place": e.place,
            "fatalities": e.fatalities, "troops": e.troops, "negated": e.negated,
            "modality": e.modality,
            "confidence": round(e.confidence, 3), "trigger": span_text(text, e.trigger),
            "evidence": span_text(text, e.evidence),
        }  # fmt: skip


VIEWS: dict[str, Callable[[Extraction], Iterator[Row]]] = {
    "actors": actor_rows,
    "quotes": quote_rows,
    "events": event_rows,
}


def rows(view: str, extractions: Iterable[Extraction]) -> Iterator[Row]:
    """All rows of ``view`` ("actors", "quotes" or "events") over ``extractions``."""
    make = VIEWS[view]
    for x in extractions:
        yield from make(x)
