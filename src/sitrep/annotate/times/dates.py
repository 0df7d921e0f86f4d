"""Calendar arithmetic behind TIMEX3 values: shifting a date by units, writing it at a
granularity ("2018-W19", "2018-Q2", "199"), reading a value back, and choosing which
occurrence of a cyclic name (a month, a weekday, a season, a month-day) a text means.

Everything here is pure and works on ``datetime.date``; the words live in ``words``.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Iterable

from sitrep.annotate.times.words import Unit

# Granularities a TIMEX3 date value can have, finest first.
DAY, WEEK, WEEKEND, MONTH, QUARTER, YEAR, DECADE, CENTURY = (
    "day", "week", "weekend", "month", "quarter", "year", "decade", "century",
)  # fmt: skip
FINENESS = {g: i for i, g in enumerate((DAY, WEEK, WEEKEND, MONTH, QUARTER, YEAR, DECADE, CENTURY))}

_VALUE = re.compile(
    r"^(?P<y>\d{4})(?:-(?:(?P<m>\d\d)(?:-(?P<d>\d\d))?|W(?P<w>\d\d)(?P<we>-WE)?|Q(?P<q>[1-4])))?"
    r"(?:T.*)?$"
)


def is_date(year: int, month: int, day: int) -> bool:
    """True when the calendar has that day (no 30 February, no month 13)."""
    try:
        dt.date(year, month, day)
    except ValueError:
        return False
    return True


def add_months(d: dt.date, months: int) -> dt.date:
    """``d`` moved by whole months, the day clamped to the target month's length."""
    y, m = divmod(d.month - 1 + months, 12)
    year, month = d.year + y, m + 1
    return dt.date(year, month, min(d.day, calendar.monthrange(year, month)[1]))


def shift(d: dt.date, n: float, unit: Unit) -> dt.date:
    """``d`` moved by ``n`` units (negative: back). Calendar units move by months so that
    "a month ago" on 31 March is the end of February, not 3 March; hours round to days."""
    amount = n * unit.times
    if unit.letter in ("Y", "M", "Q"):
        per = {"Y": 12, "M": 1, "Q": 3}[unit.letter]
        return add_months(d, round(amount * per))
    per_day = {"W": 7.0, "WE": 7.0, "D": 1.0, "H": 1 / 24, "S": 1 / 86400}
    days = amount * (1 / 1440 if unit.time and unit.letter == "M" else per_day[unit.letter])
    return d + dt.timedelta(days=round(days))


def fmt(d: dt.date, granularity: str) -> str:
    """The TIMEX3 value of ``d`` written at ``granularity``."""
    if granularity in (WEEK, WEEKEND):
        year, week, _ = d.isocalendar()
        return f"{year:04d}-W{week:02d}" + ("-WE" if granularity == WEEKEND else "")
    if granularity == MONTH:
        return f"{d.year:04d}-{d.month:02d}"
    if granularity == QUARTER:
        return f"{d.year:04d}-Q{(d.month - 1) // 3 + 1}"
    if granularity == YEAR:
        return f"{d.year:04d}"
    if granularity == DECADE:
        return f"{d.year // 10:03d}"
    if granularity == CENTURY:
        return f"{d.year // 100:02d}"
    return d.isoformat()


def parse(value: str | None) -> tuple[dt.date, str] | None:
    """A TIMEX3 date value read back as (first day it covers, granularity); None for values
    that name no calendar point (durations, PAST_REF, partial "XXXX-05-17")."""
    m = _VALUE.match(value or "")
    if m is None:
        return None
    year = int(m["y"])
    if m["d"]:
        return _safe(year, int(m["m"]), int(m["d"]), DAY)
    if m["m"]:
        return _safe(year, int(m["m"]), 1, MONTH)
    if m["w"]:
        try:
            monday = dt.date.fromisocalendar(year, int(m["w"]), 1)
        except ValueError:
            return None
        return monday, WEEKEND if m["we"] else WEEK
    if m["q"]:
        return dt.date(year, 3 * int(m["q"]) - 2, 1), QUARTER
    return dt.date(max(year, 1), 1, 1), YEAR


def _safe(year: int, month: int, day: int, granularity: str) -> tuple[dt.date, str] | None:
    try:
        return dt.date(year, month, day), granularity
    except ValueError:
        return None


def pick(keys: Iterable[int], anchor: int, direction: int, strict: bool) -> int | None:
    """Choose among occurrences (as ordinal keys) of a cyclic name the one the text means:
    the latest before the anchor (direction < 0), the earliest after it (> 0), or the nearest
    (0, ties to the past). ``strict`` excludes the anchor itself ("last Friday" on a Friday)."""
    ks = sorted(keys)
    if direction < 0:
        before = [k for k in ks if k < anchor or (k == anchor and not strict)]
        return before[-1] if before else None
    if direction > 0:
        after = [k for k in ks if k > anchor or (k == anchor and not strict)]
        return after[0] if after else None
    return min(ks, key=lambda k: (abs(k - anchor), k > anchor)) if ks else None


def month_day(month: int, day: int, anchor: dt.date, direction: int) -> dt.date | None:
    """The occurrence of a month-day without a year that a text dated ``anchor`` means."""
    cands = [_safe(y, month, day, DAY) for y in range(anchor.year - 1, anchor.year + 2)]
    ordinal = {c[0].toordinal(): c[0] for c in cands if c}
    k = pick(ordinal, anchor.toordinal(), direction, strict=False)
    return None if k is None else ordinal[k]


def month(month_no: int, anchor: dt.date, direction: int, strict: bool) -> dt.date | None:
    """First day of the occurrence of a month name ("June", "last July")."""
    keys = [y * 12 + month_no - 1 for y in range(anchor.year - 1, anchor.year + 2)]
    k = pick(keys, anchor.year * 12 + anchor.month - 1, direction, strict)
    return None if k is None else dt.date(k // 12, k % 12 + 1, 1)


def weekday(iso_day: int, anchor: dt.date, direction: int, strict: bool) -> dt.date | None:
    """The occurrence of a weekday name ("Friday", "last Monday") around ``anchor``."""
    days = [anchor + dt.timedelta(days=k) for k in range(-7, 8)]
    keys = [d.toordinal() for d in days if d.isoweekday() == iso_day]
    k = pick(keys, anchor.toordinal(), direction, strict)
    return None if k is None else dt.date.fromordinal(k)


def this_weekday(iso_day: int, anchor: dt.date) -> dt.date:
    """The weekday of the anchor's own ISO week ("this Friday")."""
    return anchor + dt.timedelta(days=iso_day - anchor.isoweekday())


def season(start_month: int, anchor: dt.date, direction: int, strict: bool) -> int | None:
    """The year of the occurrence of a season (named by the year it starts in) a text means.
    ``strict`` excludes the season the anchor lies in ("last summer" said in August)."""
    here = anchor.year * 12 + anchor.month - 1
    starts = [y * 12 + start_month - 1 for y in range(anchor.year - 2, anchor.year + 2)]
    if strict:
        starts = [s for s in starts if not s <= here < s + 3]
    k = pick(starts, here, direction, strict=False)
    return None if k is None else k // 12
