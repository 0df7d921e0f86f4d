"""Finds the extents of time expressions in a parsed article, as TimeML draws them.

Candidates are spaCy's DATE and TIME entities, the Matcher patterns of ``time_words.yaml``
for what the tagger often misses ("now", "currently", "the next day"), bare years after a
preposition ("from 2001 to 2005") and rates ("$5m a year"). Each is then trimmed (leading
prepositions and approximators: "on May 21" -> "May 21", "about a week" -> "a week"),
extended over a determiner spaCy left out ("This year's" -> "This year"), cut before a
comparative ("a week earlier than planned" -> "a week"), split where spaCy glued a range or a
list ("2009-2010", "March 3 and April 5"), and dropped when it is an age ("22-year-old") or
names no time at all (a bare "48").
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from functools import cache

from spacy.matcher import Matcher
from spacy.tokens import Doc, Span
from spacy.vocab import Vocab

from sitrep.annotate.times.parse import RATE_ARTICLES, Parts, is_numeric_date, read
from sitrep.annotate.times.words import words

# spaCy entity labels that are time expressions.
TIME_LABELS = frozenset({"DATE", "TIME"})
# Entity labels a year-like number may carry when spaCy missed it as a date.
YEARISH_LABELS = frozenset({"", "DATE", "CARDINAL"})
# Entity labels of amounts that "a year" after them makes a rate ("$5 million a year").
AMOUNT_LABELS = frozenset({"MONEY", "QUANTITY", "PERCENT"})
# Parts of speech of a noun after a year-like number, which make it a count ("2000 people").
NOUN_POS = frozenset({"NOUN", "PROPN"})
# The word after "earlier"/"later" that makes them a comparison, not a date ("earlier than").
THAN = "than"
# Dependency label of a number counting a noun ("100,000 barrels").
NUMMOD_DEP = "nummod"
# What may stand between a month and the year that completes it ("a March day in 2016").
YEAR_LINKS = frozenset({"", "in", "of"})
_YEAR_TOKEN = re.compile(r"^(1[5-9]|20)\d\d$")
_YEAR_RANGE_TOKEN = re.compile(r"^((?:1[5-9]|20)\d\d)[-\u2013]((?:1[5-9]|20)?\d\d)$")


@dataclass(frozen=True)
class Extent:
    """One time expression: character offsets, spaCy label, lower-cased words, and what the
    normaliser needs from around it (the year of the other half of a range; a rate)."""

    start: int
    end: int
    text: str
    label: str
    tokens: tuple[str, ...]
    year_hint: int | None = None
    rate: bool = False


@cache
def _matcher(vocab: Vocab) -> Matcher:
    matcher = Matcher(vocab)
    matcher.add("TIMEX", list(words().extra_patterns))
    holidays = [[{"LOWER": t} for t in h.replace("'s", " 's").split()] for h in words().holidays]
    matcher.add("HOLIDAY", holidays)
    return matcher


def find(doc: Doc) -> list[Extent]:
    """Every time expression of ``doc``, in text order, without overlaps."""
    spans = [_trim(s) for s in _candidates(doc)]
    kept: list[Span] = []
    for span in sorted((s for s in spans if s is not None), key=lambda s: (-len(s), s.start)):
        if all(span.end <= k.start or k.end <= span.start for k in kept):
            kept.append(span)
    out: list[Extent] = []
    for span in sorted(kept, key=lambda s: s.start):
        out.extend(e for e in _split(span) if _keep(doc, e))
    return _lend_years(doc.text, out)


def _lend_years(text: str, extents: list[Extent]) -> list[Extent]:
    """A month without a year takes the bare year right after it ("that January day in
    2011", "June of 2010"), which spaCy tags as a separate entity."""
    out = list(extents)
    for i in range(len(out) - 1):
        here, there = out[i], out[i + 1]
        between = text[here.end : there.start].strip(" ,").lower()
        if between in YEAR_LINKS and here.year_hint is None:
            month, year = read(list(here.tokens)), read(list(there.tokens))
            bare_year = year.year is not None and year.month is None and year.unit is None
            if month.month is not None and month.year is None and bare_year:
                out[i] = _with_hint(here, year.year)
    return out


def _candidates(doc: Doc) -> Iterator[Span]:
    ents = [e for e in doc.ents if e.label_ in TIME_LABELS]
    for i, ent in enumerate(ents):
        nxt = ents[i + 1] if i + 1 < len(ents) else None
        if nxt is not None and nxt.start == ent.end and ent.label_ != nxt.label_:
            yield doc[ent.start : nxt.end]  # "Tuesday" + "morning", "15:00 GMT" + "Saturday"
        yield ent
    for _, start, end in _matcher(doc.vocab)(doc):
        yield doc[start:end]
    yield from _bare_years(doc)
    yield from _rates(doc)


def _bare_years(doc: Doc) -> Iterator[Span]:
    """Years after a preposition that spaCy left untagged ("from 2001 to 2005"), unless a
    noun follows ("from 1500 to 2000 people")."""
    w = words()
    for tok in doc[1:]:
        if not (_YEAR_TOKEN.match(tok.text) or _YEAR_RANGE_TOKEN.match(tok.text)):
            continue
        after = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
        if (
            tok.ent_type_ in YEARISH_LABELS
            and doc[tok.i - 1].lower_ in w.year_prepositions
            and (after is None or after.pos_ not in NOUN_POS)
        ):
            yield doc[tok.i : tok.i + 1]


def _rates(doc: Doc) -> Iterator[Span]:
    """Rates: "a year" after a quantity ("$5 million a year", "twice a day")."""
    for tok in doc[1:-1]:
        if tok.lower_ not in RATE_ARTICLES:
            continue
        if doc[tok.i + 1].lower_ in words().units and _after_quantity(doc, tok.i):
            yield doc[tok.i : tok.i + 2]


def _after_quantity(doc: Doc, i: int) -> bool:
    """True after an amount: a number that is no day of a date ("June 3 a day of ..."),
    money, a frequency word ("twice"), or a counted noun ("100,000 barrels a day")."""
    prev = doc[i - 1]
    if prev.like_num:
        return prev.ent_type_ not in TIME_LABELS
    counted = any(c.dep_ == NUMMOD_DEP and c.like_num for c in prev.children)
    return prev.ent_type_ in AMOUNT_LABELS or prev.lower_ in words().frequency_words or counted


def _trim(span: Span) -> Span | None:
    """TimeML's extent: without leading prepositions and approximators, trailing punctuation
    and possessives, or a comparative's "earlier than"; with a determiner spaCy left out."""
    doc, w = span.doc, words()
    start, end = span.start, span.end
    moved = True
    while moved and start < end:
        moved = False
        for phrase in w.trim_leading:
            n = len(phrase)
            if start + n < end and tuple(t.lower_ for t in doc[start : start + n]) == phrase:
                start, moved = start + n, True
                break
    while end > start and (doc[end - 1].is_punct or doc[end - 1].tag_ == "POS"):
        end -= 1
    for phrase in w.extend_right:
        if tuple(t.lower_ for t in doc[end : end + len(phrase)]) == phrase:
            end += len(phrase)
            break
    comparative = w.later_words | w.earlier_words
    for tok in doc[start:end]:
        if tok.lower_ in comparative and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == THAN:
            end = tok.i
            break
    while (
        start > 0
        and doc[start - 1].lower_ in w.extend_left
        and w.is_calendar_word(doc[start].lower_)
    ):
        start -= 1
    return doc[start:end] if start < end else None


def _split(span: Span) -> list[Extent]:
    """One extent per expression where spaCy glued several together: ranges and lists of
    dates ("2009-2010", "March 3 and April 5, 2012", "1957-58"). The halves lend each other
    their year ("March 3" takes 2012; "58" is 1958)."""
    token_range = _YEAR_RANGE_TOKEN.match(span.text)
    if token_range:
        first, second = token_range[1], token_range[2]
        cut = span.start_char + len(first) + 1
        return [
            Extent(span.start_char, span.start_char + len(first), first, "DATE", (first,)),
            Extent(cut, span.end_char, second, "DATE", (second,), year_hint=int(first)),
        ]
    toks = [t.lower_ for t in span]
    if is_numeric_date(toks):
        return [_extent(span)]
    for k in range(1, len(toks) - 1):
        if toks[k] not in words().range_connectors:
            continue
        left, right = read(toks[:k]), read(toks[k + 1 :])
        if _separable(left, right, toks[k]):
            rest = [_with_hint(e, left.year) for e in _split(span[k + 1 :])]
            return [_extent(span[:k], year_hint=right.year), *rest]
    return [_extent(span)]


def _with_hint(e: Extent, year: int | None) -> Extent:
    return replace(e, year_hint=e.year_hint or year)


def _separable(left: Parts, right: Parts, connector: str) -> bool:
    """Two expressions, not one: both name a time, the right is not just the year of a
    month-day ("May 21, 2018") and the left not just the weekday of a date ("Friday, May 3")."""
    if not names_time(left):
        return False
    two_digit_year = right.number is not None and left.year is not None and right.unit is None
    if not (names_time(right) or two_digit_year):
        return False
    bare_year = right.year is not None and right.month is None and right.unit is None
    if bare_year and left.month is not None and left.year is None:
        return False
    weekday_only = left.weekday is not None and left.month is None and left.year is None
    return not (weekday_only and connector == ",")


def names_time(p: Parts) -> bool:
    """True when the parts name some time (a unit, a calendar name, a year, a clock time)."""
    return any(
        x is not None
        for x in (p.unit, p.month, p.year, p.decade, p.century, p.weekday, p.season, p.part,
                  p.clock, p.deictic, p.set_value, p.quarter)
    )  # fmt: skip


def _extent(span: Span, year_hint: int | None = None) -> Extent:
    doc = span.doc
    rate = span.start > 0 and span[0].lower_ in RATE_ARTICLES and _after_quantity(doc, span.start)
    label = "TIME" if any(t.ent_type_ == "TIME" for t in span) else "DATE"
    tokens = tuple(t.lower_ for t in span)
    return Extent(span.start_char, span.end_char, span.text, label, tokens, year_hint, rate)


def _keep(doc: Doc, e: Extent) -> bool:
    """Drop ages ("a 22-year-old", "aged 65", "ages 12 and up") and extents that name
    no time (spaCy tags a bare "48" after a name as a DATE)."""
    w = words()
    span = doc.char_span(e.start, e.end, alignment_mode="expand")
    if span is not None:
        before = doc[span.start - 1].lower_ if span.start else ""
        after = doc[span.end].lower_ if span.end < len(doc) else ""
        if before in w.age_words or after in w.age_words or set(e.tokens) & w.age_words:
            return False
    if " ".join(e.tokens) in w.vague_refs:
        return True
    parts = read(list(e.tokens))
    return names_time(parts) or (e.year_hint is not None and parts.number is not None)
