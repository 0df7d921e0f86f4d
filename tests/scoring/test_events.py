"""Events: type or also_accept, evidence overlap, one-to-one, false alarms, countries."""

from __future__ import annotations

from typing import Any

import pytest

from sitrep.scoring import score_record
from sitrep.scoring.match import Detection, Ratio
from tests.scoring.records import at, gold, pred

TEXT = "Chile sent doctors to Peru. Later, rebels shelled a village and troops fired back."
ACTORS = [
    {"id": "chl", "country": "CHL"},
    {"id": "per", "country": "PER"},
    {"id": "reb", "country": "COL"},
    {"id": "none", "country": None},
]


def _side(*countries: str | None) -> list[dict[str, Any]]:
    return [{"text": None, "country": c, "sector": None} for c in countries]


def _ref(*actors: str) -> list[dict[str, Any]]:
    return [{"actor": a, "span": [[0, 1]]} for a in actors]


def _ev(type_: str, evidence: str | None = None, **extra: Any) -> dict[str, Any]:
    out = {"type": type_, "source": _side("CHL"), "target": _side("PER")} | extra
    return out | ({"evidence": at(TEXT, evidence)} if evidence else {})


def _pev(type_: str, evidence: str = "", trigger: str = "", **extra: Any) -> dict[str, Any]:
    out: dict[str, Any] = {"type": type_, "source": _ref("chl"), "target": _ref("per")}
    out["evidence"] = at(TEXT, evidence) if evidence else []
    out["trigger"] = at(TEXT, trigger) if trigger else []
    return out | extra


def _score(events: list[dict[str, Any]], predicted: list[dict[str, Any]]) -> Any:
    return score_record(
        gold(TEXT, ["events"], events=events), pred(actors=ACTORS, events=predicted)
    )["events"]


@pytest.mark.parametrize(
    ("predicted_type", "found"), [("AID", True), ("COOPERATE", True), ("SUPPORT", False)]
)
def test_event_found_by_its_type_or_an_also_accept_type(predicted_type: str, found: bool) -> None:
    score = _score([_ev("AID", also_accept=["COOPERATE"])], [_pev(predicted_type)])
    assert score.detection == Detection(1, int(found), 1, int(found), True)


@pytest.mark.parametrize(
    ("evidence", "trigger", "found"),
    [
        ("Chile sent doctors", "", True),
        ("", "sent", True),  # the trigger alone may carry the overlap
        ("rebels shelled", "shelled", False),  # another clause of the sentence
        ("", "", False),  # gold gives evidence, the prediction points nowhere
    ],
)
def test_gold_evidence_must_overlap_evidence_or_trigger(
    evidence: str, trigger: str, found: bool
) -> None:
    score = _score([_ev("AID", "Chile sent doctors to Peru")], [_pev("AID", evidence, trigger)])
    assert score.detection is not None and score.detection.found == int(found)


def test_two_gold_events_of_one_type_need_two_predictions() -> None:
    gold_events = [
        _ev("ASSAULT", source=_side("COL"), target=_side(None)),
        _ev("ASSAULT", source=_side(None), target=_side("COL")),
    ]
    score = _score(gold_events, [_pev("ASSAULT", source=_ref("reb"))])
    assert score.detection == Detection(2, 1, 1, 1, True)
    # the one prediction pairs with the gold event whose countries it gets right
    assert score.ratios["source_country_accuracy"] == Ratio(1, 1)


def test_duplicate_prediction_is_a_false_positive() -> None:
    score = _score([_ev("AID")], [_pev("AID"), _pev("AID")])
    assert score.detection == Detection(1, 1, 2, 1, True)


def test_prediction_of_an_optional_event_is_excused() -> None:
    events = [_ev("AID"), _ev("ASSAULT", required=False)]
    score = _score(events, [_pev("AID"), _pev("ASSAULT")])
    assert score.detection == Detection(1, 1, 1, 1, True)


@pytest.mark.parametrize(("predicted", "alarm"), [([], 0), ([_pev("ASSAULT")], 1)])
def test_false_alarm_on_a_record_without_events(
    predicted: list[dict[str, Any]], alarm: int
) -> None:
    score = _score([], predicted)
    assert score.ratios["false_alarm_rate"] == Ratio(alarm, 1)
    assert score.detection == Detection(0, 0, alarm, 0, True)


def test_no_false_alarm_line_where_events_are_expected() -> None:
    assert "false_alarm_rate" not in _score([_ev("AID")], []).ratios


def test_side_countries_on_found_events() -> None:
    events = [
        _ev("AID", source=_side("CHL"), target=_side("PER", "BOL")),  # any one country is right
        _ev("ASSAULT", source=_side("COL"), target=_side(None)),  # target names no country
        _ev("PROTEST"),  # not found: not judged
    ]
    predicted = [
        _pev("AID", source=_ref("chl"), target=_ref("per")),
        _pev("ASSAULT", source=_ref("none"), target=_ref("per")),
    ]
    score = _score(events, predicted)
    assert score.ratios["source_country_accuracy"] == Ratio(1, 2)
    assert score.ratios["target_country_accuracy"] == Ratio(1, 1)


def test_macro_f1_per_type_by_hand() -> None:
    """AID: found once, one FP -> P 1/2, R 1 -> F1 2/3. ASSAULT: missed -> 0. Mean 1/3."""
    score = _score([_ev("AID"), _ev("ASSAULT")], [_pev("AID"), _pev("AID")])
    assert score.by_type["AID"] == Detection(1, 1, 2, 1, True)
    assert score.by_type["ASSAULT"] == Detection(1, 0, 0, 0, True)
    assert score.macro_f1 == pytest.approx(1 / 3)


def test_partial_events_layer_has_no_precision_and_no_false_alarm() -> None:
    g = gold(TEXT, [], partial=["events"], events=[])
    score = score_record(g, pred(actors=ACTORS, events=[_pev("AID")]))["events"]
    assert score.detection == Detection(0, 0, 0, 0, False)
    assert "false_alarm_rate" not in score.ratios
    assert score.macro_f1 is None
