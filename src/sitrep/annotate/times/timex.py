"""Normalises one time expression to its TimeML TIMEX3 type and value.

``normalise(tokens, ctx)`` reads the words (``parse``) and tries the rules below in
order: fixed vague values, sets, clock times, calendar dates, weekdays, seasons, relative
dates, durations. Relative expressions are resolved against the article's publication date
(``ctx.anchor``: "yesterday", "last week", "two days ago") or against the narrative's latest
dated expression (``ctx.references``: "a day later", "the next day"), as TimeML prescribes.
Without an anchor, values are partial ("XXXX-05-17") or None where nothing can be said.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from sitrep.annotate.times import dates as cal
from sitrep.annotate.times.parse import RATE_ARTICLES, Parts, read
from sitrep.annotate.times.words import Unit, words
from sitrep.model import TimeType

Timex = tuple[TimeType, str | None]


@dataclass(frozen=True)
class Context:
    """What the words of an expression need from around it to get a value.

    ``tense``: -1 when its clause is in the past, 1 in the future, 0 when unknown (then the
    nearest occurrence of "June" or "Friday" is meant). ``references``: values of the dated
    expressions before it, latest last. ``rate``: it follows a quantity ("$5m a year").
    ``year_hint``: the year of the other half of a range ("1957-58"). ``day``: the date the
    sentence names, for a clock time that gives none.
    """

    anchor: dt.date | None = None
    references: tuple[str, ...] = ()
    tense: int = 0
    label: str = "DATE"
    rate: bool = False
    year_hint: int | None = None
    day: str | None = None


def normalise(tokens: list[str], ctx: Context) -> Timex:
    """The TIMEX3 type and value of an expression given as lower-cased tokens."""
    phrase = " ".join(tokens)
    fixed = words().vague_refs.get(phrase)
    if fixed is not None:
        return "DATE", fixed
    p = read(tokens)
    if p.number is not None and ctx.year_hint and _is_range_year(p):
        p.year, p.number = ctx.year_hint // 100 * 100 + int(p.number), None
    for rule in (_set, _time, _date, _relative, _duration):
        found = rule(p, ctx, tokens)
        if found is not None:
            return found
    return ("TIME" if ctx.label == "TIME" else "DATE"), None


def _is_range_year(p: Parts) -> bool:
    """A lone two-digit number, as in the second half of "1957-58"."""
    return p.unit is None and p.month is None and p.number is not None and 10 <= p.number < 100


def _set(p: Parts, ctx: Context, tokens: list[str]) -> Timex | None:
    """Recurring times: "daily", "every week", "each Monday", "twice a year", "$5m a year"."""
    if p.set_value:
        return "SET", p.set_value
    rate = ctx.rate and tokens[0] in RATE_ARTICLES
    if not (p.recurring or rate):
        return None
    if p.weekday is not None:
        return "SET", f"XXXX-WXX-{p.weekday}" + (f"T{p.part}" if p.part else "")
    if p.month is not None:
        return "SET", f"XXXX-{p.month:02d}"
    if p.season is not None:
        return "SET", f"XXXX-{p.season}"
    if p.unit is not None:
        return "SET", _period(p.unit, p.number or 1)
    if p.part is not None:
        return "SET", f"XXXX-XX-XXT{p.part}"
    return "SET", None


def _time(p: Parts, ctx: Context, tokens: list[str]) -> Timex | None:
    """Times of day: a clock time or a part of day on a day ("Friday morning", "tonight")."""
    dated = p.weekday is not None or p.deictic is not None or p.month is not None
    shifted = p.anchor_shift is not None or p.ref_shift is not None
    if not (p.clock or (p.part and (dated or shifted or ctx.label == "TIME"))):
        return None
    if p.unit is not None and p.number is not None:
        return None  # "two nights", "48 hours": durations
    day = _date(replace(p, clock=None, part=None), ctx, tokens)
    value = day[1] if day and day[1] and len(day[1]) == 10 else None
    if value is None and p.ref_shift is not None:
        base = _reference(ctx, cal.DAY)  # "the next morning"
        value = (base + dt.timedelta(days=p.ref_shift)).isoformat() if base else None
    if value is None and p.anchor_shift is not None and ctx.anchor:
        value = (ctx.anchor + dt.timedelta(days=p.anchor_shift)).isoformat()  # "last night"
    value = value or ctx.day or (ctx.anchor.isoformat() if ctx.anchor else "XXXX-XX-XX")
    return "TIME", f"{value}T{p.clock or p.part}"


def _date(p: Parts, ctx: Context, tokens: list[str]) -> Timex | None:
    """Calendar dates: centuries, decades, years, months, days, weekdays, seasons."""
    if p.century is not None:
        return "DATE", f"{p.century:02d}"
    if p.decade is not None:
        return "DATE", f"{p.decade:03d}"
    year = p.year or (ctx.year_hint if p.month or p.season else None)
    if year is not None:
        return "DATE", _with_year(p, year)
    if p.month is not None:
        return "DATE", _month(p.month, p, ctx)
    if p.weekday is not None:
        return "DATE", _weekday(p.weekday, p, ctx)
    if p.season is not None:
        return "DATE", _season(p.season, p, ctx)
    if p.deictic is not None:
        a = ctx.anchor
        return "DATE", (a + dt.timedelta(days=p.deictic)).isoformat() if a else None
    if p.quarter is not None:
        return "DATE", _quarter(p.quarter, ctx)
    return None


def _quarter(quarter: int, ctx: Context) -> str:
    """A quarter without a year: this year's, unless the tense puts it in the year before
    ("profit rose in the third quarter" said in May) or after."""
    a = ctx.anchor
    if a is None:
        return f"XXXX-Q{quarter}"
    first_month = 3 * quarter - 2
    year = a.year
    if ctx.tense < 0 and a.month < first_month:
        year -= 1
    elif ctx.tense > 0 and a.month > first_month + 2:
        year += 1
    return f"{year:04d}-Q{quarter}"


def _with_year(p: Parts, year: int) -> str | None:
    if p.month is not None and p.day is not None:
        if not cal.is_date(year, p.month, p.day):  # "February 30": no such day to write
            return None
        return f"{year:04d}-{p.month:02d}-{p.day:02d}"
    if p.month is not None:
        return f"{year:04d}-{p.month:02d}"
    if p.season is not None:
        return f"{year:04d}-{p.season}"
    if p.quarter is not None:
        return f"{year:04d}-Q{p.quarter}"
    return f"{year:04d}"


def _month(month: int, p: Parts, ctx: Context) -> str | None:
    """A month without a year: the occurrence the tense and shift words point at."""
    a = ctx.anchor
    if a is None:
        return f"XXXX-{month:02d}" + (f"-{p.day:02d}" if p.day else "")
    if p.day is not None:
        d = cal.month_day(month, p.day, a, ctx.tense)
        return d.isoformat() if d else None
    if p.anchor_shift == 0:
        return f"{a.year:04d}-{month:02d}"
    shift = p.anchor_shift
    first = cal.month(month, a, shift if shift else ctx.tense, strict=bool(shift))
    return cal.fmt(first, cal.MONTH) if first else None


def _weekday(weekday: int, p: Parts, ctx: Context) -> str | None:
    """A weekday: "Friday" (nearest, or as the tense says), "last/next/this Monday", or
    "the following Monday" from the narrative's date."""
    if p.nth:
        return None
    base, shift = ctx.anchor, p.anchor_shift
    if p.ref_shift is not None:
        base, shift = _reference(ctx, cal.DAY), p.ref_shift
    if base is None:
        return f"XXXX-WXX-{weekday}"
    if shift == 0:
        return cal.this_weekday(weekday, base).isoformat()
    d = cal.weekday(weekday, base, shift if shift else ctx.tense, strict=bool(shift))
    return d.isoformat() if d else None


def _season(season: str, p: Parts, ctx: Context) -> str | None:
    """A season without a year: "this winter", "last summer", or as the tense says."""
    a = ctx.anchor
    if a is None:
        return f"XXXX-{season}"
    start = words().season_start_month[season]
    if p.anchor_shift == 0:
        # "this winter" said in January began the year before (a season is named by the
        # year it starts in).
        here, last = a.year * 12 + a.month - 1, (a.year - 1) * 12 + start - 1
        year = a.year - 1 if last <= here < last + 3 else a.year
    else:
        shift = p.anchor_shift
        found = cal.season(start, a, shift if shift else ctx.tense, strict=bool(shift))
        if found is None:
            return None
        year = found
    return f"{year:04d}-{season}"


def _relative(p: Parts, ctx: Context, tokens: list[str]) -> Timex | None:
    """Dates counted in units: from publication ("two days ago", "last week", "this year")
    or from the narrative ("a day later", "the next day", "the day before")."""
    unit = p.unit
    if unit is None or p.set_value or (p.period and (p.number or p.plural)):
        return None
    countable = p.number is not None or not (p.plural or p.vague)
    n = p.number if p.number is not None else 1.0
    if p.direction in ("ago", "ahead"):
        if not countable:
            return "DATE", "PAST_REF" if p.direction == "ago" else "FUTURE_REF"
        sign = -1 if p.direction == "ago" else 1
        return "DATE", _shifted(ctx.anchor, sign * n, unit)
    if p.direction in ("later", "earlier"):
        sign = -1 if p.direction == "earlier" else 1
        base = _reference(ctx, unit.granularity)
        return "DATE", _shifted(base, sign * n, unit) if countable else None
    if p.number is not None or p.plural or p.vague or p.nth:
        return ("DATE", None) if p.nth else None
    if p.ref_shift is not None:
        return "DATE", _shifted(_reference(ctx, unit.granularity), p.ref_shift, unit)
    if p.anchor_shift is not None:
        return "DATE", _shifted(ctx.anchor, p.anchor_shift, unit)
    if p.the and not p.period:
        # "the day" is the narrative's day, and so is "the year" in a past narrative ("in
        # 2009 sales fell through most of the year"); otherwise "the week" and "the year" are
        # the current ones ("talks resume later in the week").
        narrative = unit.granularity == cal.DAY or ctx.tense < 0
        base = _reference(ctx, unit.granularity) if narrative else ctx.anchor
        return "DATE", _shifted(base, 0, unit)
    return None


def _shifted(base: dt.date | None, n: float, unit: Unit) -> str | None:
    """``base`` moved by ``n`` units; beyond the calendar ("10,000 years ago") the vague
    PAST_REF/FUTURE_REF is all TimeML can say."""
    if base is None:
        return None
    try:
        return cal.fmt(cal.shift(base, n, unit), unit.granularity)
    except (ValueError, OverflowError):
        return "PAST_REF" if n < 0 else "FUTURE_REF"


def _reference(ctx: Context, granularity: str) -> dt.date | None:
    """The narrative's date for a relative expression: the latest preceding dated expression
    at least as fine as the unit counted ("a day later" needs a day), else publication."""
    for value in reversed(ctx.references):
        parsed = cal.parse(value)
        if parsed and cal.FINENESS[parsed[1]] <= cal.FINENESS.get(granularity, 0):
            return parsed[0]
    return ctx.anchor


def _duration(p: Parts, ctx: Context, tokens: list[str]) -> Timex | None:
    """Lengths of time: "a month", "three years", "48 hours", "several days", "recent weeks"."""
    if p.unit is None or (p.number is None and not (p.plural or p.vague or p.period)):
        return None  # a bare "day" or "Thanksgiving Day" is no length of time
    if p.vague or (p.number is None and p.plural):
        return "DURATION", "P" + ("T" if p.unit.time else "") + "X" + p.unit.vague
    return "DURATION", _period(p.unit, p.number if p.number is not None else 1.0)


def _period(unit: Unit, n: float) -> str:
    """A TIMEX3 duration; a fraction is written in the next smaller unit when that makes it
    whole ("half an hour" -> PT30M, "a year and a half" -> P18M), as TimeML does."""
    amount, letter, time = n * unit.times, unit.letter, unit.time
    if not float(amount).is_integer() and unit.smaller is not None:
        per, letter, time = unit.smaller
        amount *= per
    text = str(int(amount)) if float(amount).is_integer() else f"{amount:g}"
    return "P" + ("T" if time else "") + text + letter
