"""Quotes, times, places, actors and the article bonus, on hand-computed cases."""

from __future__ import annotations

import math
from typing import Any

import pytest

from sitrep.scoring import score_record
from sitrep.scoring.match import Detection, Ratio
from tests.scoring.records import at, gold, pred

QUOTE_TEXT = "x" * 200  # quote matching is pure span arithmetic: the words do not matter


@pytest.mark.parametrize(("end", "matched"), [(49, False), (50, True), (51, True)])
def test_quote_matches_from_half_overlap(end: int, matched: bool) -> None:
    """Gold content [0, 100), prediction [0, end): overlap end/100 against the 0.5 bar."""
    g = gold(QUOTE_TEXT, ["quotes"], quotes=[{"content": [[0, 100]], "speaker": None}])
    score = score_record(g, pred(quotes=[{"content": [[0, end]], "speaker": None}]))["quotes"]
    assert score.detection == Detection(1, int(matched), 1, int(matched), True)


SPEECH = 'The minister said the port would close. "It is final," a spokeswoman added.'


def test_speaker_accuracy_needs_any_overlap_with_the_gold_speaker() -> None:
    quotes = [
        {"content": at(SPEECH, "the port would close"), "speaker": at(SPEECH, "The minister")},
        {"content": at(SPEECH, "It is final,"), "speaker": at(SPEECH, "a spokeswoman")},
        {"content": at(SPEECH, "The minister said"), "speaker": None},  # no speaker: not judged
    ]
    predicted = [
        {"content": at(SPEECH, "the port would close."), "speaker": at(SPEECH, "minister")},
        {"content": at(SPEECH, "It is final"), "speaker": at(SPEECH, "added")},
        {"content": at(SPEECH, "The minister said"), "speaker": None},
    ]
    score = score_record(gold(SPEECH, ["quotes"], quotes=quotes), pred(quotes=predicted))
    assert score["quotes"].detection == Detection(3, 3, 3, 3, True)
    assert score["quotes"].ratios == {"speaker_accuracy": Ratio(1, 2)}


DATES = "Talks began on 4 May 2020 and lasted two weeks; nothing happened in June."


def test_times_match_on_any_overlap_and_check_the_value() -> None:
    times = [
        {"span": at(DATES, "4 May 2020"), "type": "DATE", "value": "2020-05-04"},
        {"span": at(DATES, "two weeks"), "type": "DURATION", "value": "P2W"},
        {"span": at(DATES, "June"), "type": "DATE", "value": "2020-06"},
    ]
    predicted = [
        {"span": at(DATES, "May 2020"), "value": "2020-05-04"},  # partial span: still a match
        {"span": at(DATES, "two weeks"), "value": "P14D"},  # matched, wrong value
        {"span": at(DATES, "Talks"), "value": None},  # a false positive
    ]
    score = score_record(gold(DATES, ["times"], times=times), pred(times=predicted))["times"]
    assert score.detection == Detection(3, 2, 3, 2, True)
    assert score.ratios == {"value_accuracy": Ratio(1, 2)}


def test_time_fragments_of_one_gold_time_leave_a_false_positive() -> None:
    g = gold(DATES, ["times"], times=[{"span": at(DATES, "4 May 2020"), "value": "2020-05-04"}])
    p = pred(times=[{"span": at(DATES, "4 May")}, {"span": at(DATES, "2020")}])
    assert score_record(g, p)["times"].detection == Detection(1, 1, 2, 1, True)


def test_layers_outside_layers_and_partial_layers_are_not_scored() -> None:
    g = gold(DATES, ["quotes"], times=[{"span": at(DATES, "June"), "value": "2020-06"}])
    assert set(score_record(g, pred(times=[{"span": at(DATES, "June")}]))) == {"quotes"}


PLACES = "Floods hit Porto and Braga, and later the north of Spain."
KM_PER_DEGREE = math.pi * 6371.0088 / 180  # along the equator, where the test points sit


def _place(phrase: str, gid: int | None, lat: float | None = 0.0, lon: float | None = 0.0) -> Any:
    return {"span": at(PLACES, phrase), "geonameid": gid, "lat": lat, "lon": lon}


@pytest.mark.parametrize(("km", "near"), [(160.9, True), (161.0, True), (161.1, False)])
def test_acc_at_161km_boundary(km: float, near: bool) -> None:
    g = gold(PLACES, ["places"], places=[_place("Porto", 1, 0.0, 0.0)])
    p = pred(places=[_place("Porto", 2, 0.0, km / KM_PER_DEGREE)])
    score = score_record(g, p)["places"]
    assert score.ratios == {"exact": Ratio(0, 1), "acc_161km": Ratio(int(near), 1)}


def test_places_partial_layer_scores_recall_and_resolution_only() -> None:
    places = [
        _place("Porto", 2735943, 41.15, -8.61),
        _place("Braga", 2742032, 41.55, -8.42),
        _place("Spain", None, None, None),  # no id, no coordinates: detection only
        {**_place("north", 3, 1.0, 1.0), "required": False},
    ]
    predicted = [
        _place("Porto", 2735943, 41.15, -8.61),
        _place("Braga", 999, None, None),  # found; wrong id and no coordinates
        _place("Floods", 5, 0.0, 0.0),  # not in the partial gold: no penalty
    ]
    g = gold(PLACES, [], partial=["places"], places=places)
    score = score_record(g, pred(places=predicted))["places"]
    assert score.detection == Detection(3, 2, 0, 0, False)
    assert (score.detection.precision, score.detection.f1) == (None, None)
    assert score.ratios == {"exact": Ratio(1, 2), "acc_161km": Ratio(1, 2)}


def test_prediction_of_an_optional_place_is_no_false_positive() -> None:
    places = [_place("Porto", 1), {**_place("north", 3), "required": False}]
    g = gold(PLACES, ["places"], places=places)
    p = pred(places=[_place("Porto", 1), _place("north of Spain", 3)])
    assert score_record(g, p)["places"].detection == Detection(1, 1, 1, 1, True)


ACTORS = "Police in Oslo detained a Swedish reporter near the Norwegian parliament."
ACTOR_LIST = [
    {"id": "police", "country": "NOR", "sector": "COP"},
    {"id": "oslo", "country": "NOR", "sector": None},
    {"id": "reporter", "country": "SWE", "sector": "MED"},
    {"id": "swede", "country": "SWE", "sector": None},
]


def _mention(phrase: str, actor: str) -> dict[str, Any]:
    return {"span": at(ACTORS, phrase), "actor": actor}


def test_actor_with_span_takes_the_mention_overlapping_it_most() -> None:
    wanted = [
        {"span": at(ACTORS, "Police in Oslo"), "country": "NOR", "sector": "COP"},
        {"span": at(ACTORS, "a Swedish reporter"), "country": "SWE", "sector": "MED"},
        {"span": at(ACTORS, "the Norwegian parliament"), "country": "NOR", "sector": "GOV"},
    ]
    mentions = [
        _mention("Oslo", "oslo"),  # overlaps the first gold actor less than "Police" does
        _mention("Police", "police"),
        _mention("Swedish", "swede"),  # 7 chars of 18 ...
        _mention("Swedish reporter", "reporter"),  # ... loses to 16 of 18
    ]
    g = gold(ACTORS, ["actors"], actors=wanted)
    score = score_record(g, pred(actors=ACTOR_LIST, mentions=mentions))["actors"]
    assert score.detection is None
    assert score.ratios == {
        "mention_recall": Ratio(2, 3),
        "country_accuracy": Ratio(2, 3),  # the parliament has no mention: wrong
        "sector_accuracy": Ratio(2, 3),
    }


@pytest.mark.parametrize(
    ("mentions", "country"),
    [
        ([{"span": [[0, 9]], "actor": "a"}, {"span": [[4, 16]], "actor": "b"}], "ITA"),
        ([{"span": [[0, 9]], "actor": "a"}], "FRA"),
        ([], None),
    ],
)
def test_actor_without_span_takes_the_mention_covering_most_text(
    mentions: list[dict[str, Any]], country: str | None
) -> None:
    phrase = "the Italian coast guard"
    actors = [{"id": "a", "country": "FRA"}, {"id": "b", "country": "ITA"}]
    g = gold(phrase, ["actors"], actors=[{"text": phrase, "country": "ITA", "sector": "MIL"}])
    score = score_record(g, pred(actors=actors, mentions=mentions))["actors"]
    assert score.ratios["country_accuracy"] == Ratio(int(country == "ITA"), 1)
    assert score.ratios["sector_accuracy"] == Ratio(0, 1)


def test_article_bonus_lines_for_the_seed_extras() -> None:
    text = "Home | World\n\nStorm closes schools\n\nA photo of a flooded street.\n\nRain fell."
    g = gold(
        text, [],
        partial=["times"],
        published_expected={"after": "2023-01-02", "before": "2023-01-09", "why": "test"},
        title_expected="Storm closes schools",
        boilerplate_expected=["Home | World"],
        captions_expected=[text.index("A photo")],
    )  # fmt: skip
    good = pred(
        published="2023-01-05", title="Storm closes schools",
        boilerplate=at(text, "Home | World"), captions=at(text, "A photo of a flooded street."),
    )  # fmt: skip
    bad = pred(published="2023-01-10", title="Rain fell.", boilerplate=at(text, "Home"))
    assert set(score_record(g, good)["article"].ratios.values()) == {Ratio(1, 1)}
    assert set(score_record(g, bad)["article"].ratios.values()) == {Ratio(0, 1)}
