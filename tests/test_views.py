from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from typer.testing import CliRunner

from sitrep.cli import app
from sitrep.model import Actor, ActorRef, Article, Event, Extraction, Mention, Quote
from sitrep.views import rows

TEXT = "Kenya accused Somalia. The minister said talks failed."
MINISTER = ActorRef(((23, 35),), "the minister", None)
X = Extraction(
    article=Article(id="k1", text=TEXT),
    actors=(
        Actor("KEN", "Kenya", "KEN", None, "state"),
        Actor("SOM", "Somalia", "SOM", None, "state"),
    ),
    mentions=(Mention(((0, 5),), "Kenya", "KEN"), Mention(((14, 21),), "Somalia", "SOM")),
    quotes=(Quote(((41, 53),), ((36, 40),), ((23, 35),), None, "indirect", "2020-01-02"),),
    events=(
        Event("ACCUSE", None, "112", (ActorRef(((0, 5),), "Kenya", "KEN"),),
              (ActorRef(((14, 21),), "Somalia", "SOM"), MINISTER),
              evidence=((0, 22),), trigger=((6, 13),)),
    ),
)  # fmt: skip


def test_event_rows_name_both_sides() -> None:
    (row,) = rows("events", [X])
    assert row["type"] == "ACCUSE" and row["trigger"] == "accused"
    assert row["source"] == "Kenya" and row["source_country"] == "KEN"
    assert row["target"] == "Somalia; the minister" and row["target_country"] == "SOM; "


def test_actor_and_quote_rows() -> None:
    actors = list(rows("actors", [X]))
    assert [(a["actor"], a["mentions"]) for a in actors] == [("KEN", 1), ("SOM", 1)]
    (q,) = rows("quotes", [X])
    assert q["speaker"] == "The minister" and q["speaker_actor"] is None
    assert q["cue"] == "said" and q["content"] == "talks failed"


def test_rows_of_nothing() -> None:
    assert list(rows("events", [Extraction(article=Article(id="e", text="Calm."))])) == []


def test_events_command_csv(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_text("Israeli jets struck targets near Damascus on Monday.", encoding="utf-8")
    res = CliRunner().invoke(app, ["events", str(f), "--published", "2018-05-21", "-f", "csv"])
    assert res.exit_code == 0, res.output
    table = list(csv.DictReader(io.StringIO(res.stdout)))
    assert table and table[0]["type"] == "ASSAULT" and table[0]["date"] == "2018-05-21"


def test_actors_command_jsonl(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_text("French President Emmanuel Macron visited Mali.", encoding="utf-8")
    res = CliRunner().invoke(app, ["actors", str(f), "-f", "jsonl"])
    assert res.exit_code == 0, res.output
    found = {json.loads(line)["name"]: json.loads(line) for line in res.stdout.splitlines()}
    assert found["Emmanuel Macron"]["country"] == "FRA"
    assert found["Emmanuel Macron"]["sector"] == "GOV"
