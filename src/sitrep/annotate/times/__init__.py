"""The times annotator: time expressions with TimeML TIMEX3 values, the publication date an
undated article implies, and the date that governs a clause.

Extents come from ``spans`` (spaCy's DATE/TIME entities, trimmed and completed as TimeML
draws them), values from ``timex`` (anchored on the publication date, or on the narrative's
latest date for "a day later"), tense from ``syntax``. All of it reads the one parse.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from spacy.tokens import Doc, Span

from sitrep.annotate.base import Annotations
from sitrep.annotate.times import dates as cal
from sitrep.annotate.times import syntax as syn
from sitrep.annotate.times.parse import read
from sitrep.annotate.times.spans import Extent, find
from sitrep.annotate.times.timex import Context, normalise
from sitrep.model import Article, Spans, TimeRef
from sitrep.nlp import inside, overlaps
from sitrep.options import Options

# A month-day read with the year of the article's latest full date counts towards its
# publication date only when it falls at most this many days after that date: news reports
# the recent past, so "December 3" in a story whose only full date is "May 11, 2018" is far
# likelier December 2017 than a date seven months after the one the story pins down.
INFER_MAX_DAYS_AFTER = 183

# Types whose values name a calendar point that can date a clause.
DATING_TYPES = frozenset({"DATE", "TIME"})
# Where ``_extents`` keeps a parse's time extents (spaCy's per-doc scratch space).
EXTENTS_KEY = "sitrep.time_extents"


def annotate(doc: Doc, so_far: Annotations, options: Options) -> Mapping[str, Sequence[Any]]:
    """``{"times": [TimeRef, ...]}`` in text order, valued against the publication date."""
    return {"times": resolve(doc, so_far.article)}


def _extents(doc: Doc) -> list[Extent]:
    """The time extents of ``doc``, found once per parse: an undated article needs them first
    for ``infer_published`` and then for ``annotate``. Kept in the doc's own ``user_data``."""
    if EXTENTS_KEY not in doc.user_data:
        doc.user_data[EXTENTS_KEY] = find(doc)
    found: list[Extent] = doc.user_data[EXTENTS_KEY]
    return found


def resolve(doc: Doc, article: Article) -> list[TimeRef]:
    """Every time expression of ``doc`` with its TIMEX3 type and value.

    Values are computed in text order, so that each relative expression sees the dated ones
    before it; dates in page chrome (captions, headline) are not taken as the narrative's
    reference. Clock times then take the date their sentence names ("at 3 p.m. on Monday").
    """
    extents = _extents(doc)
    refs: list[str] = []
    found: list[tuple[Extent, Span | None, Context, TimeRef]] = []
    for e in extents:
        span = doc.char_span(e.start, e.end, alignment_mode="expand")
        ctx = Context(
            anchor=article.published, references=tuple(refs), label=e.label, rate=e.rate,
            tense=syn.tense(span) if span is not None else syn.UNKNOWN, year_hint=e.year_hint,
        )  # fmt: skip
        ref = _time_ref(e, ctx)
        if (
            ref.type in DATING_TYPES
            and cal.parse(ref.value)
            and not inside(ref.span, article.chrome)
        ):
            refs.append(ref.value or "")
        found.append((e, span, ctx, ref))
    return [_dated_clock(item, found) for item in found]


def _time_ref(e: Extent, ctx: Context) -> TimeRef:
    kind, value = normalise(list(e.tokens), ctx)
    return TimeRef(span=((e.start, e.end),), text=e.text, type=kind, value=value)


def _dated_clock(
    item: tuple[Extent, Span | None, Context, TimeRef],
    found: list[tuple[Extent, Span | None, Context, TimeRef]],
) -> TimeRef:
    """A TIME re-valued with the day its sentence names, when it names one ("at 3 p.m. on
    Monday"); only expressions that name a day themselves lend it, not other clock times."""
    e, span, ctx, ref = item
    if ref.type != "TIME" or span is None:
        return ref
    sent = span.sent
    days = [
        (r.value or "")[:10]
        for x, s, _, r in found
        if r is not ref and s is not None and s.sent == sent and _names_day(x, r.value)
    ]
    return _time_ref(e, replace(ctx, day=days[0])) if days else ref


def _names_day(e: Extent, value: str | None) -> bool:
    parsed = cal.parse(value)
    if parsed is None or parsed[1] != cal.DAY:
        return False
    p = read(list(e.tokens))
    return p.weekday is not None or p.month is not None or p.deictic is not None


@dataclass(frozen=True)
class _Dated:
    """A date the text states: a month-day, with its year when the text gives one, or a
    year alone (then ``month`` and ``day`` are None)."""

    month: int | None
    day: int | None
    year: int | None
    text: str
    future: bool


def infer_published(doc: Doc, article: Article) -> Article:
    """The article with ``published`` inferred from the dates its text gives (marked
    ``inferred``, with the reasoning in ``published_reason``), or unchanged when it gives none.

    The year comes from the latest full date ("March 3, 2016") outside future-tense clauses;
    month-days without a year take it; the publication date is the latest of these dated
    statements (a story is published on or after the last day it reports), ignoring those in
    the future tense and those implausibly long after the full date (``INFER_MAX_DAYS_AFTER``).
    When the text speaks of a later year than that ("in 2016" beside "October 3, 1863"), its
    full dates are history, not the news, and nothing is inferred.
    """
    stated = _stated_dates(doc)
    days = [s for s in stated if s.month is not None]
    full = [s for s in days if s.year is not None]
    past_full = [s for s in full if not s.future] or full
    if not past_full:
        return article
    source = max(past_full, key=lambda s: _as_date(s, s.year))
    year = source.year or 0
    limit = _as_date(source, year) + dt.timedelta(days=INFER_MAX_DAYS_AFTER)
    cands = [(_as_date(s, s.year or year), s) for s in days if not s.future]
    cands = [(d, s) for d, s in cands if d <= limit] or [(_as_date(source, year), source)]
    date, latest = max(cands, key=lambda c: c[0])
    if any(s.year > date.year for s in stated if s.year is not None and not s.future):
        return article
    reason = f"latest dated statement '{latest.text}' read as {date.isoformat()}"
    if latest is not source:
        reason += f", with the year of '{source.text}'"
    return replace(article, published=date, published_source="inferred", published_reason=reason)


def _stated_dates(doc: Doc) -> list[_Dated]:
    """The month-days and years the text states, each marked when its clause is future."""
    out: list[_Dated] = []
    for e in _extents(doc):
        p = read(list(e.tokens))
        month_day = p.month is not None and p.day is not None
        if month_day and not cal.is_date(p.year or 2000, p.month or 0, p.day or 0):
            continue
        if not month_day and (p.year is None or p.month is not None or p.unit is not None):
            continue
        span = doc.char_span(e.start, e.end, alignment_mode="expand")
        future = span is not None and syn.tense(span) == syn.FUTURE
        md = (p.month, p.day) if month_day else (None, None)
        out.append(_Dated(md[0], md[1], p.year, e.text, future))
    return out


def _as_date(s: _Dated, year: int | None) -> dt.date:
    """The statement's date in ``year`` (29 February falls back to the 28th off leap years)."""
    y, month, day = year or 2000, s.month or 1, s.day or 1
    return dt.date(y, month, day) if cal.is_date(y, month, day) else dt.date(y, month, 28)


def governing_date(
    doc: Doc, so_far: Annotations, start: int, end: int, skip: Spans = ()
) -> TimeRef | None:
    """The time expression that dates the clause at [start, end): a DATE in the same clause or
    sentence; None when the clause carries none (callers then fall back on the article date).

    First choice is a date attached in the tree to the clause's verb ("said on May 21") or
    lying inside the clause; then the date of its sentence nearest to it. A date in a
    relative clause dates that clause ("Ms Lee, who took office in May, said"), one in
    a thing's name dates the thing ("after the 2008 crisis, X said"), and
    dates within ``skip`` are not considered: a quote is not dated by what it talks about
    ("reported that a 2008 pickup crashed").
    """
    dates = [
        t
        for t in so_far.times
        if t.type in DATING_TYPES and _dates_a_day(t.value) and not overlaps(t.span, skip)
    ]
    if not dates:
        return None
    verb = syn.clause_verb(doc, start, end)
    zone: Spans = ((start, end),)
    clause = doc.char_span(start, end, alignment_mode="expand")
    spans = {t: doc.char_span(t.span[0][0], t.span[-1][1], alignment_mode="expand") for t in dates}
    owners = {
        t: syn.attachment_verb(span) if span is not None else None for t, span in spans.items()
    }
    dates = [
        t
        for t in dates
        if ((own := owners[t]) is None or own == verb or own.dep_ != syn.RELATIVE_DEP)
        and not _names_a_thing(spans[t])
    ]
    for t in dates:
        if (verb is not None and owners[t] == verb) or inside(t.span, zone):
            return t
    if clause is None or len(clause) == 0:
        return None
    sents: Spans = ((clause[0].sent.start_char, clause[-1].sent.end_char),)
    near = [t for t in dates if overlaps(t.span, sents)]
    return min(near, key=lambda t: _distance(t.span, start, end)) if near else None


def _names_a_thing(span: Span | None) -> bool:
    """A date that is part of a thing's name ("the 2008 crisis", "the 2016 campaign"): it
    dates that thing, not the clause."""
    if span is None:
        return False
    root = span.root
    return root.dep_ in syn.NAMING_DEPS and root.head.pos_ == syn.NOUN_POS and root.head not in span


def _dates_a_day(value: str | None) -> bool:
    """Values that say when (not PAST_REF or PRESENT_REF, which add nothing to the article's
    own date, nor a missing value)."""
    return bool(value) and not (value or "").endswith("_REF")


def _distance(spans: Spans, start: int, end: int) -> int:
    s, e = spans[0][0], spans[-1][1]
    return max(0, s - end, start - e)
