"""The time vocabulary of ``knowledge/time_words.yaml`` as one typed, validated record.

The YAML is read once per process (``words()`` is cached) and checked as it loads, so a bad edit
fails at start-up with a coded error naming the key, not halfway through a corpus.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from sitrep import knowledge
from sitrep.knowledge import load_yaml, phrases, require

FILE = "time_words.yaml"


@dataclass(frozen=True)
class Unit:
    """A duration unit: TIMEX3 letter, how many letters one unit is, and date granularity."""

    name: str
    letter: str
    times: int
    time: bool
    vague: str
    granularity: str
    smaller: tuple[int, str, bool] | None  # (how many, letter, time unit) one unit holds


@dataclass(frozen=True)
class TimeWords:
    months: dict[str, int]
    weekdays: dict[str, int]
    seasons: dict[str, str]
    season_start_month: dict[str, int]
    parts_of_day: dict[str, str]
    clock_words: dict[str, str]
    ante_meridiem: frozenset[str]
    post_meridiem: frozenset[str]
    number_words: dict[str, int]
    number_multipliers: dict[str, int]
    ordinal_words: dict[str, int]
    vague_quantities: frozenset[str]
    units: dict[str, Unit]  # keyed by every form ("years", "yr")
    vague_refs: dict[str, str]
    deictic_days: dict[str, tuple[int, str]]
    definite_words: frozenset[str]
    anchor_shift: dict[str, int]
    reference_shift: dict[str, int]
    ago_words: frozenset[str]
    later_words: frozenset[str]
    earlier_words: frozenset[str]
    ahead_words: frozenset[str]
    period_words: frozenset[str]
    set_adverbs: dict[str, str]
    set_quantifiers: frozenset[str]
    frequency_words: frozenset[str]
    trim_leading: tuple[tuple[str, ...], ...]  # multiword entries as token tuples
    extend_left: frozenset[str]
    extend_right: tuple[tuple[str, ...], ...]
    strip_prefixes: tuple[str, ...]
    range_connectors: frozenset[str]
    age_words: frozenset[str]
    year_prepositions: frozenset[str]
    future_auxiliaries: frozenset[str]
    future_cues: frozenset[str]
    forward_prepositions: frozenset[str]
    holidays: dict[str, tuple[int, int]]
    extra_patterns: tuple[list[dict[str, Any]], ...]

    def is_calendar_word(self, word: str) -> bool:
        """True for words that name a point or stretch of time on their own."""
        return (
            word in self.months
            or word in self.weekdays
            or word in self.seasons
            or word in self.units
            or word in self.parts_of_day
            or word in self.clock_words
            or word in self.deictic_days
            or word in self.vague_refs
            or word in self.set_adverbs
        )


def _words(data: Any, key: str) -> frozenset[str]:
    return knowledge.words(FILE, data, key)


def _units(data: Any) -> dict[str, Unit]:
    out: dict[str, Unit] = {}
    for name, spec in require(FILE, data, "units", dict).items():
        unit = Unit(
            name=name,
            letter=str(require(FILE, spec, "letter", str)),
            times=int(spec.get("times", 1)),
            time=bool(spec.get("time", False)),
            vague=str(spec.get("vague", spec["letter"])),
            granularity=str(require(FILE, spec, "granularity", str)),
            smaller=_smaller(spec),
        )
        for form in require(FILE, spec, "forms", list):
            out[str(form)] = unit
    return out


def _smaller(spec: dict[str, Any]) -> tuple[int, str, bool] | None:
    """The ``smaller: {per: 60, letter: M, time: true}`` entry of a unit, if it has one."""
    small = spec.get("smaller")
    if small is None:
        return None
    per = int(require(FILE, small, "per", int))
    return per, str(require(FILE, small, "letter", str)), bool(small.get("time", False))


def _holidays(data: Any) -> dict[str, tuple[int, int]]:
    """Holidays as (month, day), from "MM-DD" strings."""
    out: dict[str, tuple[int, int]] = {}
    for name, md in require(FILE, data, "holidays", dict).items():
        month, _, day = str(md).partition("-")
        out[str(name)] = (int(month), int(day))
    return out


def _deictic(data: Any) -> dict[str, tuple[int, str]]:
    table = require(FILE, data, "deictic_days", dict)
    return {
        w: (int(require(FILE, s, "offset", int)), str(s.get("part", ""))) for w, s in table.items()
    }


@cache
def words() -> TimeWords:
    """The time vocabulary, loaded and checked once per process."""
    d = load_yaml(FILE)
    return TimeWords(
        months=dict(require(FILE, d, "months", dict)),
        weekdays=dict(require(FILE, d, "weekdays", dict)),
        seasons=dict(require(FILE, d, "seasons", dict)),
        season_start_month=dict(require(FILE, d, "season_start_month", dict)),
        parts_of_day=dict(require(FILE, d, "parts_of_day", dict)),
        clock_words=dict(require(FILE, d, "clock_words", dict)),
        ante_meridiem=_words(d, "ante_meridiem"),
        post_meridiem=_words(d, "post_meridiem"),
        number_words=dict(require(FILE, d, "number_words", dict)),
        number_multipliers=dict(require(FILE, d, "number_multipliers", dict)),
        ordinal_words=dict(require(FILE, d, "ordinal_words", dict)),
        vague_quantities=_words(d, "vague_quantities"),
        units=_units(d),
        vague_refs=dict(require(FILE, d, "vague_refs", dict)),
        deictic_days=_deictic(d),
        definite_words=_words(d, "definite_words"),
        anchor_shift=dict(require(FILE, d, "anchor_shift", dict)),
        reference_shift=dict(require(FILE, d, "reference_shift", dict)),
        ago_words=_words(d, "ago_words"),
        later_words=_words(d, "later_words"),
        earlier_words=_words(d, "earlier_words"),
        ahead_words=_words(d, "ahead_words"),
        period_words=_words(d, "period_words"),
        set_adverbs=dict(require(FILE, d, "set_adverbs", dict)),
        set_quantifiers=_words(d, "set_quantifiers"),
        frequency_words=_words(d, "frequency_words"),
        trim_leading=phrases(FILE, d, "trim_leading", lower=False),
        extend_left=_words(d, "extend_left"),
        extend_right=phrases(FILE, d, "extend_right", lower=False),
        strip_prefixes=tuple(str(w) for w in require(FILE, d, "strip_prefixes", list)),
        range_connectors=_words(d, "range_connectors"),
        age_words=_words(d, "age_words"),
        year_prepositions=_words(d, "year_prepositions"),
        future_auxiliaries=_words(d, "future_auxiliaries"),
        future_cues=_words(d, "future_cues"),
        forward_prepositions=_words(d, "forward_prepositions"),
        holidays=_holidays(d),
        extra_patterns=tuple(require(FILE, d, "extra_patterns", list)),
    )
