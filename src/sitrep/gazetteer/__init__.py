"""The gazetteer: which places a name can denote (GeoNames, through ``gazetteer_index``).

``candidates("Damascus")`` lists every place so named (the Syrian capital, the town in Maryland,
...); choosing among them is the job of the places annotator, which knows the article. Demonyms
("Turkish") name one country each. The index opens once per process; a lookup is one indexed
SQLite query, so per-article work stays at a few dozen of them.
"""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Literal

from sitrep.gazetteer.index import (
    BY_ALIAS,
    BY_ALTERNATE,
    BY_CONTAINER_CODE,
    BY_NAME,
    ensure_index,
    normalise,
)
from sitrep.knowledge import load_csv

__all__ = ["Candidate", "candidates", "demonym", "normalise", "place", "specificity"]

Match = Literal["name", "alternate", "alias", "container"]
_MATCH: dict[int, Match] = {
    BY_NAME: "name", BY_ALTERNATE: "alternate", BY_ALIAS: "alias", BY_CONTAINER_CODE: "container",
}  # fmt: skip

# How narrow a feature is: a city is more specific than its division, a division than its
# country, a country than its continent.
_SPECIFICITY = {"CONT": 0, "PCLI": 1, "ADM1": 2}
CITY_SPECIFICITY = 3
# Names remembered per process: a news corpus repeats a few thousand place names; the bound
# keeps a long-running server from growing without limit.
LOOKUP_CACHE_SIZE = 65_536
# Well-known places (``well_known``): populated places of this many people or more, first-level
# divisions above this floor ("Saint Thomas" parish, "The Valley" are villages), reached by
# their name or a curated alias.
WELL_KNOWN_POPULATION = 100_000
WELL_KNOWN_DIVISION = 10_000
WELL_KNOWN_MATCHES = frozenset({"name", "alias"})


@dataclass(frozen=True)
class Candidate:
    """One place a name may denote. ``match`` says how the name reached it: its GeoNames name,
    an alternate name, a curated alias, or a division code that only counts after a comma."""

    geonameid: int
    name: str
    country: str | None  # ISO 3166-1 alpha-2
    admin1: str | None  # GeoNames first-level division code within the country
    lat: float
    lon: float
    feature_code: str
    population: int
    match: Match = "name"

    def contains(self, other: Candidate) -> bool:
        """True when ``other`` lies inside this place (a division in its country, a city in its
        division or country)."""
        if other.country is None or other.country != self.country:
            return False
        if self.feature_code == "PCLI":
            return other.feature_code != "PCLI"
        if self.feature_code == "ADM1":
            return specificity(other.feature_code) > 2 and other.admin1 == self.admin1
        return False


def specificity(feature_code: str | None) -> int:
    """0 continent, 1 country, 2 first-level division, 3 populated place (-1 unknown)."""
    if feature_code is None:
        return -1
    return _SPECIFICITY.get(feature_code, CITY_SPECIFICITY)


@cache
def _connection(pid: int) -> sqlite3.Connection:
    """The read-only index connection of process ``pid`` (a forked worker opens its own)."""
    uri = f"file:{ensure_index()}?mode=ro&immutable=1"
    return sqlite3.connect(uri, uri=True, check_same_thread=False)


_QUERY = (
    "SELECT p.geonameid, p.name, p.country, p.admin1, p.lat, p.lon, p.feature_code,"
    " p.population, MIN(n.how) FROM names n JOIN places p USING (geonameid)"
    " WHERE n.key = ? GROUP BY p.geonameid"
)


@lru_cache(maxsize=LOOKUP_CACHE_SIZE)
def _lookup(key: str) -> tuple[Candidate, ...]:
    rows = _connection(os.getpid()).execute(_QUERY, (key,)).fetchall()
    return tuple(
        Candidate(gid, name, cc, a1, lat, lon, code, pop, _MATCH[how])
        for gid, name, cc, a1, lat, lon, code, pop, how in rows
    )


def well_known(name: str) -> bool:
    """Whether ``name`` is a place a reader would know: a continent, a country, a first-level
    division above a handful of villages, or a populated place of WELL_KNOWN_POPULATION or
    more. A model may tag such a name as a person or an organisation ("Aleppo", "EDMONTON");
    a hamlet called "Defense" or a town sharing a surname is not reason enough to doubt it."""
    return any(
        c.match in WELL_KNOWN_MATCHES and c.population >= _known_size(c.feature_code)
        for c in candidates(name)
    )


def _known_size(feature_code: str) -> int:
    if specificity(feature_code) == CITY_SPECIFICITY:
        return WELL_KNOWN_POPULATION
    return WELL_KNOWN_DIVISION if feature_code == "ADM1" else 0


def candidates(name: str, *, container: bool = False) -> tuple[Candidate, ...]:
    """Every place ``name`` can denote. Division codes ("KY", "WA") count only when the name
    stands as the ``container`` after a comma ("Paris, KY")."""
    found = _lookup(normalise(name))
    return found if container else tuple(c for c in found if c.match != "container")


@cache
def place(geonameid: int) -> Candidate | None:
    """The indexed place with this GeoNames id."""
    row = (
        _connection(os.getpid())
        .execute(_QUERY.replace("n.key = ?", "p.geonameid = ?"), (geonameid,))
        .fetchone()
    )
    if row is None:
        return None
    return Candidate(*row[:8])


@cache
def _demonyms() -> dict[str, int]:
    rows = load_csv("demonyms.csv", ("demonym", "geonameid"))
    return {r["demonym"]: int(r["geonameid"]) for r in rows}


def demonym(word: str) -> Candidate | None:
    """The country (or continent) a demonym names: "Turkish" -> Turkey. Case-sensitive, since
    "french fries" and "china plates" are not places."""
    gid = _demonyms().get(word)
    return None if gid is None else place(gid)


def demonym_lengths() -> frozenset[int]:
    """How many words the demonyms have ("Costa Rican" has two), for scanning token windows."""
    return frozenset(len(d.split()) for d in _demonyms())
