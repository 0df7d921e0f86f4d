"""Reads the words of one time expression into its parts (a number, a unit, a month, a day,
a year, a weekday, a shift word, ...), the first half of normalising it. ``timex`` then decides
from the parts which TIMEX3 type and value the expression has.

The reader is lenient: words it does not know are ignored, so "the close of the month" reads
as "the month" and "late spring" as "spring", as TimeML puts such modifiers in the ``mod``
attribute and leaves the value alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from sitrep.annotate.times.words import TimeWords, Unit, words

Direction = Literal["ago", "later", "earlier", "ahead"]

APOSTROPHES = ("'", "\u2019")
# The indefinite article counts one ("a month"); "a half" is 0.5; after a quantity, these
# words make a unit a rate ("$5 million a year", "20 tonnes per day").
ARTICLES = frozenset({"a", "an"})
RATE_ARTICLES = ARTICLES | {"per"}
HALF = "half"
_YEAR = re.compile(r"^(1\d|20)\d\d$")
_DECADE = re.compile(r"^(?:mid-)?(?:(\d{3})0|'?(\d)0)s$")
_TWO_DIGIT = re.compile(r"^\d\d$")
_CLOCK = re.compile(r"^(\d{1,2})[:.](\d\d)$")
_CLOCK_MERIDIEM = re.compile(r"^(\d{1,2})(?::(\d\d))?(am|pm|a\.m\.|p\.m\.)$")
_ORDINAL = re.compile(r"^(\d{1,2})(?:st|nd|rd|th)$")
_NUMBER = re.compile(r"^\d{1,3}(?:,\d{3})*(?:\.\d+)?$|^\d+(?:\.\d+)?$")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_SLASH_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})$")


@dataclass
class Parts:
    """What the words of one expression say, before any date arithmetic."""

    number: float | None = None
    article: bool = False  # the number is only "a"/"an", which a later number replaces
    vague: bool = False
    unit: Unit | None = None
    plural: bool = False
    month: int | None = None
    day: int | None = None
    year: int | None = None
    decade: int | None = None
    century: int | None = None
    quarter: int | None = None
    weekday: int | None = None
    season: str | None = None
    part: str | None = None
    clock: str | None = None
    deictic: int | None = None
    anchor_shift: int | None = None
    ref_shift: int | None = None
    period: bool = False
    nth: bool = False
    direction: Direction | None = None
    the: bool = False
    recurring: bool = False
    set_value: str | None = None


def read(tokens: list[str]) -> Parts:
    """The parts of an expression given as lower-cased tokens."""
    w = words()
    p = Parts()
    holiday = w.holidays.get(" ".join(tokens).replace(" 's", "'s").removeprefix("the "))
    if holiday is not None:
        p.month, p.day = holiday
        return p
    if _numeric_date(tokens, p):
        return p
    pending_ordinal: int | None = None
    i = 0
    while i < len(tokens):
        meridiem = tokens[i] in w.ante_meridiem or tokens[i] in w.post_meridiem
        tok = tokens[i] if meridiem else _unprefixed(tokens[i].rstrip("."), w)
        nxt = tokens[i + 1] if i + 1 < len(tokens) else ""
        ordinal = _ordinal(tok, nxt, w)
        if ordinal is not None:
            pending_ordinal = _place_ordinal(ordinal, nxt, p, w)
        elif _clock(tok, nxt, p, w) or _calendar(tok, p, w):
            pass
        elif tok in w.number_words or tok in w.number_multipliers or _NUMBER.match(tok):
            i = _number(tokens, i, p, w)
            continue
        else:
            _modifier(tok, p, w)
        i += 1
    if pending_ordinal is not None and p.month and p.day is None:
        p.day = pending_ordinal
    _months_take_days(p)
    return p


def _unprefixed(tok: str, w: TimeWords) -> str:
    """A year without its glued prefix ("mid-2010" -> "2010"): the modifier is TimeML's
    ``mod``, not part of the value."""
    for prefix in w.strip_prefixes:
        if tok.startswith(prefix) and len(tok) > len(prefix):
            return tok[len(prefix) :]
    return tok


def is_numeric_date(tokens: list[str]) -> bool:
    """True for an all-digit date ("2016-03-03", "3/14/2015"), which is no range."""
    return _numeric_date(tokens, Parts())


def _numeric_date(tokens: list[str], p: Parts) -> bool:
    """All-digit forms: "2016-03-03", "3/14/2015" (month first, as in US news, unless the
    first number cannot be a month)."""
    joined = "".join(tokens)
    iso = _ISO_DATE.match(joined)
    slash = _SLASH_DATE.match(joined)
    if iso:
        p.year, p.month, p.day = int(iso[1]), int(iso[2]), int(iso[3])
    elif slash:
        a, b, year = int(slash[1]), int(slash[2]), int(slash[3])
        p.month, p.day = (b, a) if a > 12 else (a, b)
        p.year = year + 2000 if year < 100 else year
    return bool(iso or slash)


def _ordinal(tok: str, nxt: str, w: TimeWords) -> int | None:
    m = _ORDINAL.match(tok)
    if m:
        return int(m[1])
    if tok in w.ordinal_words and not (tok == "second" and nxt not in w.units):
        return w.ordinal_words[tok]
    return None


def _place_ordinal(n: int, nxt: str, p: Parts, w: TimeWords) -> int | None:
    """An ordinal names a century or quarter before those words, else a day of the month."""
    unit = w.units.get(nxt)
    if unit is not None and unit.granularity == "century":
        p.century = n - 1
    elif unit is not None and unit.granularity == "quarter" and 1 <= n <= 4:
        p.quarter = n
    elif unit is not None or nxt in w.weekdays:
        p.nth = True  # "the first week", "the fourth Thursday": no value without more context
    elif 1 <= n <= 31:
        if p.month is not None and p.day is None:
            p.day = n
            return None
        return n
    return None


def _clock(tok: str, nxt: str, p: Parts, w: TimeWords) -> bool:
    """Clock times: "15:00", "8:30 a.m.", "8 PM", "3pm", "noon"."""
    if tok in w.clock_words:
        p.clock = w.clock_words[tok]
        return True
    glued = _CLOCK_MERIDIEM.match(tok)
    colon = _CLOCK.match(tok)
    meridiem = nxt if nxt in w.ante_meridiem or nxt in w.post_meridiem else ""
    if glued:
        hour, minute, meridiem = int(glued[1]), int(glued[2] or 0), glued[3]
    elif colon:
        hour, minute = int(colon[1]), int(colon[2])
    elif tok.isdigit() and meridiem:
        hour, minute = int(tok), 0
    else:
        return False
    if hour > 24 or minute > 59:
        return False
    if meridiem.startswith("p") and hour < 12:
        hour += 12
    elif meridiem.startswith("a") and hour == 12:
        hour = 0
    p.clock = f"{hour:02d}:{minute:02d}"
    return True


def _calendar(tok: str, p: Parts, w: TimeWords) -> bool:
    """Names of calendar points: months, weekdays, seasons, parts of day, years, decades."""
    decade = _DECADE.match(tok)
    if tok in w.months and p.month is None:
        p.month = w.months[tok]
    elif tok in w.weekdays:
        p.weekday = w.weekdays[tok]
    elif tok in w.seasons:
        p.season = w.seasons[tok]
    elif tok in w.deictic_days:
        p.deictic, part = w.deictic_days[tok]
        p.part = part or p.part
    elif tok in w.parts_of_day:
        p.part = w.parts_of_day[tok]
    elif _YEAR.match(tok) and p.year is None:
        p.year = int(tok)
    elif decade:
        p.decade = int(decade[1]) if decade[1] else 190 + int(decade[2])
    elif tok in w.set_adverbs:
        p.set_value = w.set_adverbs[tok]
    else:
        return False
    return True


def _number(tokens: list[str], i: int, p: Parts, w: TimeWords) -> int:
    """Reads a number ("48", "1,000", "twenty-five", "two hundred", "a", "a half") starting
    at ``tokens[i]``; returns the index after it. A number right after a month is its day; a
    two-digit number after an apostrophe or a year is a year ("'58", "1957-58")."""
    tok = tokens[i]
    if _NUMBER.match(tok):
        value = float(tok.replace(",", ""))
        if p.month is not None and p.day is None and value.is_integer() and 1 <= value <= 31:
            p.day = int(value)
        elif _TWO_DIGIT.match(tok) and ((i and tokens[i - 1] in APOSTROPHES) or p.year):
            p.year = _complete_year(int(tok), p.year)
        elif p.number is None or p.article:
            p.number, p.article = value, False  # "a mere 24 hours"
        while i + 1 < len(tokens) and tokens[i + 1] in w.number_multipliers:
            i += 1  # "66 million years": the multiplier scales the digits before it
            if p.number is not None:
                p.number *= float(w.number_multipliers[tokens[i]])
        return i + 1
    start = i
    value, i = _word_number(tokens, i, w)
    article = i == start + 1 and tokens[start] in ARTICLES
    if value == 0.5 and p.number is not None:
        p.number += 0.5  # "two and a half years", "a year and a half"
    elif p.number is None or (p.article and not article):
        p.number, p.article = value, article
    return i


def _word_number(tokens: list[str], i: int, w: TimeWords) -> tuple[float, int]:
    """A number written in words, and the index after it; "a half" is 0.5."""
    value = 0.0
    while i < len(tokens) and (tokens[i] in w.number_words or tokens[i] in w.number_multipliers):
        t = tokens[i]
        if t in w.number_multipliers:
            value = max(value, 1) * w.number_multipliers[t]
        elif t in ARTICLES and value:
            break
        else:
            value += w.number_words[t]
        i += 1
        if i < len(tokens) - 1 and tokens[i] == "-" and tokens[i + 1] in w.number_words:
            i += 1
    if i < len(tokens) and tokens[i] == HALF and tokens[i - 1] in ARTICLES:
        return 0.5, i + 1
    return value, i


def _complete_year(two: int, first: int | None) -> int:
    """A two-digit year: in the century of the year it follows ("1957-58"), else the 1900s
    for 30-99 and the 2000s below (as "'58" and "'09" are written in news)."""
    if first is not None:
        return first // 100 * 100 + two
    return 1900 + two if two >= 30 else 2000 + two


def _modifier(tok: str, p: Parts, w: TimeWords) -> None:
    """Words that qualify the expression: units, shifts, directions, quantifiers."""
    if tok in w.units and p.unit is None:
        p.unit = w.units[tok]
        p.plural = tok.endswith("s") and tok != p.unit.name
    elif tok == HALF:
        p.number = 0.5 if p.number is None else p.number + 0.5
    elif tok in w.vague_quantities:
        p.vague = True
    elif tok in w.definite_words:
        p.the = True
    elif tok in w.set_quantifiers or tok in w.frequency_words:
        p.recurring = True  # "every week", "twice a week"
    elif p.direction is None and p.unit is not None and _direction(tok, w):
        p.direction = _direction(tok, w)
    if p.the and tok in w.reference_shift and p.ref_shift is None:
        p.ref_shift = w.reference_shift[tok]
    elif tok in w.anchor_shift and p.anchor_shift is None:
        p.anchor_shift = w.anchor_shift[tok]
    if tok in w.period_words:
        p.period = True


def _direction(tok: str, w: TimeWords) -> Direction | None:
    if tok in w.ago_words:
        return "ago"
    if tok in w.later_words:
        return "later"
    if tok in w.earlier_words:
        return "earlier"
    return "ahead" if tok in w.ahead_words else None


def _months_take_days(p: Parts) -> None:
    """A number read before its month ("5 June") is the month's day."""
    n = p.number
    day_like = n is not None and n.is_integer() and 1 <= n <= 31
    if p.month is not None and p.day is None and p.unit is None and n is not None and day_like:
        p.day, p.number = int(n), None
