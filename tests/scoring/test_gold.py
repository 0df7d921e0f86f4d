"""Loading sitrep-gold: typed records, and E013 with file, line and reason on a bad one."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from sitrep.errors import SitrepError
from sitrep.scoring.gold import GoldEvent, load_gold
from tests.conftest import DEV, SEED_GOLD, needs_shared

TEXT = "Farmers in Leeds marched on Tuesday against the new tax."


def _record(**changes: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "id": "r1", "text": TEXT, "published": "2022-09-13",
        "layers": ["events"], "partial_layers": ["places"],
        "events": [{"type": "PROTEST", "source": [{"text": "Farmers", "country": "GBR",
                                                   "sector": "CVL"}], "target": []}],
        "places": [{"span": [[11, 16]], "geonameid": 2644688, "lat": 53.8, "lon": -1.55}],
    }  # fmt: skip
    return base | changes


def _write(tmp_path: Path, *lines: str) -> Path:
    path = tmp_path / "gold.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_load_gold_reads_typed_records(tmp_path: Path) -> None:
    path = _write(tmp_path, "", json.dumps(_record()), "   ")
    [record] = load_gold(path)
    assert record.published == dt.date(2022, 9, 13)
    assert record.scored() == {"places": False, "events": True}
    assert record.places[0].span == ((11, 16),)
    assert record.events[0] == GoldEvent("PROTEST", (), record.events[0].source, (), None, True)
    assert record.events[0].source[0].country == "GBR"
    assert record.expected is None


def test_a_layer_not_annotated_is_not_scored(tmp_path: Path) -> None:
    """Items of a layer that is in neither list are read but never scored."""
    path = _write(tmp_path, json.dumps(_record(times=[{"span": [[26, 33]], "value": "x"}])))
    assert "times" not in load_gold(path)[0].scored()


@pytest.mark.parametrize(
    ("changes", "reason"),
    [
        ({"text": 5}, "'text' is not a string"),
        ({"layers": ["events", "moods"]}, "unknown layer"),
        ({"layers": ["events", "quotes"]}, "layer 'quotes' is annotated but has no 'quotes' list"),
        ({"partial_layers": ["events"], "layers": ["events"]}, "both full and partial"),
        ({"published": "13/09/2022"}, "not a YYYY-MM-DD date"),
        ({"places": [{"span": [[11, 99]], "geonameid": 1}]}, "outside the text"),
        ({"places": [{"span": [[16, 11]], "geonameid": 1}]}, "reversed"),
        ({"places": [{"span": [], "geonameid": 1}]}, "empty span list"),
        ({"places": [{"span": [[1, 2]], "geonameid": "x"}]}, "'geonameid' is not an integer"),
        ({"places": [{"span": [[1, 2]], "lat": 3.0}]}, "only one of 'lat' and 'lon'"),
        ({"events": [{"type": "RIOT", "source": [], "target": []}]}, "not a PLOVER type"),
        ({"events": [{"type": "PROTEST", "required": "no"}]}, "'required' is not true or false"),
        ({"title_expected": "Farm"} | {"boilerplate_expected": ["Menu"]}, "is not in the text"),
        ({"captions_expected": [500]}, "not an index into the text"),
    ],
)
def test_bad_record_raises_e013_with_line(
    tmp_path: Path, changes: dict[str, Any], reason: str
) -> None:
    path = _write(tmp_path, json.dumps(_record()), json.dumps(_record(**changes)))
    with pytest.raises(SitrepError) as info:
        load_gold(path)
    assert info.value.code == "E013"
    assert f"{path}:2:" in str(info.value)
    assert reason in str(info.value)


@pytest.mark.parametrize("line", ["{not json", "[1, 2]"])
def test_unreadable_line_raises_e013(tmp_path: Path, line: str) -> None:
    with pytest.raises(SitrepError, match=r"E013.*:1:"):
        load_gold(_write(tmp_path, line))


def test_missing_gold_file_raises_e001(tmp_path: Path) -> None:
    with pytest.raises(SitrepError, match="E001"):
        load_gold(tmp_path / "absent.jsonl")


@needs_shared
def test_every_dev_file_and_the_seed_load() -> None:
    paths = [*sorted(DEV.glob("*.jsonl")), SEED_GOLD]
    assert len(paths) >= 6
    for path in paths:
        records = load_gold(path)
        assert records, path
        assert all(r.scored() for r in records), path
    [seed] = load_gold(SEED_GOLD)
    assert seed.expected is not None and seed.expected.published_after is not None
