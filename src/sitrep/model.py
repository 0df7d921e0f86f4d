"""The data model: the one vocabulary of the whole house.

Every record is a frozen dataclass with fixed fields, and every record that comes from the text
carries ``Spans``: ``((start, end), ...)`` character offsets into ``Article.text`` (a tuple of
pairs, because a quote can be discontinuous). ``Extraction.to_json`` writes the prediction
record of ``shared/data/FORMAT.md``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import unicodedata
from dataclasses import dataclass
from typing import Any, Literal

Spans = tuple[tuple[int, int], ...]
PublishedSource = Literal["given", "metadata", "inferred"]
TimeType = Literal["DATE", "TIME", "DURATION", "SET"]
QuoteKind = Literal["direct", "indirect", "mixed"]
Modality = Literal["asserted", "hypothetical", "future", "demanded"]

PLOVER_TYPES: tuple[str, ...] = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)  # fmt: skip


def span_of(start: int, end: int) -> Spans:
    """One contiguous span as ``Spans``."""
    return ((start, end),)


def span_text(text: str, spans: Spans, sep: str = " … ") -> str:
    """The characters a span list points at, pieces joined by ``sep``."""
    return sep.join(text[s:e] for s, e in spans)


def spans_json(spans: Spans | None) -> list[list[int]] | None:
    return None if spans is None else [[s, e] for s, e in spans]


def content_id(text: str) -> str:
    """A stable article id: hash of the body with whitespace and Unicode form normalised.

    Normalising means that re-ingesting the same story saved with other line breaks is a no-op.
    """
    norm = re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text)).strip().lower()
    return hashlib.sha1(norm.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True)
class Article:
    """One input document. For text input ``text`` is verbatim and page chrome is only marked."""

    id: str
    text: str
    title: str | None = None
    published: dt.date | None = None
    published_source: PublishedSource | None = None
    published_reason: str | None = None
    url: str | None = None
    source: str | None = None
    author: str | None = None
    lang: str | None = None
    boilerplate: Spans = ()
    captions: Spans = ()
    title_span: Spans = ()

    @property
    def chrome(self) -> Spans:
        """Spans that report nothing new (navigation, captions, the headline): no quote or
        event is taken from them, though actors, times and places in them still count, and a
        headline's own "Source: statement" is a quote ("Mayor: “The bridge stays shut”")."""
        return tuple(sorted(self.boilerplate + self.captions + self.title_span))


@dataclass(frozen=True)
class Actor:
    """A real-world entity, one per article however often it is mentioned.

    ``id`` is stable across articles (normalised name + country), so a store can count an actor
    over a corpus. ``role`` keeps the words that gave a person their sector.
    """

    id: str
    name: str
    country: str | None
    sector: str | None
    kind: Literal["state", "person", "organization", "group"]
    role: str | None = None
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Mention:
    span: Spans
    text: str
    actor_id: str


@dataclass(frozen=True)
class TimeRef:
    """A time expression with a TimeML-style value ("2018-05-17", "P1D", "PAST_REF")."""

    span: Spans
    text: str
    type: TimeType
    value: str | None


@dataclass(frozen=True)
class Place:
    span: Spans
    text: str
    geonameid: int | None
    name: str | None
    country: str | None  # ISO 3166-1 alpha-2, as GeoNames gives it
    lat: float | None
    lon: float | None
    feature_code: str | None


@dataclass(frozen=True)
class Quote:
    content: Spans
    cue: Spans | None
    speaker: Spans | None
    speaker_actor: str | None
    kind: QuoteKind
    date: str | None


@dataclass(frozen=True)
class ActorRef:
    """One side of an event: the words that name it and the actor they resolve to (``None``
    when the words name no known actor, e.g. "foreign troops": kept, not guessed)."""

    span: Spans
    text: str
    actor: str | None


@dataclass(frozen=True)
class Event:
    type: str
    mode: str | None
    cameo: str | None
    source: tuple[ActorRef, ...]
    target: tuple[ActorRef, ...]
    evidence: Spans
    trigger: Spans
    date: str | None = None
    date_span: Spans = ()  # the time expression the date came from; () when it is a default
    place: int | None = None
    fatalities: int | None = None  # at least this many dead
    troops: int | None = None  # at least this many armed personnel moved or sent
    negated: bool = False
    modality: Modality = "asserted"
    confidence: float = 0.5
    quote: int | None = None  # index into Extraction.quotes when the event is a statement


@dataclass(frozen=True)
class Extraction:
    """Everything sitrep found in one article."""

    article: Article
    actors: tuple[Actor, ...] = ()
    mentions: tuple[Mention, ...] = ()
    times: tuple[TimeRef, ...] = ()
    places: tuple[Place, ...] = ()
    quotes: tuple[Quote, ...] = ()
    events: tuple[Event, ...] = ()

    def actor(self, actor_id: str | None) -> Actor | None:
        return next((a for a in self.actors if a.id == actor_id), None)

    def to_json(self) -> dict[str, Any]:
        """The prediction record of FORMAT.md (extra fields allowed)."""
        a = self.article
        return {
            "id": a.id,
            "text": a.text,
            "title": a.title,
            "published": a.published.isoformat() if a.published else None,
            "published_source": a.published_source,
            "published_reason": a.published_reason,
            "url": a.url,
            "source": a.source,
            "author": a.author,
            "boilerplate": spans_json(a.boilerplate),
            "captions": spans_json(a.captions),
            "actors": [
                {"id": x.id, "name": x.name, "country": x.country, "sector": x.sector,
                 "kind": x.kind, "role": x.role}
                for x in self.actors
            ],
            "mentions": [
                {"span": spans_json(m.span), "text": m.text, "actor": m.actor_id}
                for m in self.mentions
            ],
            "times": [
                {"span": spans_json(t.span), "text": t.text, "type": t.type, "value": t.value}
                for t in self.times
            ],
            "places": [
                {"span": spans_json(p.span), "text": p.text, "geonameid": p.geonameid,
                 "name": p.name, "country": p.country, "lat": p.lat, "lon": p.lon,
                 "feature_code": p.feature_code}
                for p in self.places
            ],
            "quotes": [
                {"content": spans_json(q.content), "cue": spans_json(q.cue),
                 "speaker": spans_json(q.speaker), "speaker_actor": q.speaker_actor,
                 "kind": q.kind, "date": q.date}
                for q in self.quotes
            ],
            "events": [_event_json(e) for e in self.events],
        }  # fmt: skip


def _ref_json(r: ActorRef) -> dict[str, Any]:
    return {"actor": r.actor, "span": spans_json(r.span), "text": r.text}


def _event_json(e: Event) -> dict[str, Any]:
    return {
        "type": e.type, "mode": e.mode, "cameo": e.cameo,
        "source": [_ref_json(r) for r in e.source], "target": [_ref_json(r) for r in e.target],
        "evidence": spans_json(e.evidence), "trigger": spans_json(e.trigger),
        "date": e.date, "date_span": spans_json(e.date_span), "place": e.place,
        "fatalities": e.fatalities, "troops": e.troops, "negated": e.negated,
        "modality": e.modality, "confidence": round(e.confidence, 3), "quote": e.quote,
    }  # fmt: skip


@dataclass(frozen=True)
class Skipped:
    """An input that yielded no article, and why: recorded, never fatal to a batch."""

    where: str  # file path, with ":line" for a JSONL record
    reason: str  # the coded message of the SitrepError
