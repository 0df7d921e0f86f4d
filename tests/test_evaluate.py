"""The scorer end to end: perfect and empty predictions, per-file reports, JSON and table
output, and ``evaluate`` over the real pipeline on a tiny gold file."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console

from sitrep.evaluate import (
    FileReport,
    count_records,
    evaluate,
    render_table,
    reports_json,
    score_file,
)
from sitrep.pipeline import Pipeline
from sitrep.scoring import score_record
from sitrep.scoring.gold import parse_record
from tests.conftest import SEED_GOLD, needs_shared
from tests.scoring.records import at

TEXT = (
    "Home | Sport\n\n"
    "Farmers blocked roads in Lyon on Friday, and police cleared them at dawn. "
    '"We will come back," a union leader said. Paris promised talks with the union next week.'
)


def _gold_json() -> dict[str, Any]:
    """A record annotating every layer (places partially), with optional items of each."""
    side = [{"text": "Farmers", "country": "FRA", "sector": "CVL"}]
    return {
        "id": "synthetic-1", "text": TEXT, "published": "2024-02-02",
        "layers": ["quotes", "times", "events", "actors"], "partial_layers": ["places"],
        "quotes": [
            {"content": at(TEXT, "We will come back,"), "speaker": at(TEXT, "a union leader"),
             "cue": at(TEXT, "said")},
            {"content": at(TEXT, "talks with the union"), "speaker": at(TEXT, "Paris"),
             "cue": None, "required": False},
        ],
        "times": [
            {"span": at(TEXT, "Friday"), "type": "DATE", "value": "2024-02-02"},
            {"span": at(TEXT, "next week"), "type": "DATE", "value": "2024-W06"},
            {"span": at(TEXT, "dawn"), "type": "TIME", "value": "2024-02-02TMO", "required": False},
        ],
        "places": [{"span": at(TEXT, "Lyon"), "geonameid": 2996944, "lat": 45.75, "lon": 4.85}],
        "events": [
            {"type": "PROTEST", "source": side, "target": [],
             "evidence": at(TEXT, "blocked roads")},
            {"type": "COERCE", "also_accept": ["ASSAULT"], "source": [], "target": side,
             "evidence": at(TEXT, "police cleared them")},
            {"type": "CONSULT", "source": [], "target": [], "required": False},
        ],
        "actors": [
            {"span": at(TEXT, "Farmers"), "text": "Farmers", "country": "FRA", "sector": "CVL"},
            {"span": at(TEXT, "police"), "text": "police", "country": "FRA", "sector": "COP"},
        ],
        "published_expected": {"after": "2024-02-01", "before": "2024-02-03"},
        "boilerplate_expected": ["Home | Sport"],
    }  # fmt: skip


def perfect(obj: dict[str, Any]) -> dict[str, Any]:
    """The prediction a perfect extractor would make, built from a gold JSON record."""
    text = obj["text"]
    actors: list[dict[str, Any]] = []

    def actor(country: str | None, sector: str | None) -> str:
        actors.append({"id": f"a{len(actors)}", "country": country, "sector": sector})
        return str(actors[-1]["id"])

    def refs(side: list[dict[str, Any]]) -> list[dict[str, Any]]:
        return [{"actor": actor(a["country"], a["sector"]), "span": [[0, 1]]} for a in side]

    expected = obj.get("published_expected") or {}
    return {
        "published": expected.get("after", obj.get("published")),
        "title": obj.get("title_expected"),
        "boilerplate": [at(text, b)[0] for b in obj.get("boilerplate_expected", [])],
        "captions": [[o, o + 1] for o in obj.get("captions_expected", [])],
        "mentions": [
            {"span": a.get("span") or [[0, len(text)]], "actor": actor(a["country"], a["sector"])}
            for a in obj.get("actors", [])
        ],
        "times": obj.get("times", []),
        "places": obj.get("places", []),
        "quotes": obj.get("quotes", []),
        "events": [
            {
                "type": e["type"],
                "evidence": e.get("evidence") or [],
                "trigger": [],
                "source": refs(e["source"]),
                "target": refs(e["target"]),
            }
            for e in obj.get("events", [])
        ],
        "actors": actors,
    }


def _all_scores_are_one(scores: dict[str, Any]) -> None:
    for layer, score in scores.items():
        d = score.detection
        if d is not None:
            assert d.recall == 1.0, layer
            assert d.precision in ((1.0, None) if not d.exhaustive else (1.0,)), layer
        for name, ratio in score.ratios.items():
            if name != "false_alarm_rate":
                assert ratio.value in (1.0, None), (layer, name)


def test_perfect_prediction_scores_one_on_every_layer() -> None:
    obj = _gold_json()
    scores = score_record(parse_record(obj), perfect(obj))
    assert set(scores) == {"quotes", "times", "places", "events", "actors", "article"}
    _all_scores_are_one(scores)
    assert scores["events"].macro_f1 == 1.0


def test_empty_prediction_recalls_nothing() -> None:
    scores = score_record(parse_record(_gold_json()), {})
    for layer in ("quotes", "times", "places", "events"):
        d = scores[layer].detection
        assert d is not None and d.recall == 0.0 and d.found == 0, layer
    assert scores["actors"].ratios["country_accuracy"].value == 0.0
    assert scores["article"].ratios["published_in_bounds"].value == 0.0


def test_score_file_adds_counts_over_records() -> None:
    obj = _gold_json()
    records = [parse_record(obj), parse_record(obj | {"id": "synthetic-2"})]
    report = score_file(Path("g.jsonl"), records, [perfect(obj), {}])
    times = report.layers["times"].detection
    assert report.records == 2
    assert times is not None and (times.gold, times.found, times.recall) == (4, 2, 0.5)
    assert list(report.layers) == ["quotes", "times", "places", "events", "actors", "article"]


def test_reports_json_and_table() -> None:
    obj = _gold_json()
    report = score_file(Path("g.jsonl"), [parse_record(obj)], [perfect(obj)])
    data = json.loads(json.dumps(reports_json([report])))
    assert data[0]["layers"]["quotes"]["f1"] == 1.0
    assert "precision" not in data[0]["layers"]["places"]  # partial: recall only
    assert data[0]["layers"]["events"]["by_type"]["PROTEST"]["recall"] == 1.0
    console = Console(record=True, width=120)
    render_table([report], console)
    shown = console.export_text()
    for words in ("g.jsonl: 1 records", "places (partial)", "acc@161km", "macro-F1"):
        assert words in shown


def test_evaluate_runs_the_pipeline_and_reports_progress(
    tmp_path: Path, pipeline: Pipeline
) -> None:
    path = tmp_path / "tiny.jsonl"
    blank = {"id": "blank", "text": "", "layers": ["events"], "events": []}
    records = [_gold_json(), blank]
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    ticks: list[int] = []
    assert count_records([path]) == 2
    [report] = evaluate([path], pipeline, progress=ticks.append)
    assert isinstance(report, FileReport)
    assert sum(ticks) == 2
    assert report.records == 1
    assert report.skipped == ("blank: the gold record has no text",)
    assert set(report.layers) >= {"quotes", "times", "places", "events", "actors"}


@needs_shared
@pytest.mark.parametrize("path", [SEED_GOLD])
def test_perfect_prediction_of_the_seed_scores_one(path: Path) -> None:
    obj = json.loads(path.read_text(encoding="utf-8").splitlines()[0])
    _all_scores_are_one(score_record(parse_record(obj), perfect(obj)))
