"""The scoring arithmetic: overlap, distance, counts and one-to-one greedy matching."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from sitrep.model import Spans
from sitrep.scoring.match import (
    Detection,
    Key,
    LayerScore,
    Ratio,
    haversine_km,
    match,
    overlap,
    touches,
)


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        (((0, 10),), ((0, 10),), 1.0),
        (((0, 10),), ((5, 15),), 5 / 15),
        (((0, 10),), ((10, 20),), 0.0),
        (((0, 4), (6, 10)), ((0, 10),), 8 / 10),  # a discontinuous gold quote
        (((0, 6), (4, 10)), ((0, 10),), 1.0),  # a list that overlaps itself counts chars once
        ((), ((0, 10),), 0.0),
        ((), (), 0.0),
    ],
)
def test_overlap_is_chars_in_both_over_chars_in_either(a: Spans, b: Spans, expected: float) -> None:
    assert overlap(a, b) == pytest.approx(expected)
    assert overlap(b, a) == pytest.approx(expected)
    assert touches(a, b) is (expected > 0)


def test_haversine_one_degree_of_longitude_on_the_equator() -> None:
    assert haversine_km(0.0, 0.0, 0.0, 1.0) == pytest.approx(111.195, abs=0.01)
    assert haversine_km(48.85, 2.35, 48.85, 2.35) == 0.0


@dataclass(frozen=True)
class Item:
    span: Spans
    required: bool = True


def _key(g: Item, p: Spans) -> Key | None:
    ov = overlap(g.span, p)
    return (ov,) if ov > 0 else None


def test_two_predictions_compete_for_one_gold_item() -> None:
    """Best overlap first and one-to-one: the better prediction wins, the other is a FP."""
    gold = [Item(((0, 10),))]
    preds = [((0, 5),), ((0, 9),)]
    m = match(gold, preds, _key)
    assert m.pairs == {0: 1}
    assert m.detection(True) == Detection(gold=1, found=1, pred=2, pred_ok=1, exhaustive=True)


def test_one_prediction_for_two_gold_items_goes_to_the_better_one() -> None:
    gold = [Item(((0, 4),)), Item(((4, 10),))]
    m = match(gold, [((3, 10),)], _key)
    assert m.pairs == {1: 0}
    assert m.detection(True).recall == 0.5


def test_optional_item_excuses_its_prediction() -> None:
    gold = [Item(((0, 10),)), Item(((20, 30),), required=False)]
    m = match(gold, [((0, 10),), ((20, 30),)], _key)
    assert m.pairs == {0: 0}
    assert m.excused == frozenset({1})
    d = m.detection(True)
    assert (d.gold, d.found, d.pred, d.pred_ok) == (1, 1, 1, 1)
    assert d.precision == 1.0


def test_optional_item_never_takes_a_prediction_a_required_item_needs() -> None:
    """The optional item overlaps the prediction more, yet the required one gets it."""
    gold = [Item(((0, 10),)), Item(((2, 9),), required=False)]
    m = match(gold, [((2, 9),)], _key)
    assert m.pairs == {0: 0}
    assert not m.excused


def test_second_prediction_of_an_optional_item_is_a_false_positive() -> None:
    gold = [Item(((0, 10),), required=False)]
    m = match(gold, [((0, 10),), ((0, 9),)], _key)
    d = m.detection(True)
    assert (d.gold, d.pred, d.pred_ok, d.precision) == (0, 1, 0, 0.0)


def test_partial_layer_counts_no_precision() -> None:
    m = match([Item(((0, 10),))], [((0, 10),), ((50, 60),)], _key)
    d = m.detection(False)
    assert (d.precision, d.f1, d.recall) == (None, None, 1.0)
    assert d.pred == 0


@pytest.mark.parametrize(
    ("d", "p", "r", "f1"),
    [
        (Detection(gold=4, found=2, pred=2, pred_ok=2, exhaustive=True), 1.0, 0.5, 2 / 3),
        (Detection(gold=3, found=0, pred=0, pred_ok=0, exhaustive=True), None, 0.0, 0.0),
        (Detection(gold=0, found=0, pred=2, pred_ok=0, exhaustive=True), 0.0, None, 0.0),
        (Detection(exhaustive=True), None, None, None),
    ],
)
def test_detection_shares(d: Detection, p: float | None, r: float | None, f1: float | None) -> None:
    assert (d.precision, d.recall) == (p, r)
    assert d.f1 == (None if f1 is None else pytest.approx(f1))


def test_layer_scores_add_counts_not_shares() -> None:
    a = LayerScore(Detection(1, 1, 1, 1, True), {"x": Ratio(1, 1)})
    b = LayerScore(Detection(3, 0, 0, 0, False), {"x": Ratio(0, 3), "y": Ratio(1, 2)})
    total = a + b
    assert total.detection == Detection(4, 1, 1, 1, True)
    assert total.ratios == {"x": Ratio(1, 4), "y": Ratio(1, 2)}
    assert Ratio().value is None


def test_macro_f1_is_the_mean_over_types() -> None:
    score = LayerScore(
        Detection(exhaustive=True),
        by_type={
            "AGREE": Detection(gold=1, found=1, pred=1, pred_ok=1, exhaustive=True),  # F1 1
            "ASSAULT": Detection(gold=1, found=0, pred=0, pred_ok=0, exhaustive=True),  # F1 0
        },
    )
    assert score.macro_f1 == 0.5
