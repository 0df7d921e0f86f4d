"""A readable summary of Extractions for a person (``--format table``)."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from sitrep.model import ActorRef, Extraction, Place, span_text


def clip(text: str, width: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _actor_label(x: Extraction, actor_id: str | None, fallback: str) -> str:
    actor = x.actor(actor_id)
    if actor is None:
        return fallback
    tags = "/".join(t for t in (actor.country, actor.sector) if t)
    return f"{actor.name} ({tags})" if tags else actor.name


def _refs(x: Extraction, refs: tuple[ActorRef, ...]) -> str:
    return "; ".join(_actor_label(x, r.actor, r.text) for r in refs) or "-"


def _places_by_id(x: Extraction) -> list[list[Place]]:
    """Place mentions grouped by what they resolve to (unresolved ones by their text), in the
    order of first mention: a person reads "Syria x17", not seventeen rows."""
    groups: dict[object, list[Place]] = {}
    for p in x.places:
        groups.setdefault(p.geonameid or p.text, []).append(p)
    return list(groups.values())


def render(x: Extraction, console: Console) -> None:
    """Print one article: header, then actors, times, places, quotes and events as tables."""
    a = x.article
    pub = f"{a.published} ({a.published_source})" if a.published else "unknown"
    console.rule(f"[bold]{a.title or a.id}")
    console.print(f"id {a.id}  published {pub}  source {a.source or '-'}")
    if a.published_reason:
        console.print(f"[dim]published: {a.published_reason}")

    t = Table("actor", "country", "sector", "kind", "role", "mentions", title="Actors")
    for actor in x.actors:
        n = sum(1 for m in x.mentions if m.actor_id == actor.id)
        t.add_row(actor.name, actor.country or "-", actor.sector or "-", actor.kind,
                  actor.role or "-", str(n))  # fmt: skip
    console.print(t)

    t = Table("text", "type", "value", title="Times")
    for tm in x.times:
        t.add_row(tm.text, tm.type, tm.value or "-")
    console.print(t)

    t = Table("place", "geonameid", "country", "lat, lon", "mentions", "as written",
              title="Places")  # fmt: skip
    for group in _places_by_id(x):
        p = group[0]
        coords = f"{p.lat:.2f}, {p.lon:.2f}" if p.lat is not None and p.lon is not None else "-"
        written = ", ".join(sorted({q.text for q in group}))
        t.add_row(p.name or p.text, str(p.geonameid or "-"), p.country or "-", coords,
                  str(len(group)), clip(written, 40))  # fmt: skip
    console.print(t)

    t = Table("speaker", "cue", "kind", "date", "content", title="Quotes")
    for q in x.quotes:
        speaker = span_text(a.text, q.speaker) if q.speaker else "-"
        t.add_row(_actor_label(x, q.speaker_actor, speaker), span_text(a.text, q.cue or ()),
                  q.kind, q.date or "-", clip(span_text(a.text, q.content)))  # fmt: skip
    console.print(t)

    t = Table("type", "mode", "source", "target", "date", "place", "flags", "evidence",
              title="Events")  # fmt: skip
    for e in x.events:
        flags = ", ".join(f for f in ("negated" if e.negated else "", e.modality) if f)
        if e.fatalities is not None:
            flags += f", fatalities>={e.fatalities}"
        t.add_row(e.type, e.mode or "-", _refs(x, e.source), _refs(x, e.target), e.date or "-",
                  str(e.place or "-"), flags, clip(span_text(a.text, e.evidence), 60))  # fmt: skip
    console.print(t)
