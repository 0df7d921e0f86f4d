"""The places annotator: toponyms resolved to GeoNames places, using the whole article.

A name usually fits several places ("Damascus" in Syria or Maryland, "London" in England,
Ontario or Kentucky). Each reading is scored by how big and how prominent the place is (its
population and feature class) and by how well it fits the rest of the article: the countries and
first-level divisions of the article's other places, and an explicit container ("Aleppo, Syria",
"Syria's Aleppo", "Paris, Ky."). One name keeps one reading through the article. Scores are in
units of log10(population), so each weight below says how many tenfolds of size it outweighs.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from spacy.tokens import Doc

from sitrep import gazetteer
from sitrep.annotate.base import Annotations
from sitrep.annotate.places import toponyms
from sitrep.annotate.places.toponyms import Toponym
from sitrep.gazetteer import CITY_SPECIFICITY as CITY
from sitrep.gazetteer import Candidate
from sitrep.model import Place, span_of
from sitrep.options import Options

# Prior for the kind of place: with no other evidence a name that is a country is the country
# ("Georgia"), a division outranks a town of its name ("Quebec"), a capital a town ("Kingston").
FEATURE_PRIOR = {"CONT": 0.0, "PCLI": 2.0, "ADM1": 1.0, "PPLC": 0.5}
# Prior for how the name reached the place: a curated alias is the reading news means
# ("Washington" the capital), an alternate name (often a foreign spelling) is weak evidence.
MATCH_PRIOR = {"alias": 3.0, "container": 3.0, "name": 0.0, "alternate": -2.0}
# Context: share of the article's other place names read in the candidate's country / division,
# times these weights. A country match alone lifts a town by two tenfolds of size ("Paris" in a
# Texan story stays Paris, France), with its division too by five ("Paris" among Kentucky towns).
COUNTRY_WEIGHT = 2.0
ADMIN1_WEIGHT = 3.0
# An explicit container settles the reading unless the sizes differ by more than five tenfolds.
CONTAINMENT_WEIGHT = 5.0
# A bare name shared by a first-level division and a populated place of its country that holds
# at least this share of the division's people is the place: the division is named after its
# seat ("Aleppo", "Idlib", "Sao Paulo"), and news means the city unless it writes "province",
# "governorate", "region" or "state" (see ``division_nouns``) or puts a place inside the name
# ("Albany, New York"). A hamlet that shares a division's name does not count.
SEAT_SHARE = 0.05
# The division prior (FEATURE_PRIOR["ADM1"]) counts only for divisions of at least this many
# people: a state or province is named more than its size says, a parish of a few towns is not
# ("St. Thomas" in an Ontario story is the town, not the Jamaican parish).
PROMINENT_DIVISION = 100_000


def annotate(doc: Doc, so_far: Annotations, options: Options) -> Mapping[str, Sequence[Any]]:
    """Every toponym of the article as a ``Place``; one left unresolved (ids None) when the
    gazetteer has no reading for it, since it still names a place."""
    found = toponyms.find(doc, so_far)
    readings = resolve(found)
    return {"places": [_place(t, readings.get(_key(t))) for t in found]}


def governing_place(doc: Doc, so_far: Annotations, start: int, end: int) -> Place | None:
    """The most specific place inside the clause at [start, end), else the article's main
    place (the most mentioned); None when the article names no place.

    Named places outrank demonyms of the same specificity ("Israeli jets struck Syria" took
    place in Syria); among equals the first wins.
    """
    known = [p for p in so_far.places if p.geonameid is not None]
    inside = [p for p in known if all(start <= s and e <= end for s, e in p.span)]
    if inside:
        return max(inside, key=lambda p: (*_rank(p), -p.span[0][0]))
    named = [p for p in known if gazetteer.demonym(p.text) is None] or known
    counts = Counter(p.geonameid for p in named)
    if not counts:
        return None
    top = counts.most_common(1)[0][0]
    return next(p for p in named if p.geonameid == top)


def _rank(p: Place) -> tuple[int, bool]:
    return gazetteer.specificity(p.feature_code), gazetteer.demonym(p.text) is None


def _place(t: Toponym, c: Candidate | None) -> Place:
    if c is None:
        return Place(span_of(t.start, t.end), t.text, None, None, None, None, None, None)
    return Place(
        span_of(t.start, t.end), t.text, c.geonameid, c.name, c.country,
        round(c.lat, 5), round(c.lon, 5), c.feature_code,
    )  # fmt: skip


def _key(t: Toponym) -> str:
    """Mentions that share a key share a reading: the same name, or demonyms of one place."""
    return f"demonym:{t.text}" if t.demonym else gazetteer.normalise(t.text)


@dataclass
class _Name:
    """All mentions of one name: its readings and which of them an explicit container backs."""

    options: dict[int, Candidate]
    contained: set[int]


def resolve(found: Sequence[Toponym]) -> dict[str, Candidate | None]:
    """The reading of every name (by ``_key``) of the article's toponyms.

    Context comes from what the other names probably mean on their own (their prior), not from
    their final readings: two names that could each follow the other ("Edmonton" and "London")
    must not talk each other into the wrong country.
    """
    names = _names(found)
    context = _Context.of(names)
    return {k: _best(n, context.without(k)) for k, n in names.items()}


def _names(found: Sequence[Toponym]) -> dict[str, _Name]:
    options = [_options(t) for t in found]
    names = {_key(t): _Name({}, set()) for t in found}
    for i, t in enumerate(found):
        names[_key(t)].options.update(options[i])
        if t.within is not None:
            outer = found[t.within]
            names[_key(t)].contained |= _held(options[i], options[t.within], inside=True)
            names[_key(outer)].contained |= _held(options[t.within], options[i], inside=False)
    return names


def _held(
    mine: Mapping[int, Candidate], partner: Mapping[int, Candidate], inside: bool
) -> set[int]:
    """The readings of a toponym that an explicit container link backs: those inside some
    reading of the partner (``inside``), or those that contain one."""
    return {
        gid
        for gid, c in mine.items()
        if any((p.contains(c) if inside else c.contains(p)) for p in partner.values())
    }


def _options(t: Toponym) -> dict[int, Candidate]:
    if t.demonym:
        c = gazetteer.demonym(t.text)
        return {} if c is None else {c.geonameid: c}
    found = gazetteer.candidates(t.text, container=t.container)
    if t.division:
        found = tuple(c for c in found if gazetteer.specificity(c.feature_code) < CITY)
    elif not t.listed_container:
        found = tuple(c for c in found if not _named_after_seat(c, found))
    return {c.geonameid: c for c in found}


def _named_after_seat(c: Candidate, found: Sequence[Candidate]) -> bool:
    """True when ``c`` is a division whose name is also the name (not a mere alternate) of a
    place of its country that lies inside it and is big enough (see SEAT_SHARE), is the capital
    ("Buenos Aires") or outgrows it ("Almaty"); a curated alias keeps the division ("Quebec")."""
    if c.feature_code != "ADM1" or c.match == "alias":
        return False
    return any(
        o.country == c.country
        and o.match != "alternate"
        and gazetteer.specificity(o.feature_code) == CITY
        and (
            o.feature_code == "PPLC"
            or o.population >= c.population
            or (o.admin1 == c.admin1 and o.population >= SEAT_SHARE * c.population)
        )
        for o in found
    )


@dataclass(frozen=True)
class _Context:
    """How much of the article points into each country and each (country, division): every
    distinct place name adds its prior probability of lying there, so a name that is surely in
    Canada adds 1 to Canada and a toss-up adds about half to each side."""

    votes: Mapping[str, Mapping[tuple[str, str | None], float]]

    @staticmethod
    def of(names: Mapping[str, _Name]) -> _Context:
        votes: dict[str, dict[tuple[str, str | None], float]] = {}
        seen: set[int] = set()
        for key, name in names.items():
            dist = _prior_distribution(name)
            top = max(dist, key=dist.__getitem__, default=None)
            if top is None or top.geonameid in seen:
                continue  # "B.C." and "British Columbia" are one piece of evidence
            seen.add(top.geonameid)
            vote: dict[tuple[str, str | None], float] = {}
            for c, p in dist.items():
                if c.country:
                    vote[(c.country, None)] = vote.get((c.country, None), 0.0) + p
                    if c.admin1:
                        vote[(c.country, c.admin1)] = vote.get((c.country, c.admin1), 0.0) + p
            votes[key] = vote
        return _Context(votes)

    def without(self, key: str) -> dict[tuple[str, str | None], float]:
        """Shares of the evidence of every name but ``key``, per country and division."""
        others = [v for k, v in self.votes.items() if k != key]
        shares: dict[tuple[str, str | None], float] = {}
        for vote in others:
            for where, p in vote.items():
                shares[where] = shares.get(where, 0.0) + p / len(others)
        return shares


def _prior_distribution(name: _Name) -> dict[Candidate, float]:
    """P(reading) from the scores without context (a softmax in base 10)."""
    scores = {c: _prior(c, name) for c in name.options.values()}
    if not scores:
        return {}
    top = max(scores.values())
    weights = {c: 10 ** (s - top) for c, s in scores.items()}
    total = sum(weights.values())
    return {c: w / total for c, w in weights.items()}


def _best(name: _Name, shares: Mapping[tuple[str, str | None], float]) -> Candidate | None:
    if not name.options:
        return None
    return max(name.options.values(), key=lambda c: _prior(c, name) + _fit(c, shares))


def _prior(c: Candidate, name: _Name) -> float:
    """Size, kind and how the name matched, plus an explicit container ("Aleppo, Syria")."""
    score = math.log10(c.population + 1)
    if c.feature_code != "ADM1" or _prominent(c, name.options.values()):
        score += FEATURE_PRIOR.get(c.feature_code, 0.0)
    score += MATCH_PRIOR[c.match]
    return score + (CONTAINMENT_WEIGHT if c.geonameid in name.contained else 0.0)


def _prominent(c: Candidate, options: Iterable[Candidate]) -> bool:
    """True when division ``c`` earns the division prior: it is big enough (PROMINENT_DIVISION)
    and its name is not also a well-known town's abroad ("Gaza" is the Palestinian city before
    the Mozambican province; size alone decides between them)."""
    return c.population >= PROMINENT_DIVISION and not any(
        o.country != c.country
        and gazetteer.specificity(o.feature_code) == CITY
        and o.population >= PROMINENT_DIVISION
        for o in options
    )


def _fit(c: Candidate, shares: Mapping[tuple[str, str | None], float]) -> float:
    """How well the reading fits where the rest of the article is."""
    if not c.country:
        return 0.0
    fit = COUNTRY_WEIGHT * shares.get((c.country, None), 0.0)
    if c.admin1:
        fit += ADMIN1_WEIGHT * shares.get((c.country, c.admin1), 0.0)
    return fit
