"""The places annotator: toponyms found, resolved with the article's context, and the place that
governs a clause."""

from __future__ import annotations

import json

import pytest
from spacy.language import Language

from sitrep.annotate import places
from sitrep.annotate.base import Annotations
from sitrep.model import Actor, Article, Mention, Place, span_of
from sitrep.options import Options
from tests.conftest import SEED_GOLD, SEED_TEXT, needs_shared


def _places(nlp: Language, text: str) -> list[Place]:
    state = Annotations(article=Article(id="t", text=text))
    return list(places.annotate(nlp(text), state, Options())["places"])


def _resolved(nlp: Language, text: str) -> list[tuple[str, int | None]]:
    return [(p.text, p.geonameid) for p in _places(nlp, text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Rebels shelled the outskirts of Damascus on Tuesday, Syrian state media said.",
            [("Damascus", 170654), ("Syrian", 163843)],
        ),
        (
            "The storm knocked out power in Paris, Ky., on Sunday night.",
            [("Paris", 4303602), ("Ky.", 6254925)],
        ),
        (
            "Firefighters in London, Ontario, fought the blaze for six hours.",
            [("London", 6058560), ("Ontario", 6093943)],
        ),
        (
            "Turkish troops crossed into northern Syria at dawn.",
            [("Turkish", 298795), ("Syria", 163843)],
        ),
        ("Officials in Washington said the talks would resume.", [("Washington", 4140963)]),
        ("The mayor of Albany, New York, resigned.", [("Albany", 5106834), ("New York", 5128638)]),
        ("Shops reopened in the United States and Canada.", [("United States", 6252001),
                                                            ("Canada", 6251999)]),
    ],
)  # fmt: skip
def test_resolves(nlp: Language, text: str, expected: list[tuple[str, int]]) -> None:
    assert _resolved(nlp, text) == expected


def test_untagged_well_known_place(nlp: Language) -> None:
    assert _resolved(nlp, "Residents of Aleppo fled before dawn.") == [("Aleppo", 170063)]


@pytest.mark.parametrize(
    ("role", "expected"),
    [("coach", []), (None, [("Victoria", 2145234)])],
)
def test_person_with_evidence_is_no_place(
    nlp: Language, role: str | None, expected: list[tuple[str, int]]
) -> None:
    text = "Coach Victoria said her team was tired."
    person = Actor("p1", "Victoria", None, None, "person", role=role)
    state = Annotations(
        article=Article(id="t", text=text),
        actors=(person,),
        mentions=(Mention(span_of(6, 14), "Victoria", "p1"),),
    )
    found = places.annotate(nlp(text), state, Options())["places"]
    assert [(p.text, p.geonameid) for p in found] == expected


def test_context_picks_the_namesake(nlp: Language) -> None:
    text = (
        "A fire closed two schools in London on Monday. Crews from Corbin and Somerset "
        "helped, Kentucky State Police said."
    )
    found = dict(_resolved(nlp, text))
    assert found["London"] == 4298960  # London, Kentucky, not the English capital
    assert found["Kentucky"] == 6254925


def test_division_noun_is_not_the_town(nlp: Language) -> None:
    found = _places(nlp, "Deputies in Plymouth County searched the river.")
    assert all(p.feature_code != "PPL" for p in found)


@pytest.mark.parametrize(
    "text",
    [
        "The committee approved the budget after a long debate.",
        "She ordered french fries and tea in a china cup.",
        "",
    ],
)
def test_no_places(nlp: Language, text: str) -> None:
    assert _places(nlp, text) == []


def _place(start: int, end: int, text: str, gid: int, code: str) -> Place:
    return Place(span_of(start, end), text, gid, text, "SY", 0.0, 0.0, code)


GOVERNED = (
    _place(0, 5, "Syria", 163843, "PCLI"),
    _place(10, 17, "Israeli", 294640, "PCLI"),
    _place(30, 35, "Syria", 163843, "PCLI"),
    _place(40, 48, "Damascus", 170654, "PPLC"),
    _place(60, 65, "Syria", 163843, "PCLI"),
)


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (0, 50, 170654),  # the city is more specific than the country
        (8, 36, 163843),  # a named country outranks a demonym
        (8, 20, 294640),  # a demonym alone still places the clause
        (70, 90, 163843),  # nothing inside: the most mentioned place
    ],
)
def test_governing_place(nlp: Language, start: int, end: int, expected: int) -> None:
    state = Annotations(article=Article(id="t", text="x" * 90), places=GOVERNED)
    found = places.governing_place(nlp("x"), state, start, end)
    assert found is not None and found.geonameid == expected


def test_governing_place_none_without_places(nlp: Language) -> None:
    state = Annotations(article=Article(id="t", text="No place here."))
    assert places.governing_place(nlp("No place here."), state, 0, 14) is None


@needs_shared
def test_seed_required_places(nlp: Language) -> None:
    """Eval gate: every required place of the seed is found with its GeoNames id."""
    gold = json.loads(SEED_GOLD.read_text(encoding="utf-8").splitlines()[0])
    found = _places(nlp, SEED_TEXT.read_text(encoding="utf-8"))
    for item in gold["places"]:
        if not item.get("required", True):
            continue
        ((s, e),) = item["span"]
        hits = [p for p in found if p.span[0][0] < e and s < p.span[0][1]]
        assert hits and hits[0].geonameid == item["geonameid"], (item, hits)
