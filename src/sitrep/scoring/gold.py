"""sitrep-gold records (shared/data/FORMAT.md) as typed, validated dataclasses.

A gold file is checked whole when it is loaded, so a bad record is reported with its line
before any article is extracted, not after an hour of extraction.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sitrep.errors import E, SitrepError
from sitrep.model import PLOVER_TYPES, Spans
from sitrep.scoring import checks as c

LAYERS: tuple[str, ...] = ("quotes", "times", "places", "events", "actors")
# Article-level expectations a gold record may carry (the seed does), scored as bonus lines.
EXPECTED_KEYS: tuple[str, ...] = (
    "published_expected", "title_expected", "boilerplate_expected", "captions_expected",
)  # fmt: skip


@dataclass(frozen=True)
class GoldQuote:
    content: Spans
    cue: Spans | None
    speaker: Spans | None
    kind: str | None
    required: bool = True


@dataclass(frozen=True)
class GoldTime:
    span: Spans
    type: str | None
    value: str | None
    required: bool = True


@dataclass(frozen=True)
class GoldPlace:
    span: Spans
    geonameid: int | None
    lat: float | None
    lon: float | None
    required: bool = True


@dataclass(frozen=True)
class GoldActorRef:
    """One actor on a side of a gold event (``text`` may be ``None`` when only implied)."""

    text: str | None
    country: str | None
    sector: str | None


@dataclass(frozen=True)
class GoldEvent:
    type: str
    also_accept: tuple[str, ...]
    source: tuple[GoldActorRef, ...]
    target: tuple[GoldActorRef, ...]
    evidence: Spans | None
    required: bool = True


@dataclass(frozen=True)
class GoldActor:
    """An actor to resolve: at ``span``, or (no span) the whole record text as one phrase."""

    span: Spans | None
    text: str | None
    country: str | None
    sector: str | None
    required: bool = True


@dataclass(frozen=True)
class ArticleExpected:
    """The seed's extra keys: what the article-level fields should be (bonus lines)."""

    published_after: dt.date | None = None
    published_before: dt.date | None = None
    title: str | None = None
    boilerplate: tuple[str, ...] = ()
    captions: tuple[int, ...] = ()


@dataclass(frozen=True)
class GoldRecord:
    id: str
    text: str
    published: dt.date | None
    layers: tuple[str, ...]
    partial_layers: tuple[str, ...] = ()
    quotes: tuple[GoldQuote, ...] = ()
    times: tuple[GoldTime, ...] = ()
    places: tuple[GoldPlace, ...] = ()
    events: tuple[GoldEvent, ...] = ()
    actors: tuple[GoldActor, ...] = ()
    expected: ArticleExpected | None = None

    def scored(self) -> dict[str, bool]:
        """The layers to score, each with whether it is exhaustive (else partial)."""
        return {layer: layer in self.layers for layer in LAYERS if self.annotates(layer)}

    def annotates(self, layer: str) -> bool:
        return layer in self.layers or layer in self.partial_layers


def load_gold(path: Path) -> list[GoldRecord]:
    """Read a sitrep-gold JSONL file; raise ``SitrepError(E013)`` at the first bad record."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        raise SitrepError(E.E001, path=path) from None
    records: list[GoldRecord] = []
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            records.append(parse_record(json.loads(line)))
        except json.JSONDecodeError as exc:
            raise SitrepError(E.E013, path=path, line=number, reason=f"bad JSON: {exc}") from None
        except c.Invalid as exc:
            raise SitrepError(E.E013, path=path, line=number, reason=str(exc)) from None
    return records


def parse_record(obj: object) -> GoldRecord:
    """One gold record from its JSON object (raises ``checks.Invalid`` saying what is wrong)."""
    r = c.mapping(obj, "record")
    text = c.string(r.get("text"), "text")  # may be empty: evaluate() skips it with a note
    layers = _layers(r, "layers")
    partial = _layers(r, "partial_layers")
    if set(layers) & set(partial):
        raise c.Invalid(f"layers {sorted(set(layers) & set(partial))} are both full and partial")
    for layer in (*layers, *partial):
        if not isinstance(r.get(layer), list):
            raise c.Invalid(f"layer '{layer}' is annotated but has no '{layer}' list")
    n = len(text)
    return GoldRecord(
        id=c.string(r.get("id"), "id"), text=text,
        published=c.date_or_none(r.get("published"), "published"),
        layers=layers, partial_layers=partial,
        quotes=tuple(_quote(x, n) for x in c.items(r, "quotes")),
        times=tuple(_time(x, n) for x in c.items(r, "times")),
        places=tuple(_place(x, n) for x in c.items(r, "places")),
        events=tuple(_event(x, n) for x in c.items(r, "events")),
        actors=tuple(_actor(x, n) for x in c.items(r, "actors")),
        expected=_expected(r, text),
    )  # fmt: skip


def _layers(r: Mapping[str, Any], key: str) -> tuple[str, ...]:
    names = c.string_list(r.get(key, []), key)
    unknown = sorted(set(names) - set(LAYERS))
    if unknown:
        raise c.Invalid(f"unknown layer(s) {unknown} in '{key}' (known: {', '.join(LAYERS)})")
    return names


def _quote(x: Mapping[str, Any], n: int) -> GoldQuote:
    return GoldQuote(
        content=c.spans(x.get("content"), n, "quote content"),
        cue=c.spans_or_none(x.get("cue"), n, "quote cue"),
        speaker=c.spans_or_none(x.get("speaker"), n, "quote speaker"),
        kind=c.string_or_none(x.get("kind"), "quote kind"),
        required=c.flag(x.get("required", True), "required"),
    )


def _time(x: Mapping[str, Any], n: int) -> GoldTime:
    return GoldTime(
        span=c.spans(x.get("span"), n, "time span"),
        type=c.string_or_none(x.get("type"), "time type"),
        value=c.string_or_none(x.get("value"), "time value"),
        required=c.flag(x.get("required", True), "required"),
    )


def _place(x: Mapping[str, Any], n: int) -> GoldPlace:
    lat, lon = c.number_or_none(x.get("lat"), "lat"), c.number_or_none(x.get("lon"), "lon")
    if (lat is None) != (lon is None):
        raise c.Invalid("place has only one of 'lat' and 'lon'")
    return GoldPlace(
        span=c.spans(x.get("span"), n, "place span"),
        geonameid=c.integer_or_none(x.get("geonameid"), "geonameid"),
        lat=lat, lon=lon, required=c.flag(x.get("required", True), "required"),
    )  # fmt: skip


def _event_type(value: object, what: str) -> str:
    name = c.string(value, what)
    if name not in PLOVER_TYPES:
        raise c.Invalid(f"{what} '{name}' is not a PLOVER type")
    return name


def _side(value: object, what: str) -> tuple[GoldActorRef, ...]:
    return tuple(
        GoldActorRef(
            text=c.string_or_none(a.get("text"), f"{what} text"),
            country=c.string_or_none(a.get("country"), f"{what} country"),
            sector=c.string_or_none(a.get("sector"), f"{what} sector"),
        )
        for a in c.mappings(value if value is not None else [], what)
    )


def _event(x: Mapping[str, Any], n: int) -> GoldEvent:
    also = c.string_list(x.get("also_accept", []), "also_accept")
    return GoldEvent(
        type=_event_type(x.get("type"), "event type"),
        also_accept=tuple(_event_type(t, "also_accept type") for t in also),
        source=_side(x.get("source"), "event source"),
        target=_side(x.get("target"), "event target"),
        evidence=c.spans_or_none(x.get("evidence"), n, "event evidence"),
        required=c.flag(x.get("required", True), "required"),
    )


def _actor(x: Mapping[str, Any], n: int) -> GoldActor:
    return GoldActor(
        span=c.spans_or_none(x.get("span"), n, "actor span"),
        text=c.string_or_none(x.get("text"), "actor text"),
        country=c.string_or_none(x.get("country"), "actor country"),
        sector=c.string_or_none(x.get("sector"), "actor sector"),
        required=c.flag(x.get("required", True), "required"),
    )


def _expected(r: Mapping[str, Any], text: str) -> ArticleExpected | None:
    """The seed's article-level keys; captions are given by the offset where each one starts."""
    if not any(k in r for k in EXPECTED_KEYS):
        return None
    bounds = c.mapping(r.get("published_expected") or {}, "published_expected")
    boilerplate = c.string_list(r.get("boilerplate_expected", []), "boilerplate_expected")
    for piece in boilerplate:
        if piece not in text:
            raise c.Invalid(f"boilerplate_expected {piece!r} is not in the text")
    offsets = c.items_list(r.get("captions_expected", []), "captions_expected")
    captions = tuple(c.offset(v, len(text), "captions_expected") for v in offsets)
    return ArticleExpected(
        published_after=c.date_or_none(bounds.get("after"), "published_expected.after"),
        published_before=c.date_or_none(bounds.get("before"), "published_expected.before"),
        title=c.string_or_none(r.get("title_expected"), "title_expected"),
        boilerplate=boilerplate, captions=captions,
    )  # fmt: skip
